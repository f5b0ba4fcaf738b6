import { gzipSync } from 'node:zlib';
import { EVENT_STORE, type EventStore } from '@mandate/event-store';
import { startTestApp, type TestApp } from './support/test-app';
import { expectStatus } from './support/api-client';
import { buildWorld, type World } from './support/scenario';
import { RawHttp, parseBody } from './fuzz/raw-http';

/**
 * Hostile input, case by case: size and shape limits of bodies, headers and query strings,
 * answered with a 4xx that names the problem, and nothing recorded. The regressions of what
 * the fuzz test (test/fuzz/) found are here too, as plain examples.
 */
describe('hostile input', () => {
  let t: TestApp;
  let w: World;
  let store: EventStore;
  let directiveId: string;
  let taskId: string;

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.pin(new Date('2026-05-04T02:00:00Z'));
    w = await buildWorld(t);
    store = t.app.get<EventStore>(EVENT_STORE);
    const issued = expectStatus(
      await w.secretariat.post('/api/directives', { code: 'H-1', title: 'Hostile input', tasks: [{ title: 'A task', leadUnitId: w.units.police, dueInWorkingDays: 5 }] }),
      201,
    );
    directiveId = issued.id;
    taskId = issued.tasks[0].id;
  });

  afterAll(() => t.close());

  /** Runs a request that must be refused, and checks that the event log did not grow. */
  async function refused<T>(send: () => Promise<T>): Promise<T> {
    const before = await store.headPosition();
    const res = await send();
    expect(await store.headPosition()).toBe(before);
    return res;
  }

  const post = (url: string, token = w.secretariat.token) => t.http.post(url).set('Authorization', `Bearer ${token}`);
  const fields = (body: { fields?: { field: string }[] }) => (body.fields ?? []).map((f) => f.field);

  describe('bodies', () => {
    it('answers a body over 1 MB with 413, saying the limit', async () => {
      const res = await refused(() => post('/api/directives').set('Content-Type', 'application/json').send(JSON.stringify({ title: 'x'.repeat(1_100_000) })));
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ statusCode: 413, code: 'body_too_large', message: 'The request body is larger than the limit of 1 MB' });
    });

    it('answers a gzip body that inflates past 1 MB with 413', async () => {
      const bomb = gzipSync(JSON.stringify({ title: 'x'.repeat(5_000_000) }));
      const client = await RawHttp.listen(t.app.getHttpServer());
      try {
        const headers = { authorization: `Bearer ${w.secretariat.token}`, 'content-type': 'application/json', 'content-encoding': 'gzip' };
        const res = await refused(() => client.send({ method: 'POST', path: '/api/directives', headers, body: bomb }));
        expect(res.status).toBe(413);
        expect(parseBody(res)).toMatchObject({ code: 'body_too_large' });
      } finally {
        client.close();
      }
    });

    it.each([
      ['{"code":', 'invalid_json', /^The request body is not valid JSON: /],
      ["{'code': 1}", 'invalid_json', /^The request body is not valid JSON: /],
      ['null', 'invalid_json', /^The request body must be a JSON object$/],
      ['"text"', 'invalid_json', /^The request body must be a JSON object$/],
    ])('answers %s with 400 %s', async (text, code, message) => {
      const res = await refused(() => post('/api/directives').set('Content-Type', 'application/json').send(text));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(code);
      expect(res.body.message).toMatch(message);
    });

    it('answers a body nested absurdly deep with 400, not 500', async () => {
      for (const text of ['['.repeat(100_000) + ']'.repeat(100_000), '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000)]) {
        const res = await refused(() => post('/api/directives').set('Content-Type', 'application/json').send(text));
        expect(res.status).toBe(400);
        expect(res.body.code).toMatch(/^(body_too_deep|invalid_json)$/);
      }
    });

    it('answers text that is not Unicode (a lone surrogate) with 400 naming the field, not 500', async () => {
      const login = await refused(() => t.http.post('/api/auth/login').set('Content-Type', 'application/json').send('{"username":"\\ud800","password":"password-123"}'));
      expect(login.status).toBe(400);
      expect(fields(login.body)).toEqual(['username']);
      const issue = await refused(() =>
        post('/api/directives')
          .set('Content-Type', 'application/json')
          .send(`{"code":"H-2","title":"ok","tasks":[{"title":"a\\udfffb","leadUnitId":"${w.units.police}","dueInWorkingDays":3}]}`),
      );
      expect(issue.status).toBe(400);
      expect(fields(issue.body)).toEqual(['tasks[0].title']);
      // A pair is a character like any other.
      expect((await post('/api/tasks/' + taskId + '/instructions', w.leader.token).set('Content-Type', 'application/json').send('{"text":"\\ud83d\\ude80"}')).status).toBe(200);
    });

    it.each([
      ['text/plain', 'plain words', 415, 'unsupported_media_type'],
      ['application/x-www-form-urlencoded', 'reason=x', 415, 'unsupported_media_type'],
      ['application/json; charset=koi8-r', '{"reason":"x"}', 415, 'unsupported_charset'],
    ])('answers a body sent as %s with a 415', async (contentType, text, status, code) => {
      const res = await refused(() => post(`/api/tasks/${taskId}/urge`).set('Content-Type', contentType).send(text));
      expect(res.status).toBe(status);
      expect(res.body.code).toBe(code);
    });

    it('answers an unknown or broken Content-Encoding with a 4xx naming it', async () => {
      const unknown = await refused(() => post(`/api/tasks/${taskId}/urge`).set('Content-Type', 'application/json').set('Content-Encoding', 'compress').send('{"message":"x"}'));
      expect(unknown.status).toBe(415);
      expect(unknown.body.code).toBe('unsupported_encoding');
      const broken = await refused(() => post(`/api/tasks/${taskId}/urge`).set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').send('{"message":"x"}'));
      expect(broken.status).toBe(400);
      expect(broken.body.code).toBe('invalid_encoding');
    });

    it('refuses unknown fields and over-long strings and arrays, naming each', async () => {
      const res = await refused(() =>
        post('/api/directives').send({
          code: 'H-3',
          title: 't'.repeat(501),
          summary: 's'.repeat(10_001),
          isAdmin: true,
          issuedAt: `2026-05-04T02:00:00.${'0'.repeat(60)}Z`,
          tasks: Array.from({ length: 201 }, () => ({ title: 'x', leadUnitId: w.units.police, dueInWorkingDays: 1 })),
        }),
      );
      expect(res.status).toBe(400);
      expect(fields(res.body).sort()).toEqual(['isAdmin', 'issuedAt', 'summary', 'tasks', 'title']);
    });
  });

  describe('headers', () => {
    it.each(['abc', '"1.5"', '-1', '99999999999', '*'])('answers If-Match %s with 400 naming If-Match', async (value) => {
      const res = await refused(() => post(`/api/tasks/${taskId}/urge`).set('If-Match', value).send({ message: 'x' }));
      expect(res.status).toBe(400);
      expect(fields(res.body)).toEqual(['If-Match']);
    });

    it.each([
      ['of 201 characters', 'a'.repeat(201)],
      ['with spaces', 'key with spaces'],
      ['not ASCII', 'ключ'],
    ])('answers an Idempotency-Key %s with 400 naming Idempotency-Key', async (_label, value) => {
      const res = await refused(() => post(`/api/tasks/${taskId}/urge`).set('Idempotency-Key', Buffer.from(value, 'utf8').toString('latin1')).send({ message: 'x' }));
      expect(res.status).toBe(400);
      expect(fields(res.body)).toEqual(['Idempotency-Key']);
    });

    it('sets the helmet headers, and not X-Powered-By', async () => {
      const res = await t.http.get('/api/health');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toBeDefined();
      expect(res.headers['x-powered-by']).toBeUndefined();
    });
  });

  describe('query strings', () => {
    it('refuses an offset past what a database stores, naming it (was a 500)', async () => {
      for (const url of ['/api/tasks', '/api/directives', '/api/reports/overdue']) {
        const res = await w.leader.get(`${url}?offset=100000000000000000000`);
        expect(res.status).toBe(400);
        expect(fields(res.body)).toEqual(['offset']);
      }
      expect((await w.leader.get('/api/tasks?offset=1000000000')).status).toBe(200);
    });

    it('refuses a ranking period before 2000, naming it (period=0074 and to=1970-01-01 were 500s)', async () => {
      const period = await w.leader.get('/api/reports/unit-ranking?period=0074');
      expect(period.status).toBe(400);
      expect(fields(period.body)).toEqual(['period']);
      const to = await w.leader.get('/api/reports/unit-ranking?to=1970-01-01');
      expect(to.status).toBe(400);
      expect(fields(to.body)).toEqual(['to']);
    });

    it('refuses over-long and repeated parameters, naming them', async () => {
      const long = await w.leader.get(`/api/reports/status-summary?asOf=${'2026-05-01T00:00:00.'.padEnd(50, '0')}Z`);
      expect(long.status).toBe(400);
      expect(fields(long.body)).toContain('asOf');
      const twice = await w.leader.get('/api/directives?q=a&q=b');
      expect(twice.status).toBe(400);
      expect(fields(twice.body)).toEqual(['q']);
      const nested = await w.leader.get(`/api/directives/${directiveId}/timeline?asOf[a]=1`);
      expect(nested.status).toBe(400);
    });
  });

  describe('the clock (test and demo mode)', () => {
    it('refuses a duration longer than a date holds, and keeps working (it broke every later request with 500)', async () => {
      const before = t.clock.now().toISOString();
      for (const advanceBy of [`P${'9'.repeat(15)}Y`, 'P999999999D', `P${'9'.repeat(30)}D`]) {
        const res = await refused(() => post('/api/admin/clock', w.admin.token).send({ advanceBy }));
        expect(res.status).toBe(400);
        expect(fields(res.body)).toEqual(['advanceBy']);
      }
      const pinned = await refused(() => post('/api/admin/clock', w.admin.token).send({ pinTo: '2200-01-01T00:00:00Z' }));
      expect(pinned.status).toBe(400);
      expect(fields(pinned.body)).toEqual(['pinTo']);
      expect(t.clock.now().toISOString()).toBe(before);
      expect((await t.http.get('/api/health')).status).toBe(200);
      expect(expectStatus(await w.admin.get('/api/admin/clock'), 200).now).toBe(before);
    });
  });
});

describe('CORS', () => {
  const foreign = 'http://evil.example';
  const dashboard = 'https://dashboard.example.org';

  it('sends no CORS headers by default, to any origin', async () => {
    const t = await startTestApp();
    try {
      const get = await t.http.get('/api/health').set('Origin', foreign);
      expect(get.status).toBe(200);
      expect(get.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await t.http.options('/api/directives').set('Origin', foreign).set('Access-Control-Request-Method', 'POST');
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
    } finally {
      await t.close();
    }
  });

  it('allows the origins of CORS_ORIGINS only, errors included', async () => {
    const t = await startTestApp({ CORS_ORIGINS: `${dashboard}, http://localhost:8080` });
    try {
      const allowed = await t.http.get('/api/health').set('Origin', dashboard);
      expect(allowed.headers['access-control-allow-origin']).toBe(dashboard);
      expect(allowed.headers['access-control-expose-headers']).toContain('ETag');
      expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();
      const preflight = await t.http.options('/api/directives').set('Origin', dashboard).set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'authorization, if-match, idempotency-key');
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(dashboard);
      expect(preflight.headers['access-control-allow-headers']).toMatch(/If-Match/);
      const other = await t.http.get('/api/health').set('Origin', foreign);
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
      // A refused body's answer carries them too, so the page can read why.
      const malformed = await t.http.post('/api/auth/login').set('Origin', dashboard).set('Content-Type', 'application/json').send('{');
      expect(malformed.status).toBe(400);
      expect(malformed.headers['access-control-allow-origin']).toBe(dashboard);
    } finally {
      await t.close();
    }
  });
});
