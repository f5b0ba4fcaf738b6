import { UNHASHED_ROW_COLUMNS } from './chain-backfill';

/** A stored event as the verifier reads it: every column its hashes cover, and the hashes. */
export interface HashedRow {
  globalPosition: number;
  eventId: string;
  streamId: string;
  streamPosition: number;
  type: string;
  schemaVersion: number;
  /** The JSON columns as stored (text). */
  data: string;
  metadata: string;
  recordedAt: string;
  /** Null on a row written without them (by hand, or by a writer that went around the store). */
  streamHash: Buffer | null;
  globalHash: Buffer | null;
}

/**
 * The event log read raw, for verification: no event classes, no upcasting, the stored text as
 * it is. Each adapter has one (sqlite-hashed-log.ts, postgres-hashed-log.ts).
 */
export interface HashedLog {
  /**
   * True where no position is ever skipped (SQLite: one writer, and a rolled-back append gives
   * its positions back), so a missing position is a removed event even where the chain goes on
   * over it. PostgreSQL can skip a position (an append that rolled back after taking it).
   */
  readonly gapFree: boolean;
  /** Global position of the last event (0 when the log is empty). */
  head(): Promise<number>;
  /** Events with `after` < global position <= `upTo`, in global order, at most `limit`. */
  read(after: number, upTo: number, limit: number): Promise<HashedRow[]>;
  /** Global position of a stream's event at `streamPosition`, or null if there is none. */
  positionOf(streamId: string, streamPosition: number): Promise<number | null>;
  close(): Promise<void>;
}

/** The columns a HashedLog selects, named as HashedRow names them. */
export const HASHED_ROW_COLUMNS = `${UNHASHED_ROW_COLUMNS}, stream_hash as "streamHash", global_hash as "globalHash"`;
