import type { Pool, PoolClient } from 'pg';
import { inTransaction } from './postgres-transaction';

/** One step of a component's schema, applied once, in order, by version. */
export interface Migration {
  version: number;
  description: string;
  sql: string;
  /** Work done in Node after `sql`, in the same transaction (a backfill that SQL alone cannot compute). */
  run?(client: PoolClient): Promise<void>;
}

/**
 * The advisory lock every schema change takes (the event store's migrations, the read models'
 * tables and a replay's indexes), so that processes starting at once take turns.
 */
const MIGRATION_LOCK = 0x6d616e64; // 'mand'

/** Takes MIGRATION_LOCK until the client's transaction ends. */
export function takeMigrationLock(client: PoolClient): Promise<unknown> {
  return client.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
}

/**
 * Applies the migrations of `component` not applied yet, in one transaction that first takes
 * an advisory lock, so that processes starting together take turns (the second finds the work
 * done); records each in schema_migrations. Safe to call on every start.
 */
export async function migratePostgres(pool: Pool, component: string, migrations: readonly Migration[]): Promise<void> {
  await inTransaction(pool, async (client) => {
    await takeMigrationLock(client);
    await client.query(`create table if not exists schema_migrations (
      component text not null, version integer not null, description text not null,
      applied_at timestamptz not null default now(), primary key (component, version))`);
    const { rows } = await client.query<{ version: number }>('select version from schema_migrations where component = $1', [component]);
    const done = new Set(rows.map((r) => r.version));
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql);
      await migration.run?.(client);
      await client.query('insert into schema_migrations (component, version, description) values ($1, $2, $3)', [component, migration.version, migration.description]);
    }
  });
}
