import {
  CompletionAccepted,
  CompletionReturned,
  CompletionSubmitted,
  CoordinatorNoteAdded,
  DeadlineMissed,
  DomainEvent,
  EscalationResolved,
  ExtensionDenied,
  ExtensionGranted,
  ExtensionRequested,
  ObstacleReported,
  ObstacleResolved,
  TaskAcknowledged,
  TaskAssigned,
  TaskCancelled,
  TaskEscalated,
  TaskProgressReported,
  TaskReassigned,
  TaskUrged,
} from '@mandate/domain';
import { projectionReceives } from '../projection';
import type { RowSink } from '../replay/projection-replayer';
import { dept, History, LEADER, SYSTEM } from '../test-support/history';
import { CA, HX, project06History, TP, TT, VP } from '../test-support/project-06.history';
import { foldedSnapshot, replayedSnapshot } from '../test-support/replay-harness';
import { replayedAndFolded } from '../test-support/storage-classes';
import { TasksProjection } from './tasks.projection';
import { TasksReplayer } from './tasks.replayer';

type Row = Record<string, unknown>;

const projection = new TasksProjection();

/** The message a promise rejects with (a SQLite error may come from another realm than the test's Error). */
const failureOf = (promise: Promise<unknown>): Promise<string> =>
  promise.then(
    () => 'no failure',
    (error: { message?: unknown }) => String(error?.message),
  );
const DUE = '2026-06-30T16:59:59.999Z';

const assignment = (taskId: string, leadUnitId: string, coordinatingUnitIds: string[] = [], more: Partial<TaskAssigned['data']> = {}) => ({
  taskId,
  directiveId: 'd1',
  title: `Nhiệm vụ ${taskId}`,
  description: null,
  leadUnitId,
  coordinatingUnitIds,
  dueAt: DUE,
  deadline: { kind: 'dueAt' as const, dueAt: DUE },
  calendarVersion: 'vn-2026.1',
  priority: 'normal' as const,
  keyTask: false,
  ...more,
});

/** Replays and folds `events`; expects the same rows, values and storage classes; returns the folded tables. */
async function expectReplayedEqualsFolded(events: DomainEvent[]): Promise<Record<string, Row[]>> {
  const { replayed, folded } = await replayedAndFolded(projection, events);
  expect(replayed).toEqual(folded);
  return folded;
}

/** The replayer itself, fed the events the projection receives, with the rows it writes as it goes. */
function feed(events: DomainEvent[]): { replayer: TasksReplayer; written: { table: string; row: Row }[] } {
  const replayer = new TasksReplayer();
  const written: { table: string; row: Row }[] = [];
  const sink: RowSink = { insert: (table, row) => written.push({ table, row }) };
  for (const event of events) if (projectionReceives(projection, event)) replayer.apply(event, sink);
  return { replayer, written };
}

describe('TasksReplayer', () => {
  it('given the Project 06 history, when replayed, then its tables equal the statement path’s', async () => {
    const folded = await expectReplayedEqualsFolded(project06History().recorded());
    expect(folded.rm_tasks).toHaveLength(6);
    expect(folded.rm_obstacles).toHaveLength(2);
    expect(folded.rm_task_escalations).toHaveLength(3);
  });

  it('given the Project 06 history, when replayed, then only the open tasks are still held and the closed ones are written', () => {
    // given / when
    const { replayer, written } = feed(project06History().recorded());
    // then: t1 and t6 completed, t3 cancelled with its escalation resolved, t5 cancelled; t2 and t4 open
    expect(replayer.size).toBe(2);
    expect(written.filter((w) => w.table === 'rm_tasks').map((w) => w.row.id).sort()).toEqual(['t1', 't3', 't5', 't6']);
    const rest: { table: string; row: Row }[] = [];
    replayer.finish({ insert: (table, row) => rest.push({ table, row }) });
    expect(rest.filter((w) => w.table === 'rm_tasks').map((w) => w.row.id).sort()).toEqual(['t2', 't4']);
    expect(replayer.size).toBe(0);
  });

  it('given events on a task id never assigned, then no task row, but the obstacles, escalations and units they insert', async () => {
    // given
    const h = new History()
      .e(TaskAcknowledged, 'task-t9', { taskId: 't9', unitId: CA }, dept(CA))
      .e(ObstacleReported, 'task-t9', { taskId: 't9', obstacleId: 'o9', unitId: CA, category: 'funding', description: 'Thiếu' }, dept(CA))
      .e(TaskEscalated, 'task-t9', { taskId: 't9', escalationId: 'e9', level: 2, reason: 'manual', note: 'Chậm' }, LEADER)
      .e(TaskReassigned, 'task-t9', { taskId: 't9', fromUnitId: CA, toUnitId: TT, reason: 'Chuyển' })
      .e(ObstacleResolved, 'task-t9', { taskId: 't9', obstacleId: 'o9', resolution: 'Xong' }, dept(TT))
      .e(TaskCancelled, 'task-t9', { taskId: 't9', reason: 'Hủy' })
      .e(EscalationResolved, 'task-t9', { taskId: 't9', escalationId: 'e9', level: 2, reason: 'manual', resolution: 'cancelled' }, SYSTEM);
    // when
    const folded = await expectReplayedEqualsFolded(h.recorded());
    // then
    expect(folded.rm_tasks).toEqual([]);
    expect(folded.rm_task_units).toEqual([{ task_id: 't9', unit_id: TT, role: 'lead' }]);
    expect(folded.rm_obstacles.map((o) => [o.id, o.resolution])).toEqual([['o9', 'Xong']]);
    expect(folded.rm_task_escalations.map((e) => [e.id, e.resolution])).toEqual([['e9', 'cancelled']]);
  });

  it('given a task assigned after obstacles were reported on its id, then the insert counts none until its next obstacle event', async () => {
    const h = new History()
      .e(ObstacleReported, 'task-t1', { taskId: 't1', obstacleId: 'o1', unitId: CA, category: 'funding', description: 'Một' }, dept(CA))
      .e(TaskReassigned, 'task-t1', { taskId: 't1', fromUnitId: HX, toUnitId: TP, reason: 'Trước khi giao' })
      .e(TaskAssigned, 'task-t1', assignment('t1', CA, [TT]))
      .e(TaskAcknowledged, 'task-t1', { taskId: 't1', unitId: CA }, dept(CA));
    const folded = await expectReplayedEqualsFolded(h.recorded());
    expect(folded.rm_tasks[0]).toMatchObject({ open_obstacles: 0, version: 4 });
    expect(folded.rm_task_units).toHaveLength(3);

    h.e(ObstacleReported, 'task-t1', { taskId: 't1', obstacleId: 'o2', unitId: CA, category: 'funding', description: 'Hai' }, dept(CA));
    expect((await expectReplayedEqualsFolded(h.recorded())).rm_tasks[0]).toMatchObject({ open_obstacles: 2 });
  });

  it('given reassignments, then the units are those the deletes and inserts leave, the lead moves and acknowledgement resets', async () => {
    // given: duplicate coordinators and the lead among them
    const h = new History()
      .e(TaskAssigned, 'task-t1', assignment('t1', CA, [TT, TP, TT, CA], { priority: 'urgent', keyTask: true, description: 'Mô tả' }))
      .e(TaskAcknowledged, 'task-t1', { taskId: 't1', unitId: CA }, dept(CA))
      .e(CompletionSubmitted, 'task-t1', { taskId: 't1', unitId: CA, report: 'R', dueAt: DUE, onTime: true }, dept(CA))
      // when: a coordinator becomes the lead
      .e(TaskReassigned, 'task-t1', { taskId: 't1', fromUnitId: CA, toUnitId: TT, reason: 'Chuyển' })
      // and a reassignment "from" a unit that does not lead the task
      .e(TaskReassigned, 'task-t1', { taskId: 't1', fromUnitId: HX, toUnitId: TP, reason: 'Lạ' })
      .e(TaskAssigned, 'task-t2', assignment('t2', VP, []))
      .e(TaskReassigned, 'task-t2', { taskId: 't2', fromUnitId: VP, toUnitId: VP, reason: 'Cùng' });
    // then
    const folded = await expectReplayedEqualsFolded(h.recorded());
    expect(folded.rm_task_units).toEqual([
      { task_id: 't1', unit_id: TP, role: 'lead' },
      { task_id: 't1', unit_id: TT, role: 'lead' },
      { task_id: 't2', unit_id: VP, role: 'lead' },
    ]);
    expect(folded.rm_tasks[0]).toMatchObject({ lead_unit_id: TP, status: 'assigned', acknowledged_at: null, submitted_at: null, key_task: 1 });
  });

  it('given obstacles, then open_obstacles is the count as of the task’s latest obstacle event, even when another task resolves one', async () => {
    const h = new History()
      .e(TaskAssigned, 'task-t1', assignment('t1', CA))
      .e(TaskAssigned, 'task-t2', assignment('t2', TT))
      .e(ObstacleReported, 'task-t1', { taskId: 't1', obstacleId: 'o1', unitId: CA, category: 'funding', description: 'Một' }, dept(CA))
      .e(ObstacleReported, 'task-t1', { taskId: 't1', obstacleId: 'o2', unitId: CA, category: 'staffing', description: 'Hai' }, dept(CA))
      .e(ObstacleReported, 'task-t2', { taskId: 't2', obstacleId: 'o3', unitId: TT, category: 'funding', description: 'Ba' }, dept(TT))
      // t2's event resolves t1's obstacle: t1's count stays 2, t2's is recounted (1)
      .e(ObstacleResolved, 'task-t2', { taskId: 't2', obstacleId: 'o1', resolution: 'Bởi t2' }, dept(TT))
      // resolved again, without a resolution: the time moves, the resolution stays
      .e(ObstacleResolved, 'task-t1', { taskId: 't1', obstacleId: 'o1' } as never, dept(CA))
      // an unknown obstacle: nothing to update, the count and version still move
      .e(ObstacleResolved, 'task-t2', { taskId: 't2', obstacleId: 'o-none', resolution: null }, dept(TT))
      .e(ObstacleReported, 'task-t3', { taskId: 't3', obstacleId: 'o4', unitId: CA, category: 'funding', description: 'Bốn' }, dept(CA))
      .e(TaskAssigned, 'task-t3', assignment('t3', CA))
      .e(ObstacleReported, 'task-t3', { taskId: 't3', obstacleId: 'o5', unitId: CA, category: 'funding', description: 'Năm' }, dept(CA))
      // no taskId: the row of the stream's task is updated, but the count is of task_id = null, 0
      .e(ObstacleResolved, 'task-t3', { obstacleId: 'o-none', resolution: null } as never, dept(CA));
    const folded = await expectReplayedEqualsFolded(h.recorded());
    expect(folded.rm_tasks.map((t) => [t.id, t.open_obstacles, t.version])).toEqual([
      ['t1', 1, 4],
      ['t2', 1, 4],
      ['t3', 0, 4],
    ]);
    expect(folded.rm_obstacles.find((o) => o.id === 'o1')).toMatchObject({ resolution: 'Bởi t2', resolved_at: h.planned[6].event.meta.occurredAt });
  });

  it('given escalations, then escalation_level is the highest open one, and a closed task waits for its escalations to resolve', async () => {
    const h = new History()
      .e(TaskAssigned, 'task-t1', assignment('t1', CA))
      .e(TaskEscalated, 'task-t1', { taskId: 't1', escalationId: 'e1', level: 1, reason: 'not_acknowledged', note: null }, SYSTEM)
      .e(TaskEscalated, 'task-t1', { taskId: 't1', escalationId: 'e3', level: 3, reason: 'manual', note: 'Gấp' }, LEADER)
      .e(TaskEscalated, 'task-t1', { taskId: 't1', escalationId: 'e2', level: 2, reason: 'overdue', note: undefined } as never, SYSTEM)
      .e(TaskAcknowledged, 'task-t1', { taskId: 't1', unitId: CA }, dept(CA))
      .e(TaskProgressReported, 'task-t1', { taskId: 't1', unitId: CA, percent: 40, previousPercent: 0, note: null }, dept(CA))
      .e(CompletionSubmitted, 'task-t1', { taskId: 't1', unitId: CA, report: 'R', dueAt: DUE, onTime: false }, dept(CA))
      .e(CompletionAccepted, 'task-t1', { taskId: 't1', comment: null, submittedAt: DUE, dueAt: DUE, onTime: false, originalDueAt: DUE })
      .e(EscalationResolved, 'task-t1', { taskId: 't1', escalationId: 'e3', level: 3, reason: 'manual', resolution: 'completed' }, SYSTEM);
    const midway = await expectReplayedEqualsFolded(h.recorded());
    expect(midway.rm_tasks[0]).toMatchObject({ status: 'completed', escalation_level: 2, percent: 100 });

    h.e(EscalationResolved, 'task-t1', { taskId: 't1', escalationId: 'e1', level: 1, reason: 'not_acknowledged', resolution: 'completed' }, SYSTEM);
    h.e(EscalationResolved, 'task-t1', { taskId: 't1', escalationId: 'e2', level: 2, reason: 'overdue', resolution: 'completed' }, SYSTEM);
    const events = h.recorded();
    const closed = await expectReplayedEqualsFolded(events);
    expect(closed.rm_tasks[0]).toMatchObject({ escalation_level: 0, version: 11 });
    // released with its last escalation, not at the end
    const { replayer, written } = feed(events);
    expect(replayer.size).toBe(0);
    expect(written.filter((w) => w.table === 'rm_task_escalations')).toHaveLength(3);
  });

  it('given a task closed with an escalation never resolved, then it is held and written at the end', async () => {
    const h = new History()
      .e(TaskAssigned, 'task-t1', assignment('t1', CA))
      .e(TaskEscalated, 'task-t1', { taskId: 't1', escalationId: 'e1', level: 1, reason: 'manual', note: 'x' }, LEADER)
      .e(TaskCancelled, 'task-t1', { taskId: 't1', reason: 'Hủy' });
    const events = h.recorded();
    expect((await expectReplayedEqualsFolded(events)).rm_tasks[0]).toMatchObject({ status: 'cancelled', escalation_level: 1 });
    expect(feed(events).replayer.size).toBe(1);
  });

  it('given an escalation resolved by an event naming another task, then its own task keeps its level, and is released once closed', async () => {
    const h = new History()
      .e(TaskAssigned, 'task-t1', assignment('t1', CA))
      .e(TaskAssigned, 'task-t2', assignment('t2', TT))
      .e(TaskEscalated, 'task-t1', { taskId: 't1', escalationId: 'e1', level: 2, reason: 'manual', note: 'x' }, LEADER)
      .e(TaskEscalated, 'task-t2', { taskId: 't2', escalationId: 'e2', level: 1, reason: 'manual', note: 'y' }, LEADER)
      .e(TaskCancelled, 'task-t1', { taskId: 't1', reason: 'Hủy' })
      .e(EscalationResolved, 'task-t2', { taskId: 't2', escalationId: 'e1', level: 2, reason: 'manual', resolution: 'cancelled' }, SYSTEM);
    const events = h.recorded();
    const folded = await expectReplayedEqualsFolded(events);
    expect(folded.rm_tasks.map((t) => [t.id, t.escalation_level, t.version])).toEqual([
      ['t1', 2, 3],
      ['t2', 1, 3],
    ]);
    expect(feed(events).replayer.size).toBe(1);
  });

  it('given events of every kind, then version is the stream position of the latest event naming the task, and other streams are ignored', async () => {
    class TaskRenamed extends DomainEvent<{ taskId: string; title: string }> {
      static override readonly type = 'TaskRenamed';
    }
    class TaskPinged extends DomainEvent<{ note: string }> {
      static override readonly type = 'TaskPinged';
    }
    const h = new History()
      // a TaskAssigned outside a task stream still inserts (with that stream's position)
      .e(TaskAssigned, 'import-1', assignment('t7', HX))
      .e(TaskAssigned, 'import-1', assignment('t8', HX))
      .e(TaskAssigned, 'task-t1', assignment('t1', CA, [TT]))
      .e(TaskUrged, 'task-t1', { taskId: 't1', unitId: CA, message: 'Nhanh' })
      .e(CoordinatorNoteAdded, 'task-t1', { taskId: 't1', unitId: TT, note: 'Ghi chú' }, dept(TT))
      .e(DeadlineMissed, 'task-t1', { taskId: 't1', unitId: CA, dueAt: DUE }, SYSTEM)
      .e(TaskRenamed, 'task-t1', { taskId: 't1', title: 'Không đổi' })
      // no taskId: the stream's id is the task's
      .e(TaskPinged, 'task-t8', { note: 'ping' })
      // an event of stream t1 naming t7
      .e(TaskAcknowledged, 'task-t1', { taskId: 't7', unitId: HX }, dept(HX))
      // task events outside task streams change nothing
      .e(TaskAcknowledged, 'audit-t1', { taskId: 't1', unitId: CA }, dept(CA))
      .e(TaskCancelled, 'archive-t8', { taskId: 't8', reason: 'x' })
      // a stream named just "task" is of the task category
      .e(TaskUrged, 'task', { taskId: 't8', unitId: HX, message: 'Gấp' });
    const folded = await expectReplayedEqualsFolded(h.recorded());
    expect(folded.rm_tasks.map((t) => [t.id, t.version, t.status])).toEqual([
      ['t1', 5, 'assigned'],
      ['t7', 6, 'acknowledged'],
      ['t8', 1, 'assigned'],
    ]);
  });

  it('given unusual values, then they are stored as the statements store them (null for undefined, real percents, ISO text)', async () => {
    const h = new History()
      .e(TaskAssigned, 'task-t1', assignment('t1', CA, undefined as never, { description: undefined as never, keyTask: 'yes' as never }))
      .e(TaskAcknowledged, 'task-t1', { taskId: 't1', unitId: CA }, dept(CA))
      .e(TaskProgressReported, 'task-t1', { taskId: 't1', unitId: CA, percent: 33.5, previousPercent: 0, note: null }, dept(CA))
      .e(ExtensionRequested, 'task-t1', { taskId: 't1', requestId: 'x1', unitId: CA, currentDueAt: DUE, requestedDueAt: '2026-07-31T16:59:59.999Z', reason: 'r' }, dept(CA))
      .e(ExtensionDenied, 'task-t1', { taskId: 't1', requestId: 'x1', reason: null })
      .e(ExtensionRequested, 'task-t1', { taskId: 't1', requestId: 'x2', unitId: CA, currentDueAt: DUE, reason: 'r' } as never, dept(CA))
      .e(CompletionSubmitted, 'task-t1', { taskId: 't1', unitId: CA, report: 'R', dueAt: DUE, onTime: true }, dept(CA))
      .e(CompletionReturned, 'task-t1', { taskId: 't1', comment: null })
      .e(TaskAssigned, 'task-t2', assignment('t2', TT))
      .e(ExtensionRequested, 'task-t2', { taskId: 't2', requestId: 'x3', unitId: TT, currentDueAt: DUE, requestedDueAt: '2026-08-31T16:59:59.999Z', reason: 'r' }, dept(TT))
      .e(ExtensionGranted, 'task-t2', { taskId: 't2', requestId: 'x3', previousDueAt: DUE, newDueAt: '2026-08-31T16:59:59.999Z', reason: null });
    const folded = await expectReplayedEqualsFolded(h.recorded());
    expect(folded.rm_tasks__types[0]).toMatchObject({ percent: 33.5, percent__type: 'real', description__type: 'null', key_task: 1 });
    expect(folded.rm_tasks[0]).toMatchObject({ extension_pending: 1, requested_due_at: null, submitted_at: null, status: 'in_progress' });
    expect(folded.rm_tasks[1]).toMatchObject({ due_at: '2026-08-31T16:59:59.999Z', original_due_at: DUE, extension_pending: 0 });
  });

  it('given event times that are not canonical ISO text, then they are stored as the events give them', async () => {
    const h = new History()
      .e(TaskAssigned, 'task-t1', assignment('t1', CA))
      .e(TaskAcknowledged, 'task-t1', { taskId: 't1', unitId: CA }, dept(CA))
      .e(TaskEscalated, 'task-t1', { taskId: 't1', escalationId: 'e1', level: 1, reason: 'manual', note: null }, LEADER)
      .e(ObstacleReported, 'task-t1', { taskId: 't1', obstacleId: 'o1', unitId: CA, category: 'funding', description: 'x' }, dept(CA))
      .e(ObstacleResolved, 'task-t1', { taskId: 't1', obstacleId: 'o1', resolution: null }, dept(CA))
      .e(TaskProgressReported, 'task-t1', { taskId: 't1', unitId: CA, percent: 10, previousPercent: 0, note: null }, dept(CA));
    const events = h.recorded();
    const times = ['2026-04-28T09:00:00+07:00', '2026-02-30T00:00:00.000Z', 1_777_000_000_000, '2026-04-28T02:00:00Z', 'hôm qua', '2026-04-28'];
    events.forEach((event, i) => ((event.meta as { occurredAt: unknown }).occurredAt = times[i]));
    const folded = await expectReplayedEqualsFolded(events);
    expect(folded.rm_tasks__types[0]).toMatchObject({ assigned_at: times[0], acknowledged_at: times[1], updated_at: times[5] });
    expect(folded.rm_task_escalations__types[0]).toMatchObject({ raised_at: '1777000000000.0', raised_at__type: 'text' });
    expect(folded.rm_obstacles[0]).toMatchObject({ reported_at: times[3], resolved_at: times[4] });
  });

  it('given many tasks with every fate, when replayed page by page, then the tables equal the statement path’s', async () => {
    const h = new History();
    const units = [CA, TT, TP, HX, VP];
    for (let i = 0; i < 60; i++) {
      const id = `t${i}`;
      const stream = `task-${id}`;
      const lead = units[i % 5];
      const other = units[(i + 1) % 5];
      h.e(TaskAssigned, stream, assignment(id, lead, [other, units[(i + 2) % 5]], { directiveId: `d${i % 7}`, keyTask: i % 3 === 0 }));
      if (i % 4 === 0) h.e(TaskEscalated, stream, { taskId: id, escalationId: `e${i}`, level: 1 + (i % 3), reason: 'not_acknowledged', note: null }, SYSTEM);
      h.e(TaskAcknowledged, stream, { taskId: id, unitId: lead }, dept(lead));
      if (i % 5 === 1) h.e(ObstacleReported, stream, { taskId: id, obstacleId: `o${i}`, unitId: lead, category: 'funding', description: `Trở ngại ${i}` }, dept(lead));
      if (i % 6 === 2) h.e(TaskReassigned, stream, { taskId: id, fromUnitId: lead, toUnitId: other, reason: 'Chuyển' });
      if (i % 10 === 1) h.e(ObstacleResolved, stream, { taskId: id, obstacleId: `o${i}`, resolution: 'Xong' }, dept(lead));
      // an obstacle of a task left open, resolved among other tasks' events
      const earlier = i - 2;
      if (earlier % 3 === 2 && earlier % 5 === 1) {
        h.e(ObstacleResolved, `task-t${earlier}`, { taskId: `t${earlier}`, obstacleId: `o${earlier}`, resolution: 'Muộn' }, SYSTEM);
      }
      if (i % 3 === 0) {
        h.e(TaskCancelled, stream, { taskId: id, reason: 'Hủy' });
        if (i % 4 === 0) h.e(EscalationResolved, stream, { taskId: id, escalationId: `e${i}`, level: 1 + (i % 3), reason: 'not_acknowledged', resolution: 'cancelled' }, SYSTEM);
      } else if (i % 3 === 1) {
        h.e(CompletionSubmitted, stream, { taskId: id, unitId: lead, report: 'R', dueAt: DUE, onTime: true }, dept(lead));
        h.e(CompletionAccepted, stream, { taskId: id, comment: null, submittedAt: DUE, dueAt: DUE, onTime: true, originalDueAt: DUE });
        if (i % 4 === 0) h.e(EscalationResolved, stream, { taskId: id, escalationId: `e${i}`, level: 1 + (i % 3), reason: 'not_acknowledged', resolution: 'completed' }, SYSTEM);
      }
    }
    const folded = await expectReplayedEqualsFolded(h.recorded());
    expect(folded.rm_tasks).toHaveLength(60);
    expect(folded.rm_task_units.length).toBeGreaterThan(150);
  });

  it('given a task id assigned twice, then both paths fail on the primary key', async () => {
    const events = new History().e(TaskAssigned, 'task-t1', assignment('t1', CA)).e(TaskAssigned, 'task-t1', assignment('t1', TT)).recorded();
    expect(await failureOf(foldedSnapshot(projection, events))).toMatch(/UNIQUE constraint failed: rm_tasks\.id/);
    expect(await failureOf(replayedSnapshot(projection, events))).toMatch(/UNIQUE constraint failed: rm_tasks\.id/);
  });

  it('given an obstacle id reported twice, then both paths fail on the primary key', async () => {
    const report = { taskId: 't1', obstacleId: 'o1', unitId: CA, category: 'funding' as const, description: 'x' };
    const events = new History()
      .e(TaskAssigned, 'task-t1', assignment('t1', CA))
      .e(ObstacleReported, 'task-t1', report, dept(CA))
      .e(ObstacleReported, 'task-t1', report, dept(CA))
      .recorded();
    expect(await failureOf(foldedSnapshot(projection, events))).toMatch(/UNIQUE constraint failed: rm_obstacles\.id/);
    expect(await failureOf(replayedSnapshot(projection, events))).toMatch(/UNIQUE constraint failed: rm_obstacles\.id/);
  });
});
