import { createQueryBuilder } from '@mandate/projections';
import { project06History } from '@mandate/projections/test-support/project-06.history';
import { replayedSnapshot } from '@mandate/projections/test-support/replay-harness';
import {
  completionAccepted,
  completionReturned,
  completionSubmitted,
  deadlineApproaching,
  deadlineMissed,
  DUE_AT,
  extensionDenied,
  extensionGranted,
  extensionRequested,
  LATER_DUE_AT,
  taskAcknowledged,
  taskAssigned,
  taskCancelled,
  taskEscalated,
  taskReassigned,
} from '@mandate/testing';
import { expectSameTables, log, recorded, timersProjection, type Step } from './test-support/timers-replay';

const escalated = (reason: string, level: number) => (o: object) => taskEscalated({ reason: reason as never, level, ...o });

describe('TimersProjection replayer', () => {
  it('given the Project 06 history, when replayed, then its tables are those the statements leave', async () => {
    const timers = await expectSameTables(project06History().recorded());
    expect(Object.keys(timers).length).toBeGreaterThan(4);
  });

  it('given extensions granted and denied, when replayed, then the deadline timers moved and extension_pending is kept only while pending', async () => {
    const timers = await expectSameTables(
      log(
        [taskAssigned, 'a'],
        [taskAcknowledged, 'a'],
        [extensionRequested, 'a', { requestId: 'x1' }],
        [extensionGranted, 'a', { requestId: 'x1', newDueAt: LATER_DUE_AT }],
        [extensionRequested, 'a', { requestId: 'x2' }],
        [extensionDenied, 'a', { requestId: 'x2' }],
        [taskAssigned, 'b'],
        [extensionRequested, 'b', { requestId: 'x3' }],
        [extensionRequested, 'b', { requestId: 'x4' }],
      ),
    );
    expect(timers['a:deadline_missed'].basis).toBe(LATER_DUE_AT);
    expect(timers['a:extension_pending']).toBeUndefined();
    expect(timers['b:extension_pending'].basis).toBe('x4');
  });

  it('given on-time reports returned, extended while under review, and late, when replayed, then suspension flags and updated_at match', async () => {
    const timers = await expectSameTables(
      log(
        [taskAssigned, 'a'],
        [taskAcknowledged, 'a'],
        [completionSubmitted, 'a', { onTime: true }],
        [completionReturned, 'a'],
        [completionSubmitted, 'a', { onTime: true }],
        [taskAssigned, 'b'],
        [completionSubmitted, 'b', { onTime: true }],
        [deadlineApproaching, 'b'],
        [extensionRequested, 'b'],
        [extensionGranted, 'b'],
        [taskAssigned, 'c'],
        [completionSubmitted, 'c', { onTime: false }],
        [taskAssigned, 'd'],
        [completionSubmitted, 'd', { onTime: true }],
        [completionReturned, 'd'],
      ),
    );
    expect([timers['a:deadline_missed'].suspended, timers['b:deadline_approaching'].suspended, timers['c:overdue_level_2'].suspended]).toEqual([1, 1, 0]);
    expect(timers['d:overdue_level_3']).toMatchObject({ suspended: 0, updated_at: '2026-04-28T02:14:00.000Z' });
  });

  it('given firings reported by events, when replayed, then each disarms its own timer and manual or level-1 overdue escalations none', async () => {
    const timers = await expectSameTables(
      log(
        [taskAssigned, 'a'],
        [completionSubmitted, 'a', { onTime: false }],
        [extensionRequested, 'a'],
        [escalated('manual', 1), 'a'],
        [escalated('overdue', 1), 'a'],
        [escalated('not_acknowledged', 1), 'a'],
        [deadlineApproaching, 'a'],
        [escalated('overdue', 2), 'a'],
        [escalated('review_pending', 2), 'a'],
        [taskAssigned, 'b'],
        [deadlineMissed, 'b'],
        [escalated('overdue', 3), 'b'],
        [escalated('extension_pending', 1), 'b'],
      ),
    );
    expect(Object.keys(timers).sort()).toEqual([
      'a:deadline_missed',
      'a:extension_pending',
      'a:overdue_level_3',
      'b:deadline_approaching',
      'b:not_acknowledged',
      'b:overdue_level_2',
    ]);
  });

  it('given tasks accepted or cancelled, when later events come, then they arm nothing until a new assignment', async () => {
    const closedThenBusy = (taskId: string, close: Step[0]): Step[] => [
      [taskAssigned, taskId],
      [completionSubmitted, taskId],
      [extensionRequested, taskId],
      [close, taskId],
      [taskReassigned, taskId],
      [extensionRequested, taskId],
      [extensionGranted, taskId],
      [completionSubmitted, taskId, { onTime: true }],
      [completionReturned, taskId],
    ];
    const timers = await expectSameTables(
      log(
        ...closedThenBusy('a', completionAccepted),
        ...closedThenBusy('b', taskCancelled),
        [taskAssigned, 'b', { directiveId: 'd-2', dueAt: LATER_DUE_AT }],
        [completionSubmitted, 'b', { onTime: true }],
      ),
    );
    expect(Object.keys(timers).filter((id) => id.startsWith('a:'))).toEqual([]);
    expect(timers['b:overdue_level_2']).toMatchObject({ directive_id: 'd-2', basis: LATER_DUE_AT, suspended: 1 });
  });

  it('given reassignments with and without a pending report, when replayed, then not_acknowledged is re-armed and every deadline timer restarted', async () => {
    const timers = await expectSameTables(
      log(
        [taskAssigned, 'a'],
        [taskAcknowledged, 'a'],
        [completionSubmitted, 'a', { onTime: true }],
        [taskReassigned, 'a'],
        [taskAssigned, 'b'],
        [deadlineApproaching, 'b'],
        [taskReassigned, 'b'],
      ),
    );
    expect(timers['a:review_pending']).toBeUndefined();
    expect(timers['a:deadline_missed']).toMatchObject({ suspended: 0, updated_at: '2026-04-28T02:03:00.000Z' });
    expect(timers['b:overdue_level_3'].updated_at).toBe('2026-04-28T02:06:00.000Z');
  });

  it('given events of tasks never assigned, when replayed, then there is no row at all', async () => {
    await expectSameTables(
      log(
        [taskAcknowledged, 'ghost'],
        [taskReassigned, 'ghost'],
        [extensionRequested, 'ghost'],
        [extensionGranted, 'ghost'],
        [completionSubmitted, 'ghost', { onTime: true }],
        [completionReturned, 'ghost'],
        [escalated('overdue', 2), 'ghost'],
        [completionAccepted, 'ghost'],
      ),
    );
    const projection = timersProjection();
    const replayed = await replayedSnapshot(projection, log([taskReassigned, 'ghost'], [extensionGranted, 'ghost']));
    expect(replayed).toEqual({ rm_timer_tasks: [], rm_timers: [] });
  });

  it('given a second assignment of an open task, when replayed, then re-armed timers keep their directive and newly armed ones take the new one', async () => {
    const timers = await expectSameTables(
      log(
        [taskAssigned, 'a', { directiveId: 'd-1' }],
        [taskAcknowledged, 'a'],
        [deadlineApproaching, 'a'],
        [completionSubmitted, 'a', { onTime: true }],
        [taskAssigned, 'a', { directiveId: 'd-2', dueAt: LATER_DUE_AT }],
        [taskAssigned, 'a', { directiveId: 'd-3', dueAt: DUE_AT }],
      ),
    );
    const directives = Object.fromEntries(Object.values(timers).map((t) => [t.kind, t.directive_id]));
    expect(directives).toEqual({
      not_acknowledged: 'd-2',
      deadline_approaching: 'd-2',
      deadline_missed: 'd-1',
      overdue_level_2: 'd-1',
      overdue_level_3: 'd-1',
      review_pending: 'd-1',
    });
  });

  it('given instants written otherwise (an offset, no milliseconds), when replayed, then basis and updated_at keep their text', async () => {
    const local = '2026-04-28T09:00:00+07:00';
    const timers = await expectSameTables(
      recorded([
        taskAssigned({ taskId: 'a', dueAt: '2026-05-05T23:59:59+07:00' }, undefined, local),
        extensionRequested({ taskId: 'a', requestId: '2026-05-01T00:00:00.000Z' }, undefined, '2026-04-29T02:00:00Z'),
        completionSubmitted({ taskId: 'a', onTime: true }, undefined, '2026-04-29T03:00:00.000Z'),
        taskAssigned({ taskId: 'b', dueAt: LATER_DUE_AT }, undefined, '2026-04-28T02:00:00.000Z'),
        taskReassigned({ taskId: 'b' }, undefined, '2026-04-30T10:00:00+07:00'),
        taskAssigned({ taskId: 'c', dueAt: '2026-02-30T00:00:00.000Z' }, undefined, '2026-04-28T24:00:00.000Z'),
      ]),
    );
    expect(timers['a:not_acknowledged']).toMatchObject({ basis: local, updated_at: local });
    expect(timers['a:overdue_level_2']).toMatchObject({ basis: '2026-05-05T23:59:59+07:00', updated_at: '2026-04-29T03:00:00.000Z' });
    expect(timers['a:extension_pending']).toMatchObject({ basis: '2026-05-01T00:00:00.000Z', updated_at: '2026-04-29T02:00:00Z' });
    expect(timers['b:deadline_missed'].updated_at).toBe('2026-04-30T10:00:00+07:00');
    expect(timers['c:deadline_missed']).toMatchObject({ basis: '2026-02-30T00:00:00.000Z', due_at: '2026-03-02T00:00:00.001Z' });
  });

  it('given a due date that is not an instant, when applied, then the replayer fails as the statements do', () => {
    const [event] = log([taskAssigned, 'a', { dueAt: 'soon' }]);
    const projection = timersProjection();
    let message = '';
    try {
      projection.apply(event, createQueryBuilder('sqlite'));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/not an instant/);
    expect(() => projection.replayer().apply(event, { insert: () => undefined })).toThrow(message);
  });
});
