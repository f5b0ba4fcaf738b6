import type { Pool } from 'pg';
import { APPEND_FUNCTION_SQL } from './postgres-append-function';
import { eventHashesMigration } from './postgres-hash-upgrade';
import { migratePostgres, type Migration } from './postgres-migrations';

/** The LISTEN/NOTIFY channel an append notifies (postgres-change-listener.ts). */
export const EVENTS_CHANNEL = 'mandate_events';

/**
 * The event log and the idempotency keys, as Emmett's PostgreSQL store keeps them: a global
 * position from an identity column, and with each event the id of the transaction that wrote
 * it. Identity values are taken when a row is inserted, not when its transaction commits, so
 * a transaction can commit position 12 while position 11's is still running; a reader that
 * went on from 12 would never see 11. Readers of the global log therefore take only events
 * whose transaction is older than every transaction still running
 * (`transaction_id < pg_snapshot_xmin(pg_current_snapshot())`): those are all committed or
 * rolled back. That alone holds only while transaction ids and positions come in the same
 * order; the appends' lock (postgres-append-function.ts) makes sure they do.
 *
 * A statement-level trigger notifies EVENTS_CHANNEL on every insert (delivered at commit),
 * which wakes live subscriptions in every process.
 *
 * Each event carries the hashes that chain it to the previous event of its stream and of the
 * log (hash-chain/event-hash.ts); mandate_append computes them (migration 3).
 */
const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'events, idempotency keys, notify on append',
    sql: `
      create table events (
        global_position        bigint generated always as identity primary key,
        transaction_id         xid8    not null default pg_current_xact_id(),
        event_id               text    not null unique,
        stream_id              text    not null,
        stream_position        integer not null,
        message_type           text    not null,
        message_schema_version integer not null,
        data                   text    not null,
        metadata               text    not null,
        recorded_at            text    not null,
        constraint events_stream_position unique (stream_id, stream_position)
      );
      create table idempotency_keys (
        scope       text    not null,
        key         text    not null,
        fingerprint text    not null,
        status_code integer not null,
        response    text    not null,
        created_at  text    not null,
        primary key (scope, key)
      );
      create function mandate_notify_events() returns trigger language plpgsql as $$
      begin
        perform pg_notify('${EVENTS_CHANNEL}', '');
        return null;
      end $$;
      create trigger events_notify after insert on events for each statement execute function mandate_notify_events();
    `,
  },
  // The function's current text (migration 3 replaced the one first created here; both run in one transaction on a new database).
  { version: 2, description: 'mandate_append: a batch of appends in one call', sql: APPEND_FUNCTION_SQL },
];

/**
 * Creates or updates the event store's tables; safe to run on every start, from several
 * processes at once. `log` hears the progress of a long migration.
 */
export async function ensurePostgresEventStoreSchema(pool: Pool, log: (message: string) => void = () => undefined): Promise<void> {
  await migratePostgres(pool, 'event-store', [...MIGRATIONS, eventHashesMigration(3, log)]);
}
