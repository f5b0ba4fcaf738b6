import type { Actor } from '@mandate/domain';
import type { Dialected, ReadModelDb } from '@mandate/projections';
import type { ReportWindow } from '../report-types';
import { inWindowFor, instant } from './as-of';

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
  // By the reporting unit: a department sees what its own unit reported.
  const scope = inWindowFor(viewer, window, 'o', 'unit_id');
  return db.query(
    s(
      `select o.unit_id, o.category, count(*) as n,
              sum(case when (o.task_closed_ms is null or o.task_closed_ms > ?) and (o.resolved_ms is null or o.resolved_ms > ?) then 1 else 0 end) as unresolved
       from rp_obstacles o
       where ${['o.reported_ms <= ?', ...scope.clauses].join(' and ')} group by o.unit_id, o.category`,
      [at, at, at, ...scope.parameters],
    ),
  );
}
