import type { Pool, PoolClient } from 'pg';
import { withClient } from './postgres-transaction';

/** One step of a component's schema, applied once, in order, by version. */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

/** Serialises migrations across processes that start at once (pg_advisory_xact_lock key). */
const MIGRATION_LOCK = 0x6d616e64; // 'mand'

/**
 * Applies the migrations of `component` not applied yet, each in its own transaction, under
 * an advisory lock so that two processes starting together do not race; records each in
 * schema_migrations. Safe to call on every start.
 */
export async function migratePostgres(pool: Pool, component: string, migrations: readonly Migration[]): Promise<void> {
  await withClient(pool, async (client) => {
    await client.query(`create table if not exists schema_migrations (
      component text not null, version integer not null, description text not null,
      applied_at timestamptz not null default now(), primary key (component, version))`).catch(ignoreConcurrentCreate);
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      await transactionOn(client, async () => {
        await client.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        const done = await client.query('select 1 from schema_migrations where component = $1 and version = $2', [component, migration.version]);
        if (done.rowCount) return;
        await client.query(migration.sql);
        await client.query('insert into schema_migrations (component, version, description) values ($1, $2, $3)', [
          component,
          migration.version,
          migration.description,
        ]);
      });
    }
  });
}

async function transactionOn(client: PoolClient, work: () => Promise<void>): Promise<void> {
  await client.query('begin');
  try {
    await work();
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
}

/** Two sessions creating the same table at once: one fails on the catalog's unique index; the table is there. */
function ignoreConcurrentCreate(error: { code?: string }): void {
  if (error.code !== '23505' && error.code !== '42P07') throw error;
}
