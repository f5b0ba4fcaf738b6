import {
  EscalationResolved,
  ObstacleReported,
  ObstacleResolved,
  TaskAssigned,
  TaskEscalated,
  TaskReassigned,
  type DomainEvent,
} from '@mandate/domain';
import { isStreamOf, recordedOf } from '../projection';
import type { ProjectionReplayer, RowSink } from '../replay/projection-replayer';
import { holdInstant } from './held-instant';
import { InternedStrings } from '../replay/interned-strings';
import { setTaskColumns } from './task-columns';
import { EscalationFold, ObstacleFold, TaskFold } from './task-fold';
import { writeTaskFold, writeTaskRow } from './task-rows';

// The stored types, read once (each `X.type` goes through the domain index's re-export getter).
const TASK_ASSIGNED = TaskAssigned.type;
const TASK_REASSIGNED = TaskReassigned.type;
const OBSTACLE_REPORTED = ObstacleReported.type;
const OBSTACLE_RESOLVED = ObstacleResolved.type;
const TASK_ESCALATED = TaskEscalated.type;
const ESCALATION_RESOLVED = EscalationResolved.type;

/**
 * The fast rebuild of rm_tasks, rm_task_units, rm_obstacles and rm_task_escalations: the
 * rules of TasksProjection's statements, folded in memory per task id (task-fold.ts).
 *
 * A task's rows are written once the task is final: completed or cancelled with no
 * escalation left open (the commit that closes a task resolves its open escalations, and a
 * closed task accepts no further command: TaskUnitWork.assertOpen). Anything else is held
 * and written at the end, including rows for task ids that were never assigned (an
 * obstacle, escalation or reassignment inserts them; updates of rm_tasks match nothing).
 * A row inserted twice is written twice, and fails on its primary key as the statement does.
 */
export class TasksReplayer implements ProjectionReplayer {
  private readonly tasks = new Map<string, TaskFold>();
  /** Unit ids, due dates, priorities, categories, reasons: few distinct values, each kept once. */
  private readonly strings = new InternedStrings();
  private readonly intern = this.strings.of;
  /** The directive id of the latest assignment: the tasks of a directive come together. */
  private directiveId = '';

  /** Task ids held in memory. */
  get size(): number {
    return this.tasks.size;
  }

  apply(event: DomainEvent, sink: RowSink): void {
    const { streamId, streamPosition } = recordedOf(event);
    const type = event.type;
    if (type === TASK_ASSIGNED) return this.assigned(event as TaskAssigned, streamPosition, sink);
    if (!isStreamOf(streamId, 'task')) return;
    const at = holdInstant(event.meta.occurredAt);
    const taskId = (event.data as { taskId?: string }).taskId;
    const held = this.tasks.get(taskId ?? streamId.replace(/^task-/, ''));
    // The rm_tasks row this event updates, if it exists.
    const task = held !== undefined && held.status !== null ? held : undefined;
    let resolvedFor: TaskFold | undefined;
    switch (type) {
      case TASK_REASSIGNED: {
        const { fromUnitId, toUnitId } = (event as TaskReassigned).data;
        this.fold(taskId!).reassignUnits(fromUnitId, this.intern(toUnitId));
        if (task) {
          task.leadUnitId = this.intern(toUnitId);
          task.status = 'assigned';
          task.acknowledgedAt = null;
          task.submittedAt = null;
        }
        break;
      }
      case OBSTACLE_REPORTED: {
        const { data } = event as ObstacleReported;
        const obstacle = new ObstacleFold(data.obstacleId, this.intern(data.unitId), this.intern(data.category), data.description, at);
        this.fold(data.taskId).addObstacle(obstacle);
        if (task) task.openObstaclesColumn = this.openObstacles(taskId);
        break;
      }
      case OBSTACLE_RESOLVED: {
        const { obstacleId, resolution } = (event as ObstacleResolved).data;
        this.find(taskId, (t) => t.obstacle(obstacleId))?.[1].resolve(at, resolution);
        if (task) task.openObstaclesColumn = this.openObstacles(taskId);
        break;
      }
      case TASK_ESCALATED: {
        const { data } = event as TaskEscalated;
        this.fold(data.taskId).addEscalation(new EscalationFold(data.escalationId, data.level, this.intern(data.reason), data.note, at));
        if (task) task.escalationLevel = this.openEscalationLevel(taskId);
        break;
      }
      case ESCALATION_RESOLVED: {
        const { escalationId, resolution } = (event as EscalationResolved).data;
        const found = this.find(taskId, (t) => t.escalation(escalationId));
        found?.[1].resolve(at, this.intern(resolution));
        if (task) task.escalationLevel = this.openEscalationLevel(taskId);
        resolvedFor = found?.[0];
        break;
      }
      default:
        // The other events change rm_tasks alone (urges, notes, timers, later types: only its version).
        if (task) setTaskColumns(task, type, event, at, this.intern);
    }
    if (task) {
      task.version = streamPosition;
      task.updatedAt = at;
      if (task.final) this.release(task, sink);
    }
    // An escalation resolved by an event naming another task may complete its own task.
    if (resolvedFor !== undefined && resolvedFor !== task && resolvedFor.final) this.release(resolvedFor, sink);
  }

  finish(sink: RowSink): void {
    // Each fold let go once its rows are queued: they take its place in memory rather than join it.
    for (const [id, task] of this.tasks) {
      writeTaskFold(task, sink);
      this.tasks.delete(id);
    }
    this.strings.clear();
  }

  private assigned({ data, meta }: TaskAssigned, streamPosition: number, sink: RowSink): void {
    if (data.directiveId !== this.directiveId) this.directiveId = data.directiveId;
    const interned = {
      directiveId: this.directiveId,
      leadUnitId: this.intern(data.leadUnitId),
      priority: this.intern(data.priority),
      dueAt: this.intern(data.dueAt),
    };
    let task = this.tasks.get(data.taskId);
    if (task?.status != null) {
      // The same task id assigned again: its insert fails on the primary key, as the statement's does.
      return writeTaskRow(new TaskFold(data.taskId).assign(data, holdInstant(meta.occurredAt), streamPosition, interned), sink);
    }
    if (!task) this.tasks.set(data.taskId, (task = new TaskFold(data.taskId)));
    task.assign(data, holdInstant(meta.occurredAt), streamPosition, interned);
    task.addAssignedUnits(interned.leadUnitId, data.coordinatingUnitIds, this.intern);
  }

  /** `(select count(*) from rm_obstacles where task_id = ? and resolved_at is null)` */
  private openObstacles(taskId: string | undefined): number {
    return taskId == null ? 0 : (this.tasks.get(taskId)?.openObstacleCount() ?? 0);
  }

  /** `coalesce((select max(level) from rm_task_escalations where task_id = ? and resolved_at is null), 0)` */
  private openEscalationLevel(taskId: string | undefined): number {
    return taskId == null ? 0 : (this.tasks.get(taskId)?.openEscalationLevel() ?? 0);
  }

  /** The fold of a task id, created (without an rm_tasks row) if none is held. */
  private fold(taskId: string): TaskFold {
    let task = this.tasks.get(taskId);
    if (!task) this.tasks.set(taskId, (task = new TaskFold(taskId)));
    return task;
  }

  /**
   * An obstacle or escalation by id, with the fold holding it: updates go by id alone. It is
   * the named task's (always, in a log the domain wrote), else any held task's (a slow scan).
   */
  private find<T>(taskId: string | undefined, get: (task: TaskFold) => T | undefined): [TaskFold, T] | undefined {
    const named = taskId == null ? undefined : this.tasks.get(taskId);
    const hit = named && get(named);
    if (hit) return [named, hit];
    for (const task of this.tasks.values()) {
      const found = task !== named ? get(task) : undefined;
      if (found) return [task, found];
    }
    return undefined;
  }

  /** Writes a final task's rows and forgets it. */
  private release(task: TaskFold, sink: RowSink): void {
    writeTaskFold(task, sink);
    this.tasks.delete(task.id);
  }
}

