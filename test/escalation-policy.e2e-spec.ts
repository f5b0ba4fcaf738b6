import { startTestApp, type TestApp } from './support/test-app';
import { ApiUser, expectStatus } from './support/api-client';
import { buildWorld, type World } from './support/scenario';
import { ADMIN } from './support/test-app';

type Entry = { type: string; occurredAt: string; level: number | null; data: { reason?: string; level?: number } };

/**
 * SPEC §4, row by row, over HTTP with the clock pinned at Tuesday 2026-04-28 09:00 in
 * Asia/Ho_Chi_Minh and advanced step by step: each timer fires at its offset (skipping
 * weekends and the 30 April / 1 May holidays), exactly once, and shows in the timeline.
 */
describe('default escalation policy (SPEC §4)', () => {
  let t: TestApp;
  let w: World;
  let admin: ApiUser;
  let code = 0;

  const moveTo = async (iso: string) => expectStatus(await admin.post('/api/admin/clock', { pinTo: iso }), 200);
  const timeline = async (taskId: string): Promise<Entry[]> => expectStatus(await w.leader.get(`/api/tasks/${taskId}/timeline`), 200);
  const types = async (taskId: string) => (await timeline(taskId)).map((e) => (e.type === 'TaskEscalated' ? `L${e.data.level} ${e.data.reason}` : e.type));
  const issue = async (task: object) => {
    code += 1;
    const body = expectStatus(
      await w.secretariat.post('/api/directives', { code: `${code}-CT/TU`, title: `Policy ${code}`, tasks: [{ title: 'Task', leadUnitId: w.units.police, ...task }] }),
      201,
    );
    return body.tasks[0] as { id: string; dueAt: string };
  };

  beforeEach(async () => {
    t = await startTestApp({ TIMER_SWEEP_MS: '3600000' });
    t.clock.pin(new Date('2026-04-28T02:00:00Z'));
    w = await buildWorld(t);
    admin = await ApiUser.login(t, ADMIN.username, ADMIN.password);
  });

  afterEach(() => t.close());

  it('unacknowledged, then overdue: reminder, not_acknowledged, DeadlineMissed, levels 1, 2, 3 — each once, at its offset', async () => {
    const task = await issue({ dueInWorkingDays: 3 });
    expect(task.dueAt).toBe('2026-05-05T16:59:59.999Z');

    // 3 working days before the deadline's local day (Tue 5 May): 4 May, then 29 and 28 April.
    await moveTo('2026-04-28T16:59:00Z');
    expect(await types(task.id)).toEqual(['TaskAssigned']);
    await moveTo('2026-04-28T17:00:00Z');
    expect(await types(task.id)).toEqual(['TaskAssigned', 'DeadlineApproaching']);

    // Not acknowledged 2 working days after assignment: 29 April, then 4 May (holidays and weekend skipped).
    await moveTo('2026-05-04T16:59:00Z');
    expect(await types(task.id)).toEqual(['TaskAssigned', 'DeadlineApproaching']);
    await moveTo('2026-05-04T17:00:00Z');
    expect(await types(task.id)).toEqual(['TaskAssigned', 'DeadlineApproaching', 'L1 not_acknowledged']);

    // The deadline passes.
    await moveTo('2026-05-05T16:59:59.999Z');
    expect((await types(task.id)).length).toBe(3);
    await moveTo('2026-05-05T17:00:00.001Z');
    expect((await types(task.id)).slice(3)).toEqual(['DeadlineMissed', 'L1 overdue']);

    // 5 working days after the deadline: Tue 12 May; 10: Tue 19 May.
    await moveTo('2026-05-12T16:59:00Z');
    expect((await types(task.id)).length).toBe(5);
    await moveTo('2026-05-12T17:00:00Z');
    expect((await types(task.id)).slice(5)).toEqual(['L2 overdue']);
    await moveTo('2026-05-19T17:00:00Z');
    expect((await types(task.id)).slice(6)).toEqual(['L3 overdue']);

    // Nothing fires twice, however far the clock goes.
    await moveTo('2026-08-01T00:00:00Z');
    expect(await types(task.id)).toEqual([
      'TaskAssigned',
      'DeadlineApproaching',
      'L1 not_acknowledged',
      'DeadlineMissed',
      'L1 overdue',
      'L2 overdue',
      'L3 overdue',
    ]);
    const detail = expectStatus(await w.leader.get(`/api/tasks/${task.id}`), 200);
    expect(detail.escalationLevel).toBe(3);

    // Rebuilding every projection from the log (timers included) fires nothing again.
    const head = async () => expectStatus(await t.http.get('/api/health'), 200).eventStore.headPosition;
    const before = await head();
    expectStatus(await admin.post('/api/admin/projections/all/rebuild'), 200);
    await moveTo('2026-08-02T00:00:00Z');
    expect(await head()).toBe(before);
    const escalations = (await timeline(task.id)).filter((e) => e.type === 'TaskEscalated');
    expect(escalations.map((e) => e.occurredAt)).toEqual([
      '2026-05-04T17:00:00.000Z',
      '2026-05-05T17:00:00.001Z',
      '2026-05-12T17:00:00.000Z',
      '2026-05-19T17:00:00.000Z',
    ]);
  });

  it('a report submitted before the deadline stops the deadline clock; unreviewed for 3 working days it escalates the secretariat', async () => {
    const task = await issue({ dueInWorkingDays: 3 });
    expectStatus(await w.police.post(`/api/tasks/${task.id}/acknowledge`), 200);
    await moveTo('2026-05-04T03:00:00Z');
    expectStatus(await w.police.post(`/api/tasks/${task.id}/completion`, { report: 'done' }), 200);
    // 3 working days after Mon 4 May: Thu 7 May, end of day.
    await moveTo('2026-05-07T16:59:00Z');
    expect((await types(task.id)).filter((x) => x.startsWith('L') || x === 'DeadlineMissed')).toEqual([]);
    await moveTo('2026-05-07T17:00:00Z');
    const after = await types(task.id);
    expect(after.filter((x) => x.startsWith('L'))).toEqual(['L1 review_pending']);
    expect(after).not.toContain('DeadlineMissed');
    // Accepting resolves the open escalation.
    expectStatus(await w.secretariat.post(`/api/tasks/${task.id}/review`, { accept: true }), 200);
    const resolved = (await timeline(task.id)).filter((e) => e.type === 'EscalationResolved');
    expect(resolved).toHaveLength(1);
    await moveTo('2026-06-30T00:00:00Z');
    expect((await types(task.id)).filter((x) => x.startsWith('L'))).toEqual(['L1 review_pending']);
  });

  it('an extension request undecided for 2 working days escalates; granting it before the deadline moves every deadline timer', async () => {
    const task = await issue({ dueInWorkingDays: 3 });
    expectStatus(await w.police.post(`/api/tasks/${task.id}/acknowledge`), 200);
    expectStatus(
      await w.police.post(`/api/tasks/${task.id}/extension-request`, { requestedDueAt: '2026-05-29T16:59:59.999Z', reason: 'funding' }),
      200,
    );
    // Requested Tue 28 April: 2 working days -> 29 April, 4 May.
    await moveTo('2026-05-04T17:00:00Z');
    expect((await types(task.id)).filter((x) => x.startsWith('L'))).toEqual(['L1 extension_pending']);
    expectStatus(await w.secretariat.post(`/api/tasks/${task.id}/extension-decision`, { approve: true }), 200);
    // The old deadline (5 May) passes: nothing; the new one (29 May) is what counts.
    await moveTo('2026-05-20T00:00:00Z');
    const mid = await types(task.id);
    expect(mid).not.toContain('DeadlineMissed');
    // The old deadline's reminder fired (28 April) before the grant; the new one's is due on 26 May.
    expect(mid.filter((x) => x === 'DeadlineApproaching')).toHaveLength(1);
    await moveTo('2026-05-29T17:00:00.001Z');
    const end = await types(task.id);
    expect(end.filter((x) => x === 'DeadlineApproaching')).toHaveLength(2);
    expect(end.filter((x) => x === 'DeadlineMissed')).toHaveLength(1);
    expect(end.filter((x) => x === 'L1 overdue')).toHaveLength(1);
  });

  it('cancelling resolves open escalations and stops every timer', async () => {
    const task = await issue({ dueInWorkingDays: 3 });
    await moveTo('2026-05-05T17:00:00.001Z');
    expect((await types(task.id)).filter((x) => x.startsWith('L'))).toEqual(['L1 not_acknowledged', 'L1 overdue']);
    expectStatus(await w.secretariat.post(`/api/tasks/${task.id}/cancel`, { reason: 'merged' }), 200);
    const resolved = (await timeline(task.id)).filter((e) => e.type === 'EscalationResolved');
    expect(resolved).toHaveLength(2);
    await moveTo('2026-07-01T00:00:00Z');
    expect((await types(task.id)).filter((x) => x.startsWith('L'))).toEqual(['L1 not_acknowledged', 'L1 overdue']);
  });
});
