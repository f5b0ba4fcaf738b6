import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Response } from 'supertest';
import { startTestApp, type TestApp } from './support/test-app';
import { expectStatus } from './support/api-client';
import { ISSUED_AT, NOW, SecurityWorld, later, type SignedInSubject } from './support/security-scenario';
import { AUTHORIZATION_MATRIX, SUBJECTS, rowKey, type Cell, type Method, type Subject } from './security/authorization-matrix';
import { SECURITY_DOC, matrixTableIn, renderMatrixTable } from './security/security-doc';

/** One request a cell sends. */
interface Probe {
  method: Method;
  url: string;
  body?: object;
  /**
   * For a read: strings that are in the answer when it shows the row under test (the matrix's
   * `sees`), none of them when it does not; null when this answer cannot show it either way.
   */
  markers?: string[] | null;
  /** For a command the caller may send: it appends to the log. */
  appends?: boolean;
}

type Recipe = (subject: Subject) => Probe | Probe[] | Promise<Probe | Probe[]>;

const DIRECTIVE_TITLE = 'Chỉ thị về chuyển đổi số Alpha';
const DIRECTIVE_SEARCH = 'chuyen doi so alpha';

/**
 * The authorization matrix (test/security/authorization-matrix.ts) against the running API:
 * every endpoint of the OpenAPI document has a row, every cell is sent with a valid request (so
 * that only authorization can refuse it) on fresh data of its own, and a refused command
 * leaves the event log as it was.
 */
describe('authorization matrix', () => {
  let t: TestApp;
  let w: SecurityWorld;
  /** The task under test: led by unit A, coordinated by unit B, overdue now; and its directive. */
  let task: { id: string; directiveId: string };

  beforeAll(async () => {
    // No background sweeps: timers fire only when the clock is moved, so the log grows only by the requests.
    t = await startTestApp({ TIMER_SWEEP_MS: '3600000' });
    t.clock.pin(new Date(ISSUED_AT));
    w = await SecurityWorld.build(t);
    const directive = await w.issue([{ title: 'Alpha task under test', leadUnitId: w.units.a, coordinatingUnitIds: [w.units.b], dueInWorkingDays: 1 }], DIRECTIVE_TITLE);
    task = { id: directive.tasks[0].id, directiveId: directive.id };
    // Unit C's own task, so that its department's lists and reports are not empty.
    await w.issue([{ title: 'Charlie task', leadUnitId: w.units.c, dueInWorkingDays: 1 }]);
    expectStatus(await w.users.own.post(`/api/tasks/${task.id}/acknowledge`), 200);
    await w.at(NOW);
  });

  afterAll(() => t?.close());

  const recipes: Record<string, Recipe> = {
    'POST /api/auth/login': (s) => {
      const as: SignedInSubject = s === 'anonymous' ? 'own' : s;
      return { method: 'POST', url: '/api/auth/login', body: { username: w.usernames[as], password: w.password(as) } };
    },
    'POST /api/auth/refresh': () => ({ method: 'POST', url: '/api/auth/refresh', body: {} }),
    'GET /api/me': () => get('/api/me'),
    'GET /api/health': () => get('/api/health'),
    'GET /metrics': () => get('/metrics'),

    'POST /api/units': () => {
      const n = w.next();
      return command('/api/units', { code: `UNIT${n}`, name: `Unit ${n}`, kind: 'department' });
    },
    'GET /api/units': () => get('/api/units', [w.units.a]),
    'POST /api/users': () => {
      const n = w.next();
      return command('/api/users', { username: `user${n}`, password: 'password-123', displayName: `User ${n}`, role: 'department', unitId: w.units.d });
    },
    'GET /api/users': () => get('/api/users', [w.users.own.id]),
    'POST /api/users/{id}/role': async () => command(`/api/users/${await w.freshUser()}/role`, { role: 'leader' }),
    'POST /api/users/{id}/disable': async () => command(`/api/users/${await w.freshUser()}/disable`, { reason: 'Moved to another post' }),
    'POST /api/users/{id}/enable': async () => command(`/api/users/${await w.freshUser(true)}/enable`),
    'GET /api/users/{id}/audit': () => get(`/api/users/${w.users.own.id}/audit`),

    'POST /api/directives': () => {
      const n = w.next();
      return command('/api/directives', {
        code: `${n}-KH/TU`,
        title: `Plan ${n}`,
        tasks: [{ title: `Task ${n}`, leadUnitId: w.units.a, coordinatingUnitIds: [w.units.b], dueInWorkingDays: 10 }],
      });
    },
    'GET /api/directives': () => [
      get('/api/directives', [task.directiveId]),
      get(`/api/directives?q=${encodeURIComponent(DIRECTIVE_SEARCH)}`, [task.directiveId]),
    ],
    'GET /api/directives/{id}': () => get(`/api/directives/${task.directiveId}`, [task.id]),
    'GET /api/directives/{id}/timeline': () => get(`/api/directives/${task.directiveId}/timeline`, [task.id]),
    'POST /api/directives/{id}/amend': async () => command(`/api/directives/${(await w.issue()).id}/amend`, { changes: { title: 'Amended title' }, reason: 'Wording' }),
    'POST /api/directives/{id}/tasks': async () =>
      command(`/api/directives/${(await w.issue()).id}/tasks`, { task: { title: 'Added task', leadUnitId: w.units.a, dueInWorkingDays: 10 } }),
    'POST /api/directives/{id}/cancel': async () => command(`/api/directives/${(await w.issue()).id}/cancel`, { reason: 'Replaced' }),

    'GET /api/tasks': () => [
      get('/api/tasks', [task.id]),
      get(`/api/tasks?unitId=${w.units.a}`, [task.id]),
      get(`/api/tasks?directiveId=${task.directiveId}`, [task.id]),
    ],
    'GET /api/tasks/{id}': () => get(`/api/tasks/${task.id}`, [task.id]),
    'GET /api/tasks/{id}/timeline': () => get(`/api/tasks/${task.id}/timeline`, [task.id]),

    'POST /api/tasks/{id}/acknowledge': async () => command(`/api/tasks/${(await w.freshTask()).id}/acknowledge`),
    'POST /api/tasks/{id}/progress': async (s) =>
      command(`/api/tasks/${(await w.freshTask('acknowledged')).id}/progress`, s === 'coordinator' ? { note: 'Shared our data' } : { percent: 10, note: 'Started' }),
    'POST /api/tasks/{id}/obstacles': async () => command(`/api/tasks/${(await w.freshTask()).id}/obstacles`, { category: 'funding', description: 'No money' }),
    'POST /api/tasks/{id}/obstacles/{obstacleId}/resolve': async () => {
      const x = await w.freshTask('obstacle');
      return command(`/api/tasks/${x.id}/obstacles/${x.obstacleId}/resolve`, { resolution: 'Funded' });
    },
    'POST /api/tasks/{id}/extension-request': async () => {
      const x = await w.freshTask();
      return command(`/api/tasks/${x.id}/extension-request`, { requestedDueAt: later(x.dueAt), reason: 'More time' });
    },
    'POST /api/tasks/{id}/extension-decision': async () => command(`/api/tasks/${(await w.freshTask('extension_pending')).id}/extension-decision`, { approve: true }),
    'POST /api/tasks/{id}/completion': async () => command(`/api/tasks/${(await w.freshTask('acknowledged')).id}/completion`, { report: 'Done' }),
    'POST /api/tasks/{id}/review': async () => command(`/api/tasks/${(await w.freshTask('submitted')).id}/review`, { accept: true }),
    'POST /api/tasks/{id}/reassign': async () => command(`/api/tasks/${(await w.freshTask()).id}/reassign`, { leadUnitId: w.units.d, reason: 'Delta owns it' }),
    'POST /api/tasks/{id}/cancel': async () => command(`/api/tasks/${(await w.freshTask()).id}/cancel`, { reason: 'Merged' }),
    'POST /api/tasks/{id}/urge': async () => command(`/api/tasks/${(await w.freshTask()).id}/urge`, { message: 'Hurry' }),
    'POST /api/tasks/{id}/escalate': async () => command(`/api/tasks/${(await w.freshTask()).id}/escalate`, { reason: 'Slow' }),
    'POST /api/tasks/{id}/instructions': async () => command(`/api/tasks/${(await w.freshTask()).id}/instructions`, { text: 'Finish it first' }),
    'POST /api/tasks/{id}/explanation-request': async () => command(`/api/tasks/${(await w.freshTask()).id}/explanation-request`, { question: 'Why so slow?' }),
    'POST /api/tasks/{id}/explanation': async () => command(`/api/tasks/${(await w.freshTask('explanation_requested')).id}/explanation`, { answer: 'Short of staff' }),

    'GET /api/reports/overdue': () => [
      get('/api/reports/overdue', [task.id]),
      get('/api/reports/overdue?format=csv', [task.id]),
      get(`/api/reports/overdue?unitId=${w.units.a}`, [task.id]),
      get(`/api/reports/overdue?directiveId=${task.directiveId}&format=csv`, [task.id]),
    ],
    'GET /api/reports/status-summary': () => [get('/api/reports/status-summary', [w.units.a]), get('/api/reports/status-summary?format=csv', [w.units.a])],
    'GET /api/reports/bottlenecks': () => [
      get('/api/reports/bottlenecks', [w.units.a]),
      get('/api/reports/bottlenecks?format=csv', [w.units.a]),
      get('/api/reports/bottlenecks?format=csv&table=stages', null),
      get('/api/reports/bottlenecks?format=csv&table=worst', null),
    ],
    'GET /api/reports/directives/{id}/progress': () => [
      get(`/api/reports/directives/${task.directiveId}/progress`, [task.id]),
      get(`/api/reports/directives/${task.directiveId}/progress?format=csv`, [task.id]),
    ],
    'GET /api/reports/unit-ranking': () => [get('/api/reports/unit-ranking?period=2026-Q2', [w.units.a]), get('/api/reports/unit-ranking?period=2026-Q2&format=csv', [w.units.a])],

    'GET /api/calendar': () => get('/api/calendar?year=2026'),
    'GET /api/calendar/deadline': () => get('/api/calendar/deadline?dueInWorkingDays=3'),
    'POST /api/calendar/days': () => {
      const n = w.next();
      const date = new Date(Date.UTC(2027, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
      return command('/api/calendar/days', { date, kind: 'day_off', name: `Day off ${n}` });
    },

    'GET /api/admin/projections': () => get('/api/admin/projections'),
    'POST /api/admin/projections/{name}/rebuild': () => ({ method: 'POST', url: '/api/admin/projections/units/rebuild', body: {} }),
    'GET /api/admin/clock': () => get('/api/admin/clock'),
    'POST /api/admin/clock': () => ({ method: 'POST', url: '/api/admin/clock', body: { pinTo: NOW } }),
  };

  /** Sends a probe as the subject; a read answered 503 (the reports rebuilt after a declared day) is asked again, as a client would. */
  async function send(subject: Subject, probe: Probe): Promise<Response> {
    for (let attempt = 0; ; attempt += 1) {
      let req = probe.method === 'GET' ? t.http.get(probe.url) : t.http.post(probe.url);
      if (subject !== 'anonymous') req = req.set('Authorization', `Bearer ${w.users[subject].token}`);
      const res = probe.method === 'GET' ? await req : await req.send(probe.body ?? {});
      if (res.status !== 503 || probe.method !== 'GET' || attempt >= 100) return res;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** What is wrong with one probe's answer against its cell (nothing: an empty list). */
  async function check(subject: Subject, cell: Cell, probe: Probe): Promise<string[]> {
    const before = probe.method === 'GET' ? 0 : await w.head();
    const res = await send(subject, probe);
    const problems: string[] = [];
    const where = `${subject} ${probe.method} ${probe.url}`;
    if (res.status !== cell.status) problems.push(`${where}: expected ${cell.status}, got ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    if (probe.method !== 'GET') {
      const after = await w.head();
      if (res.status >= 400 && after !== before) problems.push(`${where}: refused with ${res.status} but the log grew from ${before} to ${after}`);
      if (res.status < 300 && probe.appends && after === before) problems.push(`${where}: answered ${res.status} but appended nothing`);
    }
    if (res.status === 200 && cell.sees !== undefined && probe.markers) {
      const text = res.text ?? '';
      const found = probe.markers.filter((m) => text.includes(m));
      if (cell.sees && found.length !== probe.markers.length) problems.push(`${where}: should show ${probe.markers.join(', ')}, but does not`);
      if (!cell.sees && found.length > 0) problems.push(`${where}: should not show ${found.join(', ')}, but does`);
    }
    return problems;
  }

  it('is the table docs/security.md shows', () => {
    const doc = fs.readFileSync(path.resolve(__dirname, '..', SECURITY_DOC), 'utf8');
    const table = matrixTableIn(doc);
    expect({ hint: 'run npm run docs:security', table }).toEqual({ hint: 'run npm run docs:security', table: renderMatrixTable() });
  });

  it('has a row for every endpoint of the OpenAPI document, and none for an endpoint it does not have', async () => {
    const doc = expectStatus(await t.http.get('/api/docs-json'), 200) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => rowKey({ method: m, path: p })),
    );
    const inMatrix = AUTHORIZATION_MATRIX.map(rowKey);
    expect({ missingFromMatrix: documented.filter((k) => !inMatrix.includes(k)) }).toEqual({ missingFromMatrix: [] });
    expect({ notInOpenApi: inMatrix.filter((k) => !documented.includes(k)) }).toEqual({ notInOpenApi: [] });
    expect({ duplicated: inMatrix.filter((k, i) => inMatrix.indexOf(k) !== i) }).toEqual({ duplicated: [] });
    expect({ withoutRequest: inMatrix.filter((k) => !recipes[k]) }).toEqual({ withoutRequest: [] });
  });

  it('answers every cell as the matrix says, and a refused command leaves no event', async () => {
    const problems: string[] = [];
    let cells = 0;
    let requests = 0;
    for (const row of AUTHORIZATION_MATRIX) {
      const recipe = recipes[rowKey(row)];
      if (!recipe) {
        problems.push(`${rowKey(row)}: no request to send`);
        continue;
      }
      for (const subject of SUBJECTS) {
        const probes = ([] as Probe[]).concat(await recipe(subject));
        for (const probe of probes) problems.push(...(await check(subject, row.cells[subject], probe)));
        cells += 1;
        requests += probes.length;
      }
    }
    console.log(`Authorization matrix: ${cells} cells of ${AUTHORIZATION_MATRIX.length} endpoints checked with ${requests} requests; ${problems.length} problem(s)`);
    expect(problems).toEqual([]);
  }, 600_000);

  it('refuses a percent from a coordinating unit, and appends nothing', async () => {
    const x = await w.freshTask('acknowledged');
    const before = await w.head();
    expect((await w.users.coordinator.post(`/api/tasks/${x.id}/progress`, { percent: 10 })).status).toBe(403);
    expect(await w.head()).toBe(before);
  });
});

function get(url: string, markers?: string[] | null): Probe {
  return { method: 'GET', url, markers: markers ?? null };
}

function command(url: string, body: object = {}): Probe {
  return { method: 'POST', url, body, appends: true };
}
