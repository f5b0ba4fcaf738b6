import type { Database } from 'better-sqlite3';
import { BACKFILL_PAGE, ChainBackfill, UNHASHED_ROW_COLUMNS, type UnhashedRow } from '../hash-chain/chain-backfill';

/** How long a start waits for another process that is hashing the same store (ms). */
const WAIT_FOR_OTHER_MS = 30 * 60_000;

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
  const backfill = new ChainBackfill(total, log);
  const page = db.prepare<[number, number], UnhashedRow>(`SELECT ${UNHASHED_ROW_COLUMNS} FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?`);
  const update = db.prepare<[Buffer, Buffer, number]>('UPDATE events SET stream_hash = ?, global_hash = ? WHERE global_position = ?');
  for (let rows = page.all(0, BACKFILL_PAGE); rows.length > 0; rows = page.all(rows[rows.length - 1].globalPosition, BACKFILL_PAGE)) {
    for (const { globalPosition, streamHash, globalHash } of backfill.hashPage(rows)) update.run(streamHash, globalHash, globalPosition);
  }
  backfill.finish();
}
