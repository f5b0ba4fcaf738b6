import type { StatusCounts, StatusSummaryReport } from '../report-types';
import { csvText, type Column } from './csv-text';

type Row = StatusCounts & { unitId?: string; unitName?: string | null };

/** The `overall` row first (unit columns empty), then one row per unit. */
export function statusSummaryCsv(report: StatusSummaryReport): string {
  const columns: Column<Row>[] = [
    ['as_of', () => report.asOf],
    ['from', () => report.from],
    ['to', () => report.to],
    ['unit_id', (r) => r.unitId],
    ['unit_name', (r) => r.unitName],
    ['total', (r) => r.total],
    ['completed_on_time', (r) => r.completedOnTime],
    ['completed_on_time_original', (r) => r.completedOnTimeOriginal],
    ['completed_on_time_extended', (r) => r.completedOnTimeExtended],
    ['completed_late', (r) => r.completedLate],
    ['in_progress_on_time', (r) => r.inProgressOnTime],
    ['overdue', (r) => r.overdue],
    ['cancelled', (r) => r.cancelled],
    ['due_by_as_of', (r) => r.dueByAsOf],
    ['overdue_ratio', (r) => r.overdueRatio],
  ];
  return csvText<Row>(columns, [report.overall, ...report.units]);
}
