import { DomainEvent, TaskAcknowledged, TaskAssigned } from '@mandate/domain';
import { dept, History } from '../test-support/history';
import { CA, HX, project06History, TP, TT } from '../test-support/project-06.history';
import { memoryReadModel } from '../test-support/read-model-harness';
import { TasksProjection } from './tasks.projection';

type Row = Record<string, unknown>;

describe('TasksProjection', () => {
  let rm: Awaited<ReturnType<typeof memoryReadModel>>;
  const task = (id: string): Row => rm.rows<Row>('select * from rm_tasks where id = ?', id)[0];
  const units = (id: string) => rm.rows('select unit_id, role from rm_task_units where task_id = ? order by unit_id', id);
  const eventsOf = (events: DomainEvent[], streamId: string) => events.filter((e) => e.recorded!.streamId === streamId);

  beforeEach(async () => {
    rm = await memoryReadModel([new TasksProjection()]);
  });
  afterEach(() => rm.close());

  it('an assigned task gets its row, its lead and its coordinators', async () => {
    const events = project06History().recorded();
    await rm.project(events.filter((e) => e.type === TaskAssigned.type));
    expect(task('t1')).toMatchObject({
      directive_id: 'd1',
      title: 'Làm sạch dữ liệu dân cư',
      lead_unit_id: CA,
      status: 'assigned',
      priority: 'urgent',
      key_task: 1,
      due_at: '2026-06-30T16:59:59.999Z',
      original_due_at: '2026-06-30T16:59:59.999Z',
      percent: 0,
      escalation_level: 0,
      extension_pending: 0,
      open_obstacles: 0,
      version: 1,
      acknowledged_at: null,
    });
    expect(units('t1')).toEqual([
      { unit_id: CA, role: 'lead' },
      { unit_id: TT, role: 'coordinator' },
    ]);
  });

  it('follows a task through obstacles, an extension, a returned report and acceptance', async () => {
    const events = project06History().recorded();
    const t1 = eventsOf(events, 'task-t1');
    await rm.project(t1.slice(0, 3)); // assigned, acknowledged, progress 30
    expect(task('t1')).toMatchObject({ status: 'in_progress', percent: 30, version: 3 });
    expect(task('t1').acknowledged_at).toBe(t1[1].meta.occurredAt);
    expect(task('t1').last_progress_at).toBe(t1[2].meta.occurredAt);

    await rm.project(t1.slice(3, 7)); // two obstacles, a coordinator note, extension requested
    expect(task('t1')).toMatchObject({ open_obstacles: 2, extension_pending: 1, requested_due_at: '2026-07-31T16:59:59.999Z', version: 7 });

    await rm.project(t1.slice(7, 9)); // extension granted, obstacle o1 resolved
    expect(task('t1')).toMatchObject({
      due_at: '2026-07-31T16:59:59.999Z',
      original_due_at: '2026-06-30T16:59:59.999Z',
      extension_pending: 0,
      requested_due_at: null,
      open_obstacles: 1,
    });
    expect(rm.rows('select id, resolved_at is not null as resolved, resolution from rm_obstacles order by id')).toEqual([
      { id: 'o1', resolved: 1, resolution: 'Đã hợp nhất' },
      { id: 'o2', resolved: 0, resolution: null },
    ]);

    await rm.project(t1.slice(9, 11)); // progress 80, submitted
    expect(task('t1')).toMatchObject({ status: 'submitted', percent: 80 });
    expect(task('t1').submitted_at).toBe(t1[10].meta.occurredAt);

    await rm.project(t1.slice(11, 12)); // returned
    expect(task('t1')).toMatchObject({ status: 'in_progress', submitted_at: null });

    await rm.project(t1.slice(12)); // submitted again, accepted
    expect(task('t1')).toMatchObject({ status: 'completed', percent: 100, version: t1.length });
    expect(task('t1').completed_at).toBe(t1[t1.length - 1].meta.occurredAt);
  });

  it('keeps the highest open escalation level, and moves the lead on reassignment', async () => {
    const events = project06History().recorded();
    const t2 = eventsOf(events, 'task-t2');
    await rm.project(t2.slice(0, 2)); // assigned, escalated level 1
    expect(task('t2')).toMatchObject({ escalation_level: 1, status: 'assigned' });
    await rm.project(t2.slice(2, 6)); // acknowledged, approaching, missed, escalated level 2
    expect(task('t2')).toMatchObject({ escalation_level: 2, status: 'acknowledged', version: 6 });
    await rm.project(t2.slice(6)); // urged, instruction, explanation asked and given, reassigned
    expect(task('t2')).toMatchObject({
      lead_unit_id: HX,
      status: 'assigned',
      acknowledged_at: null,
      escalation_level: 2,
      version: t2.length,
      updated_at: t2[t2.length - 1].meta.occurredAt,
    });
    expect(units('t2')).toEqual([{ unit_id: HX, role: 'lead' }]);
    expect(rm.rows('select id, level, resolved_at from rm_task_escalations where task_id = ? order by id', 't2')).toEqual([
      { id: 'e1', level: 1, resolved_at: null },
      { id: 'e2', level: 2, resolved_at: null },
    ]);
  });

  it('a denied extension clears the pending request; a resolved escalation drops the level to 0', async () => {
    const t3 = eventsOf(project06History().recorded(), 'task-t3');
    await rm.project(t3.slice(0, 4)); // assigned, acknowledged, progress, extension requested
    expect(task('t3')).toMatchObject({ extension_pending: 1 });
    await rm.project(t3.slice(4, 6)); // denied, escalated
    expect(task('t3')).toMatchObject({ extension_pending: 0, requested_due_at: null, escalation_level: 1 });
    await rm.project(t3.slice(6)); // cancelled, escalation resolved
    expect(task('t3')).toMatchObject({ status: 'cancelled', escalation_level: 0, version: t3.length });
    expect(task('t3').cancelled_at).toBe(t3[6].meta.occurredAt);
    expect(units('t3')).toEqual([
      { unit_id: CA, role: 'coordinator' },
      { unit_id: TP, role: 'lead' },
    ]);
  });

  it('every event of a task stream moves the version to its stream position, even a type added later', async () => {
    class TaskRenamed extends DomainEvent<{ taskId: string; title: string }> {
      static override readonly type = 'TaskRenamed';
    }
    const h = project06History();
    h.e(TaskRenamed, 'task-t4', { taskId: 't4', title: 'x' });
    const events = h.recorded();
    await rm.project(events);
    for (const id of ['t1', 't2', 't3', 't4', 't5', 't6']) {
      const stream = eventsOf(events, `task-${id}`);
      expect(task(id)).toMatchObject({ version: stream.length, updated_at: stream[stream.length - 1].meta.occurredAt });
    }
    expect(task('t4')).toMatchObject({ version: 2, title: 'Xây dựng kho dữ liệu số' });
  });

  it('ignores a task event type found outside a task stream', () => {
    const [event] = new History().e(TaskAcknowledged, 'audit-t9', { taskId: 't9', unitId: TT }, dept(TT)).recorded();
    expect(new TasksProjection().apply(event, rm.qb)).toEqual([]);
  });
});
