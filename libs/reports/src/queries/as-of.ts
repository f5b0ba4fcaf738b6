import type { Actor } from '@mandate/domain';
import { visibleUnit } from '@mandate/projections';
import { DAY_MS, type WorkingTime } from '../working-time';
import type { ReportWindow, TaskReportStatus, TrafficLight } from '../report-types';

/** An instant as the reports compare it: ISO text (as stored) and epoch milliseconds. */
export interface Instant {
  iso: string;
  ms: number;
}

export const instant = (at: Date): Instant => ({ iso: at.toISOString(), ms: at.getTime() });

/** An instant the reports store as epoch milliseconds (a number, or text from PostgreSQL's bigint), as the ISO text the events carried. */
export const isoInstant = (ms: number | string): string => new Date(Number(ms)).toISOString();

/**
 * SQL conditions over `alias`, rows that carry their task's `assigned_ms` (it never changes):
 * the tasks assigned in the window and, for a department, the rows whose `unitColumn` is its
 * unit. Parameters in order of the clauses.
 */
export function inWindowFor(viewer: Actor, window: ReportWindow, alias: string, unitColumn = 'lead_unit_id'): { clauses: string[]; parameters: unknown[] } {
  const clauses: string[] = [];
  const parameters: unknown[] = [];
  if (window.from) {
    clauses.push(`${alias}.assigned_ms >= ?`);
    parameters.push(window.from.getTime());
  }
  if (window.to) {
    clauses.push(`${alias}.assigned_ms <= ?`);
    parameters.push(window.to.getTime());
  }
  const scope = visibleUnit(viewer);
  if (scope) {
    clauses.push(`${alias}.${unitColumn} = ?`);
    parameters.push(scope.unitId ?? '');
  }
  return { clauses, parameters };
}

/**
 * SQL over `rp_task_versions v`: the versions valid at T, in the window, that the viewer may
 * see (a department: the tasks its unit leads at T). Parameters in order of the text.
 */
export function versionsAt(viewer: Actor, window: ReportWindow): { where: string; parameters: unknown[] } {
  const at = instant(window.asOf);
  const scope = inWindowFor(viewer, window, 'v');
  return { where: ['v.valid_to > ?', 'v.valid_from <= ?', ...scope.clauses].join(' and '), parameters: [at.ms, at.ms, ...scope.parameters] };
}

/** The status of a version at T (one `?`: T in epoch ms). docs/reports.md defines it. */
export const STATUS_SQL = `case
  when v.state = 'cancelled' then 'cancelled'
  when v.state = 'completed' then (case when v.accepted_on_time = 1 then 'completed_on_time' else 'completed_late' end)
  when v.pending_submitted_ms is not null and v.pending_on_time = 1 then 'in_progress_on_time'
  when v.due_ms < ? then 'overdue'
  else 'in_progress_on_time' end`;

/** The columns the traffic light needs. */
export const LIGHT_COLUMNS = 'v.state, v.assigned_ms, v.due_ms, v.fresh_w, v.escalation_level, v.pending_submitted_ms, v.pending_on_time';

export interface LightRow {
  state: string;
  assigned_ms: number;
  due_ms: number;
  fresh_w: number;
  escalation_level: number;
  pending_submitted_ms: number | null;
  pending_on_time: number | null;
}

const STALE_AFTER_WORKING_DAYS = 10;

/**
 * The traffic light of an open task at T (null when closed): red when overdue or escalated
 * to level 2+, amber when half its time is used or no progress for 10 working days, else green.
 * A task whose on-time report awaits review is judged at the submission (its clock stopped).
 */
export function trafficLight(row: LightRow, status: TaskReportStatus, at: Instant, working: WorkingTime): TrafficLight | null {
  if (row.state !== 'open') return null;
  if (status === 'overdue' || row.escalation_level >= 2) return 'red';
  const onTimeInReview = row.pending_submitted_ms !== null && row.pending_on_time === 1;
  const judgedAt = onTimeInReview ? Number(row.pending_submitted_ms) : at.ms;
  const span = row.due_ms - row.assigned_ms;
  const used = span > 0 ? (judgedAt - row.assigned_ms) / span : 1;
  if (used >= 0.5) return 'amber';
  const workingNow = onTimeInReview ? working.at(new Date(judgedAt)) : working.at(new Date(at.ms));
  if (quietFor10WorkingDays(Number(row.fresh_w), workingNow)) return 'amber';
  return 'green';
}

/** Neither a progress report nor the assignment in the 10 working days before T (amber, slow_to_report). */
export function quietFor10WorkingDays(freshW: number, workingAtT: number): boolean {
  return workingAtT - freshW >= STALE_AFTER_WORKING_DAYS * DAY_MS;
}

/**
 * Whether an open task had a progress report in the 10 working days before T (the update
 * rate), as SQL over `alias` (1 or 0) and its parameters; `workingAtT` is T's working-time ordinal.
 */
export function updatedRecentlySql(alias: string, workingAtT: number): { sql: string; parameters: [number, number] } {
  return {
    sql: `case when ${alias}.last_progress_ms is not null and ? - ${alias}.fresh_w < ? then 1 else 0 end`,
    parameters: [workingAtT, STALE_AFTER_WORKING_DAYS * DAY_MS],
  };
}

export const isStatus = (value: string): value is TaskReportStatus =>
  ['completed_on_time', 'completed_late', 'in_progress_on_time', 'overdue', 'cancelled'].includes(value);
