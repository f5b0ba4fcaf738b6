import type { UnitRankingItem, UnitRankingReport } from '../report-types';
import { csvText, type Column } from './csv-text';

/** One row per ranked unit, in rank order. */
export function unitRankingCsv(report: UnitRankingReport): string {
  const columns: Column<UnitRankingItem>[] = [
    ['as_of', () => report.asOf],
    ['from', () => report.from],
    ['to', () => report.to],
    ['rank', (r) => r.rank],
    ['unit_id', (r) => r.unitId],
    ['unit_name', (r) => r.unitName],
    ['assigned', (r) => r.assigned],
    ['completed_on_time', (r) => r.completedOnTime],
    ['completed_late', (r) => r.completedLate],
    ['overdue', (r) => r.overdue],
    ['on_time_rate', (r) => r.onTimeRate],
    ['open', (r) => r.open],
    ['updated_open', (r) => r.updatedOpen],
    ['update_rate', (r) => r.updateRate],
  ];
  return csvText(columns, report.items);
}
