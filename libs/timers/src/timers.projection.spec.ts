import { BusinessCalendar, loadCalendar } from '@mandate/calendar';
import { createQueryBuilder } from '@mandate/projections';
import {
  completionAccepted,
  completionReturned,
  completionSubmitted,
  deadlineApproaching,
  deadlineMissed,
  DIRECTIVE_ID,
  DUE_AT,
  EXTENSION_REQUEST_ID,
  extensionDenied,
  extensionGranted,
  extensionRequested,
  LATER_DUE_AT,
  secretariat,
  system,
  T0,
  TASK_ID,
  taskAcknowledged,
  taskAssigned,
  taskCancelled,
  taskEscalated,
  taskReassigned,
} from '@mandate/testing';
import { loadEscalationPolicy } from './escalation-policy';
import { timerEscalationId } from './timer-schedule';
import { TimersProjection } from './timers.projection';
import { timersReadModel } from './test-support/timers-read-model';

const MON_4_MAY = '2026-05-04T03:00:00.000Z';
const WED_6_MAY = '2026-05-06T03:00:00.000Z';
const kinds = (rows: Record<string, unknown>) => Object.keys(rows).sort();
const deadlineRows = (rows: Record<string, { due_at: string; suspended: number }>) =>
  ['deadline_approaching', 'deadline_missed', 'overdue_level_2', 'overdue_level_3'].map((k) => [k, rows[k]?.due_at, rows[k]?.suspended]);

describe('TimersProjection', () => {
  let rm: Awaited<ReturnType<typeof timersReadModel>>;
  const timers = () => rm.timers(TASK_ID);

  beforeEach(async () => {
    rm = await timersReadModel();
  });
  afterEach(() => rm.close());

  it('arms the SPEC §3 task: assigned Tuesday 28 April 09:00, due at the end of 5 May', async () => {
    await rm.project(taskAssigned());
    const base = { task_id: TASK_ID, directive_id: DIRECTIVE_ID, suspended: 0, updated_at: T0 };
    expect(timers()).toEqual({
      not_acknowledged: {
        ...base,
        timer_id: `${TASK_ID}:not_acknowledged`,
        kind: 'not_acknowledged',
        due_at: '2026-05-04T16:59:59.999Z', // 29 Apr, then 30 Apr–3 May off, then 4 May
        basis: T0,
        level: 1,
        escalation_id: timerEscalationId(TASK_ID, 'not_acknowledged', T0),
      },
      deadline_approaching: {
        ...base,
        timer_id: `${TASK_ID}:deadline_approaching`,
        kind: 'deadline_approaching',
        due_at: '2026-04-28T16:59:59.999Z', // 4 May, 29 Apr, 28 Apr
        basis: DUE_AT,
        level: null,
        escalation_id: timerEscalationId(TASK_ID, 'deadline_approaching', DUE_AT),
      },
      deadline_missed: expect.objectContaining({ due_at: '2026-05-05T17:00:00.000Z', basis: DUE_AT, level: 1 }),
      overdue_level_2: expect.objectContaining({ due_at: '2026-05-12T16:59:59.999Z', basis: DUE_AT, level: 2 }),
      overdue_level_3: expect.objectContaining({
        due_at: '2026-05-19T16:59:59.999Z',
        level: 3,
        escalation_id: timerEscalationId(TASK_ID, 'overdue_level_3', DUE_AT),
      }),
    });
  });

  it('disarms not_acknowledged on acknowledgement and re-arms it from a reassignment', async () => {
    await rm.project(taskAssigned(), taskAcknowledged());
    expect(timers().not_acknowledged).toBeUndefined();
    await rm.project(taskReassigned({}, secretariat(), MON_4_MAY));
    expect(timers().not_acknowledged).toMatchObject({
      due_at: '2026-05-06T16:59:59.999Z',
      basis: MON_4_MAY,
      escalation_id: timerEscalationId(TASK_ID, 'not_acknowledged', MON_4_MAY),
      updated_at: MON_4_MAY,
    });
  });

  it('arms extension_pending per request; a denial disarms it, a grant also moves every deadline timer', async () => {
    await rm.project(taskAssigned(), deadlineApproaching({}, system(), '2026-04-28T17:00:00.000Z'));
    expect(timers().deadline_approaching).toBeUndefined();

    await rm.project(extensionRequested({}, undefined, MON_4_MAY));
    expect(timers().extension_pending).toMatchObject({
      due_at: '2026-05-06T16:59:59.999Z',
      basis: EXTENSION_REQUEST_ID,
      level: 1,
      escalation_id: timerEscalationId(TASK_ID, 'extension_pending', EXTENSION_REQUEST_ID),
    });
    await rm.project(extensionDenied());
    expect(timers().extension_pending).toBeUndefined();

    await rm.project(extensionRequested({ requestId: 'extension-2' }, undefined, MON_4_MAY), extensionGranted({ requestId: 'extension-2' }));
    expect(timers().extension_pending).toBeUndefined();
    expect(deadlineRows(timers())).toEqual([
      ['deadline_approaching', '2026-05-12T16:59:59.999Z', 0],
      ['deadline_missed', '2026-05-15T17:00:00.000Z', 0],
      ['overdue_level_2', '2026-05-22T16:59:59.999Z', 0],
      ['overdue_level_3', '2026-05-29T16:59:59.999Z', 0],
    ]);
    expect(timers().overdue_level_2.escalation_id).toBe(timerEscalationId(TASK_ID, 'overdue_level_2', LATER_DUE_AT));
  });

  it('an on-time report arms review_pending and stops the deadline clock until it is returned', async () => {
    await rm.project(taskAssigned(), taskAcknowledged(), completionSubmitted({ onTime: true }, undefined, MON_4_MAY));
    expect(timers().review_pending).toMatchObject({ due_at: '2026-05-07T16:59:59.999Z', basis: MON_4_MAY, suspended: 0 });
    expect(deadlineRows(timers()).map(([, , s]) => s)).toEqual([1, 1, 1, 1]);

    await rm.project(completionReturned({}, secretariat(), WED_6_MAY));
    expect(timers().review_pending).toBeUndefined();
    expect(deadlineRows(timers()).map(([, , s]) => s)).toEqual([0, 0, 0, 0]);
    expect(timers().deadline_missed.updated_at).toBe(WED_6_MAY);
  });

  it('a late report leaves the deadline clock running', async () => {
    await rm.project(taskAssigned(), taskAcknowledged(), completionSubmitted({ onTime: false }, undefined, WED_6_MAY));
    expect(timers().review_pending.due_at).toBe('2026-05-11T16:59:59.999Z');
    expect(deadlineRows(timers()).map(([, , s]) => s)).toEqual([0, 0, 0, 0]);
  });

  it('an extension granted while an on-time report awaits review re-arms the deadline timers suspended', async () => {
    await rm.project(taskAssigned(), taskAcknowledged(), completionSubmitted({ onTime: true }, undefined, MON_4_MAY));
    await rm.project(extensionRequested(), extensionGranted());
    expect(deadlineRows(timers())).toEqual([
      ['deadline_approaching', '2026-05-12T16:59:59.999Z', 1],
      ['deadline_missed', '2026-05-15T17:00:00.000Z', 1],
      ['overdue_level_2', '2026-05-22T16:59:59.999Z', 1],
      ['overdue_level_3', '2026-05-29T16:59:59.999Z', 1],
    ]);
  });

  it('a reassignment voids a pending report: review_pending goes, the deadline clock restarts', async () => {
    await rm.project(taskAssigned(), taskAcknowledged(), completionSubmitted({ onTime: true }, undefined, MON_4_MAY), taskReassigned());
    expect(timers().review_pending).toBeUndefined();
    expect(deadlineRows(timers()).map(([, , s]) => s)).toEqual([0, 0, 0, 0]);
    expect(timers().not_acknowledged).toBeDefined();
  });

  it.each([
    ['accepted', completionAccepted],
    ['cancelled', taskCancelled],
  ])('a %s task has no timers, and later events arm none', async (_name, closing) => {
    await rm.project(taskAssigned(), taskAcknowledged(), completionSubmitted(), extensionRequested(), closing());
    expect(timers()).toEqual({});
    await rm.project(taskReassigned(), extensionRequested(), extensionGranted(), completionSubmitted());
    expect(timers()).toEqual({});
  });

  it('disarms the timer a firing reports; a manual or level-1 overdue escalation disarms nothing', async () => {
    await rm.project(taskAssigned(), completionSubmitted({ onTime: false }), extensionRequested());
    expect(kinds(timers())).toHaveLength(7);
    const escalated = (reason: string, level: number) => taskEscalated({ reason: reason as never, level }, system());

    await rm.project(escalated('manual', 1), escalated('overdue', 1));
    expect(kinds(timers())).toHaveLength(7);
    await rm.project(deadlineMissed({}, system()), escalated('not_acknowledged', 1), escalated('overdue', 2));
    expect(kinds(timers())).toEqual(['deadline_approaching', 'extension_pending', 'overdue_level_3', 'review_pending']);
    await rm.project(deadlineApproaching({}, system()), escalated('overdue', 3), escalated('review_pending', 1), escalated('extension_pending', 1));
    expect(timers()).toEqual({});
  });

  it('arms nothing for a task it never saw assigned', async () => {
    await rm.project(taskReassigned(), extensionRequested(), completionSubmitted(), extensionGranted());
    expect(rm.raw.prepare('select count(*) as n from rm_timers').get()).toEqual({ n: 0 });
  });

  it('compiles every statement for PostgreSQL too', () => {
    const pg = createQueryBuilder('postgres');
    const events = [taskAssigned(), taskAcknowledged(), completionSubmitted(), completionReturned(), taskCancelled()];
    const statements = [...rm.projection.schema(pg), ...events.flatMap((e) => rm.projection.apply(e, pg))];
    expect(statements.find((s) => s.sql.includes('?'))).toBeUndefined();
  });
});

describe('TimersProjection version', () => {
  const calendar = loadCalendar();
  const policy = loadEscalationPolicy();

  it('is a stable positive integer of the policy and the calendar', () => {
    const v = new TimersProjection(calendar, policy).version;
    expect(Number.isInteger(v) && v > 0 && v <= 0x7fffffff).toBe(true);
    expect(new TimersProjection(loadCalendar(), loadEscalationPolicy()).version).toBe(v);
    expect(new TimersProjection(calendar, { ...policy, version: 'default-2' }).version).not.toBe(v);
    const rules = { ...policy.rules, review_pending: { ...policy.rules.review_pending, workingDays: 4 } };
    expect(new TimersProjection(calendar, { ...policy, rules }).version).not.toBe(v);
    const other = new BusinessCalendar({ ...calendar.definition, version: 'vn-2026.2' });
    expect(new TimersProjection(other, policy).version).not.toBe(v);
  });
});
