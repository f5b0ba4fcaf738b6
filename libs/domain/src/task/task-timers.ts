import type { Actor, CommandContext } from '../shared/actor';
import { InvalidArgument, RuleViolation } from '../shared/errors';
import { optionalText, parseInstant, requireOneOf, requireRole } from '../shared/guards';
import { DeadlineApproaching, DeadlineMissed } from './task-deadline.events';
import { TaskEscalated } from './task-oversight.events';
import { TaskUnitWork } from './task-unit-work';
import { ESCALATION_REASONS, MAX_ESCALATION_LEVEL, type EscalationReason } from './task-values';

/** The durable timers of a task (SPEC §4), one per row of the escalation policy. */
export const TASK_TIMER_KINDS = [
  'not_acknowledged',
  'deadline_approaching',
  'deadline_missed',
  'overdue_level_2',
  'overdue_level_3',
  'review_pending',
  'extension_pending',
] as const;
export type TaskTimerKind = (typeof TASK_TIMER_KINDS)[number];

/** A timer that has fallen due, as the scheduler hands it to `Task.fireTimer`. */
export interface DueTaskTimer {
  kind: TaskTimerKind;
  /** When the timer fell due (computed by the caller from the policy and the business calendar). */
  dueAt: string;
  /**
   * What the timer was computed from; it must still be current:
   * not_acknowledged: the instant the current lead unit was given the task (TaskAssigned or TaskReassigned occurredAt);
   * deadline_approaching / deadline_missed / overdue_level_2 / overdue_level_3: the deadline in force (dueAt);
   * review_pending: the submittedAt of the submission awaiting review;
   * extension_pending: the requestId of the pending extension request.
   */
  basis: string;
  /** Escalation level for the escalating kinds (policy); ignored for deadline_approaching. */
  level: number;
  /** Deterministic id from the caller (same timer => same id), so a second firing is a duplicate. */
  escalationId: string;
}

/** The escalation reason each escalating timer raises (deadline_missed escalates through markDeadlineMissed). */
const TIMER_REASONS = {
  not_acknowledged: 'not_acknowledged',
  overdue_level_2: 'overdue',
  overdue_level_3: 'overdue',
  review_pending: 'review_pending',
  extension_pending: 'extension_pending',
} as const satisfies Partial<Record<TaskTimerKind, EscalationReason>>;

/** Two ISO 8601 instants name the same moment (an unparsable one matches nothing). */
const sameInstant = (a: string, b: string | null | undefined): boolean =>
  typeof b === 'string' && Date.parse(a) === Date.parse(b) && !Number.isNaN(Date.parse(a));

function requireLevel(level: number): number {
  if (!Number.isInteger(level) || level < 1 || level > MAX_ESCALATION_LEVEL) {
    throw new InvalidArgument(`The level must be a whole number from 1 to ${MAX_ESCALATION_LEVEL}.`, 'invalid_level', 'level');
  }
  return level;
}

/**
 * What the system does on a task when a durable timer falls due: record an approaching
 * or missed deadline and escalate by the policy. `fireTimer` re-checks that the timer
 * still holds when it fires, so a stale or repeated timer appends nothing.
 */
export abstract class TaskTimers extends TaskUnitWork {
  /**
   * A durable timer fell due. Refused with 'timer_stale' when what it was computed from is
   * no longer current (acknowledged, deadline moved, submitted on time, decided, fired
   * already), and with 'timer_not_due' when it fires early; a stale timer is reported as
   * stale even before its time, since it never will be due.
   */
  fireTimer(ctx: CommandContext, timer: DueTaskTimer): void {
    this.assertSystem(ctx.actor, 'fire a timer');
    const kind = requireOneOf(timer.kind, TASK_TIMER_KINDS, 'kind');
    const dueAt = parseInstant(timer.dueAt, 'dueAt');
    if (kind !== 'deadline_approaching') requireLevel(timer.level);
    const stale = this.whyStale(kind, timer);
    if (stale) throw new RuleViolation(`The ${kind} timer no longer holds: ${stale}.`, 'timer_stale');
    const now = ctx.now.getTime();
    if (now < dueAt || (kind === 'deadline_missed' && now <= Date.parse(this.dueAt))) {
      throw new RuleViolation(`The ${kind} timer is not due yet (due at ${timer.dueAt}).`, 'timer_not_due');
    }
    if (kind === 'deadline_approaching') return this.markDeadlineApproaching(ctx);
    if (kind === 'deadline_missed') return this.markDeadlineMissed(ctx, { escalationId: timer.escalationId, level: timer.level });
    const reason = TIMER_REASONS[kind];
    this.raiseEscalation(ctx, { escalationId: timer.escalationId, level: timer.level, reason, note: null });
  }

  /** Timer: the deadline in force is near and the task is still open. */
  markDeadlineApproaching(ctx: CommandContext): void {
    this.assertSystem(ctx.actor, 'record an approaching deadline');
    this.raise(DeadlineApproaching, { taskId: this.id, unitId: this.leadUnitId, dueAt: this.dueAt }, ctx);
  }

  /**
   * Timer: the deadline in force has passed with the task open and not submitted before it.
   * Records DeadlineMissed and escalates (level 1 unless the policy says otherwise) for the reason 'overdue'.
   */
  markDeadlineMissed(ctx: CommandContext, p: { escalationId: string; level?: number }): void {
    this.assertSystem(ctx.actor, 'record a missed deadline');
    const level = requireLevel(p.level ?? 1);
    if (ctx.now.getTime() <= Date.parse(this.dueAt)) {
      throw new RuleViolation(`The deadline in force (${this.dueAt}) has not passed yet.`, 'deadline_not_passed');
    }
    if (this.missedDueAt === this.dueAt) {
      throw new RuleViolation('This deadline has already been recorded as missed.', 'deadline_already_missed');
    }
    if (this.submission?.onTime) {
      throw new RuleViolation('The completion report was submitted before the deadline.', 'submitted_on_time');
    }
    this.assertNewEscalation(p.escalationId);
    this.raise(DeadlineMissed, { taskId: this.id, unitId: this.leadUnitId, dueAt: this.dueAt }, ctx);
    this.raiseEscalation(ctx, { escalationId: p.escalationId, level, reason: 'overdue', note: null });
  }

  /** Timer: escalation by the policy (not by hand) at a given level and reason. */
  escalateByPolicy(
    ctx: CommandContext,
    p: { escalationId: string; level: number; reason: EscalationReason; note?: string | null },
  ): void {
    this.assertSystem(ctx.actor, 'escalate a task by policy');
    const reason = requireOneOf(p.reason, ESCALATION_REASONS.filter((r) => r !== 'manual'), 'reason');
    const level = requireLevel(p.level);
    this.raiseEscalation(ctx, { escalationId: p.escalationId, level, reason, note: optionalText(p.note) });
  }

  protected raiseEscalation(
    ctx: CommandContext,
    e: { escalationId: string; level: number; reason: EscalationReason; note: string | null },
  ): void {
    this.assertNewEscalation(e.escalationId);
    this.raise(TaskEscalated, { taskId: this.id, ...e }, ctx);
  }

  private assertNewEscalation(escalationId: string): void {
    if (this.escalationIds.has(escalationId)) {
      throw new RuleViolation('An escalation with this id already exists on this task.', 'duplicate_escalation');
    }
  }

  protected assertSystem(actor: Actor, action: string): void {
    this.assertOpen();
    requireRole(actor, ['system'], action);
  }

  /** Why the timer no longer holds, or null when it still does. */
  private whyStale(kind: TaskTimerKind, timer: DueTaskTimer): string | null {
    if (kind !== 'deadline_approaching' && this.escalationIds.has(timer.escalationId)) return 'it has already fired';
    switch (kind) {
      case 'not_acknowledged':
        if (this.status !== 'assigned') return 'the task has been acknowledged';
        return sameInstant(timer.basis, this.leadAssignedAt) ? null : 'the task has been given to a lead unit since';
      case 'review_pending':
        if (this.status !== 'submitted') return 'no completion report awaits review';
        return sameInstant(timer.basis, this.submission?.submittedAt) ? null : 'that completion report is no longer awaiting review';
      case 'extension_pending':
        return this.pendingExtension?.requestId === timer.basis ? null : 'that extension request has been decided';
      default:
        return this.whyDeadlineTimerStale(kind, timer.basis);
    }
  }

  private whyDeadlineTimerStale(kind: TaskTimerKind, basis: string): string | null {
    if (!sameInstant(basis, this.dueAt)) return `the deadline in force is now ${this.dueAt}`;
    if (this.submission?.onTime) return 'the completion report was submitted by the deadline';
    const missed = this.missedDueAt === this.dueAt;
    if (kind === 'deadline_approaching') {
      if (this.approachingDueAt === this.dueAt) return 'the approaching deadline has already been recorded';
      return missed ? 'the deadline has already been missed' : null;
    }
    if (kind === 'deadline_missed') return missed ? 'the deadline has already been recorded as missed' : null;
    return missed ? null : 'the deadline has not been recorded as missed';
  }
}
