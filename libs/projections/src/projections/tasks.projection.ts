import {
  CompletionAccepted,
  CompletionReturned,
  CompletionSubmitted,
  CoordinatorNoteAdded,
  DeadlineApproaching,
  DeadlineMissed,
  EscalationResolved,
  ExplanationProvided,
  ExplanationRequested,
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
import { recordedOf, streamCategory, type Projection } from '../projection';
import type { ProjectionReplayer } from '../replay/projection-replayer';
import type { ReadModelTables } from '../sql/read-model.tables';
import { compile, type QueryBuilder, type SqlStatement } from '../sql/query-builder';
import { stmt } from '../sql/plain-sql';
import { TASK_TABLES, tasksSchema } from './tasks.schema';
import { TasksReplayer } from './tasks.replayer';

/**
 * rm_tasks and its companions (rm_task_units, rm_obstacles, rm_task_escalations).
 * Every event of a task stream moves rm_tasks.version to its stream position, the
 * version a client sends back in If-Match.
 */
export class TasksProjection implements Projection {
  readonly name = 'tasks';
  readonly version = 1;
  readonly tables = TASK_TABLES;
  readonly handles = TASK_EVENT_CLASSES.map((c) => c.type);
  readonly categories = ['task'];

  schema(qb: QueryBuilder): SqlStatement[] {
    return tasksSchema(qb);
  }

  replayer(): ProjectionReplayer {
    return new TasksReplayer();
  }

  apply(event: DomainEvent, qb: QueryBuilder): SqlStatement[] {
    recordedOf(event);
    if (event.type === TaskAssigned.type) return this.assigned(event as TaskAssigned, qb);
    if (streamCategory(event) !== 'task') return [];
    const at = event.meta.occurredAt;
    const task = (set: TaskSet = {}): SqlStatement => touchTask(qb, event, set);
    switch (event.type) {
      case TaskAcknowledged.type:
        return [task({ status: 'acknowledged', acknowledged_at: at })];
      case TaskProgressReported.type: {
        const { percent } = (event as TaskProgressReported).data;
        return [task({ status: 'in_progress', percent, last_progress_at: at })];
      }
      case CompletionSubmitted.type:
        return [task({ status: 'submitted', submitted_at: at })];
      case CompletionAccepted.type:
        return [task({ status: 'completed', percent: 100, completed_at: at })];
      case CompletionReturned.type:
        return [task({ status: 'in_progress', submitted_at: null })];
      case TaskCancelled.type:
        return [task({ status: 'cancelled', cancelled_at: at })];
      case TaskReassigned.type:
        return this.reassigned(event as TaskReassigned, qb);
      case ExtensionRequested.type: {
        const { requestedDueAt } = (event as ExtensionRequested).data;
        return [task({ extension_pending: 1, requested_due_at: requestedDueAt })];
      }
      case ExtensionGranted.type: {
        const { newDueAt } = (event as ExtensionGranted).data;
        return [task({ due_at: newDueAt, extension_pending: 0, requested_due_at: null })];
      }
      case ExtensionDenied.type:
        return [task({ extension_pending: 0, requested_due_at: null })];
      case ObstacleReported.type:
        return this.obstacleReported(event as ObstacleReported, qb);
      case ObstacleResolved.type: {
        const { taskId, obstacleId, resolution } = (event as ObstacleResolved).data;
        return [
          compile(qb.updateTable('rm_obstacles').set({ resolved_at: at, resolution }).where('id', '=', obstacleId)),
          task({ open_obstacles: openObstacles(taskId) }),
        ];
      }
      case TaskEscalated.type:
        return this.escalated(event as TaskEscalated, qb);
      case EscalationResolved.type: {
        const { taskId, escalationId, resolution } = (event as EscalationResolved).data;
        return [
          compile(
            qb.updateTable('rm_task_escalations').set({ resolved_at: at, resolution }).where('id', '=', escalationId),
          ),
          task({ escalation_level: openEscalationLevel(taskId) }),
        ];
      }
      default:
        // Urges, instructions, explanations, notes, deadline timers, and any later event type.
        return [task()];
    }
  }

  private assigned({ data, meta, recorded }: TaskAssigned, qb: QueryBuilder): SqlStatement[] {
    const coordinators = [...new Set(data.coordinatingUnitIds)].filter((u) => u !== data.leadUnitId);
    return [
      compile(
        qb.insertInto('rm_tasks').values({
          id: data.taskId,
          directive_id: data.directiveId,
          title: data.title,
          description: data.description,
          lead_unit_id: data.leadUnitId,
          status: 'assigned',
          priority: data.priority,
          key_task: data.keyTask ? 1 : 0,
          due_at: data.dueAt,
          original_due_at: data.dueAt,
          percent: 0,
          escalation_level: 0,
          extension_pending: 0,
          requested_due_at: null,
          open_obstacles: 0,
          assigned_at: meta.occurredAt,
          acknowledged_at: null,
          last_progress_at: null,
          submitted_at: null,
          completed_at: null,
          cancelled_at: null,
          version: recorded!.streamPosition,
          updated_at: meta.occurredAt,
        }),
      ),
      compile(
        qb.insertInto('rm_task_units').values([
          { task_id: data.taskId, unit_id: data.leadUnitId, role: 'lead' as const },
          ...coordinators.map((unitId) => ({ task_id: data.taskId, unit_id: unitId, role: 'coordinator' as const })),
        ]),
      ),
    ];
  }

  /** The new lead replaces the old one (who leaves the task) and must acknowledge again. */
  private reassigned(event: TaskReassigned, qb: QueryBuilder): SqlStatement[] {
    const { taskId, fromUnitId, toUnitId } = event.data;
    return [
      compile(
        qb.deleteFrom('rm_task_units').where('task_id', '=', taskId).where('unit_id', 'in', [fromUnitId, toUnitId]),
      ),
      compile(qb.insertInto('rm_task_units').values({ task_id: taskId, unit_id: toUnitId, role: 'lead' })),
      touchTask(qb, event, { lead_unit_id: toUnitId, status: 'assigned', acknowledged_at: null, submitted_at: null }),
    ];
  }

  private obstacleReported(event: ObstacleReported, qb: QueryBuilder): SqlStatement[] {
    const { taskId, obstacleId, unitId, category, description } = event.data;
    return [
      compile(
        qb.insertInto('rm_obstacles').values({
          id: obstacleId,
          task_id: taskId,
          unit_id: unitId,
          category,
          description,
          reported_at: event.meta.occurredAt,
          resolved_at: null,
          resolution: null,
        }),
      ),
      touchTask(qb, event, { open_obstacles: openObstacles(taskId) }),
    ];
  }

  private escalated(event: TaskEscalated, qb: QueryBuilder): SqlStatement[] {
    const { taskId, escalationId, level, reason, note } = event.data;
    return [
      compile(
        qb.insertInto('rm_task_escalations').values({
          id: escalationId,
          task_id: taskId,
          level,
          reason,
          note,
          raised_at: event.meta.occurredAt,
          resolved_at: null,
          resolution: null,
        }),
      ),
      touchTask(qb, event, { escalation_level: openEscalationLevel(taskId) }),
    ];
  }
}

/** The event classes of a task stream; `categories` also delivers any type added later. */
const TASK_EVENT_CLASSES = [
  TaskAssigned,
  TaskAcknowledged,
  TaskProgressReported,
  CoordinatorNoteAdded,
  CompletionSubmitted,
  CompletionAccepted,
  CompletionReturned,
  TaskReassigned,
  TaskCancelled,
  ExtensionRequested,
  ExtensionGranted,
  ExtensionDenied,
  ObstacleReported,
  ObstacleResolved,
  TaskUrged,
  LeaderInstructionGiven,
  ExplanationRequested,
  ExplanationProvided,
  DeadlineApproaching,
  DeadlineMissed,
  TaskEscalated,
  EscalationResolved,
];

/** A column value computed by the database from other rows, as SQL with its parameters. */
class Computed {
  constructor(
    readonly sql: string,
    readonly parameters: unknown[],
  ) {}
}

type TaskSet = Partial<Record<keyof ReadModelTables['rm_tasks'], unknown>>;

/**
 * Updates the task row and moves its version and updated_at: every task event goes through
 * here, so its SQL is written out directly rather than built (the same few texts recur).
 */
function touchTask(qb: QueryBuilder, event: DomainEvent, set: TaskSet): SqlStatement {
  const { streamId, streamPosition } = recordedOf(event);
  const taskId = (event.data as { taskId?: string }).taskId ?? streamId.replace(/^task-/, '');
  const assignments: string[] = [];
  const parameters: unknown[] = [];
  for (const [column, value] of Object.entries({ ...set, version: streamPosition, updated_at: event.meta.occurredAt })) {
    if (value instanceof Computed) {
      assignments.push(`${column} = ${value.sql}`);
      parameters.push(...value.parameters);
    } else {
      assignments.push(`${column} = ?`);
      parameters.push(value === undefined ? null : value);
    }
  }
  return stmt(qb, `update rm_tasks set ${assignments.join(', ')} where id = ?`, [...parameters, taskId]);
}

const openObstacles = (taskId: string) => new Computed('(select count(*) from rm_obstacles where task_id = ? and resolved_at is null)', [taskId]);

const openEscalationLevel = (taskId: string) =>
  new Computed('coalesce((select max(level) from rm_task_escalations where task_id = ? and resolved_at is null), 0)', [taskId]);
