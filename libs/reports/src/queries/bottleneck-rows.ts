import type { Actor } from '@mandate/domain';
import { visibleUnit, type Dialected, type ReadModelDb } from '@mandate/projections';
import type { ReportWindow, Stage } from '../report-types';
import { LIGHT_COLUMNS, STATUS_SQL, instant, versionsAt, type LightRow } from './as-of';

export interface TaskRow extends LightRow {
  task_id: string;
  lead_unit_id: string;
  status: string;
  ack_ms: number | null;
  ack_w: number | null;
  submit_ms: number | null;
  submit_w: number | null;
  last_progress_at: string | null;
}

export interface SpellRow {
  task_id: string;
  stage: Stage;
  lead_unit_id: string;
  ms: number;
  w: number;
  waiting: number;
}

/** The tasks in the window as of T, with what the bottleneck report needs of each. */
export function taskRows(db: ReadModelDb, s: Dialected, viewer: Actor, window: ReportWindow): Promise<TaskRow[]> {
  const scope = versionsAt(viewer, window);
  return db.query<TaskRow>(
    s(
      `select v.task_id, v.lead_unit_id, ${STATUS_SQL} as status, v.ack_ms, v.ack_w, v.submit_ms, v.submit_w,
              v.last_progress_at, ${LIGHT_COLUMNS}
       from rp_task_versions v where ${scope.where}`,
      [instant(window.asOf).ms, ...scope.parameters],
    ),
  );
}

/**
 * Time each task spent in each stage under each lead unit up to T (spells begun by T,
 * the running ones clipped at T), and whether it is waiting there at T.
 */
export function spellRows(db: ReadModelDb, s: Dialected, viewer: Actor, window: ReportWindow, workingAtT: number): Promise<SpellRow[]> {
  const at = instant(window.asOf);
  // Leaders and the secretariat: every task of the period, picked by the spells' own assigned_ms.
  // A department: the tasks its unit leads at T, which only the versions valid at T know.
  const scope = visibleUnit(viewer) ? versionsAt(viewer, window) : null;
  const period = inPeriod('st', window);
  return db.query<SpellRow>(
    s(
      `select st.task_id, st.stage, st.lead_unit_id,
              sum((case when st.ended_ms is null or st.ended_ms > ? then ? else st.ended_ms end) - st.started_ms) as ms,
              sum((case when st.ended_ms is null or st.ended_ms > ? then ? else st.ended_w end) - st.started_w) as w,
              max(case when st.ended_ms is null or st.ended_ms > ? then 1 else 0 end) as waiting
       from rp_task_stages st${scope ? ' join rp_task_versions v on v.task_id = st.task_id' : ''}
       where ${scope ? scope.where : period.where} and st.started_ms <= ?
       group by st.task_id, st.stage, st.lead_unit_id`,
      [at.ms, at.ms, at.ms, workingAtT, at.ms, ...(scope ? scope.parameters : period.parameters), at.ms],
    ),
  );
}

/**
 * Rows of tasks assigned in the window, by the row's own `assigned_ms` (every row the
 * queries below count happened after its task was assigned, so by T the task existed).
 */
function inPeriod(alias: string, window: ReportWindow): { where: string; parameters: unknown[] } {
  const clauses = ['1 = 1'];
  const parameters: unknown[] = [];
  if (window.from) {
    clauses.push(`${alias}.assigned_ms >= ?`);
    parameters.push(window.from.getTime());
  }
  if (window.to) {
    clauses.push(`${alias}.assigned_ms <= ?`);
    parameters.push(window.to.getTime());
  }
  return { where: clauses.join(' and '), parameters };
}

/**
 * The tasks in the window, whoever leads them now, for counting what happened under each
 * unit; a department sees only what happened under its own unit.
 */
function underUnit(viewer: Actor, window: ReportWindow, alias: string, column: string): { where: string; parameters: unknown[] } {
  const period = inPeriod(alias, window);
  const unit = visibleUnit(viewer);
  if (!unit) return period;
  return { where: `${period.where} and ${alias}.${column} = ?`, parameters: [...period.parameters, unit.unitId ?? ''] };
}

/** Escalations raised by T on the tasks in the window, by the unit leading the task when raised, and level. */
export function escalationCounts(db: ReadModelDb, s: Dialected, viewer: Actor, window: ReportWindow): Promise<{ unit_id: string; level: number; n: number }[]> {
  const scope = underUnit(viewer, window, 'e', 'unit_id');
  return db.query(
    s(
      `select e.unit_id, e.level, count(*) as n from rp_escalations e
       where ${scope.where} and e.raised_ms <= ? group by e.unit_id, e.level`,
      [...scope.parameters, instant(window.asOf).ms],
    ),
  );
}

/**
 * Obstacles reported by T on the tasks in the window, by the reporting unit and category, and
 * how many were unresolved at T on tasks still open.
 */
export function obstacleCounts(
  db: ReadModelDb,
  s: Dialected,
  viewer: Actor,
  window: ReportWindow,
): Promise<{ unit_id: string; category: string; n: number; unresolved: number }[]> {
  const at = instant(window.asOf).ms;
  const scope = underUnit(viewer, window, 'o', 'unit_id');
  return db.query(
    s(
      `select o.unit_id, o.category, count(*) as n,
              sum(case when (o.task_closed_ms is null or o.task_closed_ms > ?) and (o.resolved_ms is null or o.resolved_ms > ?) then 1 else 0 end) as unresolved
       from rp_obstacles o
       where ${scope.where} and o.reported_ms <= ? group by o.unit_id, o.category`,
      [at, at, ...scope.parameters, at],
    ),
  );
}

/** Extension requests, reports submitted and reports returned by T, by the unit that led the task then. */
export function markCounts(db: ReadModelDb, s: Dialected, viewer: Actor, window: ReportWindow): Promise<{ unit_id: string; kind: string; n: number }[]> {
  const scope = underUnit(viewer, window, 'm', 'unit_id');
  return db.query(
    s(
      `select m.unit_id, m.kind, count(*) as n from rp_unit_marks m
       where ${scope.where} and m.at_ms <= ? group by m.unit_id, m.kind`,
      [...scope.parameters, instant(window.asOf).ms],
    ),
  );
}
