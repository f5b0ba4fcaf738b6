import type { Database, Statement } from 'better-sqlite3';
import type { DomainEvent, EventMetadata } from '@mandate/domain/shared/domain-event';
import type { EventTypeRegistry } from '../event-type-registry';

const EVENT_COLUMNS =
  'global_position, event_id, stream_id, stream_position, message_type, message_schema_version, data, metadata, recorded_at';

/** A row of `events` in raw (array) mode, in EVENT_COLUMNS order: no per-row key objects. */
export type EventRow = [number, string, string, number, string, number, string, string, string];

/** Rebuilds a row as its event class; the JSON columns are parsed here, once. */
export function rebuildRow(registry: EventTypeRegistry, row: EventRow): DomainEvent {
  return registry.build(row[4], JSON.parse(row[6]), JSON.parse(row[7]) as EventMetadata, {
    eventId: row[1],
    streamId: row[2],
    streamPosition: row[3],
    globalPosition: row[0],
    recordedAt: row[8],
    schemaVersion: row[5],
  });
}

export interface IdempotencyRow {
  scope: string;
  key: string;
  fingerprint: string;
  status_code: number;
  response: string;
}

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
