import type { OverdueItem, OverdueReport } from '../report-types';
import { csvText, type Column } from './csv-text';

/** One row per overdue task (every matching row: give the report without a limit). */
export function overdueCsv(report: OverdueReport): string {
  const columns: Column<OverdueItem>[] = [
    ['as_of', () => report.asOf],
    ['task_id', (r) => r.taskId],
    ['title', (r) => r.title],
    ['directive_id', (r) => r.directiveId],
    ['directive_code', (r) => r.directiveCode],
    ['lead_unit_id', (r) => r.leadUnitId],
    ['lead_unit_name', (r) => r.leadUnitName],
    ['assigned_at', (r) => r.assignedAt],
    ['due_at', (r) => r.dueAt],
    ['original_due_at', (r) => r.originalDueAt],
    ['extended', (r) => r.extended],
    ['calendar_days_overdue', (r) => r.calendarDaysOverdue],
    ['working_days_overdue', (r) => r.workingDaysOverdue],
    ['escalation_level', (r) => r.escalationLevel],
    ['percent', (r) => r.percent],
    ['last_progress_at', (r) => r.lastProgressAt],
  ];
  return csvText(columns, report.items);
}
