import { DEFAULT_CALENDAR_FILE, loadCalendar } from '@mandate/calendar';
import { ALL_PROJECTIONS } from '@mandate/projections';
import { memoryReadModel } from '@mandate/projections/test-support/read-model-harness';
import { CA, HX, TP, TT, project06History } from '@mandate/projections/test-support/project-06.history';
import { LEADER, dept, streamsOf } from '@mandate/projections/test-support/history';
import { ReportsProjection } from './projection/reports.projection';
import { ReportQueries } from './queries/report-queries';

/**
 * The reports over the Project 06 test history (events one minute apart from
 * 2026-04-28T02:00Z): the projection's versions and each report, now and as of earlier
 * instants. The hand-worked scenario over HTTP is test/reports.e2e-spec.ts.
 */
describe('ReportsProjection and ReportQueries', () => {
  const calendar = loadCalendar(DEFAULT_CALENDAR_FILE, 'Asia/Ho_Chi_Minh');
  let harness: Awaited<ReturnType<typeof memoryReadModel>>;
  let reports: ReportQueries;

  beforeAll(async () => {
    harness = await memoryReadModel([...ALL_PROJECTIONS, new ReportsProjection(calendar)]);
    const events = project06History().recorded();
    await harness.project(events);
    reports = new ReportQueries(harness.db, calendar, streamsOf(events));
  });
  afterAll(() => harness.close());

  const at = (iso: string) => new Date(iso);

  it('keeps one current version per task and closes each earlier one where the next begins', () => {
    const current = harness.rows<{ task_id: string; n: number }>(
      "select task_id, count(*) as n from rp_task_versions where valid_to = 253402300799999 group by task_id order by task_id",
    );
    expect(current).toEqual(['t1', 't2', 't3', 't4', 't5', 't6'].map((task_id) => ({ task_id, n: 1 })));
    const gaps = harness.rows(
      `select a.task_id from rp_task_versions a join rp_task_versions b on b.task_id = a.task_id and b.seq = (
         select min(seq) from rp_task_versions c where c.task_id = a.task_id and c.seq > a.seq)
       where a.valid_to <> b.valid_from`,
    );
    expect(gaps).toEqual([]);
  });

  it('summarises the statuses at the end of the history', async () => {
    const summary = await reports.statusSummary(LEADER, { asOf: at('2026-04-28T03:00:00Z') });
    expect(summary.overall).toEqual({
      total: 6,
      completedOnTime: 2,
      completedOnTimeOriginal: 2,
      completedOnTimeExtended: 0,
      completedLate: 0,
      inProgressOnTime: 2,
      overdue: 0,
      cancelled: 2,
      dueByAsOf: 0,
      overdueRatio: null,
    });
    expect(summary.units.map((u) => [u.unitName, u.total])).toEqual([
      ['Công an tỉnh', 1],
      ['Sở Thông tin và Truyền thông', 1],
      ['Sở Tư pháp', 2],
      ['Ủy ban nhân dân huyện Đông Sơn', 2],
    ]);
  });

  it('answers as of an earlier instant with the tasks and states of then', async () => {
    // 02:12:30: t1 and t2 assigned, nothing else yet.
    const early = await reports.statusSummary(LEADER, { asOf: at('2026-04-28T02:12:30Z') });
    expect(early.overall).toMatchObject({ total: 2, inProgressOnTime: 2, completedOnTime: 0, cancelled: 0 });
    expect(early.units.map((u) => u.unitId).sort()).toEqual([CA, TT].sort());
    const progress = await reports.directiveProgress(LEADER, 'd1', at('2026-04-28T02:12:30Z'));
    expect(progress.items.map((i) => [i.taskId, i.status, i.percent])).toEqual([
      ['t2', 'in_progress_on_time', 0],
      ['t1', 'in_progress_on_time', 0],
    ]);
    await expect(reports.directiveProgress(LEADER, 'd2', at('2026-04-28T02:12:30Z'))).rejects.toMatchObject({ code: 'directive_not_found' });
  });

  it('lists a task as overdue once its deadline in force has passed, under its lead unit then', async () => {
    const report = await reports.overdue(LEADER, { asOf: at('2026-05-20T00:00:00Z'), limit: 100 });
    expect(report.total).toBe(1);
    expect(report.items[0]).toMatchObject({
      taskId: 't2',
      leadUnitId: HX,
      dueAt: '2026-05-15T16:59:59.999Z',
      extended: false,
      calendarDaysOverdue: 5,
      workingDaysOverdue: 3,
      escalationLevel: 2,
      directiveCode: '15-CT/TU',
    });
    expect((await reports.overdue(dept(TT), { asOf: at('2026-05-20T00:00:00Z'), limit: 100 })).total).toBe(0);
    expect((await reports.overdue(dept(HX), { asOf: at('2026-05-20T00:00:00Z'), limit: 100 })).total).toBe(1);
    // Before the reassignment (02:38), t2 was the information department's.
    const before = await reports.statusSummary(LEADER, { asOf: at('2026-04-28T02:37:30Z') });
    expect(before.units.find((u) => u.unitId === TT)?.total).toBe(1);
    expect(before.units.find((u) => u.unitId === HX)).toBeUndefined();
  });

  it('reports bottlenecks with stage spells and counts by unit', async () => {
    const report = await reports.bottlenecks(LEADER, { asOf: at('2026-04-28T03:00:00Z') });
    const police = report.units.find((u) => u.unitId === CA)!;
    expect(police).toMatchObject({ assigned: 1, open: 0, extensionRequests: 1, returnedReports: 1, obstaclesByCategory: { data_quality: 1, funding: 1 } });
    expect(police.acknowledge.count).toBe(1);
    // t1: unit 02:11-02:21 and 02:26-02:27 minus the extension wait, review 02:27-02:28 and 02:29-02:30.
    expect(police.stages.review).toMatchObject({ tasks: 1, medianCalendarDays: 0 });
    const justice = report.units.find((u) => u.unitId === TP)!;
    expect(justice.escalationsByLevel).toEqual({ 1: 1, 2: 0, 3: 0 });
    expect(report.stages.map((s) => s.stage)).toEqual(['unit', 'review', 'extension']);
    expect(report.stages.find((s) => s.stage === 'unit')!.waiting).toBe(2);
    const overdueLater = await reports.bottlenecks(LEADER, { asOf: at('2026-05-20T00:00:00Z') });
    // The district's two open tasks have had no progress report: 100% stale (2× the threshold) ranks above one overdue task.
    expect(overdueLater.worst.map((w) => [w.rank, w.unitId, w.reason, w.measure])).toEqual([
      [1, HX, 'slow_to_report', 1],
      [2, HX, 'overdue', 1],
    ]);
  });

  it('reads a timeline up to an instant, and hides a task from a unit that has no part in it', async () => {
    const all = await reports.taskTimeline(LEADER, 't1');
    expect(all[0].type).toBe('TaskAssigned');
    expect(all.at(-1)!.type).toBe('CompletionAccepted');
    const early = await reports.taskTimeline(LEADER, 't1', at('2026-04-28T02:17:00Z'));
    expect(early.map((e) => e.type)).toEqual(['TaskAssigned', 'TaskAcknowledged', 'TaskProgressReported']);
    await expect(reports.taskTimeline(dept(HX), 't1')).rejects.toMatchObject({ code: 'task_not_found' });
    const directive = await reports.directiveTimeline(LEADER, 'd1', at('2026-04-28T02:15:00Z'));
    expect(directive.map((e) => e.type)).toEqual(['DirectiveIssued', 'TaskAssigned', 'TaskAssigned', 'DirectiveAmended', 'TaskAssigned', 'DirectiveTaskAdded']);
  });

  it('leaves out of a department’s directive timeline the ids of the tasks it may not see', async () => {
    // d1 holds t1 (led by CA), t2 (TT, then the district) and t3 (led by TP, added later): the justice department sees t3 only.
    const justice = await reports.directiveTimeline(dept(TP), 'd1');
    expect(justice.filter((e) => e.streamId === 'directive-d1').map((e) => [e.type, e.data.taskIds ?? e.data.taskId ?? null])).toEqual([
      ['DirectiveIssued', []],
      ['DirectiveAmended', null],
      ['DirectiveTaskAdded', 't3'],
    ]);
    expect(new Set(justice.map((e) => e.taskId))).toEqual(new Set([null, 't3']));
    // The police leads t1 and coordinates t3.
    const police = await reports.directiveTimeline(dept(CA), 'd1');
    expect(police.find((e) => e.type === 'DirectiveIssued')!.data.taskIds).toEqual(['t1']);
    expect(JSON.stringify(police)).not.toContain('"t2"');
    expect((await reports.directiveTimeline(LEADER, 'd1')).find((e) => e.type === 'DirectiveIssued')!.data.taskIds).toEqual(['t1', 't2']);
  });
});
