import { createSecretKey } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import fc from 'fast-check';
import { EVENT_STORE, type EventStore } from '@mandate/event-store';
import type { DomainEvent } from '@mandate/domain';
import { ProjectionAdmin } from '@mandate/runtime';
import { ADMIN, startTestApp, type TestApp } from '../support/test-app';
import { ApiUser, expectStatus } from '../support/api-client';
import { buildWorld, type World } from '../support/scenario';
import { FUZZ_NOW, caseFor, type Credentials, type FuzzCase, type IdPools } from './arbitraries';
import { endpointsOf, type Endpoint, type OpenApiDocument } from './openapi';
import { RawHttp, parseBody, type RawResponse } from './raw-http';

/**
 * Hostile input, generated: for every endpoint of the OpenAPI document, 1,000 requests with
 * random and malformed bodies, ids, headers (If-Match, Idempotency-Key, Authorization) and
 * query strings (asOf, from, to, q, limit, offset), against one app on a fresh SQLite store.
 * Every answer is a 2xx or a 4xx, and the event log holds no partial change: a refused
 * request appends nothing, an accepted one appends only events of its own command.
 *
 * FUZZ_RUNS=n changes the number of cases per endpoint (default 1,000); FUZZ_SEED=n replays a run.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
/** FUZZ_ONLY=regex: only the endpoints whose "METHOD /path" matches (while looking into a failure). */
const ONLY = process.env.FUZZ_ONLY ? new RegExp(process.env.FUZZ_ONLY) : null;
const PASSWORD = 'password-123';
/** Events that record a sign-in attempt, refused or not. */
const SIGN_IN_AUDIT = /SignIn|SignedIn/;

interface EndpointReport {
  key: string;
  cases: number;
  statuses: Map<number, number>;
  /** Accepted commands, and the events they appended. */
  commands: number;
  events: number;
  ms: number;
  failure?: string;
}

/**
 * Endpoints whose success costs much on purpose (an argon2 hash or check, a rebuild of the
 * timers and reports from the whole log): fewer of their cases are plausible, so that the
 * suite stays quick; they still get their refusals and some successes.
 */
const EXPENSIVE_SUCCESS: Record<string, number> = {
  'POST /api/auth/login': 0.3,
  'POST /api/users': 0.5,
  'POST /api/calendar/days': 0.3,
  'POST /api/admin/projections/{name}/rebuild': 0.2,
};

/**
 * The order endpoints run in. First those whose cost grows with the store: the metrics page
 * (a series per route and status), rebuilds, and declared days (which rebuild the timers and
 * reports). Last the clock's POST: it moves the clock and fires every timer that falls due.
 */
function order(endpoint: Endpoint): number {
  if (endpoint.key === 'GET /metrics') return 0;
  if (endpoint.key.startsWith('POST /api/admin/projections') || endpoint.key === 'POST /api/calendar/days') return 1;
  if (endpoint.key === 'POST /api/admin/clock') return 3;
  return 2;
}

describe('fuzz: hostile input at every endpoint', () => {
  let t: TestApp;
  let client: RawHttp;
  let w: World;
  let store: EventStore;
  let projections: ProjectionAdmin;
  let doc: OpenApiDocument;
  let endpoints: Endpoint[];
  const ids: IdPools = { directives: [], tasks: [], units: [], obstacles: [], requests: [], users: [], projections: [] };
  const credentials: Credentials = { tokens: [], refused: [] };
  const reports: EndpointReport[] = [];
  let caseNumber = 0;
  let round = 0;

  beforeAll(async () => {
    // Timers fire only when a case moves the clock (POST /api/admin/clock sweeps them in its own request).
    t = await startTestApp({ TIMER_SWEEP_MS: '3600000' });
    t.clock.pin(FUZZ_NOW);
    client = await RawHttp.listen(t.app.getHttpServer());
    store = t.app.get<EventStore>(EVENT_STORE);
    projections = t.app.get(ProjectionAdmin);
    w = await buildWorld(t);
    ids.units.push(...Object.values(w.units));
    // Users a case may change (a role, a password, disabled): never the ones whose tokens it signs in with.
    for (const username of ['fuzz.target.1', 'fuzz.target.2']) {
      const user = expectStatus(await w.admin.post('/api/users', { username, password: PASSWORD, displayName: username, role: 'department', unitId: w.units.health }), 201);
      ids.users.push(user.id);
    }
    ids.projections.push('all', 'reports', 'timers', 'directives', 'tasks', 'units', 'users');
    await signIn();
    const other = new JwtService({ secret: createSecretKey(Buffer.from('another-secret-of-enough-length', 'utf8')) });
    const own = new JwtService({ secret: createSecretKey(Buffer.from(t.settings.jwtSecret, 'utf8')) });
    const claims = { sub: w.secretariat.id, username: 'secretariat', role: 'secretariat', unitId: w.units.office };
    const base64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    credentials.refused.push(
      other.sign(claims),
      own.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }),
      `${base64({ alg: 'none', typ: 'JWT' })}.${base64({ ...claims, role: 'admin' })}.`,
      'not.a.jwt',
      own.sign(claims).slice(0, -3) + 'AAA',
    );
    doc = JSON.parse((await client.send({ method: 'GET', path: '/api/docs-json', headers: {} })).body.toString('utf8')) as OpenApiDocument;
    endpoints = endpointsOf(doc).sort((a, b) => order(a) - order(b));
  }, 120_000);

  afterAll(async () => {
    client?.close();
    await t?.close();
  });

  /** Fresh tokens for every user of the scenario (a case may have changed one). */
  async function signIn(): Promise<void> {
    const users: (keyof World)[] = ['admin', 'secretariat', 'leader', 'police', 'justice', 'health'];
    const tokens: string[] = [];
    for (const name of users) {
      const user = w[name] as ApiUser;
      if ((await user.get('/api/me')).status !== 200) {
        // Cases may have used up the sign-in attempts of the address: then the old token stays.
        await ApiUser.login(t, name, name === 'admin' ? ADMIN.password : PASSWORD).then(
          (fresh) => ((w as unknown as Record<string, ApiUser>)[name] = fresh),
          () => undefined,
        );
      }
      tokens.push((w[name] as ApiUser).token);
    }
    credentials.tokens.splice(0, credentials.tokens.length, ...tokens);
  }

  /** A directive with tasks in several states, so the ids of every kind an endpoint takes are real. */
  async function seedRound(): Promise<void> {
    round += 1;
    await signIn();
    t.clock.pin(FUZZ_NOW);
    const issued = await w.secretariat.post('/api/directives', {
      code: `FZ-${round}`,
      title: `Fuzz round ${round}`,
      tasks: [
        { title: 'Lead by police', leadUnitId: w.units.police, coordinatingUnitIds: [w.units.justice], dueInWorkingDays: 10 },
        { title: 'Lead by justice', leadUnitId: w.units.justice, dueInWorkingDays: 15 },
        { title: 'Lead by health', leadUnitId: w.units.health, dueDate: '2026-12-31' },
      ],
    });
    if (issued.status !== 201) return; // an earlier case may have made it impossible (a day off today…): the older ids remain
    const [a, b, c] = (issued.body.tasks as { id: string }[]).map((x) => x.id);
    ids.directives.push(issued.body.id);
    ids.tasks.push(a, b, c);
    await w.police.post(`/api/tasks/${a}/acknowledge`);
    const obstacle = await w.police.post(`/api/tasks/${a}/obstacles`, { category: 'funding', description: 'No budget yet' });
    if (obstacle.body?.obstacleId) ids.obstacles.push(obstacle.body.obstacleId);
    const question = await w.leader.post(`/api/tasks/${a}/explanation-request`, { question: 'Why so slow?' });
    if (question.body?.requestId) ids.requests.push(question.body.requestId);
    await w.justice.post(`/api/tasks/${b}/acknowledge`);
    const extension = await w.justice.post(`/api/tasks/${b}/extension-request`, { requestedDueAt: '2027-01-31T10:00:00Z', reason: 'Waiting for funding' });
    if (extension.body?.requestId) ids.requests.push(extension.body.requestId);
    await w.health.post(`/api/tasks/${c}/acknowledge`);
    await w.health.post(`/api/tasks/${c}/progress`, { percent: 100 });
    await w.health.post(`/api/tasks/${c}/completion`, { report: 'Done' });
  }

  /** After a case that rebuilds projections (a declared day, a rebuild): wait until reports answer again. */
  async function settle(): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const head = await store.headPosition();
      const status = await projections.status();
      if (status.every((p) => p.state === 'running' && p.position === head)) return;
      if (status.some((p) => p.state === 'failed')) throw new Error(`a projection failed: ${JSON.stringify(status)}`);
      if (Date.now() > deadline) throw new Error(`projections did not settle: ${JSON.stringify(status)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  const describeCase = (c: FuzzCase, res: RawResponse) => {
    const body = c.body ? c.body.subarray(0, 300).toString('utf8') : '';
    const answer = res.body.subarray(0, 500).toString('utf8');
    return `${c.method} ${c.path.slice(0, 300)}\nheaders: ${JSON.stringify(c.headers).slice(0, 600)}\nbody (${c.bodyKind}): ${body}\nanswer ${res.status}${res.error ? ` (${res.error})` : ''}: ${answer}`;
  };

  /** Runs one case and checks both properties; throws with the request and the answer otherwise. */
  async function check(endpoint: Endpoint, c: FuzzCase, report: EndpointReport): Promise<void> {
    caseNumber += 1;
    const correlationId = `fuzz-${caseNumber}`;
    const headers = c.ownCorrelation ? { ...c.headers, 'x-correlation-id': correlationId } : c.headers;
    const before = await store.headPosition();
    const res = await client.send({ method: c.method, path: c.path, headers, body: c.body });
    const after = await store.headPosition();
    report.cases += 1;
    report.statuses.set(res.status, (report.statuses.get(res.status) ?? 0) + 1);
    try {
      await verify(endpoint, c, res, before, after, correlationId, report);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${describeCase({ ...c, headers }, res)}`);
    } finally {
      // Each case starts from the same clock.
      if (endpoint.key === 'POST /api/admin/clock') t.clock.pin(FUZZ_NOW);
    }
  }

  /** The properties of one answered case. */
  async function verify(endpoint: Endpoint, c: FuzzCase, res: RawResponse, before: number, after: number, correlationId: string, report: EndpointReport): Promise<void> {
    const fail = (why: string) => {
      throw new Error(why);
    };
    // A body over the limit may be answered 413 before it is all sent: the server may close the connection then.
    const oversized = (c.body?.length ?? 0) > 1_000_000;
    if (res.status === 0 && !oversized) fail('no answer: the connection ended');
    if (res.status !== 0 && (res.status < 200 || res.status >= 500)) fail(`answered ${res.status}: a 2xx or a 4xx expected`);
    const accepted = res.status >= 200 && res.status < 300;
    if (res.status >= 400 && res.body.length) {
      // A refusal says why, in the one error shape.
      const body = parseBody(res) as { statusCode?: unknown; message?: unknown; code?: unknown; fields?: unknown[] } | null;
      if (body?.statusCode !== res.status || typeof body.message !== 'string' || !body.message) fail('a refusal without the error body (statusCode, message)');
      if (body?.code === 'invalid_input' && !body.fields?.length) fail('invalid_input without the fields it names');
    }
    const appended: DomainEvent[] = after > before ? await store.readAll({ after: before, limit: after - before }) : [];
    const audit = appended.filter((e) => SIGN_IN_AUDIT.test(e.type));
    const changes = appended.filter((e) => !SIGN_IN_AUDIT.test(e.type));
    // A sign-in attempt is recorded, accepted or not (the audit trail of who tried): one event, on the sign-in endpoint only.
    if (audit.length && (endpoint.key !== 'POST /api/auth/login' || audit.length > 1)) fail(`recorded ${audit.map((e) => e.type).join(', ')}`);
    if (!accepted) {
      if (changes.length) fail(`refused (${res.status}) yet appended ${changes.map((e) => e.type).join(', ')}`);
    } else if (endpoint.key === 'POST /api/admin/clock') {
      // Moving the clock fires the timers that fell due: every event is the system's.
      const foreign = changes.filter((e) => e.meta.actor.role !== 'system');
      if (foreign.length) fail(`the clock appended events of someone else: ${foreign.map((e) => e.type).join(', ')}`);
    } else if (changes.length) {
      // Every event of an accepted command is of that command: one correlation, the request's own when it sent one.
      const correlations = new Set(changes.map((e) => e.meta.correlationId));
      if (correlations.size !== 1) fail(`one request appended events of ${correlations.size} correlations: ${[...correlations].join(', ')}`);
      if (c.ownCorrelation && !correlations.has(correlationId)) fail(`appended events of another correlation: ${[...correlations].join(', ')}`);
      if (res.headers['idempotency-replayed'] === 'true') fail(`a replayed Idempotency-Key appended ${changes.length} events`);
      if (c.method === 'GET') fail(`a GET appended ${changes.map((e) => e.type).join(', ')}`);
      report.commands += 1;
      report.events += changes.length;
    }
    if (accepted && (endpoint.key === 'POST /api/calendar/days' || endpoint.key.startsWith('POST /api/admin/projections') || endpoint.key === 'POST /api/admin/clock')) {
      await settle();
    }
    // The answer is JSON (or the CSV a report was asked for, or the metrics' text).
    if (res.status !== 0 && res.body.length && !/json|csv|text\/plain|text\/html/.test(String(res.headers['content-type']))) {
      fail(`answered with content-type ${res.headers['content-type']}`);
    }
  }

  it('every documented endpoint: 1,000 hostile requests, never a 5xx, never a partial change', async () => {
    expect(endpoints.length).toBeGreaterThanOrEqual(45);
    const started = Date.now();
    for (const endpoint of endpoints.filter((e) => !ONLY || ONLY.test(e.key))) {
      const began = Date.now();
      await seedRound();
      const report: EndpointReport = { key: endpoint.key, cases: 0, statuses: new Map(), commands: 0, events: 0, ms: 0 };
      reports.push(report);
      const generation = { doc, ids, plausible: EXPENSIVE_SUCCESS[endpoint.key] ?? 0.8 };
      const property = fc.asyncProperty(caseFor(generation, endpoint, credentials), (c) => check(endpoint, c, report));
      const details = await fc.check(property, { numRuns: RUNS, seed: SEED, endOnFailure: true });
      if (details.failed) {
        const replay = `FUZZ_ONLY='^${endpoint.key.replace(/[{}]/g, '\\$&')}$' FUZZ_SEED=${details.seed}`;
        report.failure = `case ${details.numRuns} (replay: ${replay}): ${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}`;
      }
      report.ms = Date.now() - began;
    }
    const lines = reports.map((r) => {
      const statuses = [...r.statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`);
      return `fuzz: ${r.key} ${r.cases} cases, statuses {${statuses.join(', ')}}${r.commands ? `, ${r.commands} commands appended ${r.events} events` : ''} (${(r.ms / 1000).toFixed(1)} s)${r.failure ? '  FAILED' : ''}`;
    });
    const total = reports.reduce((sum, r) => sum + r.cases, 0);
    lines.push(`fuzz: ${reports.length} endpoints, ${total} cases in ${Math.round((Date.now() - started) / 1000)} s`);
    console.log(lines.join('\n'));
    const failures = reports.filter((r) => r.failure).map((r) => `${r.key}: ${r.failure}`);
    expect(failures).toEqual([]);
    // Every documented endpoint ran its cases.
    if (!ONLY) expect(reports.map((r) => r.key).sort()).toEqual(endpoints.map((e) => e.key).sort());
    expect(reports.filter((r) => r.cases < RUNS).map((r) => `${r.key}: ${r.cases} cases`)).toEqual([]);
  }, 900_000);
});
