import { TaskAssigned, type DomainEvent } from '@mandate/domain';
import { InternedStrings, type ProjectionReplayer, type RowSink } from '@mandate/projections';
import type { WorkingTime } from '../../working-time';
import { writeObstacles, writeOpenEscalations } from './side-rows';
import { writeRunningSpell } from './stage-fold';
import { foldTaskEvent, TASK_CHANGES, type FoldContext } from './task-event-fold';
import { TaskFold } from './task-fold';
import { writeCurrentVersion } from './version-fold';

/** What is held of a task whose rows are all written. */
const RETIRED = 0;

/**
 * The rebuild's fast path of the `reports` projection: the log folded in memory into the
 * rows ReportsProjection.apply leaves, each written once.
 *
 * - A task's rp_tasks row and its unit marks are final at once.
 * - A task version is written when the next one supersedes it, a spell when it ends, an
 *   escalation when it is resolved.
 * - Obstacles, and then the current version, are held until the task has closed (completed or
 *   cancelled) with no escalation left open: the domain accepts nothing more on such a task
 *   but its escalations' resolutions, raised right after the close. From then on only the
 *   fact that it retired is held.
 * - finish() writes what is still held: the current versions, running spells, open escalations
 *   and obstacles of the tasks that have not closed.
 *
 * An event that would change a retired task's rows (which the domain never records) cannot be
 * folded any more: it fails the replay rather than leave tables that differ from the statements'.
 */
export class ReportsReplayer implements ProjectionReplayer {
  /** Per task id: the fold while the task can change; RETIRED once it cannot. */
  private readonly tasks = new Map<string, TaskFold | typeof RETIRED>();

  private readonly context: FoldContext;

  constructor(working: WorkingTime) {
    this.context = { working, strings: new InternedStrings() };
  }

  /** Receives the events of task streams (the projection's only category). */
  apply(event: DomainEvent, sink: RowSink): void {
    const type = event.type;
    const taskId = (event.data as { taskId: string }).taskId;
    if (type === TaskAssigned.type) return this.assign(event as TaskAssigned, sink);
    if (!TASK_CHANGES.has(type)) return;
    const held = this.tasks.get(taskId);
    // No current version: every statement selects from it or updates the task's rows, none of which exist.
    if (held === undefined) return;
    if (held === RETIRED) throw retired(event, taskId);
    foldTaskEvent(held, event, type, sink, this.context);
    if (held.state !== 'open' && held.escalations === null) this.retire(held, sink);
  }

  finish(sink: RowSink): void {
    // Each task let go once its rows are queued: they take its place in memory rather than join it.
    for (const [taskId, held] of this.tasks) {
      this.tasks.delete(taskId);
      if (held === RETIRED) continue;
      writeCurrentVersion(held, sink);
      writeRunningSpell(held, sink);
      writeOpenEscalations(held, sink);
      writeObstacles(held, sink);
    }
  }

  private assign(event: TaskAssigned, sink: RowSink): void {
    const { taskId, directiveId, title, leadUnitId, dueAt } = event.data;
    if (this.tasks.has(taskId)) throw new Error(`reports replay: ${taskId} assigned a second time (position ${event.recorded!.globalPosition})`);
    const at = event.meta.occurredAt;
    const { working, strings } = this.context;
    const ms = Date.parse(at);
    const dueMs = Date.parse(dueAt);
    sink.insert('rp_tasks', { task_id: taskId, directive_id: strings.of(directiveId), title, assigned_at: at, original_due_ms: dueMs });
    const f = new TaskFold({
      taskId,
      seq: event.recorded!.streamPosition,
      ms,
      w: working.at(at),
      leadUnitId: strings.of(leadUnitId),
      dueMs,
    });
    this.tasks.set(taskId, f);
  }

  /** The task can no longer change: its last rows are written. */
  private retire(f: TaskFold, sink: RowSink): void {
    writeCurrentVersion(f, sink);
    writeRunningSpell(f, sink);
    writeObstacles(f, sink);
    this.tasks.set(f.taskId, RETIRED);
  }
}

function retired(event: DomainEvent, taskId: string): Error {
  return new Error(
    `reports replay: ${event.type} at position ${event.recorded!.globalPosition} changes task ${taskId}, which had closed with no open escalation ` +
      'and whose rows the replay has written (the domain records no such event)',
  );
}
