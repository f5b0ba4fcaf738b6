import type { Database, Statement } from 'better-sqlite3';
import { EVENT_COLUMNS, type EventRow, type IdempotencyRow } from '../stored-event-row';

export { rebuildRow, type EventRow, type IdempotencyRow } from '../stored-event-row';

/** Every statement the store runs, prepared once per store. */
export function prepareStatements(db: Database) {
  return {
    streamVersion: db
      .prepare<[string], number | null>('SELECT max(stream_position) FROM events WHERE stream_id = ?')
      .pluck(),
    head: db.prepare<[], number | null>('SELECT max(global_position) FROM events').pluck(),
    /** A stream's last event: its version and stream hash (what the next event of the stream chains to). */
    streamTip: db
      .prepare<[string], [number, Buffer | null]>('SELECT stream_position, stream_hash FROM events WHERE stream_id = ? ORDER BY stream_position DESC LIMIT 1')
      .raw(true) as unknown as Statement<[string], [number, Buffer | null]>,
    /**
     * The log's last event, as the next append continues it: the highest position ever taken
     * (AUTOINCREMENT's, which never reuses one) and the global hash of the last event there is.
     */
    logTip: db
      .prepare<[], [number, Buffer | null]>(
        `SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0), coalesce((SELECT max(global_position) FROM events), 0)),
                (SELECT global_hash FROM events ORDER BY global_position DESC LIMIT 1)`,
      )
      .raw(true) as unknown as Statement<[], [number, Buffer | null]>,
    insertEvent: db.prepare<[number, string, string, number, string, number, string, string, string, Buffer, Buffer]>(
      `INSERT INTO events
         (global_position, event_id, stream_id, stream_position, message_type, message_schema_version, data, metadata, recorded_at, stream_hash, global_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    readStream: db
      .prepare<[string], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? ORDER BY stream_position`)
      .raw(true) as unknown as Statement<[string], EventRow>,
    readAll: db
      .prepare<[number, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?`,
      )
      .raw(true) as unknown as Statement<[number, number], EventRow>,
    insertIdempotency: db.prepare<[string, string, string, number, string, string]>(
      `INSERT INTO idempotency_keys (scope, key, fingerprint, status_code, response, created_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (scope, key) DO NOTHING`,
    ),
    findIdempotency: db.prepare<[string, string], IdempotencyRow>(
      'SELECT scope, key, fingerprint, status_code, response FROM idempotency_keys WHERE scope = ? AND key = ?',
    ),
  };
}

export type SqliteStatements = ReturnType<typeof prepareStatements>;
