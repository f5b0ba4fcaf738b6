import type { Actor, Priority, TaskStatus } from '@mandate/domain';
import type { QueryBuilder } from '../sql/query-builder';
import { taskVisibleTo } from './visibility';

/** A task as lists show it. Times are ISO 8601 strings. */
export interface TaskSummary {
  id: string;
  directiveId: string;
  directiveCode: string | null;
  title: string;
  leadUnitId: string;
  leadUnitName: string | null;
  status: TaskStatus;
  priority: Priority;
  keyTask: boolean;
  dueAt: string;
  originalDueAt: string;
  percent: number;
  escalationLevel: number;
  extensionPending: boolean;
  openObstacles: number;
  assignedAt: string;
  lastProgressAt: string | null;
  version: number;
  updatedAt: string;
}

/** Tasks (`t`) the viewer may see, with their directive (`d`) and lead unit (`u`) joined. */
export function visibleTasks(qb: QueryBuilder, viewer: Actor) {
  return qb
    .selectFrom('rm_tasks as t')
    .leftJoin('rm_directives as d', 'd.id', 't.directive_id')
    .leftJoin('rm_units as u', 'u.id', 't.lead_unit_id')
    .where(taskVisibleTo(viewer));
}

export function selectTaskSummaries(qb: QueryBuilder, viewer: Actor) {
  return visibleTasks(qb, viewer).select([
    't.id',
    't.directive_id',
    'd.code as directive_code',
    't.title',
    't.lead_unit_id',
    'u.name as lead_unit_name',
    't.status',
    't.priority',
    't.key_task',
    't.due_at',
    't.original_due_at',
    't.percent',
    't.escalation_level',
    't.extension_pending',
    't.open_obstacles',
    't.assigned_at',
    't.last_progress_at',
    't.version',
    't.updated_at',
  ]);
}

export interface TaskSummaryRow {
  id: string;
  directive_id: string;
  directive_code: string | null;
  title: string;
  lead_unit_id: string;
  lead_unit_name: string | null;
  status: string;
  priority: string;
  key_task: number;
  due_at: string;
  original_due_at: string;
  percent: number;
  escalation_level: number;
  extension_pending: number;
  open_obstacles: number;
  assigned_at: string;
  last_progress_at: string | null;
  version: number;
  updated_at: string;
}

export function toTaskSummary(r: TaskSummaryRow): TaskSummary {
  return {
    id: r.id,
    directiveId: r.directive_id,
    directiveCode: r.directive_code,
    title: r.title,
    leadUnitId: r.lead_unit_id,
    leadUnitName: r.lead_unit_name,
    status: r.status as TaskStatus,
    priority: r.priority as Priority,
    keyTask: Boolean(r.key_task),
    dueAt: r.due_at,
    originalDueAt: r.original_due_at,
    percent: Number(r.percent),
    escalationLevel: Number(r.escalation_level),
    extensionPending: Boolean(r.extension_pending),
    openObstacles: Number(r.open_obstacles),
    assignedAt: r.assigned_at,
    lastProgressAt: r.last_progress_at,
    version: Number(r.version),
    updatedAt: r.updated_at,
  };
}
