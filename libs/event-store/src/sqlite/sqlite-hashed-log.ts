import type { Database, Statement } from 'better-sqlite3';
import { HASHED_ROW_COLUMNS, type HashedLog, type HashedRow } from '../hash-chain/hashed-log';

/** The SQLite event log read raw, for verification. The caller owns the connection. */
export class SqliteHashedLog implements HashedLog {
  readonly gapFree = true;
  private readonly statements: {
    head: Statement<[], number>;
    read: Statement<[number, number, number], HashedRow>;
    positionOf: Statement<[string, number], number>;
  };

  constructor(db: Database) {
    this.statements = {
      head: db.prepare<[], number>('SELECT coalesce(max(global_position), 0) FROM events').pluck(),
      read: db.prepare<[number, number, number], HashedRow>(
        `SELECT ${HASHED_ROW_COLUMNS} FROM events WHERE global_position > ? AND global_position <= ? ORDER BY global_position LIMIT ?`,
      ),
      positionOf: db.prepare<[string, number], number>('SELECT global_position FROM events WHERE stream_id = ? AND stream_position = ?').pluck(),
    };
  }

  async head(): Promise<number> {
    return this.statements.head.get()!;
  }

  async read(after: number, upTo: number, limit: number): Promise<HashedRow[]> {
    return this.statements.read.all(after, upTo, limit);
  }

  async positionOf(streamId: string, streamPosition: number): Promise<number | null> {
    return this.statements.positionOf.get(streamId, streamPosition) ?? null;
  }

  async close(): Promise<void> {
    // The connection is the caller's.
  }
}
