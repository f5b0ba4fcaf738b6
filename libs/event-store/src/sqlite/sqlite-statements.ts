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
    insertEvent: db.prepare<[string, string, number, string, number, string, string, string]>(
      `INSERT INTO events
         (event_id, stream_id, stream_position, message_type, message_schema_version, data, metadata, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
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
