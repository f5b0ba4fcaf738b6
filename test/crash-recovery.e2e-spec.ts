import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ServerProcess, freePort } from './support/server-process';

/**
 * kill -9 the server while commands are being acknowledged, restart it on the same
 * file: every acknowledged command is still there and the read models agree with the log.
 */
describe('crash recovery (kill -9)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mandate-crash-'));
  let server: ServerProcess;

  const call = async (method: string, url: string, token?: string, body?: object) => {
    const res = await fetch(`${server.url}${url}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const login = async (username: string, password: string) => (await call('POST', '/api/auth/login', undefined, { username, password })).body.accessToken as string;

  beforeAll(async () => {
    server = new ServerProcess(await freePort(), { DATA_DIR: dataDir, ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: 'admin-password-1' });
    await server.start();
  }, 90_000);

  afterAll(async () => {
    await server.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged command and rebuilds consistent read models', async () => {
    const admin = await login('admin', 'admin-password-1');
    const unitId = (await call('POST', '/api/units', admin, { code: 'CA', name: 'Police', kind: 'agency' })).body.id;
    await call('POST', '/api/users', admin, { username: 'sec', password: 'password-123', displayName: 'S', role: 'secretariat' });
    await call('POST', '/api/users', admin, { username: 'dept', password: 'password-123', displayName: 'D', role: 'department', unitId });
    const sec = await login('sec', 'password-123');
    const dept = await login('dept', 'password-123');
    const tasks = Array.from({ length: 20 }, (_, i) => ({ title: `Task ${i}`, leadUnitId: unitId, dueInWorkingDays: 10 }));
    const issued = await call('POST', '/api/directives', sec, { code: '01-CT/TU', title: 'Crash test', tasks });
    expect(issued.status).toBe(201);
    const taskIds: string[] = issued.body.tasks.map((t: { id: string }) => t.id);
    for (const id of taskIds) expect((await call('POST', `/api/tasks/${id}/acknowledge`, dept)).status).toBe(200);

    // Fire progress reports at every task in parallel streams and kill the server mid-flight.
    const acknowledged = new Map<string, number>(); // taskId -> highest acknowledged percent
    let stop = false;
    const streams = taskIds.map(async (id) => {
      for (let percent = 1; percent <= 100 && !stop; percent++) {
        try {
          const res = await call('POST', `/api/tasks/${id}/progress`, dept, { percent });
          if (res.status === 200) acknowledged.set(id, percent);
        } catch {
          return; // connection cut by the kill
        }
      }
    });
    await new Promise((r) => setTimeout(r, 1500));
    await server.kill();
    stop = true;
    await Promise.all(streams);
    const total = [...acknowledged.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(0);

    await server.start();
    // The projections catch up from their checkpoints in the background after a restart.
    for (let i = 0; i < 100; i++) {
      const health = (await call('GET', '/api/health')).body;
      if (health.projections.every((p: { lag: number }) => p.lag === 0)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const leader = await login('sec', 'password-123');
    for (const id of taskIds) {
      const task = (await call('GET', `/api/tasks/${id}`, leader)).body;
      const timeline = (await call('GET', `/api/tasks/${id}/timeline`, leader)).body as { type: string; data: { percent?: number } }[];
      const reports = timeline.filter((e) => e.type === 'TaskProgressReported').map((e) => e.data.percent!);
      const lastInLog = reports.length ? reports[reports.length - 1] : 0;
      // Every acknowledged report survived...
      expect(lastInLog).toBeGreaterThanOrEqual(acknowledged.get(id) ?? 0);
      // ...and the read model agrees with the log.
      expect(task.percent).toBe(lastInLog);
      expect(task.version).toBe(timeline.length);
    }
  }, 120_000);
});
