export * from './report-types';
export { WorkingTime } from './working-time';
export { ReportsProjection } from './projection/reports.projection';
export { REPORT_TABLES } from './projection/reports.schema';
export { ReportQueries } from './queries/report-queries';
