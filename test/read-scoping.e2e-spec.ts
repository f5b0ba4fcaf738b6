import type { Response } from 'supertest';
import { startTestApp, type TestApp } from './support/test-app';
import { expectStatus, type ApiUser } from './support/api-client';
import { ISSUED_AT, NOW, SecurityWorld } from './support/security-scenario';

/**
 * Read scoping, tried as a new department user would: the department of unit C reads every
 * list, report, timeline, CSV and search, and finds none of unit A's tasks, not even in a
 * directive that holds tasks of both units; leaders and the secretariat find them all.
 * docs/security.md states the rule.
 */
describe('what a department reads of another unit’s tasks', () => {
  let t: TestApp;
  let w: SecurityWorld;
  /** Unit A's tasks: open and overdue (coordinated by B), open in a directive of A alone, cancelled, completed, and one taken over from C. */
  const a = {} as Record<'overdue' | 'alone' | 'cancelled' | 'completed' | 'takenOver', string>;
  let charlieTask: string;
  let mixed: { id: string; code: string };
  let alphaOnly: { id: string; code: string };

  beforeAll(async () => {
    t = await startTestApp({ TIMER_SWEEP_MS: '3600000' });
    t.clock.pin(new Date(ISSUED_AT));
    w = await SecurityWorld.build(t);
    const { own, other, secretariat } = w.users;
    const task = async (user: ApiUser, id: string, command: string, body: object = {}) => expectStatus(await user.post(`/api/tasks/${id}/${command}`, body), 200);

    // A directive with tasks of units A and C.
    const m = await w.issue(
      [
        { title: 'Alpha overdue task', leadUnitId: w.units.a, coordinatingUnitIds: [w.units.b], dueInWorkingDays: 1 },
        { title: 'Charlie own task', leadUnitId: w.units.c, dueInWorkingDays: 1 },
        { title: 'Alpha cancelled task', leadUnitId: w.units.a, dueInWorkingDays: 10 },
        { title: 'Alpha bound task', leadUnitId: w.units.c, dueInWorkingDays: 10 },
      ],
      'Chỉ thị về đẩy mạnh Đề án 06',
    );
    mixed = { id: m.id, code: m.code };
    [a.overdue, charlieTask, a.cancelled, a.takenOver] = m.tasks.map((x) => x.id);
    a.completed = expectStatus(
      await secretariat.post(`/api/directives/${m.id}/tasks`, { task: { title: 'Alpha completed task', leadUnitId: w.units.a, dueInWorkingDays: 10 } }),
      201,
    ).id;
    // A directive of unit A alone.
    const solo = await w.issue([{ title: 'Alpha alone task', leadUnitId: w.units.a, dueInWorkingDays: 10 }], 'Kế hoạch Alpha riêng');
    alphaOnly = { id: solo.id, code: solo.code };
    a.alone = solo.tasks[0].id;

    await task(own, a.overdue, 'acknowledge');
    await task(own, a.overdue, 'progress', { percent: 20, note: 'Alpha progress' });
    await task(own, a.overdue, 'obstacles', { category: 'funding', description: 'Alpha obstacle' });
    await task(own, a.alone, 'extension-request', { requestedDueAt: '2026-06-30T16:59:59.999Z', reason: 'Alpha needs time' });
    await task(secretariat, a.cancelled, 'cancel', { reason: 'Merged' });
    await task(own, a.completed, 'acknowledge');
    await task(own, a.completed, 'completion', { report: 'Alpha report' });
    await task(secretariat, a.completed, 'review', { accept: true });
    await task(other, charlieTask, 'acknowledge');
    await task(other, a.takenOver, 'acknowledge');
    await task(secretariat, a.takenOver, 'reassign', { leadUnitId: w.units.a, reason: 'Alpha takes it over' });
    await w.at(NOW);
  });

  afterAll(() => t?.close());

  /** What of unit A's tasks an answer may give away: their ids, unit A's id, and "Alpha" (in every title, note and name of unit A). */
  const markers = () => [...Object.values(a), w.units.a, 'Alpha'];
  const leaks = (res: Response) => markers().filter((m) => (res.text ?? '').includes(m));

  /** Every list, report, CSV and search a department may call, in each of its forms. */
  const answered = () => [
    '/api/tasks',
    `/api/tasks?unitId=${w.units.a}`,
    `/api/tasks?directiveId=${mixed.id}`,
    `/api/tasks?directiveId=${alphaOnly.id}`,
    '/api/tasks?status=cancelled',
    '/api/tasks?status=completed',
    '/api/tasks?extensionPending=true',
    '/api/tasks?limit=500',
    '/api/directives',
    '/api/directives?q=alpha',
    `/api/directives?q=${encodeURIComponent(alphaOnly.code)}`,
    `/api/directives?q=${encodeURIComponent('de an 06')}`,
    '/api/directives?status=active',
    `/api/directives/${mixed.id}`,
    `/api/directives/${mixed.id}/timeline`,
    `/api/directives/${mixed.id}/timeline?asOf=2026-05-01`,
    '/api/reports/overdue',
    '/api/reports/overdue?format=csv',
    `/api/reports/overdue?unitId=${w.units.a}`,
    `/api/reports/overdue?directiveId=${mixed.id}`,
    `/api/reports/overdue?directiveId=${mixed.id}&format=csv`,
    '/api/reports/overdue?sort=escalationLevel&limit=1000',
    '/api/reports/status-summary',
    '/api/reports/status-summary?format=csv',
    '/api/reports/status-summary?from=2026-04-01&to=2026-05-31',
    '/api/reports/bottlenecks',
    '/api/reports/bottlenecks?format=csv',
    '/api/reports/bottlenecks?format=csv&table=stages',
    '/api/reports/bottlenecks?format=csv&table=worst',
    `/api/reports/directives/${mixed.id}/progress`,
    `/api/reports/directives/${mixed.id}/progress?format=csv`,
    '/api/reports/unit-ranking?period=2026-Q2',
    '/api/reports/unit-ranking?period=2026&format=csv',
    '/api/users',
  ];

  /** The reads of one of unit A's tasks or directives, which a department of another unit may not make. */
  const refused = () => [
    ...Object.values(a).flatMap((id) => [`/api/tasks/${id}`, `/api/tasks/${id}/timeline`]),
    `/api/directives/${alphaOnly.id}`,
    `/api/directives/${alphaOnly.id}/timeline`,
    `/api/reports/directives/${alphaOnly.id}/progress`,
    `/api/reports/directives/${alphaOnly.id}/progress?format=csv`,
  ];

  it('shows the other unit’s department none of unit A’s tasks in any list, report, timeline, CSV or search', async () => {
    const found: { url: string; status: number; leaks: string[] }[] = [];
    for (const url of answered()) {
      const res = await w.users.other.get(url);
      if (res.status !== 200 || leaks(res).length > 0) found.push({ url, status: res.status, leaks: leaks(res) });
    }
    expect(found).toEqual([]);
  });

  it('answers 404 when that department reads one of unit A’s tasks or a directive of unit A alone', async () => {
    const answers = [];
    for (const url of refused()) answers.push({ url, status: (await w.users.other.get(url)).status });
    expect(answers).toEqual(refused().map((url) => ({ url, status: 404 })));
  });

  it('counts only that department’s own tasks in the totals it reads', async () => {
    const { other } = w.users;
    expect(expectStatus(await other.get('/api/tasks'), 200)).toMatchObject({ total: 1, items: [expect.objectContaining({ id: charlieTask })] });
    const directives = expectStatus(await other.get('/api/directives'), 200);
    expect(directives.items.map((d: { id: string; progress: { total: number } }) => [d.id, d.progress.total])).toEqual([[mixed.id, 1]]);
    const directive = expectStatus(await other.get(`/api/directives/${mixed.id}`), 200);
    expect({ tasks: directive.tasks.map((x: { id: string }) => x.id), total: directive.progress.total }).toEqual({ tasks: [charlieTask], total: 1 });
    const timeline = expectStatus(await other.get(`/api/directives/${mixed.id}/timeline`), 200);
    expect(timeline.find((e: { type: string }) => e.type === 'DirectiveIssued').data.taskIds).toEqual([charlieTask]);
    expect(new Set(timeline.map((e: { taskId: string | null }) => e.taskId))).toEqual(new Set([null, charlieTask]));
    expect(expectStatus(await other.get('/api/reports/overdue'), 200)).toMatchObject({ total: 1, items: [expect.objectContaining({ taskId: charlieTask })] });
    expect(expectStatus(await other.get('/api/reports/status-summary'), 200).overall.total).toBe(1);
    expect(expectStatus(await other.get(`/api/reports/directives/${mixed.id}/progress`), 200).counts.total).toBe(1);
    expect(expectStatus(await other.get('/api/reports/bottlenecks'), 200).units.map((u: { unitId: string }) => u.unitId)).toEqual([w.units.c]);
    expect(expectStatus(await other.get('/api/reports/unit-ranking?period=2026-Q2'), 200).items.map((u: { unitId: string }) => u.unitId)).toEqual([w.units.c]);
  });

  it('shows a coordinating unit the task it coordinates, in the directive and its timeline, and none of unit A’s others', async () => {
    const { coordinator } = w.users;
    const others = [a.alone, a.cancelled, a.completed, a.takenOver];
    const directive = expectStatus(await coordinator.get(`/api/directives/${mixed.id}`), 200);
    expect(directive.tasks.map((x: { id: string }) => x.id)).toEqual([a.overdue]);
    const timeline = await coordinator.get(`/api/directives/${mixed.id}/timeline`);
    expect(timeline.status).toBe(200);
    expect(timeline.body.find((e: { type: string }) => e.type === 'DirectiveIssued').data.taskIds).toEqual([a.overdue]);
    expect(others.filter((id) => timeline.text.includes(id))).toEqual([]);
    expect(timeline.text).not.toContain(charlieTask);
  });

  it('shows leaders and the secretariat every one of them', async () => {
    for (const viewer of [w.users.leader, w.users.secretariat]) {
      const blind: string[] = [];
      for (const url of [...answered(), ...refused()]) {
        const res = await viewer.get(url);
        // The stages table names no unit, and the directives found by "de an 06" (the mixed one) give counts, not tasks;
        // every other answer names unit A or one of its tasks.
        const namesNoUnit = url.includes('table=stages') || url.includes('q=de%20an%2006');
        if (res.status !== 200 || (!namesNoUnit && leaks(res).length === 0)) blind.push(`${url}: ${res.status}`);
      }
      expect(blind).toEqual([]);
    }
    const all = expectStatus(await w.users.leader.get('/api/tasks'), 200);
    expect(all.items.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining([...Object.values(a), charlieTask]));
  });
});
