import type { Database } from 'better-sqlite3';
import { addEventHashes } from './sqlite-hash-upgrade';

/**
 * The event log and the idempotency keys, in the SQLite file the read models share.
 * Modelled on Emmett's SQLite store: a global position from an AUTOINCREMENT rowid and a
 * unique (stream_id, stream_position) index that both finds a stream's version and
 * guards against two writers taking the same position.
 *
 * SQLite has one writer at a time and AUTOINCREMENT never reuses a rolled-back value, so
 * global positions are gap-free and commit in order: a reader that has seen position N
 * will never later find an event committed below N (the PostgreSQL adapter has to work
 * for that guarantee; here it comes with the engine).
 *
 * Each event carries the hashes that chain it to the previous event of its stream and of the
 * log (hash-chain/event-hash.ts), and its data and metadata as canonical JSON (keys sorted), the
 * text the hashes cover. A store made before them gets the hashes on its first start
 * (sqlite-hash-upgrade.ts).
 */
export const SQLITE_EVENT_STORE_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  global_position        INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id               TEXT    NOT NULL UNIQUE,
  stream_id              TEXT    NOT NULL,
  stream_position        INTEGER NOT NULL,
  message_type           TEXT    NOT NULL,
  message_schema_version INTEGER NOT NULL,
  data                   TEXT    NOT NULL,
  metadata               TEXT    NOT NULL,
  recorded_at            TEXT    NOT NULL,
  stream_hash            BLOB,
  global_hash            BLOB,
  UNIQUE (stream_id, stream_position)
) STRICT;

CREATE TABLE IF NOT EXISTS idempotency_keys (
  scope       TEXT    NOT NULL,
  key         TEXT    NOT NULL,
  fingerprint TEXT    NOT NULL,
  status_code INTEGER NOT NULL,
  response    TEXT    NOT NULL,
  created_at  TEXT    NOT NULL,
  PRIMARY KEY (scope, key)
) STRICT, WITHOUT ROWID;
`;

/**
 * Creates the tables if they do not exist yet, and gives the events of an older store their
 * hashes (reporting progress through `log`); safe to run on every start.
 */
export function ensureSqliteEventStoreSchema(db: Database, log: (message: string) => void = () => undefined): void {
  db.exec(SQLITE_EVENT_STORE_SCHEMA);
  addEventHashes(db, log);
}
