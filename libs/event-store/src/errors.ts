import type { IdempotencyRecord } from './event-store.port';

/** A stream was not at the expected version: another command won. The API answers 409. */
export class ConcurrencyError extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number | 'any',
    readonly actualVersion: number,
  ) {
    super(`Stream ${streamId} is at version ${actualVersion}, expected ${expectedVersion}`);
    this.name = 'ConcurrencyError';
  }
}

/** The Idempotency-Key was already used; carries the stored record so the first response can be replayed. */
export class IdempotencyKeyUsed extends Error {
  constructor(readonly record: IdempotencyRecord) {
    super(`Idempotency-Key ${record.key} was already used`);
    this.name = 'IdempotencyKeyUsed';
  }
}

/** A stored event type with no registered class. */
export class UnknownEventType extends Error {
  constructor(readonly eventType: string) {
    super(`No event class registered for stored type "${eventType}"`);
    this.name = 'UnknownEventType';
  }
}

/** A stored event cannot be brought to the current schema: a gap in the upcaster chain, or a version newer than the class. */
export class MissingUpcaster extends Error {
  constructor(
    readonly eventType: string,
    readonly fromVersion: number,
    readonly toVersion: number,
  ) {
    super(`Cannot upcast "${eventType}" from schema version ${fromVersion} to ${toVersion}: no upcaster registered`);
    this.name = 'MissingUpcaster';
  }
}
