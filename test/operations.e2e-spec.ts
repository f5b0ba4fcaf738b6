import { startTestApp, type TestApp } from './support/test-app';
import { ApiUser, expectStatus } from './support/api-client';
import { DemoSeeder } from '../apps/api/src/demo/demo-seeder';
import { DEMO_PASSWORD, DEMO_TASKS, DEMO_UNITS } from '../apps/api/src/demo/project-06.data';
import { ADMIN } from './support/test-app';

describe('operations: docs, health, metrics, clock, rebuild, demo', () => {
  let t: TestApp;
  let admin: ApiUser;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await ApiUser.login(t, ADMIN.username, ADMIN.password);
  });

  afterAll(() => t.close());

  it('serves the OpenAPI document with every SPEC path, and its page', async () => {
    const doc = expectStatus(await t.http.get('/api/docs-json'), 200);
    for (const p of ['/api/auth/login', '/api/directives', '/api/tasks/{id}/extension-decision', '/api/tasks/{id}/timeline', '/api/admin/clock', '/api/health']) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    const page = await t.http.get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('swagger');
  });

  it('seeds the Project 06 demo through the commands, and its accounts sign in', async () => {
    t.clock.pin(new Date('2026-07-14T02:00:00Z'));
    const accounts = await t.app.get(DemoSeeder).seed();
    expect(accounts.length).toBe(DEMO_UNITS.length + 2);
    const leader = await ApiUser.login(t, 'bithu', DEMO_PASSWORD);
    const directives = expectStatus(await leader.get('/api/directives?q=de an 06'), 200);
    expect(directives.items).toHaveLength(1);
    expect(directives.items[0].progress.total).toBe(DEMO_TASKS.length);
    const police = await ApiUser.login(t, 'congan', DEMO_PASSWORD);
    const mine = expectStatus(await police.get('/api/tasks'), 200);
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.length).toBeLessThan(DEMO_TASKS.length);
    // Its history is dated weeks back: a leader finds overdue tasks, and the timers that fell
    // due meanwhile fire (here when the clock next moves) into the most overdue task's timeline.
    expect(t.clock.now().toISOString()).toBe('2026-07-14T02:00:00.000Z');
    const overdue = expectStatus(await leader.get('/api/reports/overdue'), 200);
    expect(overdue.total).toBeGreaterThan(0);
    const admin = await ApiUser.login(t, ADMIN.username, ADMIN.password);
    expectStatus(await admin.post('/api/admin/clock', { advanceBy: 'PT1M' }), 200);
    const worst = expectStatus(await leader.get('/api/reports/overdue'), 200).items[0];
    expect(worst.escalationLevel).toBeGreaterThan(0);
    const timeline = expectStatus(await leader.get(`/api/tasks/${worst.taskId}/timeline`), 200) as { type: string; occurredAt: string }[];
    expect(timeline[0].type).toBe('TaskAssigned');
    expect(timeline.map((e) => e.type)).toContain('DeadlineMissed');
    expect(timeline.every((e) => e.occurredAt <= '2026-07-14T02:01:00.000Z')).toBe(true);
  });

  it('reports health and Prometheus metrics', async () => {
    const health = expectStatus(await t.http.get('/api/health'), 200);
    expect(health.status).toBe('ok');
    expect(health.timers).toEqual({ lateOverOneMinute: 0 });
    expect(health.eventStore.headPosition).toBeGreaterThan(0);
    expect(health.projections.map((p: { name: string }) => p.name).sort()).toEqual(['directives', 'reports', 'tasks', 'timers', 'units', 'users']);
    const metrics = await t.http.get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('mandate_http_request_duration_seconds');
    expect(metrics.text).toContain('mandate_projection_lag_events{projection="tasks"} 0');
    expect(metrics.text).toContain('mandate_timers_late 0');
  });

  it('pins and advances the clock (admin only, CLOCK_CONTROL=1)', async () => {
    expectStatus(await admin.post('/api/admin/clock', { pinTo: '2026-04-28T02:00:00Z' }), 200);
    const moved = expectStatus(await admin.post('/api/admin/clock', { advanceBy: 'P1DT2H' }), 200);
    expect(moved).toMatchObject({ now: '2026-04-29T04:00:00.000Z', pinned: true });
    expect((await admin.post('/api/admin/clock', { advanceBy: 'tomorrow' })).status).toBe(400);
    const police = await ApiUser.login(t, 'congan', DEMO_PASSWORD);
    expect((await police.post('/api/admin/clock', { advanceBy: 'P1D' })).status).toBe(403);
  });

  it('rebuilds projections from the log into identical read models', async () => {
    const leader = await ApiUser.login(t, 'bithu', DEMO_PASSWORD);
    const before = expectStatus(await leader.get('/api/tasks?limit=500'), 200);
    const result = expectStatus(await admin.post('/api/admin/projections/all/rebuild'), 200);
    expect(result.rebuilt).toEqual(['units', 'users', 'directives', 'tasks', 'timers', 'reports']);
    expect(expectStatus(await leader.get('/api/tasks?limit=500'), 200)).toEqual(before);
    expect((await admin.post('/api/admin/projections/nope/rebuild')).status).toBe(404);
    expect((await leader.post('/api/admin/projections/tasks/rebuild')).status).toBe(403);
  });
});

describe('without CLOCK_CONTROL', () => {
  it('has no clock endpoint', async () => {
    const t = await startTestApp({ CLOCK_CONTROL: '0' });
    try {
      const admin = await ApiUser.login(t, ADMIN.username, ADMIN.password);
      expect((await admin.post('/api/admin/clock', { advanceBy: 'P1D' })).status).toBe(404);
    } finally {
      await t.close();
    }
  });
});
