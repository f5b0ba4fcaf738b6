import type { Actor } from '@mandate/domain';
import type { Dialected, ReadModelDb } from '@mandate/projections';
import type { ReportWindow, StatusCounts, StatusSummaryReport } from '../report-types';
import { STATUS_SQL, instant, versionsAt } from './as-of';
import { ratio } from './statistics';
import { unitNames } from './unit-names';

export interface StatusGroupRow {
  lead_unit_id: string;
  status: string;
  original: number | null;
  due_by: number;
  n: number;
}

/** Counts of tasks by lead unit at T, status at T, original-deadline completion and "due by T". */
export async function statusGroups(db: ReadModelDb, s: Dialected, viewer: Actor, window: ReportWindow, extraWhere = '', extra: unknown[] = []): Promise<StatusGroupRow[]> {
  const at = instant(window.asOf);
  const scope = versionsAt(viewer, window);
  return db.query<StatusGroupRow>(
    s(
      `select lead_unit_id, status, original, due_by, count(*) as n from (
         select v.lead_unit_id, ${STATUS_SQL} as status, v.accepted_original_on_time as original,
                case when v.state <> 'cancelled' and v.due_ms <= ? then 1 else 0 end as due_by
         from rp_task_versions v where ${scope.where}${extraWhere}) x
       group by lead_unit_id, status, original, due_by`,
      [at.ms, at.ms, ...scope.parameters, ...extra],
    ),
  );
}

export const emptyCounts = (): StatusCounts => ({
  total: 0,
  completedOnTime: 0,
  completedOnTimeOriginal: 0,
  completedOnTimeExtended: 0,
  completedLate: 0,
  inProgressOnTime: 0,
  overdue: 0,
  cancelled: 0,
  dueByAsOf: 0,
  overdueRatio: null,
});

export function addGroup(counts: StatusCounts, row: StatusGroupRow): void {
  const n = Number(row.n);
  counts.total += n;
  if (Number(row.due_by) === 1) counts.dueByAsOf += n;
  switch (row.status) {
    case 'completed_on_time':
      counts.completedOnTime += n;
      if (Number(row.original) === 1) counts.completedOnTimeOriginal += n;
      else counts.completedOnTimeExtended += n;
      break;
    case 'completed_late':
      counts.completedLate += n;
      break;
    case 'in_progress_on_time':
      counts.inProgressOnTime += n;
      break;
    case 'overdue':
      counts.overdue += n;
      break;
    case 'cancelled':
      counts.cancelled += n;
      break;
  }
  counts.overdueRatio = ratio(counts.overdue, counts.dueByAsOf);
}

export async function statusSummaryReport(db: ReadModelDb, s: Dialected, viewer: Actor, window: ReportWindow): Promise<StatusSummaryReport> {
  const groups = await statusGroups(db, s, viewer, window);
  const overall = emptyCounts();
  const byUnit = new Map<string, StatusCounts>();
  for (const row of groups) {
    addGroup(overall, row);
    let unit = byUnit.get(row.lead_unit_id);
    if (!unit) byUnit.set(row.lead_unit_id, (unit = emptyCounts()));
    addGroup(unit, row);
  }
  const names = await unitNames(db, s, [...byUnit.keys()]);
  const units = [...byUnit.entries()]
    .map(([unitId, counts]) => ({ unitId, unitName: names.get(unitId) ?? null, ...counts }))
    .sort((a, b) => (a.unitName ?? a.unitId).localeCompare(b.unitName ?? b.unitId, 'vi') || a.unitId.localeCompare(b.unitId));
  return { asOf: window.asOf.toISOString(), from: window.from?.toISOString() ?? null, to: (window.to ?? window.asOf).toISOString(), overall, units };
}
