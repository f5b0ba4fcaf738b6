import type { RowSink } from '@mandate/projections';
import type { ClosedStatus } from '../../report-types';
import type { MarkKind } from '../mark-statements';
import { CLOSURE_COLUMNS, OPEN_END } from '../reports.schema';
import { versionRow } from './version-fold';
import type { HeldObstacle, OpenEscalation, TaskFold } from './task-fold';

/**
 * The rows of rp_unit_marks, rp_escalations and rp_obstacles. Each is inserted from the task's
 * current version (its lead unit, its assigned_ms), so only for a task the replay holds.
 */

/** A mark is final at once: `unitId` from the event, or the current lead unit when the event names none (or ''). */
export function writeMark(f: TaskFold, sink: RowSink, seq: number, position: number, kind: MarkKind, unitId: string | null, ms: number): void {
  sink.insert('rp_unit_marks', { task_id: f.taskId, seq, kind, unit_id: unitId ? unitId : f.leadUnitId, at_ms: ms, assigned_ms: f.assignedMs, position });
}

/**
 * The task closed at the event (global position `position`): the columns of its closing version
 * that rp_task_closures copies (as the statement copies them), final at once.
 */
export function writeClosure(f: TaskFold, sink: RowSink, position: number, ms: number, status: ClosedStatus): void {
  const version = versionRow(f, OPEN_END, null);
  sink.insert('rp_task_closures', { position, task_id: f.taskId, closed_ms: ms, status, ...Object.fromEntries(CLOSURE_COLUMNS.map((c) => [c, version[c]])) });
}

/** An escalation is held until resolved (the domain resolves each once), then written. */
export function writeEscalation(f: TaskFold, sink: RowSink, e: OpenEscalation, resolvedMs: number | null): void {
  sink.insert('rp_escalations', {
    task_id: f.taskId,
    escalation_id: e.id,
    level: e.level,
    reason: e.reason,
    unit_id: e.unitId,
    raised_ms: e.raisedMs,
    resolved_ms: resolvedMs,
    assigned_ms: f.assignedMs,
    position: e.position,
  });
}

/** Adds an escalation to the task's unresolved ones. */
export function holdEscalation(f: TaskFold, e: OpenEscalation): void {
  e.next = f.escalations;
  f.escalations = e;
}

/** Removes the unresolved escalation `id` and returns it, or null when the task has none such (the update touches no row). */
export function takeEscalation(f: TaskFold, id: string): OpenEscalation | null {
  let previous: OpenEscalation | null = null;
  for (let e = f.escalations; e !== null; previous = e, e = e.next) {
    if (e.id !== id) continue;
    if (previous === null) f.escalations = e.next;
    else previous.next = e.next;
    e.next = null;
    return e;
  }
  return null;
}

/** The unresolved escalations at the end of the replay. */
export function writeOpenEscalations(f: TaskFold, sink: RowSink): void {
  for (let e = f.escalations; e !== null; e = e.next) writeEscalation(f, sink, e, null);
}

/** Adds an obstacle to those the task holds. */
export function holdObstacle(f: TaskFold, o: HeldObstacle): void {
  o.next = f.obstacles;
  f.obstacles = o;
}

/** ObstacleResolved: every obstacle of the task with that id (its primary key: one at most) gets the instant. */
export function resolveObstacle(f: TaskFold, id: string, ms: number): void {
  for (let o = f.obstacles; o !== null; o = o.next) if (o.id === id) o.resolvedMs = ms;
}

/** closeObstacles: the task closed, each of its obstacles (resolved or not) takes the instant. */
export function closeObstacles(f: TaskFold, ms: number): void {
  for (let o = f.obstacles; o !== null; o = o.next) o.taskClosedMs = ms;
}

/** The held obstacles, once the task can no longer change them or at the end of the replay. */
export function writeObstacles(f: TaskFold, sink: RowSink): void {
  for (let o = f.obstacles; o !== null; o = o.next) writeObstacle(f, sink, o);
  f.obstacles = null;
}

function writeObstacle(f: TaskFold, sink: RowSink, o: HeldObstacle): void {
  sink.insert('rp_obstacles', {
    task_id: f.taskId,
    obstacle_id: o.id,
    category: o.category,
    unit_id: o.unitId,
    reported_ms: o.reportedMs,
    resolved_ms: o.resolvedMs,
    assigned_ms: f.assignedMs,
    task_closed_ms: o.taskClosedMs,
  });
}
