import { DEFAULT_CALENDAR_FILE, loadCalendar } from '@mandate/calendar';
import { CompletionSubmitted, TaskAcknowledged, TaskAssigned, TaskReassigned } from '@mandate/domain';
import { ALL_PROJECTIONS } from '@mandate/projections';
import { History, LEADER, dept, streamsOf } from '@mandate/projections/test-support/history';
import { memoryReadModel } from '@mandate/projections/test-support/read-model-harness';
import { ReportsProjection } from './projection/reports.projection';
import { assigned, minute, submitted } from './projection/replay/replay-test-support';
import { ReportQueries } from './queries/report-queries';

/**
 * A task reassigned while its on-time report awaits review: the domain drops the report (the
 * task is assigned again, to the new unit), so from then on the new unit has the task to do,
 * and once past its deadline it is overdue like any other open task.
 */
describe('a task reassigned while its report awaits review', () => {
  const calendar = loadCalendar(DEFAULT_CALENDAR_FILE, 'Asia/Ho_Chi_Minh');

  it('given an on-time report awaiting review, when the task is reassigned after its deadline, then it is overdue and waits on the new unit', async () => {
    // Events one minute apart from minute 0; due at minute 3.
    const history = new History()
      .e(TaskAssigned, 'task-t1', assigned('t1', 'unit-a', minute(3)))
      .e(TaskAcknowledged, 'task-t1', { taskId: 't1', unitId: 'unit-a' }, dept('unit-a'))
      .e(CompletionSubmitted, 'task-t1', submitted('t1', 'unit-a', true), dept('unit-a'))
      .e(TaskAcknowledged, 'task-t2', { taskId: 't2', unitId: 'unit-a' }, dept('unit-a')) // minute 3: time passes
      .e(TaskAcknowledged, 'task-t2', { taskId: 't2', unitId: 'unit-a' }, dept('unit-a'))
      .e(TaskReassigned, 'task-t1', { taskId: 't1', fromUnitId: 'unit-a', toUnitId: 'unit-b', reason: 'Sai đơn vị' });
    const model = await memoryReadModel([...ALL_PROJECTIONS, new ReportsProjection(calendar)]);
    try {
      const events = history.recorded();
      await model.project(events);
      const reports = new ReportQueries(model.db, calendar, streamsOf(events));

      // Before the reassignment (minute 4), the on-time report awaiting review keeps it off the list.
      expect((await reports.overdue(LEADER, { asOf: new Date(minute(4)), limit: 10, offset: 0 })).total).toBe(0);
      // After it (minute 6), nothing awaits review: it is overdue, under unit-b.
      const overdue = await reports.overdue(LEADER, { asOf: new Date(minute(6)), limit: 10, offset: 0 });
      expect(overdue.items.map((i) => [i.taskId, i.leadUnitId])).toEqual([['t1', 'unit-b']]);
      expect(model.rows('select stage, lead_unit_id, ended_ms is null as running from rp_task_stages order by seq')).toEqual([
        { stage: 'unit', lead_unit_id: 'unit-a', running: 0 },
        { stage: 'review', lead_unit_id: 'unit-a', running: 0 },
        { stage: 'unit', lead_unit_id: 'unit-b', running: 1 },
      ]);
    } finally {
      model.close();
    }
  });
});
