/**
 * The shapes of the leaders' reports (docs/reports.md defines every figure). Instants are
 * ISO 8601 UTC strings; durations are days rounded to two decimals.
 */

export const TASK_REPORT_STATUSES = ['completed_on_time', 'completed_late', 'in_progress_on_time', 'overdue', 'cancelled'] as const;
export type TaskReportStatus = (typeof TASK_REPORT_STATUSES)[number];
/** The statuses of a closed task. */
export const CLOSED_STATUSES = ['completed_on_time', 'completed_late', 'cancelled'] as const satisfies readonly TaskReportStatus[];
export type ClosedStatus = (typeof CLOSED_STATUSES)[number];

export const TRAFFIC_LIGHTS = ['green', 'amber', 'red'] as const;
export type TrafficLight = (typeof TRAFFIC_LIGHTS)[number];

export const STAGES = ['unit', 'review', 'extension'] as const;
export type Stage = (typeof STAGES)[number];

/** When and over which tasks a report is taken. `from`/`to` bound the tasks' first assignment. */
export interface ReportWindow {
  asOf: Date;
  from?: Date;
  to?: Date;
}

export interface OverdueParams {
  asOf: Date;
  unitId?: string;
  directiveId?: string;
  sort?: 'daysOverdue' | 'escalationLevel';
  /** Omit for every row (CSV). */
  limit?: number;
  offset?: number;
}

export interface OverdueItem {
  taskId: string;
  title: string;
  directiveId: string;
  directiveCode: string | null;
  leadUnitId: string;
  leadUnitName: string | null;
  assignedAt: string;
  dueAt: string;
  originalDueAt: string;
  extended: boolean;
  calendarDaysOverdue: number;
  workingDaysOverdue: number;
  escalationLevel: number;
  percent: number;
  lastProgressAt: string | null;
}

export interface OverdueReport {
  asOf: string;
  total: number;
  limit: number | null;
  offset: number;
  items: OverdueItem[];
}

export interface StatusCounts {
  total: number;
  completedOnTime: number;
  completedOnTimeOriginal: number;
  completedOnTimeExtended: number;
  completedLate: number;
  inProgressOnTime: number;
  overdue: number;
  cancelled: number;
  dueByAsOf: number;
  overdueRatio: number | null;
}

export interface StatusSummaryReport {
  asOf: string;
  from: string | null;
  to: string;
  overall: StatusCounts;
  units: (StatusCounts & { unitId: string; unitName: string | null })[];
}

export interface DirectiveProgressItem {
  taskId: string;
  title: string;
  leadUnitId: string;
  leadUnitName: string | null;
  status: TaskReportStatus;
  percent: number;
  dueAt: string;
  trafficLight: TrafficLight | null;
}

export interface DirectiveProgressReport {
  asOf: string;
  directive: { id: string; code: string; title: string };
  counts: { total: number; completedOnTime: number; completedLate: number; inProgressOnTime: number; overdue: number; cancelled: number };
  percentComplete: number | null;
  items: DirectiveProgressItem[];
}

export interface UnitRankingItem {
  rank: number;
  unitId: string;
  unitName: string | null;
  assigned: number;
  completedOnTime: number;
  completedLate: number;
  overdue: number;
  onTimeRate: number | null;
  open: number;
  updatedOpen: number;
  updateRate: number | null;
}

export interface UnitRankingReport {
  asOf: string;
  from: string | null;
  to: string;
  items: UnitRankingItem[];
}

/** Median and p90 (nearest rank) of per-task durations. */
export interface Distribution {
  count: number;
  medianWorkingDays: number | null;
  p90WorkingDays: number | null;
  medianCalendarDays: number | null;
  p90CalendarDays: number | null;
}

export interface UnitBottleneck {
  unitId: string;
  unitName: string | null;
  assigned: number;
  open: number;
  overdue: number;
  onTimeRate: number | null;
  acknowledge: Distribution;
  submit: Distribution;
  extensionRequests: number;
  returnedReports: number;
  escalationsByLevel: Record<'1' | '2' | '3', number>;
  obstaclesByCategory: Record<string, number>;
  trafficLights: Record<TrafficLight, number>;
  stages: Record<Stage, (Omit<Distribution, 'count'> & { tasks: number }) | null>;
}

export interface StageBottleneck {
  stage: Stage;
  party: 'lead unit' | 'secretariat';
  tasks: number;
  medianWorkingDays: number | null;
  p90WorkingDays: number | null;
  medianCalendarDays: number | null;
  p90CalendarDays: number | null;
  /** Tasks waiting in this stage at asOf. */
  waiting: number;
}

export const BOTTLENECK_REASONS = [
  'overdue',
  'slow_to_acknowledge',
  'slow_to_report',
  'many_returns',
  'obstacles',
  'slow_review',
  'slow_extension_decision',
] as const;
export type BottleneckReason = (typeof BOTTLENECK_REASONS)[number];

export interface WorstBottleneck {
  rank: number;
  kind: 'unit' | 'stage';
  stage: Stage | null;
  unitId: string | null;
  unitName: string | null;
  reason: BottleneckReason;
  measure: number;
  threshold: number;
  detail: string;
}

export interface BottlenecksReport {
  asOf: string;
  from: string | null;
  to: string;
  units: UnitBottleneck[];
  stages: StageBottleneck[];
  worst: WorstBottleneck[];
}

export interface TimelineEntry {
  position: number;
  streamId: string;
  type: string;
  occurredAt: string;
  recordedAt: string;
  actor: { userId: string; username: string | null; role: string; unitId: string | null };
  /** Escalation level, for TaskEscalated / EscalationResolved. */
  level: number | null;
  taskId: string | null;
  data: Record<string, unknown>;
}
