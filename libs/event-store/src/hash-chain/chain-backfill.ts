import { ChainBuilder } from './chain-builder';
import { hashBytes } from './event-hash';
import type { HashedRow } from './hashed-log';

/** A stored event of a store written before events carried hashes. */
export type UnhashedRow = Omit<HashedRow, 'streamHash' | 'globalHash'>;

/** The columns of an UnhashedRow, named as it names them (each adapter's backfill selects them). */
export const UNHASHED_ROW_COLUMNS = `global_position as "globalPosition", event_id as "eventId", stream_id as "streamId",
  stream_position as "streamPosition", message_type as "type", message_schema_version as "schemaVersion", data, metadata,
  recorded_at as "recordedAt"`;

/** How many events a backfill reads and writes at a time. */
export const BACKFILL_PAGE = 5000;
/** How often a long backfill reports its progress (ms). */
const PROGRESS_EVERY_MS = 5000;

/**
 * Computes both chains over an older store's events, page after page in global order, and
 * reports its progress; each adapter reads the pages and writes the hashes its own way.
 */
export class ChainBackfill {
  private readonly chain = new ChainBuilder();
  private done = 0;
  private reported = Date.now();

  constructor(
    private readonly total: number,
    private readonly log: (message: string) => void,
  ) {
    log(`Event log: computing the hash chains of ${total} events written before events carried hashes`);
  }

  /** The stored hashes of one page of rows, in their order. */
  hashPage(rows: UnhashedRow[]): { globalPosition: number; streamHash: Buffer; globalHash: Buffer }[] {
    const hashed = rows.map((row) => {
      const globalPosition = Number(row.globalPosition);
      const hashes = this.chain.next({ ...row, globalPosition, data: JSON.parse(row.data), metadata: JSON.parse(row.metadata) });
      return { globalPosition, streamHash: hashBytes(hashes.streamHash), globalHash: hashBytes(hashes.globalHash) };
    });
    this.done += rows.length;
    if (Date.now() - this.reported >= PROGRESS_EVERY_MS) {
      this.reported = Date.now();
      this.log(`Event log: hashed ${this.done} of ${this.total} events`);
    }
    return hashed;
  }

  finish(): void {
    this.log(`Event log: hashed all ${this.done} events; \`npm run cli -- verify\` checks the chains from now on`);
  }
}
