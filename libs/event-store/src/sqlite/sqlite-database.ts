import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';

export interface SqliteDatabaseOptions {
  /**
   * When a commit reaches the disk. With WAL, `NORMAL` (the default) fsyncs only at
   * checkpoints: a commit survives a killed process (it is in the WAL file, which the OS
   * holds), but a power loss or OS crash can lose the last transactions before the next
   * checkpoint; the database itself stays consistent. `FULL` fsyncs the WAL on every
   * commit, so an acknowledged command survives power loss too, at a cost in write rate.
   */
  synchronous?: 'NORMAL' | 'FULL';
  /** How long a writer waits for another connection's lock before SQLITE_BUSY (ms). */
  busyTimeoutMs?: number;
  /** SQLite's page cache of this connection, in MiB (default DEFAULT_SQLITE_CACHE_MIB). */
  cacheMib?: number;
}

/**
 * The page cache unless told otherwise (the server: SQLITE_CACHE_MIB). 256 MiB rebuilt a
 * 200,000-task store 8% faster but slowed a burst of timers by a fifth (docs/benchmarks.md).
 */
export const DEFAULT_SQLITE_CACHE_MIB = 64;

/**
 * Opens (creating its folder if needed) the one SQLite file the event store, read models,
 * timers and checkpoints share, with WAL so readers never block the writer.
 */
export function openSqliteDatabase(file: string, options: SqliteDatabaseOptions = {}): Database {
  const { synchronous = 'NORMAL', busyTimeoutMs = 5000, cacheMib = DEFAULT_SQLITE_CACHE_MIB } = options;
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
    db.pragma('foreign_keys = ON');
    // When the WAL starts over after a checkpoint, cut its file back to 64 MiB instead of
    // keeping the largest size it ever reached.
    db.pragma('journal_size_limit = 67108864');
    db.pragma(`cache_size = -${Math.max(1, Math.trunc(cacheMib)) * 1024}`);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
