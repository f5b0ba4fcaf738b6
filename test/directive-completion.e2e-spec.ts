import { startTestApp, type TestApp } from './support/test-app';
import { expectStatus } from './support/api-client';
import { buildWorld, type World } from './support/scenario';

/** The last tasks of a directive closing at the same moment complete it exactly once. */
describe('directive completion', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.pin(new Date('2026-04-28T02:00:00Z'));
    w = await buildWorld(t);
  });

  afterAll(() => t.close());

  it('is recorded once when the last two tasks are accepted concurrently', async () => {
    const issued = expectStatus(
      await w.secretariat.post('/api/directives', {
        code: '20-CT/TU',
        title: 'Two tasks',
        tasks: [
          { title: 'A', leadUnitId: w.units.police, dueInWorkingDays: 5 },
          { title: 'B', leadUnitId: w.units.justice, dueInWorkingDays: 5 },
        ],
      }),
      201,
    );
    const [a, b] = issued.tasks.map((x: { id: string }) => x.id);
    for (const [id, dept] of [[a, w.police], [b, w.justice]] as const) {
      expectStatus(await dept.post(`/api/tasks/${id}/acknowledge`), 200);
      expectStatus(await dept.post(`/api/tasks/${id}/completion`, { report: 'done' }), 200);
    }
    const answers = await Promise.all([a, b].map((id) => w.secretariat.post(`/api/tasks/${id}/review`, { accept: true })));
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    const directive = expectStatus(await w.leader.get(`/api/directives/${issued.id}`), 200);
    expect(directive.status).toBe('completed');
    const timeline = expectStatus(await w.leader.get(`/api/directives/${issued.id}/timeline`), 200);
    expect(timeline.filter((e: { type: string }) => e.type === 'DirectiveCompleted')).toHaveLength(1);
    expect(timeline.filter((e: { type: string }) => e.type === 'DirectiveTaskClosed')).toHaveLength(2);
  });
});
