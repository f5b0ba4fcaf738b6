import { EVENT_COLUMNS } from '../stored-event-row';

/** Events whose transaction is older than every running one: nothing can commit below them any more (postgres-schema.ts). */
const SETTLED = 'transaction_id < pg_snapshot_xmin(pg_current_snapshot())';

/** Every statement the PostgreSQL event store runs. */
export const PG = {
  streamVersion: 'select coalesce(max(stream_position), 0) as version from events where stream_id = $1',
  readStream: `select ${EVENT_COLUMNS} from events where stream_id = $1 order by stream_position`,
  readAll: `select ${EVENT_COLUMNS} from events where global_position > $1 and ${SETTLED} order by global_position limit $2`,
  head: `select coalesce((select global_position from events where ${SETTLED} order by global_position desc limit 1), 0) as head`,
  findIdempotency: 'select scope, key, fingerprint, status_code, response from idempotency_keys where scope = $1 and key = $2',
} as const;

/** The unique constraint two appends at the same stream position collide on. */
export const STREAM_POSITION_CONSTRAINT = 'events_stream_position';
