import { Client } from 'pg';
import { ensurePostgresEventStoreSchema, openPostgresPool } from '@mandate/event-store';
import { createPostgresTestDatabase, type PostgresTestDatabase } from '@mandate/testing';
import { cli } from './support/cli-process';
import { ServerProcess, freePort } from './support/server-process';

/** Every table a projection fills, dumped in a fixed order: equal dumps, equal read models. */
async function dumpReadModels(url: string): Promise<Record<string, unknown[]>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = 'public'
       and table_name not in ('events', 'idempotency_keys', 'schema_migrations', 'projection_checkpoints') order by table_name`,
    );
    const dump: Record<string, unknown[]> = {};
    for (const { table_name: table } of tables) {
      const columns = (await client.query(`select * from ${table} limit 0`)).fields.length;
      const order = Array.from({ length: columns }, (_, i) => i + 1).join(', ');
      dump[table] = (await client.query(`select * from ${table} order by ${order}`)).rows;
    }
    return dump;
  } finally {
    await client.end();
  }
}

/** Copies the log of one database into another (positions and all), as a restore would. */
async function copyLog(from: string, to: string): Promise<number> {
  const [source, target] = [new Client({ connectionString: from }), new Client({ connectionString: to })];
  await Promise.all([source.connect(), target.connect()]);
  try {
    const columns = 'global_position, event_id, stream_id, stream_position, message_type, message_schema_version, data, metadata, recorded_at';
    const { rows } = await source.query(`select ${columns} from events order by global_position`);
    for (const row of rows) {
      await target.query(`insert into events (${columns}) overriding system value values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, Object.values(row));
    }
    return rows.length;
  } finally {
    await Promise.all([source.end(), target.end()]);
  }
}

/**
 * Two API processes (RUN_WORKER=0) and two worker processes on one PostgreSQL database, as a
 * province would run them behind a load balancer.
 */
describe('several instances on one PostgreSQL', () => {
  let database: PostgresTestDatabase;
  let replica: PostgresTestDatabase;
  const apis: ServerProcess[] = [];
  const workers: ServerProcess[] = [];
  const env = () => ({ EVENT_STORE: 'postgres', DATABASE_URL: database.url, ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: 'admin-password-1', LOG_LEVEL: 'info' });

  const call = async (api: ServerProcess, method: string, url: string, token?: string, body?: object, headers: Record<string, string> = {}) => {
    const res = await fetch(`${api.url}${url}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const login = async (username: string, password: string) => (await call(apis[0], 'POST', '/api/auth/login', undefined, { username, password })).body.accessToken as string;
  const holder = () => workers.find((w) => /this worker holds the worker lease/.test(w.output));

  beforeAll(async () => {
    database = await createPostgresTestDatabase('instances');
    // The first API creates the schema and the first admin; the others start on it.
    apis.push(new ServerProcess(await freePort(), { ...env(), RUN_WORKER: '0' }));
    await apis[0].start();
    apis.push(new ServerProcess(await freePort(), { ...env(), RUN_WORKER: '0' }));
    workers.push(ServerProcess.worker(env()), ServerProcess.worker(env()));
    await Promise.all([apis[1].start(), ...workers.map((w) => w.start())]);
  }, 180_000);

  afterAll(async () => {
    for (const p of [...apis, ...workers]) await p.kill();
    await database?.drop();
    await replica?.drop();
  });

  it('runs the projections in one worker, answers 409 to the loser of two concurrent commands, and loses nothing when the active worker is killed under load', async () => {
    // One worker holds the lease; the other stands by.
    await new Promise((r) => setTimeout(r, 500));
    expect(workers.filter((w) => /this worker holds the worker lease/.test(w.output))).toHaveLength(1);
    expect(workers.filter((w) => /standing by/.test(w.output))).toHaveLength(1);

    const admin = await login('admin', 'admin-password-1');
    const unitId = (await call(apis[0], 'POST', '/api/units', admin, { code: 'CA', name: 'Công an tỉnh', kind: 'agency' })).body.id;
    expect((await call(apis[1], 'POST', '/api/users', admin, { username: 'sec', password: 'password-123', displayName: 'Văn phòng', role: 'secretariat' })).status).toBe(201);
    expect((await call(apis[0], 'POST', '/api/users', admin, { username: 'dept', password: 'password-123', displayName: 'CA', role: 'department', unitId })).status).toBe(201);
    const [sec, dept] = [await login('sec', 'password-123'), await login('dept', 'password-123')];
    const tasks = Array.from({ length: 8 }, (_, i) => ({ title: `Nhiệm vụ ${i}`, leadUnitId: unitId, dueInWorkingDays: 20 }));
    const issued = await call(apis[1], 'POST', '/api/directives', sec, { code: '06-CT/TU', title: 'Đề án 06', tasks });
    expect(issued.status).toBe(201);
    const taskIds: string[] = issued.body.tasks.map((t: { id: string }) => t.id);
    for (const [i, id] of taskIds.entries()) expect((await call(apis[i % 2], 'POST', `/api/tasks/${id}/acknowledge`, dept)).status).toBe(200);

    // The same command at the same version through both APIs at once: one wins, one gets 409.
    const id = taskIds[0];
    for (let round = 0; round < 5; round++) {
      const { version } = (await call(apis[0], 'GET', `/api/tasks/${id}`, dept)).body;
      const results = await Promise.all(
        apis.map((api, a) => call(api, 'POST', `/api/tasks/${id}/progress`, dept, { percent: 10 * round + a + 1 }, { 'if-match': String(version) })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(results.find((r) => r.status === 409)!.body.code).toBe('version_conflict');
      expect((await call(apis[1], 'GET', `/api/tasks/${id}`, dept)).body.version).toBe(version + 1);
    }

    // Load through both APIs, without If-Match: every answer is 200 or 409, and every 200 is in the log once.
    const active = holder()!;
    expect(active).toBeDefined();
    const standby = workers.find((w) => w !== active)!;
    let stop = false;
    const acknowledged = new Map<string, number>();
    const statuses: number[] = [];
    const streams = taskIds.slice(1).map(async (taskId, s) => {
      for (let percent = 1; percent <= 100 && !stop; percent++) {
        const res = await call(apis[s % 2], 'POST', `/api/tasks/${taskId}/progress`, dept, { percent });
        statuses.push(res.status);
        if (res.status === 200) acknowledged.set(taskId, (acknowledged.get(taskId) ?? 0) + 1);
      }
    });
    await new Promise((r) => setTimeout(r, 1500));
    const killedAt = Date.now();
    await active.kill();
    await new Promise((r) => setTimeout(r, 3000));
    stop = true;
    await Promise.all(streams);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    expect(/Took over the worker lease/.test(standby.output)).toBe(true);

    // The survivor took over within seconds and the read models caught up with every acknowledged command.
    const head = await (async () => {
      const c = new Client({ connectionString: database.url });
      await c.connect();
      const { rows } = await c.query('select max(global_position)::int as head from events');
      await c.end();
      return rows[0].head as number;
    })();
    let caughtUp = false;
    for (let i = 0; i < 200 && !caughtUp; i++) {
      const health = (await call(apis[0], 'GET', '/api/health')).body;
      caughtUp = health.projections.every((p: { position: number }) => p.position >= head);
      if (!caughtUp) await new Promise((r) => setTimeout(r, 100));
    }
    expect(caughtUp).toBe(true);
    expect(Date.now() - killedAt).toBeLessThan(60_000);
    for (const taskId of taskIds.slice(1)) {
      const task = (await call(apis[1], 'GET', `/api/tasks/${taskId}`, sec)).body;
      const timeline = (await call(apis[0], 'GET', `/api/tasks/${taskId}/timeline`, sec)).body as { type: string }[];
      expect(timeline.filter((e) => e.type === 'TaskProgressReported')).toHaveLength(acknowledged.get(taskId) ?? 0);
      expect(task.version).toBe(timeline.length);
    }

    // The command line beside a running worker: reports read what it keeps; a rebuild needs its lease.
    const cliEnv = { EVENT_STORE: 'postgres', DATABASE_URL: database.url };
    const report = await cli(['report', 'status-summary', '--format', 'csv'], cliEnv);
    expect(report.code).toBe(0);
    expect(report.stdout).toMatch(/^\uFEFFas_of,from,to,unit_id/);
    expect(report.stdout).toContain('Công an tỉnh');
    const rebuild = await cli(['rebuild', 'tasks'], cliEnv);
    expect(rebuild.code).toBe(1);
    expect(rebuild.stderr).toContain('Another process holds the worker lease and runs the projections: stop the workers');

    // No event lost or applied twice in any read model: they equal a fresh projection of the same log.
    for (const w of workers) await w.kill();
    replica = await createPostgresTestDatabase('replica');
    const replicaPool = openPostgresPool(replica.url);
    await ensurePostgresEventStoreSchema(replicaPool);
    await replicaPool.end();
    // Positions have gaps (an append that lost its race rolled its numbers back): count the rows.
    const copied = await copyLog(database.url, replica.url);
    expect(copied).toBeGreaterThan(taskIds.length * 2);
    const verifier = ServerProcess.worker({ ...env(), DATABASE_URL: replica.url });
    workers.push(verifier);
    await verifier.start();
    const c = new Client({ connectionString: replica.url });
    await c.connect();
    for (let i = 0; i < 300; i++) {
      const { rows } = await c.query('select min(position)::int as low from projection_checkpoints');
      if (rows[0].low >= head) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await c.end();
    await verifier.kill();
    expect(await dumpReadModels(replica.url)).toEqual(await dumpReadModels(database.url));
  }, 180_000);
});
