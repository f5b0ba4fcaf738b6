import type { EventStore, EventTypeRegistry, HashedLog } from '@mandate/event-store';
import type { ReadModelDb } from '@mandate/projections';
import type { WorkerLease } from './worker-lease';

/**
 * Where a process keeps its events and read models (EVENT_STORE): the embedded SQLite file, or
 * PostgreSQL. It opens the event store and the read-model db on the same storage, runs what the
 * storage needs beside them, and releases it all on shutdown.
 */
export interface Storage {
  /** A short description for the start-up log (no password). */
  readonly description: string;
  openEventStore(registry: EventTypeRegistry, now: () => Date): Promise<EventStore>;
  /** The event log read raw with its hashes, for `verify` (after the schema is brought up to date, progress through `log`). */
  openHashedLog(log: (message: string) => void): Promise<HashedLog>;
  readModels(): ReadModelDb;
  /** The lease that lets one process at a time run the projections and timers; null where one process owns the storage. */
  workerLease(): WorkerLease | null;
  /** Background work of the storage (SQLite: WAL checkpoints); errors go to `logError`. */
  start(logError: (message: string) => void): void;
  close(): Promise<void>;
}

export const STORAGE = Symbol('STORAGE');
