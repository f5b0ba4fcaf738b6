import type { Database } from 'better-sqlite3';
import { ChainBuilder } from '../hash-chain/chain-builder';
import { hashBytes } from '../hash-chain/event-hash';

const PAGE = 5000;
/** How long a start waits for another process that is hashing the same store (ms). */
const WAIT_FOR_OTHER_MS = 30 * 60_000;
/** How often a long backfill reports its progress (ms). */
const PROGRESS_EVERY_MS = 5000;

interface UnhashedRow {
  globalPosition: number;
  eventId: string;
  streamId: string;
  streamPosition: number;
  type: string;
  schemaVersion: number;
  data: string;
  metadata: string;
  recordedAt: string;
}

const hasHashColumns = (db: Database) =>
  (db.prepare('SELECT name FROM pragma_table_info(\'events\')').pluck().all() as string[]).includes('global_hash');

/**
 * A store made before events carried hashes: adds the two columns and computes both chains
 * over the events already there, in global order, in one transaction (a start that stops
 * half-way leaves the store as it was and starts over next time). The chains vouch for those
 * events as they are at this moment, not as they were written.
 *
 * Another process starting on the same file meanwhile waits for the write lock, then finds the
 * columns there. Does nothing on a store that has them.
 */
export function addEventHashes(db: Database, log: (message: string) => void): void {
  if (hasHashColumns(db)) return;
  const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma(`busy_timeout = ${WAIT_FOR_OTHER_MS}`);
  try {
    db.transaction(() => {
      if (hasHashColumns(db)) return;
      db.exec('ALTER TABLE events ADD COLUMN stream_hash BLOB; ALTER TABLE events ADD COLUMN global_hash BLOB;');
      backfill(db, log);
    }).immediate();
  } finally {
    db.pragma(`busy_timeout = ${busyTimeout}`);
  }
}

function backfill(db: Database, log: (message: string) => void): void {
  const total = db.prepare('SELECT count(*) FROM events').pluck().get() as number;
  if (total === 0) return;
  log(`Event log: computing the hash chains of ${total} events written before events carried hashes`);
  const page = db.prepare<[number, number], UnhashedRow>(
    `SELECT global_position AS globalPosition, event_id AS eventId, stream_id AS streamId, stream_position AS streamPosition,
       message_type AS type, message_schema_version AS schemaVersion, data, metadata, recorded_at AS recordedAt
     FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?`,
  );
  const update = db.prepare<[Buffer, Buffer, number]>('UPDATE events SET stream_hash = ?, global_hash = ? WHERE global_position = ?');
  const chain = new ChainBuilder();
  let done = 0;
  let reported = Date.now();
  for (let rows = page.all(0, PAGE); rows.length > 0; rows = page.all(rows[rows.length - 1].globalPosition, PAGE)) {
    for (const row of rows) {
      const hashes = chain.next({ ...row, data: JSON.parse(row.data), metadata: JSON.parse(row.metadata) });
      update.run(hashBytes(hashes.streamHash), hashBytes(hashes.globalHash), row.globalPosition);
    }
    done += rows.length;
    if (Date.now() - reported >= PROGRESS_EVERY_MS) {
      reported = Date.now();
      log(`Event log: hashed ${done} of ${total} events`);
    }
  }
  log(`Event log: hashed all ${done} events; \`npm run cli -- verify\` checks the chains from now on`);
}
