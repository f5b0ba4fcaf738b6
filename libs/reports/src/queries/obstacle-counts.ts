import type { Actor } from '@mandate/domain';
import { visibleUnit, type Dialected, type ReadModelDb } from '@mandate/projections';
import type { ReportWindow } from '../report-types';
import { instant } from './as-of';

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
