import type { DirectiveProgressItem, DirectiveProgressReport } from '../report-types';
import { csvText, type Column } from './csv-text';

/**
 * One row per task of the directive. The directive's own figures repeat on every row
 * (its counts are the rows counted by status).
 */
export function directiveProgressCsv(report: DirectiveProgressReport): string {
  const columns: Column<DirectiveProgressItem>[] = [
    ['as_of', () => report.asOf],
    ['directive_id', () => report.directive.id],
    ['directive_code', () => report.directive.code],
    ['directive_title', () => report.directive.title],
    ['directive_percent_complete', () => report.percentComplete],
    ['task_id', (r) => r.taskId],
    ['title', (r) => r.title],
    ['lead_unit_id', (r) => r.leadUnitId],
    ['lead_unit_name', (r) => r.leadUnitName],
    ['status', (r) => r.status],
    ['percent', (r) => r.percent],
    ['due_at', (r) => r.dueAt],
    ['traffic_light', (r) => r.trafficLight],
  ];
  return csvText(columns, report.items);
}
