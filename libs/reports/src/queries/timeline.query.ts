import { NotFound, type Actor, type DomainEvent } from '@mandate/domain';
import type { EventStore } from '@mandate/event-store';
import { visibleUnit, type Dialected, type ReadModelDb } from '@mandate/projections';
import type { TimelineEntry } from '../report-types';

/** What the timelines read of the event store: whole streams. */
export type StreamReader = Pick<EventStore, 'readStream'>;

const toEntry = (event: DomainEvent): TimelineEntry => {
  const recorded = event.recorded!;
  const data = event.data as Record<string, unknown>;
  const { actor } = event.meta;
  return {
    position: recorded.globalPosition,
    streamId: recorded.streamId,
    type: event.type,
    occurredAt: event.meta.occurredAt,
    recordedAt: recorded.recordedAt,
    actor: { userId: actor.userId, username: actor.username ?? null, role: actor.role, unitId: actor.unitId ?? null },
    level: typeof data.level === 'number' ? data.level : null,
    taskId: typeof data.taskId === 'string' && recorded.streamId.startsWith('task-') ? data.taskId : null,
    data,
  };
};

/** The events of a stream that had occurred by T (all of them without T). */
async function streamUntil(store: StreamReader, streamId: string, asOf: Date | undefined): Promise<DomainEvent[]> {
  const events = await store.readStream(streamId);
  if (!asOf) return events;
  const until = asOf.toISOString();
  return events.filter((e) => e.meta.occurredAt <= until);
}

/** Of the given tasks, those a department's unit leads or coordinates; all of them for the others. */
async function visibleTasks(db: ReadModelDb, s: Dialected, viewer: Actor, taskIds: string[]): Promise<string[]> {
  const scope = visibleUnit(viewer);
  if (!scope || taskIds.length === 0) return taskIds;
  const rows = await db.query<{ task_id: string }>(
    s(`select task_id from rm_task_units where unit_id = ? and task_id in (${taskIds.map(() => '?').join(', ')})`, [scope.unitId ?? '', ...taskIds]),
  );
  const visible = new Set(rows.map((r) => r.task_id));
  return taskIds.filter((id) => visible.has(id));
}

/**
 * Every event of a task up to T, in order, read from the task's stream; a department sees only
 * tasks its unit leads or coordinates.
 */
export async function taskTimeline(db: ReadModelDb, s: Dialected, store: StreamReader, viewer: Actor, taskId: string, asOf?: Date): Promise<TimelineEntry[]> {
  const notFound = new NotFound(`No task with id ${taskId}`, 'task_not_found');
  if ((await visibleTasks(db, s, viewer, [taskId])).length === 0) throw notFound;
  const events = await streamUntil(store, `task-${taskId}`, asOf);
  if (events.length === 0) throw notFound;
  return events.map(toEntry);
}

/**
 * The directive's events and those of its tasks the viewer may see, up to T, in the log's
 * order: the directive's stream and the streams of the tasks the reports projection knows
 * under it.
 */
export async function directiveTimeline(
  db: ReadModelDb,
  s: Dialected,
  store: StreamReader,
  viewer: Actor,
  directiveId: string,
  asOf?: Date,
): Promise<TimelineEntry[]> {
  const notFound = new NotFound(`No directive with id ${directiveId}`, 'directive_not_found');
  const own = await streamUntil(store, `directive-${directiveId}`, asOf);
  if (own.length === 0) throw notFound;
  const tasks = await db.query<{ task_id: string }>(
    s('select task_id from rp_tasks where directive_id = ? order by task_id', [directiveId]),
  );
  const visible = await visibleTasks(db, s, viewer, tasks.map((t) => t.task_id));
  const ofTasks = (await Promise.all(visible.map((taskId) => streamUntil(store, `task-${taskId}`, asOf)))).flat();
  const scoped = visibleUnit(viewer) !== null;
  if (scoped && ofTasks.length === 0) throw notFound;
  const seen = new Set(visible);
  return [...own, ...ofTasks]
    .sort((a, b) => a.recorded!.globalPosition - b.recorded!.globalPosition)
    .map(toEntry)
    .flatMap((entry) => (scoped && entry.streamId === `directive-${directiveId}` ? withinTasks(entry, seen) : [entry]));
}

/**
 * A directive's own event as a department reads it: one about a task the department may not
 * see (DirectiveTaskAdded, DirectiveTaskClosed) is left out, and the list of the directive's
 * tasks (DirectiveIssued) keeps only those it may see.
 */
function withinTasks(entry: TimelineEntry, visible: ReadonlySet<string>): TimelineEntry[] {
  const { taskId, taskIds } = entry.data;
  if (typeof taskId === 'string') return visible.has(taskId) ? [entry] : [];
  if (Array.isArray(taskIds)) return [{ ...entry, data: { ...entry.data, taskIds: taskIds.filter((id) => visible.has(id)) } }];
  return [entry];
}
