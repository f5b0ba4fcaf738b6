import { DEFAULT_CALENDAR_FILE, loadCalendar } from '@mandate/calendar';
import { DirectiveIssued, ExtensionGranted, ExtensionRequested, TaskAssigned, TaskProgressReported } from '@mandate/domain';
import { ALL_PROJECTIONS } from '@mandate/projections';
import { memoryReadModel } from '@mandate/projections/test-support/read-model-harness';
import { History, LEADER, dept, streamsOf } from '@mandate/projections/test-support/history';
import { assigned, issued, minute } from './projection/replay/replay-test-support';
import { ReportsProjection } from './projection/reports.projection';
import { ReportQueries } from './queries/report-queries';

/**
 * A task overdue on a deadline that was extended: the overdue report and directive progress
 * show the deadline in force beside the original one, and the title, assignment and last
 * progress the task had (kept once per task, the instants as numbers, written back as ISO text).
 */
describe('an overdue task whose deadline was extended', () => {
  const calendar = loadCalendar(DEFAULT_CALENDAR_FILE, 'Asia/Ho_Chi_Minh');
  // Events one minute apart from 02:00Z: the original deadline 02:30Z, extended (in +07:00, as a
  // unit may write it) to 02:59:59.999Z.
  const history = new History()
    .e(DirectiveIssued, 'directive-d1', issued('d1', ['t1']))
    .e(TaskAssigned, 'task-t1', assigned('t1', 'unit-a', minute(30)))
    .e(ExtensionRequested, 'task-t1', { taskId: 't1', requestId: 'x1', unitId: 'unit-a', currentDueAt: minute(30), requestedDueAt: '2026-04-28T02:59:59.999Z', reason: 'Chờ số liệu' }, dept('unit-a'))
    .e(ExtensionGranted, 'task-t1', { taskId: 't1', requestId: 'x1', previousDueAt: minute(30), newDueAt: '2026-04-28T09:59:59.999+07:00', reason: null })
    .e(TaskProgressReported, 'task-t1', { taskId: 't1', unitId: 'unit-a', percent: 40, previousPercent: 0, note: null }, dept('unit-a'));
  let harness: Awaited<ReturnType<typeof memoryReadModel>>;
  let reports: ReportQueries;

  beforeAll(async () => {
    harness = await memoryReadModel([...ALL_PROJECTIONS, new ReportsProjection(calendar)]);
    const events = history.recorded();
    await harness.project(events);
    reports = new ReportQueries(harness.db, calendar, streamsOf(events));
  });
  afterAll(() => harness.close());

  it('is not overdue between its original deadline and the extended one', async () => {
    expect((await reports.overdue(LEADER, { asOf: new Date('2026-04-28T02:45:00Z'), limit: 10 })).total).toBe(0);
  });

  it('is listed once the extended deadline has passed, with both deadlines, its title, assignment and last progress', async () => {
    const report = await reports.overdue(LEADER, { asOf: new Date('2026-04-28T03:30:00Z'), limit: 10 });
    expect(report.total).toBe(1);
    expect(report.items[0]).toMatchObject({
      taskId: 't1',
      title: 'Nhiệm vụ t1',
      directiveCode: 'd1-CT/TU',
      assignedAt: minute(1),
      dueAt: '2026-04-28T02:59:59.999Z',
      originalDueAt: '2026-04-28T02:30:00.000Z',
      extended: true,
      percent: 40,
      lastProgressAt: minute(4),
    });
  });

  it('shows the deadline in force as of each instant in the directive progress', async () => {
    const before = await reports.directiveProgress(LEADER, 'd1', new Date('2026-04-28T02:02:30Z'));
    expect(before.items.map((i) => [i.title, i.dueAt, i.status])).toEqual([['Nhiệm vụ t1', '2026-04-28T02:30:00.000Z', 'in_progress_on_time']]);
    const after = await reports.directiveProgress(LEADER, 'd1', new Date('2026-04-28T03:30:00Z'));
    expect(after.items.map((i) => [i.title, i.dueAt, i.status])).toEqual([['Nhiệm vụ t1', '2026-04-28T02:59:59.999Z', 'overdue']]);
  });
});
