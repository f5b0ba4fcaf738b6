export {
  DEFAULT_ESCALATION_POLICY_FILE,
  PolicyError,
  TIMER_KINDS,
  loadEscalationPolicy,
  parseEscalationPolicy,
  type EscalationPolicy,
  type EscalationRule,
  type TimerDirection,
  type TimerFrom,
  type TimerKind,
} from './escalation-policy';
export { DEADLINE_TIMERS, scheduleTimer, timerDueAt, timerEscalationId, timerId } from './timer-schedule';
export { TIMER_TABLES, type TimerRow, type TimerTaskRow } from './timers.schema';
export { TimersProjection, timersProjectionVersion } from './timers.projection';
export { DueTimersQuery, type DueTimer } from './due-timers.query';
export { TIMER_EVENT_TYPES, timerChanges, type TimerChange } from './timer-changes';
