import type { BusinessCalendar } from '@mandate/calendar';
import type { EscalationPolicy, TimerKind } from './escalation-policy';
import { DEADLINE_TIMERS, scheduleTimer, timerEscalationId, timerId } from './timer-schedule';

/** The values an arming gives a timer's row, whoever writes it (the projection's statements or its replayer). */
export interface ArmedTimer {
  timerId: string;
  /** ISO 8601 UTC instant, as rm_timers.due_at stores it. */
  dueAt: string;
  basis: string;
  level: number | null;
  escalationId: string;
}

/**
 * A timer of `taskId` armed from the instant `from`; `basis` names this arming in the
 * escalation id. Throws the schedule's RangeError when `from` is not an instant. `dueAt`,
 * when given, is what scheduleTimer gave for this kind and `from` before (a caller's cache).
 */
export function armedTimer(
  policy: EscalationPolicy,
  calendar: BusinessCalendar,
  taskId: string,
  kind: TimerKind,
  from: Date | string,
  basis: string,
  dueAt: string = scheduleTimer(policy, calendar, kind, from),
): ArmedTimer {
  return {
    timerId: timerId(taskId, kind),
    dueAt,
    basis,
    level: policy.rules[kind].level,
    escalationId: timerEscalationId(taskId, kind, basis),
  };
}

/** Whether a timer runs from the deadline in force, so it takes the task's deadline suspension. */
export function isDeadlineTimer(kind: TimerKind): boolean {
  return (DEADLINE_TIMERS as readonly string[]).includes(kind);
}
