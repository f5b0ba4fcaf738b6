import { OBSTACLE_CATEGORIES } from '@mandate/domain';
import { STAGES, TRAFFIC_LIGHTS, type BottlenecksReport, type Distribution, type StageBottleneck, type UnitBottleneck, type WorstBottleneck } from '../report-types';
import { csvText, type Column } from './csv-text';

/** The three tables of the bottlenecks report; a CSV holds one of them. */
export const BOTTLENECK_TABLES = ['units', 'stages', 'worst'] as const;
export type BottleneckTable = (typeof BOTTLENECK_TABLES)[number];

type Window = Pick<BottlenecksReport, 'asOf' | 'from' | 'to'>;

const windowColumns = <T>(report: Window): Column<T>[] => [
  ['as_of', () => report.asOf],
  ['from', () => report.from],
  ['to', () => report.to],
];

/** acknowledge_count, acknowledge_median_working_days, … for one distribution of a unit. */
const distributionColumns = (name: 'acknowledge' | 'submit'): Column<UnitBottleneck>[] => {
  const of = (r: UnitBottleneck): Distribution => r[name];
  return [
    [`${name}_count`, (r) => of(r).count],
    [`${name}_median_working_days`, (r) => of(r).medianWorkingDays],
    [`${name}_p90_working_days`, (r) => of(r).p90WorkingDays],
    [`${name}_median_calendar_days`, (r) => of(r).medianCalendarDays],
    [`${name}_p90_calendar_days`, (r) => of(r).p90CalendarDays],
  ];
};

/** stage_review_tasks, stage_review_median_working_days, … (empty when no task reached the stage). */
const stageColumns: Column<UnitBottleneck>[] = STAGES.flatMap((stage): Column<UnitBottleneck>[] => [
  [`stage_${stage}_tasks`, (r) => r.stages[stage]?.tasks],
  [`stage_${stage}_median_working_days`, (r) => r.stages[stage]?.medianWorkingDays],
  [`stage_${stage}_p90_working_days`, (r) => r.stages[stage]?.p90WorkingDays],
  [`stage_${stage}_median_calendar_days`, (r) => r.stages[stage]?.medianCalendarDays],
  [`stage_${stage}_p90_calendar_days`, (r) => r.stages[stage]?.p90CalendarDays],
]);

/** One row per unit, every nested figure in a named column (each obstacle category, 0 when none). */
export function bottlenecksUnitsCsv(report: BottlenecksReport): string {
  const columns: Column<UnitBottleneck>[] = [
    ...windowColumns<UnitBottleneck>(report),
    ['unit_id', (r) => r.unitId],
    ['unit_name', (r) => r.unitName],
    ['assigned', (r) => r.assigned],
    ['open', (r) => r.open],
    ['overdue', (r) => r.overdue],
    ['on_time_rate', (r) => r.onTimeRate],
    ...distributionColumns('acknowledge'),
    ...distributionColumns('submit'),
    ['extension_requests', (r) => r.extensionRequests],
    ['returned_reports', (r) => r.returnedReports],
    ...(['1', '2', '3'] as const).map((level): Column<UnitBottleneck> => [`escalations_level_${level}`, (r) => r.escalationsByLevel[level] ?? 0]),
    ...OBSTACLE_CATEGORIES.map((category): Column<UnitBottleneck> => [`obstacles_${category}`, (r) => r.obstaclesByCategory[category] ?? 0]),
    ...TRAFFIC_LIGHTS.map((light): Column<UnitBottleneck> => [`traffic_light_${light}`, (r) => r.trafficLights[light] ?? 0]),
    ...stageColumns,
  ];
  return csvText(columns, report.units);
}

/** One row per stage: how long tasks wait on each party, over every task. */
export function bottlenecksStagesCsv(report: BottlenecksReport): string {
  const columns: Column<StageBottleneck>[] = [
    ...windowColumns<StageBottleneck>(report),
    ['stage', (r) => r.stage],
    ['party', (r) => r.party],
    ['tasks', (r) => r.tasks],
    ['median_working_days', (r) => r.medianWorkingDays],
    ['p90_working_days', (r) => r.p90WorkingDays],
    ['median_calendar_days', (r) => r.medianCalendarDays],
    ['p90_calendar_days', (r) => r.p90CalendarDays],
    ['waiting', (r) => r.waiting],
  ];
  return csvText(columns, report.stages);
}

/** One row per bottleneck found, worst first. */
export function bottlenecksWorstCsv(report: BottlenecksReport): string {
  const columns: Column<WorstBottleneck>[] = [
    ...windowColumns<WorstBottleneck>(report),
    ['rank', (r) => r.rank],
    ['kind', (r) => r.kind],
    ['stage', (r) => r.stage],
    ['unit_id', (r) => r.unitId],
    ['unit_name', (r) => r.unitName],
    ['reason', (r) => r.reason],
    ['measure', (r) => r.measure],
    ['threshold', (r) => r.threshold],
    ['detail', (r) => r.detail],
  ];
  return csvText(columns, report.worst);
}

/** The chosen table of the bottlenecks report as CSV (the per-unit table by default). */
export function bottlenecksCsv(report: BottlenecksReport, table: BottleneckTable = 'units'): string {
  switch (table) {
    case 'units':
      return bottlenecksUnitsCsv(report);
    case 'stages':
      return bottlenecksStagesCsv(report);
    case 'worst':
      return bottlenecksWorstCsv(report);
  }
}
