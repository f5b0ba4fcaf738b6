import type { Actor } from '@mandate/domain';

/** What travels with every command besides its payload. */
export interface CommandMeta {
  actor: Actor;
  correlationId: string;
  causationId?: string;
  /** From If-Match: the version the client last saw. */
  expectedVersion?: number;
  /** From Idempotency-Key, with a fingerprint of the request and the status code a success answers. */
  idempotency?: { key: string; fingerprint: string; statusCode: number };
}

/** What a command answers: the affected resource and its new version. */
export interface CommandResult {
  id: string;
  version: number;
  [extra: string]: unknown;
}

/** A command result plus the global position of its last event, for read-your-writes. */
export interface CommandOutcome<R extends CommandResult = CommandResult> {
  result: R;
  statusCode: number;
  position: number;
  replayed: boolean;
  /** False when the read models had not applied the events before the answer. */
  projected: boolean;
}

export abstract class Command<P extends object = object> {
  constructor(
    readonly payload: P,
    readonly meta: CommandMeta,
  ) {}
}
