import type { Pool } from 'pg';
import { ALL_EVENT_CLASSES } from '@mandate/domain';
import { EventTypeRegistry, PostgresEventStore, openPostgresPool } from '@mandate/event-store';
import { PostgresReadModelDb, type Projection } from '@mandate/projections';
import { project06History } from '@mandate/projections/test-support/project-06.history';
import { createPostgresTestDatabase, type PostgresTestDatabase } from '@mandate/testing';
import { ProjectionAdmin, SUPERVISE_MS } from './projection-admin';
import { PostgresWorkerLease } from './storage/postgres-worker-lease';

/** Every event once: applying one twice fails on the primary key, and the projection with it. */
const counting: Projection = {
  name: 'counted',
  version: 1,
  tables: ['lease_counted'],
  handles: ALL_EVENT_CLASSES.map((c) => c.type),
  schema: () => [{ sql: 'create table if not exists lease_counted (position bigint primary key, type text not null)', parameters: [] }],
  apply: (event) => [{ sql: 'insert into lease_counted (position, type) values ($1, $2)', parameters: [event.recorded!.globalPosition, event.type] }],
};

/** A worker process: its own pool, store, read-model db and lease on the shared database. */
async function worker(url: string) {
  const pool = openPostgresPool(url);
  const store = await PostgresEventStore.open(pool, new EventTypeRegistry().register(...ALL_EVENT_CLASSES), () => new Date('2026-05-01T00:00:00Z'), { pollIntervalMs: 20 });
  const admin = new ProjectionAdmin(store, new PostgresReadModelDb(pool), true, [counting], new PostgresWorkerLease(pool.options));
  const hooks = { activations: 0, deactivations: 0 };
  await admin.start({ active: () => void hooks.activations++, inactive: async () => void hooks.deactivations++ });
  return { pool, store, admin, hooks, close: async () => (await admin.onApplicationShutdown(), await store.close(), await pool.end()) };
}

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

describe('the worker lease on PostgreSQL', () => {
  let database: PostgresTestDatabase;
  let admin: Pool;
  const workers: Awaited<ReturnType<typeof worker>>[] = [];

  beforeEach(async () => {
    database = await createPostgresTestDatabase('lease');
    admin = openPostgresPool(database.url);
  });
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.close();
    await admin.end();
    await database.drop();
  });

  it('lets one worker run the projections; when its connection dies the other takes over within seconds, and no event is lost or applied twice', async () => {
    const planned = project06History().planned;
    const writer = await PostgresEventStore.open(admin, new EventTypeRegistry().register(...ALL_EVENT_CLASSES), () => new Date('2026-05-01T00:00:00Z'));
    const [a, b] = [await worker(database.url), await worker(database.url)];
    workers.push(a, b);
    expect(a.admin.runsInProcess).toBe(true);
    expect(b.admin.runsInProcess).toBe(false);
    expect(a.hooks).toEqual({ activations: 1, deactivations: 0 });
    expect(b.hooks.activations).toBe(0);

    const half = Math.floor(planned.length / 2);
    let head = 0;
    for (const { streamId, event } of planned.slice(0, half)) ({ lastGlobalPosition: head } = await writer.append([{ streamId, expectedVersion: 'any', events: [event] }]));
    await a.admin.waitFor(head);
    expect((await b.admin.status()).map((s) => s.state)).toEqual(['standby']);

    // The holder's lease connection dies (as when its process is killed) while appends go on.
    const appending = (async () => {
      for (const { streamId, event } of planned.slice(half)) ({ lastGlobalPosition: head } = await writer.append([{ streamId, expectedVersion: 'any', events: [event] }]));
    })();
    await admin.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'mandate worker lease'
       and pid in (select pid from pg_locks where locktype = 'advisory' and granted)`,
    );
    const tookOver = await until(() => b.admin.runsInProcess, 'the standby worker to take over');
    expect(tookOver).toBeLessThan(5_000);
    await appending;
    expect(a.admin.runsInProcess).toBe(false);
    expect(a.hooks.deactivations).toBe(1);
    expect(b.hooks.activations).toBe(1);

    await b.admin.waitFor(head);
    const { rows } = await admin.query<{ n: number; max: number }>('select count(*) as n, max(position) as max from lease_counted');
    expect(rows[0]).toEqual({ n: head, max: head });
    expect((await b.admin.status()).map((s) => s.state)).toEqual(['running']);
    // The first worker stands by again, and would take over in turn.
    expect((await a.admin.status()).map((s) => s.state)).toEqual(['standby']);
    await writer.close();
  });

  it('outlives its database connections being ended (a failover, a network cut), and applies every event once', async () => {
    const planned = project06History().planned;
    const writer = await PostgresEventStore.open(admin, new EventTypeRegistry().register(...ALL_EVENT_CLASSES), () => new Date('2026-05-01T00:00:00Z'));
    const a = await worker(database.url);
    workers.push(a);
    let head = 0;
    const half = Math.floor(planned.length / 2);
    for (const { streamId, event } of planned.slice(0, half)) ({ lastGlobalPosition: head } = await writer.append([{ streamId, expectedVersion: 'any', events: [event] }]));
    await a.admin.waitFor(head);
    // Every connection of the worker but its lease's ends (a failover, a network cut).
    await admin.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database()
       and pid <> pg_backend_pid() and application_name <> 'mandate worker lease'`,
    );
    for (const { streamId, event } of planned.slice(half)) ({ lastGlobalPosition: head } = await writer.append([{ streamId, expectedVersion: 'any', events: [event] }]));
    await until(async () => (await admin.query<{ n: number }>('select count(*) as n from lease_counted')).rows[0].n === head, 'the projection to catch up again', 20_000);
    expect((await a.admin.status()).map((s) => s.state)).toEqual(['running']);
    expect(a.admin.runsInProcess).toBe(true);
    await writer.close();
  }, 30_000);

  it('restarts a projection that failed (a transient error) within seconds, from its checkpoint', async () => {
    const planned = project06History().planned.slice(0, 40);
    const writer = await PostgresEventStore.open(admin, new EventTypeRegistry().register(...ALL_EVENT_CLASSES), () => new Date('2026-05-01T00:00:00Z'));
    let head = 0;
    for (const { streamId, event } of planned.slice(0, 20)) ({ lastGlobalPosition: head } = await writer.append([{ streamId, expectedVersion: 'any', events: [event] }]));
    let failures = 0;
    const failAt = head + 5;
    const flaky: Projection = {
      ...counting,
      apply: (event, qb) => {
        if (event.recorded!.globalPosition === failAt && failures++ === 0) throw new Error('the database went away for a moment');
        return counting.apply(event, qb);
      },
    };
    const pool = openPostgresPool(database.url);
    const store = await PostgresEventStore.open(pool, new EventTypeRegistry().register(...ALL_EVENT_CLASSES), () => new Date('2026-05-01T00:00:00Z'), { pollIntervalMs: 20 });
    const flakyAdmin = new ProjectionAdmin(store, new PostgresReadModelDb(pool), true, [flaky], new PostgresWorkerLease(pool.options));
    workers.push({ pool, store, admin: flakyAdmin, hooks: { activations: 0, deactivations: 0 }, close: async () => (await flakyAdmin.onApplicationShutdown(), await store.close(), await pool.end()) });
    await flakyAdmin.start();
    await flakyAdmin.waitFor(head);
    for (const { streamId, event } of planned.slice(20)) ({ lastGlobalPosition: head } = await writer.append([{ streamId, expectedVersion: 'any', events: [event] }]));
    await until(async () => (await flakyAdmin.status())[0].state === 'failed', 'the projection to fail');
    const restartedIn = await until(async () => (await admin.query<{ n: number }>('select count(*) as n from lease_counted')).rows[0].n === head, 'the restarted projection to catch up', 15_000);
    expect(restartedIn).toBeLessThan(SUPERVISE_MS + 3_000);
    expect(failures).toBe(2); // the event failed once, then the restarted runner applied it
    expect((await flakyAdmin.status())[0].state).toBe('running');
    await writer.close();
  }, 30_000);

  it('a worker that shuts down hands the lease over', async () => {
    const [a, b] = [await worker(database.url), await worker(database.url)];
    workers.push(b);
    expect(a.admin.runsInProcess).toBe(true);
    await a.close();
    await until(() => b.admin.runsInProcess, 'the standby worker to take over');
    expect(b.hooks.activations).toBe(1);
  });
});
