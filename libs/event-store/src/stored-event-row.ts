import type { DomainEvent, EventMetadata } from '@mandate/domain/shared/domain-event';
import type { IdempotencyRecord } from './event-store.port';
import type { EventTypeRegistry } from './event-type-registry';

/** The columns of a stored event, as every SQL adapter selects them (in this order). */
export const EVENT_COLUMNS =
  'global_position, event_id, stream_id, stream_position, message_type, message_schema_version, data, metadata, recorded_at';

/** A stored event in array form, in EVENT_COLUMNS order: no per-row key objects. */
export type EventRow = [number, string, string, number, string, number, string, string, string];

/** Rebuilds a row as its event class, upcast to the current schema; the JSON columns are parsed here, once. */
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

/** A stored idempotency key, as every SQL adapter selects it. */
export interface IdempotencyRow {
  scope: string;
  key: string;
  fingerprint: string;
  status_code: number;
  response: string;
}

export function toIdempotencyRecord(row: IdempotencyRow): IdempotencyRecord {
  return { scope: row.scope, key: row.key, fingerprint: row.fingerprint, statusCode: row.status_code, response: JSON.parse(row.response) };
}
