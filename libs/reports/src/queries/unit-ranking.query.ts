import type { Actor } from '@mandate/domain';
import type { Dialected, ReadModelDb } from '@mandate/projections';
import type { ReportWindow, UnitRankingItem, UnitRankingReport } from '../report-types';
import type { WorkingTime } from '../working-time';
import { STATUS_SQL, instant, updatedRecentlySql, versionsAt } from './as-of';
import { ratio } from './statistics';
import { unitNames } from './unit-names';

/** The tasks of one unit at T with one status, state and "updated recently" flag. */
interface RankingGroup {
  lead_unit_id: string;
  status: string;
  state: string;
  updated: number;
  n: number;
}

/** Units ordered by on-time completion rate for the tasks assigned in a period, as of T. */
export async function unitRankingReport(db: ReadModelDb, s: Dialected, working: WorkingTime, viewer: Actor, window: ReportWindow): Promise<UnitRankingReport> {
  const at = instant(window.asOf);
  const scope = versionsAt(viewer, window);
  const updated = updatedRecentlySql('v', working.at(window.asOf));
  // Counted by the database: at a million tasks, a row per task cost seconds.
  const rows = await db.query<RankingGroup>(
    s(
      `select lead_unit_id, status, state, updated, count(*) as n from (
         select v.lead_unit_id, ${STATUS_SQL} as status, v.state, ${updated.sql} as updated
         from rp_task_versions v where ${scope.where}) x
       group by lead_unit_id, status, state, updated`,
      [at.ms, ...updated.parameters, ...scope.parameters],
    ),
  );
  const units = new Map<string, Omit<UnitRankingItem, 'rank' | 'unitName' | 'onTimeRate' | 'updateRate'>>();
  for (const r of rows) {
    let u = units.get(r.lead_unit_id);
    if (!u) units.set(r.lead_unit_id, (u = { unitId: r.lead_unit_id, assigned: 0, completedOnTime: 0, completedLate: 0, overdue: 0, open: 0, updatedOpen: 0 }));
    const n = Number(r.n);
    u.assigned += n;
    if (r.status === 'completed_on_time') u.completedOnTime += n;
    if (r.status === 'completed_late') u.completedLate += n;
    if (r.status === 'overdue') u.overdue += n;
    if (r.state === 'open') {
      u.open += n;
      if (Number(r.updated) === 1) u.updatedOpen += n;
    }
  }
  const names = await unitNames(db, s, [...units.keys()]);
  const items = [...units.values()]
    .map((u) => ({
      ...u,
      unitName: names.get(u.unitId) ?? null,
      onTimeRate: ratio(u.completedOnTime, u.completedOnTime + u.completedLate + u.overdue),
      updateRate: ratio(u.updatedOpen, u.open),
    }))
    .sort(
      (a, b) =>
        descNullLast(a.onTimeRate, b.onTimeRate) ||
        a.overdue - b.overdue ||
        descNullLast(a.updateRate, b.updateRate) ||
        (a.unitName ?? a.unitId).localeCompare(b.unitName ?? b.unitId, 'vi') ||
        a.unitId.localeCompare(b.unitId),
    )
    .map((u, i): UnitRankingItem => ({
      rank: i + 1,
      unitId: u.unitId,
      unitName: u.unitName,
      assigned: u.assigned,
      completedOnTime: u.completedOnTime,
      completedLate: u.completedLate,
      overdue: u.overdue,
      onTimeRate: u.onTimeRate,
      open: u.open,
      updatedOpen: u.updatedOpen,
      updateRate: u.updateRate,
    }));
  return { asOf: at.iso, from: window.from?.toISOString() ?? null, to: (window.to ?? window.asOf).toISOString(), items };
}

function descNullLast(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return b - a;
}
