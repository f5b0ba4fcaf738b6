import type { RowSink } from '../replay/projection-replayer';
import { instantValue } from './held-instant';
import type { EscalationFold, ObstacleFold, TaskFold } from './task-fold';

/** Writes every row a task fold holds: the task (if it was assigned), its units, obstacles and escalations. */
export function writeTaskFold(task: TaskFold, sink: RowSink): void {
  if (task.status !== null) writeTaskRow(task, sink);
  const units = task.units;
  for (let i = 0; i < units.length; i += 2) sink.insert('rm_task_units', { task_id: task.id, unit_id: units[i], role: units[i + 1] });
  if (task.obstacles) for (const obstacle of task.obstacles) writeObstacle(task.id, obstacle, sink);
  if (task.escalations) for (const escalation of task.escalations) writeEscalation(task.id, escalation, sink);
}

export function writeTaskRow(task: TaskFold, sink: RowSink): void {
  sink.insert('rm_tasks', {
    id: task.id,
    directive_id: task.directiveId,
    title: task.title,
    description: task.description,
    lead_unit_id: task.leadUnitId,
    status: task.status,
    priority: task.priority,
    key_task: task.keyTask,
    due_at: task.dueAt,
    original_due_at: task.originalDueAt,
    percent: task.percent,
    escalation_level: task.escalationLevel,
    extension_pending: task.extensionPending,
    requested_due_at: task.requestedDueAt,
    open_obstacles: task.openObstaclesColumn,
    assigned_at: instantValue(task.assignedAt),
    acknowledged_at: instantValue(task.acknowledgedAt),
    last_progress_at: instantValue(task.lastProgressAt),
    submitted_at: instantValue(task.submittedAt),
    completed_at: instantValue(task.completedAt),
    cancelled_at: instantValue(task.cancelledAt),
    version: task.version,
    updated_at: instantValue(task.updatedAt),
  });
}

export function writeObstacle(taskId: string, o: ObstacleFold, sink: RowSink): void {
  sink.insert('rm_obstacles', {
    id: o.id,
    task_id: taskId,
    unit_id: o.unitId,
    category: o.category,
    description: o.description,
    reported_at: instantValue(o.reportedAt),
    resolved_at: instantValue(o.resolvedAt),
    resolution: o.resolution,
  });
}

export function writeEscalation(taskId: string, e: EscalationFold, sink: RowSink): void {
  sink.insert('rm_task_escalations', {
    id: e.id,
    task_id: taskId,
    level: e.level,
    reason: e.reason,
    note: e.note,
    raised_at: instantValue(e.raisedAt),
    resolved_at: instantValue(e.resolvedAt),
    resolution: e.resolution,
  });
}
