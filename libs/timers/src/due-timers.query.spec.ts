import { completionSubmitted, DIRECTIVE_ID, DUE_AT, T0, taskAcknowledged, taskAssigned } from '@mandate/testing';
import { DueTimersQuery } from './due-timers.query';
import { timerEscalationId } from './timer-schedule';
import { timersReadModel } from './test-support/timers-read-model';

/** Two tasks of the SPEC §3 example, assigned together; task b's on-time report stops its deadline clock. */
describe('DueTimersQuery', () => {
  let rm: Awaited<ReturnType<typeof timersReadModel>>;
  let query: DueTimersQuery;
  const due = async (now: string, limit = 100) => (await query.run(new Date(now), limit)).map((t) => [t.timerId, t.dueAt]);

  beforeEach(async () => {
    rm = await timersReadModel();
    query = new DueTimersQuery(rm.db);
    await rm.project(
      taskAssigned({ taskId: 'a' }),
      taskAssigned({ taskId: 'b' }),
      taskAcknowledged({ taskId: 'b' }),
      completionSubmitted({ taskId: 'b', onTime: true }, undefined, '2026-05-04T03:00:00.000Z'),
    );
  });
  afterEach(() => rm.close());

  it('returns due, unsuspended timers, oldest first and by timer id on a tie', async () => {
    expect(await due('2026-04-28T16:59:59.998Z')).toEqual([]);
    // due_at <= now; b's reminder, due at the same instant, is suspended
    expect(await due('2026-04-28T16:59:59.999Z')).toEqual([['a:deadline_approaching', '2026-04-28T16:59:59.999Z']]);
    expect(await due('2026-05-05T16:59:59.999Z')).toEqual([
      ['a:deadline_approaching', '2026-04-28T16:59:59.999Z'],
      ['a:not_acknowledged', '2026-05-04T16:59:59.999Z'],
    ]);
    expect(await due('2026-05-05T17:00:00.000Z')).toEqual([
      ['a:deadline_approaching', '2026-04-28T16:59:59.999Z'],
      ['a:not_acknowledged', '2026-05-04T16:59:59.999Z'],
      ['a:deadline_missed', '2026-05-05T17:00:00.000Z'],
    ]);
  });

  it('breaks a tie of due instants by timer id', async () => {
    await rm.project(taskAssigned({ taskId: '0' }));
    expect((await due('2026-05-04T16:59:59.999Z')).map(([id]) => id)).toEqual([
      '0:deadline_approaching',
      'a:deadline_approaching',
      '0:not_acknowledged',
      'a:not_acknowledged',
    ]);
  });

  it('includes review_pending of a suspended task and honours the limit', async () => {
    expect(await due('2026-05-07T16:59:59.999Z', 2)).toEqual([
      ['a:deadline_approaching', '2026-04-28T16:59:59.999Z'],
      ['a:not_acknowledged', '2026-05-04T16:59:59.999Z'],
    ]);
    expect((await due('2026-05-07T16:59:59.999Z')).map(([id]) => id)).toEqual([
      'a:deadline_approaching',
      'a:not_acknowledged',
      'a:deadline_missed',
      'b:review_pending',
    ]);
  });

  it('maps a row to what the sweeper needs to fire it', async () => {
    const [timer] = await query.run(new Date('2026-05-05T17:00:00.000Z'), 1);
    expect(timer).toEqual({
      timerId: 'a:deadline_approaching',
      taskId: 'a',
      directiveId: DIRECTIVE_ID,
      kind: 'deadline_approaching',
      dueAt: '2026-04-28T16:59:59.999Z',
      basis: DUE_AT,
      level: null,
      escalationId: timerEscalationId('a', 'deadline_approaching', DUE_AT),
    });
    const [, notAcknowledged] = await query.run(new Date('2026-05-05T17:00:00.000Z'), 2);
    expect(notAcknowledged).toMatchObject({ kind: 'not_acknowledged', basis: T0, level: 1 });
  });

  it('counts for the watchdog the timers due more than the grace period ago and still armed', async () => {
    const now = Date.parse('2026-05-05T17:00:00.000Z');
    expect(await query.overdueUnfired(new Date(now))).toBe(2);
    expect(await query.overdueUnfired(new Date(now + 60_000))).toBe(2);
    expect(await query.overdueUnfired(new Date(now + 60_001))).toBe(3);
    expect(await query.overdueUnfired(new Date('2026-05-04T16:59:59.999Z'), 0)).toBe(1);
    expect(await query.overdueUnfired(new Date('2026-04-28T17:00:00.000Z'))).toBe(0);
  });
});
