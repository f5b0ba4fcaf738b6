export const TASK_STATUSES = ['assigned', 'acknowledged', 'in_progress', 'submitted', 'completed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const CLOSED_STATUSES: readonly TaskStatus[] = ['completed', 'cancelled'];

export const PRIORITIES = ['normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const OBSTACLE_CATEGORIES = [
  'funding',
  'staffing',
  'equipment',
  'guidance',
  'data_quality',
  'coordination',
  'citizen_participation',
  'other',
] as const;
export type ObstacleCategory = (typeof OBSTACLE_CATEGORIES)[number];

export const ESCALATION_REASONS = [
  'manual',
  'not_acknowledged',
  'overdue',
  'review_pending',
  'extension_pending',
] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];
export const MAX_ESCALATION_LEVEL = 3;

/** How the deadline was given when the task was assigned; the resolved instant is `dueAt`. */
export type DeadlineSpec =
  | { kind: 'dueAt'; dueAt: string }
  | { kind: 'dueDate'; dueDate: string }
  | { kind: 'dueInWorkingDays'; dueInWorkingDays: number };

export const taskStreamId = (taskId: string): string => `task-${taskId}`;
