import { DEFAULT_CALENDAR_FILE, loadCalendar } from '@mandate/calendar';
import {
  CompletionAccepted,
  CompletionReturned,
  CompletionSubmitted,
  CoordinatorNoteAdded,
  DeadlineMissed,
  DirectiveIssued,
  DirectiveTaskAdded,
  DirectiveTaskClosed,
  EscalationResolved,
  ExtensionDenied,
  ExtensionGranted,
  ExtensionRequested,
  LeaderInstructionGiven,
  ObstacleReported,
  ObstacleResolved,
  TaskAcknowledged,
  TaskAssigned,
  TaskCancelled,
  TaskEscalated,
  TaskProgressReported,
  TaskReassigned,
  TaskUrged,
  type DomainEvent,
} from '@mandate/domain';
import type { TableSnapshot } from '@mandate/projections';
import { dept, History, LEADER, SYSTEM } from '@mandate/projections/test-support/history';
import { project06History } from '@mandate/projections/test-support/project-06.history';
import { replayedSnapshot } from '@mandate/projections/test-support/replay-harness';
import { replayedAndFolded } from '@mandate/projections/test-support/storage-classes';
import { ReportsProjection } from '../reports.projection';
import { accepted, assigned, escalated, issued, minute, obstacle, resolved, submitted } from './replay-test-support';

describe('ReportsReplayer', () => {
  const calendar = loadCalendar(DEFAULT_CALENDAR_FILE, 'Asia/Ho_Chi_Minh');
  const projection = new ReportsProjection(calendar);

  /**
   * Replays and folds the same events: the tables must be the same, row for row and value for
   * value, down to the storage type of each cell.
   */
  async function expectSameTables(events: DomainEvent[]): Promise<TableSnapshot> {
    // Each table beside a view of its cells' storage classes (withStorageClasses).
    const { replayed, folded } = await replayedAndFolded(projection, events);
    for (const table of Object.keys(folded)) {
      expect({ table, rows: replayed[table].length }).toEqual({ table, rows: folded[table].length });
      expect({ table, rows: replayed[table] }).toEqual({ table, rows: folded[table] });
    }
    return folded;
  }

  it('given the Project 06 history, when replayed, then its tables equal the folded ones', async () => {
    const folded = await expectSameTables(project06History().recorded());
    expect(folded.rp_task_versions.length).toBe(30);
    expect(folded.rp_escalations.length).toBe(3);
  });

  it('given an extension granted, then a report on time and its acceptance, then the versions, spells and marks are the same', async () => {
    const due = minute(3);
    const h = new History()
      .e(DirectiveIssued, 'directive-d1', issued('d1', ['t1']))
      .e(TaskAssigned, 'task-t1', assigned('t1', 'unit-a', due))
      .e(TaskAcknowledged, 'task-t1', { taskId: 't1', unitId: 'unit-a' }, dept('unit-a'))
      .e(TaskProgressReported, 'task-t1', { taskId: 't1', unitId: 'unit-a', percent: 40, previousPercent: 0, note: null }, dept('unit-a'))
      .e(ExtensionRequested, 'task-t1', { taskId: 't1', requestId: 'x1', unitId: 'unit-a', currentDueAt: due, requestedDueAt: '2026-05-30T16:59:59.999Z', reason: 'Chậm' }, dept('unit-a'))
      .e(ExtensionGranted, 'task-t1', { taskId: 't1', requestId: 'x1', previousDueAt: due, newDueAt: '2026-05-30T23:59:59.999+07:00', reason: null })
      .e(CompletionSubmitted, 'task-t1', submitted('t1', 'unit-a', true), dept('unit-a'))
      .e(CompletionAccepted, 'task-t1', accepted('t1', true, minute(6), due))
      .e(DirectiveTaskClosed, 'directive-d1', { directiveId: 'd1', taskId: 't1', outcome: 'completed' }, SYSTEM);
    const folded = await expectSameTables(h.recorded());
    expect(folded.rp_task_stages.map((s) => s.stage)).toEqual(['unit', 'extension', 'unit', 'review']);
    expect(folded.rp_task_versions.at(-1)).toMatchObject({ state: 'completed', due_ms: Date.parse('2026-05-30T16:59:59.999Z'), accepted_original_on_time: 0 });
  });

  it('given a report returned and submitted again, late, then accepted, then the tables are the same', async () => {
    const h = new History()
      .e(TaskAssigned, 'task-t1', assigned('t1', 'unit-a', minute(2)))
      .e(TaskAcknowledged, 'task-t1', { taskId: 't1', unitId: 'unit-a' }, dept('unit-a'))
      .e(CompletionSubmitted, 'task-t1', submitted('t1', 'unit-a', true), dept('unit-a'))
      .e(CompletionReturned, 'task-t1', { taskId: 't1', comment: 'Bổ sung' })
      .e(TaskProgressReported, 'task-t1', { taskId: 't1', unitId: 'unit-a', percent: 90, previousPercent: 0, note: null }, dept('unit-a'))
      .e(CompletionSubmitted, 'task-t1', submitted('t1', '', false), dept('unit-a'))
      .e(CompletionAccepted, 'task-t1', accepted('t1', false, minute(5), minute(2)));
    const folded = await expectSameTables(h.recorded());
    expect(folded.rp_unit_marks.map((m) => [m.kind, m.unit_id])).toEqual([
      ['submission', 'unit-a'],
      ['return', 'unit-a'],
      ['submission', 'unit-a'],
    ]);
  });

  it('given reassignments while waiting on the unit, on an extension decision and on review, then the spells follow the same units', async () => {
    const h = new History()
      .e(TaskAssigned, 'task-t1', assigned('t1', 'unit-a', minute(30)))
      .e(TaskAcknowledged, 'task-t1', { taskId: 't1', unitId: 'unit-a' }, dept('unit-a'))
      .e(TaskReassigned, 'task-t1', { taskId: 't1', fromUnitId: 'unit-a', toUnitId: 'unit-b', reason: 'Chuyển' })
      .e(ExtensionRequested, 'task-t1', { taskId: 't1', requestId: 'x1', unitId: 'unit-b', currentDueAt: minute(30), requestedDueAt: minute(90), reason: 'Mới nhận' }, dept('unit-b'))
      .e(TaskReassigned, 'task-t1', { taskId: 't1', fromUnitId: 'unit-b', toUnitId: 'unit-c', reason: 'Chuyển' })
      .e(ExtensionDenied, 'task-t1', { taskId: 't1', requestId: 'x1', reason: null })
      .e(TaskAcknowledged, 'task-t1', { taskId: 't1', unitId: 'unit-c' }, dept('unit-c'))
      .e(CompletionSubmitted, 'task-t1', submitted('t1', 'unit-c', true), dept('unit-c'))
      .e(TaskReassigned, 'task-t1', { taskId: 't1', fromUnitId: 'unit-c', toUnitId: 'unit-d', reason: 'Chuyển' })
      .e(ExtensionRequested, 'task-t1', { taskId: 't1', requestId: 'x2', unitId: 'unit-d', currentDueAt: minute(30), requestedDueAt: minute(90), reason: 'Chờ' }, dept('unit-d'))
      .e(CompletionReturned, 'task-t1', { taskId: 't1', comment: null });
    const folded = await expectSameTables(h.recorded());
    expect(folded.rp_task_stages.map((s) => [s.stage, s.lead_unit_id, s.ended_ms === null])).toEqual([
      ['unit', 'unit-a', false],
      ['unit', 'unit-b', false],
      ['extension', 'unit-b', false],
      ['extension', 'unit-c', false],
      ['unit', 'unit-c', false],
      ['review', 'unit-c', false],
      // Reassigned while its report awaited review: the report goes with unit-c, unit-d has the task
      // to do, asks for time, and the return of a report that is no longer there changes nothing.
      ['unit', 'unit-d', false],
      ['extension', 'unit-d', true],
    ]);
  });

  it('given escalations raised, resolved before and after the task closed, and left open on an open task, then the levels and rows are the same', async () => {
    const h = new History()
      .e(TaskAssigned, 'task-t1', assigned('t1', 'unit-a', minute(1)))
      .e(TaskAssigned, 'task-t2', assigned('t2', 'unit-b', minute(1)))
      .e(TaskEscalated, 'task-t1', escalated('t1', 'e1', 1), SYSTEM)
      .e(TaskEscalated, 'task-t1', escalated('t1', 'e2', 2), SYSTEM)
      .e(TaskEscalated, 'task-t2', escalated('t2', 'e1', 3), LEADER)
      .e(EscalationResolved, 'task-t1', resolved('t1', 'e2', 2, 'completed'), SYSTEM)
      .e(EscalationResolved, 'task-t1', resolved('t1', 'unknown', 2, 'completed'), SYSTEM)
      .e(TaskEscalated, 'task-t1', escalated('t1', 'e3', 1), SYSTEM)
      .e(TaskAcknowledged, 'task-t1', { taskId: 't1', unitId: 'unit-a' }, dept('unit-a'))
      .e(CompletionSubmitted, 'task-t1', submitted('t1', 'unit-a', false), dept('unit-a'))
      .e(CompletionAccepted, 'task-t1', accepted('t1', false, minute(9), minute(1)))
      .e(EscalationResolved, 'task-t1', resolved('t1', 'e1', 1, 'completed'), SYSTEM)
      .e(EscalationResolved, 'task-t1', resolved('t1', 'e3', 1, 'completed'), SYSTEM)
      .e(TaskEscalated, 'task-t2', escalated('t2', 'e2', 1), SYSTEM)
      .e(TaskCancelled, 'task-t2', { taskId: 't2', reason: 'Trùng' })
      .e(EscalationResolved, 'task-t2', resolved('t2', 'e2', 1, 'cancelled'), SYSTEM)
      .e(TaskAssigned, 'task-t3', assigned('t3', 'unit-c', minute(40)))
      .e(TaskEscalated, 'task-t3', escalated('t3', 'e1', 2), LEADER);
    const folded = await expectSameTables(h.recorded());
    expect(folded.rp_task_versions.filter((v) => v.task_id === 't1').map((v) => v.escalation_level)).toEqual([0, 1, 2, 1, 1, 1, 1, 1, 1, 1, 0]);
    expect(folded.rp_escalations.filter((e) => e.resolved_ms === null).map((e) => [e.task_id, e.escalation_id])).toEqual([
      ['t2', 'e1'],
      ['t3', 'e1'],
    ]);
  });

  it('given obstacles reported, resolved, and open when the task closes or the log ends, then resolved_ms and task_closed_ms are the same', async () => {
    const h = new History()
      .e(TaskAssigned, 'task-t1', assigned('t1', 'unit-a', minute(60)))
      .e(TaskAssigned, 'task-t2', assigned('t2', 'unit-b', minute(60)))
      .e(ObstacleReported, 'task-t1', obstacle('t1', 'o1', 'unit-a'), dept('unit-a'))
      .e(ObstacleReported, 'task-t1', obstacle('t1', 'o2', 'unit-a'), dept('unit-a'))
      .e(ObstacleReported, 'task-t2', obstacle('t2', 'o1', 'unit-b'), dept('unit-b'))
      .e(ObstacleResolved, 'task-t1', { taskId: 't1', obstacleId: 'o1', resolution: null })
      .e(ObstacleResolved, 'task-t1', { taskId: 't1', obstacleId: 'none', resolution: null })
      .e(ObstacleReported, 'task-t2', obstacle('t2', 'o2', 'unit-b'), dept('unit-b'))
      .e(ObstacleResolved, 'task-t2', { taskId: 't2', obstacleId: 'o2', resolution: 'Xong' })
      .e(TaskCancelled, 'task-t1', { taskId: 't1', reason: 'Hủy' });
    const folded = await expectSameTables(h.recorded());
    expect(folded.rp_obstacles.map((o) => [o.task_id, o.obstacle_id, o.resolved_ms !== null, o.task_closed_ms !== null])).toEqual([
      ['t1', 'o1', true, true],
      ['t1', 'o2', false, true],
      ['t2', 'o1', false, false],
      ['t2', 'o2', true, false],
    ]);
  });

  it('given a version superseded before it became overdue and others after, then overdue_from is kept or nulled the same way', async () => {
    // Due at minute 2: overdue from minute 2 + 1 ms. The first version ends at minute 1, before;
    // the second (acknowledged) at minute 3, after; then on-time and late reports pending.
    const h = new History()
      .e(TaskAssigned, 'task-t1', assigned('t1', 'unit-a', minute(2)))
      .e(TaskAcknowledged, 'task-t1', { taskId: 't1', unitId: 'unit-a' }, dept('unit-a'))
      .e(TaskUrged, 'task-t1', { taskId: 't1', unitId: 'unit-a', message: 'Nhanh' })
      .e(TaskProgressReported, 'task-t1', { taskId: 't1', unitId: 'unit-a', percent: 10, previousPercent: 0, note: null }, dept('unit-a'))
      .e(TaskProgressReported, 'task-t1', { taskId: 't1', unitId: 'unit-a', percent: 20, previousPercent: 10, note: null }, dept('unit-a'))
      .e(CompletionSubmitted, 'task-t1', submitted('t1', 'unit-a', true), dept('unit-a'))
      .e(CompletionReturned, 'task-t1', { taskId: 't1', comment: null })
      .e(CompletionSubmitted, 'task-t1', submitted('t1', 'unit-a', false), dept('unit-a'))
      .e(TaskAssigned, 'task-t2', assigned('t2', 'unit-b', '2026-04-27T00:00:00.000Z'));
    const folded = await expectSameTables(h.recorded());
    expect(folded.rp_task_versions.filter((v) => v.task_id === 't1').map((v) => v.overdue_from)).toEqual([
      null,
      Date.parse(minute(2)) + 1,
      Date.parse(minute(3)),
      Date.parse(minute(4)),
      null,
      Date.parse(minute(6)),
      Date.parse(minute(7)),
    ]);
  });

  it('given directive events, events the projection ignores, and events on a task never assigned, then they write no rows', async () => {
    const h = new History()
      .e(DirectiveIssued, 'directive-d1', issued('d1', ['t1']))
      .e(TaskAssigned, 'task-t1', assigned('t1', 'unit-a', minute(60)))
      .e(DirectiveTaskAdded, 'directive-d1', { directiveId: 'd1', taskId: 't1' })
      .e(CoordinatorNoteAdded, 'task-t1', { taskId: 't1', unitId: 'unit-b', note: 'Hỗ trợ' }, dept('unit-b'))
      .e(LeaderInstructionGiven, 'task-t1', { taskId: 't1', text: 'Khẩn' }, LEADER)
      .e(DeadlineMissed, 'task-t1', { taskId: 't1', unitId: 'unit-a', dueAt: minute(60) }, SYSTEM)
      .e(TaskAcknowledged, 'task-ghost', { taskId: 'ghost', unitId: 'unit-a' }, dept('unit-a'))
      .e(TaskEscalated, 'task-ghost', escalated('ghost', 'e1', 1), SYSTEM)
      .e(ObstacleReported, 'task-ghost', obstacle('ghost', 'o1', 'unit-a'), dept('unit-a'))
      .e(CompletionSubmitted, 'task-ghost', submitted('ghost', 'unit-a', true), dept('unit-a'))
      .e(TaskReassigned, 'task-ghost', { taskId: 'ghost', fromUnitId: 'unit-a', toUnitId: 'unit-b', reason: 'x' })
      .e(TaskCancelled, 'task-ghost', { taskId: 'ghost', reason: 'x' });
    const folded = await expectSameTables(h.recorded());
    expect(folded.rp_task_versions.map((v) => [v.task_id, v.seq])).toEqual([['t1', 1]]);
    expect(Object.values(folded).flat().filter((row) => row.task_id === 'ghost')).toEqual([]);
  });

  it('given an event that changes no row on a closed task, then the replay takes it and writes nothing for it', async () => {
    const h = new History()
      .e(TaskAssigned, 'task-t1', assigned('t1', 'unit-a', minute(60), 'd7'))
      .e(TaskCancelled, 'task-t1', { taskId: 't1', reason: 'Hủy' })
      .e(TaskUrged, 'task-t1', { taskId: 't1', unitId: 'unit-a', message: 'Sau khi hủy' });
    const folded = await expectSameTables(h.recorded());
    expect(folded.rp_task_versions.map((v) => [v.seq, v.state])).toEqual([
      [1, 'open'],
      [2, 'cancelled'],
    ]);
  });

  it('given a task closed whose last escalation is then resolved, when folded, then all its rows are written before the end and finish writes only the open task', async () => {
    const h = new History()
      .e(TaskAssigned, 'task-t1', assigned('t1', 'unit-a', minute(60)))
      .e(TaskAssigned, 'task-t2', assigned('t2', 'unit-b', minute(60)))
      .e(ObstacleReported, 'task-t1', obstacle('t1', 'o1', 'unit-a'), dept('unit-a'))
      .e(TaskEscalated, 'task-t1', escalated('t1', 'e1', 1), SYSTEM)
      .e(TaskCancelled, 'task-t1', { taskId: 't1', reason: 'Hủy' })
      .e(EscalationResolved, 'task-t1', resolved('t1', 'e1', 1, 'cancelled'), SYSTEM);
    const written: [string, unknown][] = [];
    const sink = { insert: (table: string, row: Record<string, unknown>) => void written.push([table, row.task_id]) };
    const replayer = projection.replayer();
    for (const event of h.recorded()) replayer.apply(event, sink);
    const count = (task: string) => written.filter(([, id]) => id === task).length;
    // t1: its task row, four versions, its spell, its escalation, its obstacle and its closure; t2: its task row.
    expect([count('t1'), count('t2')]).toEqual([9, 1]);
    expect(written.filter(([table]) => table === 'rp_task_closures')).toEqual([['rp_task_closures', 't1']]);
    replayer.finish(sink);
    // t2: its version and its running spell.
    expect([count('t1'), count('t2')]).toEqual([9, 3]);
    await expectSameTables(h.recorded());
  });

  it('given a change to a task that closed with no open escalation (which the domain never records), when replayed, then the replay fails instead of writing other tables', async () => {
    const h = new History()
      .e(TaskAssigned, 'task-t1', assigned('t1', 'unit-a', minute(60)))
      .e(TaskCancelled, 'task-t1', { taskId: 't1', reason: 'Hủy' })
      .e(TaskProgressReported, 'task-t1', { taskId: 't1', unitId: 'unit-a', percent: 10, previousPercent: 0, note: null }, dept('unit-a'));
    await expect(replayedSnapshot(projection, h.recorded())).rejects.toThrow(/TaskProgressReported at position 3 changes task t1, which had closed/);
  });
});
