import type { DomainEvent } from '@mandate/domain/shared/domain-event';

/** Expected version of a stream before an append: a number (0 = the stream must not exist yet) or 'any'. */
export type ExpectedVersion = number | 'any';

export interface StreamAppend {
  streamId: string;
  expectedVersion: ExpectedVersion;
  events: DomainEvent[];
}

/** The response a command produced, stored with its Idempotency-Key in the same transaction as its events. */
export interface IdempotencyRecord {
  /** Who sent the key (a user id): keys are scoped per user. */
  scope: string;
  key: string;
  /** Hash of the request (method, path, body) so a reused key with another request is detected. */
  fingerprint: string;
  statusCode: number;
  response: unknown;
}

export interface AppendOptions {
  idempotency?: IdempotencyRecord;
}

export interface AppendResult {
  /** New version of each stream, in request order. */
  streams: { streamId: string; version: number }[];
  /** Global position of the last event appended. */
  lastGlobalPosition: number;
}

export interface ReadAllOptions {
  /** Exclusive: events with a global position greater than this. 0 reads from the start. */
  after: number;
  limit: number;
}

export interface SubscribeOptions {
  /** Exclusive start position (a checkpoint). */
  after: number;
  batchSize?: number;
  signal?: AbortSignal;
}

/**
 * The event store port. Every adapter (SQLite, PostgreSQL, EventStoreDB) passes the same
 * contract suite. Events come back rebuilt as their registered classes, upcast to the
 * current schema, with `recorded` set.
 */
export interface EventStore {
  /** Atomically appends to one or more streams; a stale expected version throws ConcurrencyError. */
  append(appends: StreamAppend[], options?: AppendOptions): Promise<AppendResult>;
  readStream(streamId: string): Promise<DomainEvent[]>;
  /** Current version of a stream (0 if it does not exist). */
  streamVersion(streamId: string): Promise<number>;
  readAll(options: ReadAllOptions): Promise<DomainEvent[]>;
  /** Global position of the last event in the log (0 when empty). */
  headPosition(): Promise<number>;
  /** Catch-up then live: yields batches in global order until the signal aborts. */
  subscribe(options: SubscribeOptions): AsyncIterable<DomainEvent[]>;
  findIdempotency(scope: string, key: string): Promise<IdempotencyRecord | null>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
