import type { BusinessCalendar } from '@mandate/calendar';
import { v5 as uuidv5 } from 'uuid';
import type { EscalationPolicy, EscalationRule, TimerKind } from './escalation-policy';

/** The timers that run from the deadline in force: moved by an extension, stopped by an on-time report. */
export const DEADLINE_TIMERS = ['deadline_approaching', 'deadline_missed', 'overdue_level_2', 'overdue_level_3'] as const satisfies readonly TimerKind[];

/** Name-based ids of policy escalations; fixed forever, or a replayed timer would raise a second escalation. */
const ESCALATION_NAMESPACE = '3f8b2c6e-9a41-4d7e-b1c5-6e2d0a9f7c13';

/**
 * When a timer is due, from its basis instant (the assignment, submission or extension
 * request's occurredAt, or the deadline in force):
 * - `after` N: the end of the N-th working day after the basis's local day;
 * - `before` N: the end of the N-th working day before it (possibly already past: it then fires at once);
 * - `at`: one millisecond after the basis, so a missed deadline fires only once now > dueAt.
 * A count of 0 means the basis instant itself.
 */
export function timerDueAt(rule: EscalationRule, basis: Date, calendar: BusinessCalendar): Date {
  if (rule.direction === 'at') return new Date(basis.getTime() + 1);
  if (rule.workingDays === 0) return new Date(basis.getTime());
  return rule.direction === 'after'
    ? calendar.addWorkingDays(basis, rule.workingDays)
    : calendar.subtractWorkingDays(basis, rule.workingDays);
}

/** A timer's due instant as stored (ISO 8601 UTC, which sorts as text). */
export function scheduleTimer(policy: EscalationPolicy, calendar: BusinessCalendar, kind: TimerKind, basis: Date | string): string {
  const at = typeof basis === 'string' ? new Date(basis) : basis;
  if (Number.isNaN(at.getTime())) throw new RangeError(`Timer ${kind}: basis ${String(basis)} is not an instant.`);
  return timerDueAt(policy.rules[kind], at, calendar).toISOString();
}

/** The row key of a task's timer: one timer of each kind per task. */
export function timerId(taskId: string, kind: TimerKind): string {
  return `${taskId}:${kind}`;
}

/**
 * The escalation id a timer's firing uses: a UUID v5 of the task, the kind and the basis
 * (an instant, or the extension request id), so two processes firing the same timer
 * send the same id and the task records it once; a re-armed timer gets a new one.
 */
export function timerEscalationId(taskId: string, kind: TimerKind, basis: string): string {
  return uuidv5(`${taskId}:${kind}:${basis}`, ESCALATION_NAMESPACE);
}
