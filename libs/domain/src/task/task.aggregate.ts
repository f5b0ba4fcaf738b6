import type { Actor, CommandContext } from '../shared/actor';
import { InvalidArgument, RuleViolation } from '../shared/errors';
import { optionalText, parseInstant, requireOneOf, requireRole, requireText } from '../shared/guards';
import { DeadlineApproaching, DeadlineMissed } from './task-deadline.events';
import { ExtensionDenied, ExtensionGranted } from './task-extension.events';
import {
  CompletionAccepted,
  CompletionReturned,
  TaskAssigned,
  TaskCancelled,
  TaskReassigned,
} from './task-lifecycle.events';
import {
  EscalationResolved,
  ExplanationRequested,
  LeaderInstructionGiven,
  TaskEscalated,
  TaskUrged,
} from './task-oversight.events';
import { TaskUnitWork } from './task-unit-work';
import {
  ESCALATION_REASONS,
  MAX_ESCALATION_LEVEL,
  PRIORITIES,
  type EscalationReason,
} from './task-values';

/** What assigning a task takes: exactly what TaskAssigned records. */
export type AssignTask = TaskAssigned['data'];

/**
 * A task assigned by a directive to one lead unit. State and its handlers: task-state.ts;
 * the units' behaviours: task-unit-work.ts; here: assignment and the secretariat's,
 * leaders' and timers' behaviours.
 */
export class Task extends TaskUnitWork {
  static assign(ctx: CommandContext, p: AssignTask): Task {
    requireRole(ctx.actor, ['secretariat'], 'assign a task');
    const title = requireText(p.title, 'title');
    const leadUnitId = requireText(p.leadUnitId, 'leadUnitId');
    const dueAt = new Date(parseInstant(p.dueAt, 'dueAt')).toISOString();
    const coordinatingUnitIds = [...new Set(p.coordinatingUnitIds ?? [])];
    if (coordinatingUnitIds.includes(leadUnitId)) {
      const message = 'The lead unit cannot also be a coordinating unit.';
      throw new InvalidArgument(message, 'lead_unit_coordinates', 'coordinatingUnitIds');
    }
    const priority = requireOneOf(p.priority, PRIORITIES, 'priority');
    const task = new Task();
    task.raise(
      TaskAssigned,
      {
        taskId: p.taskId,
        directiveId: p.directiveId,
        title,
        description: optionalText(p.description),
        leadUnitId,
        coordinatingUnitIds,
        dueAt,
        deadline: p.deadline,
        calendarVersion: p.calendarVersion,
        priority,
        keyTask: p.keyTask === true,
      },
      ctx,
    );
    return task;
  }

  decideExtension(ctx: CommandContext, p: { approve: boolean; newDueAt?: string | null; reason?: string | null }): void {
    this.assertSecretariat(ctx.actor, 'decide an extension request');
    const pending = this.pendingExtension;
    if (!pending) throw new RuleViolation('There is no pending extension request to decide.', 'no_pending_extension');
    const reason = optionalText(p.reason);
    if (!p.approve) {
      this.raise(ExtensionDenied, { taskId: this.id, requestId: pending.requestId, reason }, ctx);
      return;
    }
    const newDueAt = new Date(parseInstant(p.newDueAt ?? pending.requestedDueAt, 'newDueAt')).toISOString();
    if (Date.parse(newDueAt) <= Date.parse(this.dueAt)) {
      throw new RuleViolation(`The new deadline must be later than the current deadline (${this.dueAt}).`, 'extension_not_later');
    }
    const data = { taskId: this.id, requestId: pending.requestId, previousDueAt: this.dueAt, newDueAt, reason };
    this.raise(ExtensionGranted, data, ctx);
  }

  /** Accepting closes the task and resolves its open escalations; returning sends it back to the lead unit. */
  reviewCompletion(ctx: CommandContext, p: { accept: boolean; comment?: string | null }): void {
    this.assertSecretariat(ctx.actor, 'review a completion report');
    const submission = this.submission;
    if (this.status !== 'submitted' || !submission) {
      throw new RuleViolation('There is no completion report awaiting review on this task.', 'not_submitted');
    }
    const comment = optionalText(p.comment);
    if (!p.accept) {
      this.raise(CompletionReturned, { taskId: this.id, comment }, ctx);
      return;
    }
    const { submittedAt, dueAt, onTime } = submission;
    const data = { taskId: this.id, comment, submittedAt, dueAt, onTime, originalDueAt: this.originalDueAt };
    this.raise(CompletionAccepted, data, ctx);
    this.resolveOpenEscalations(ctx, 'completed');
  }

  /** Hands the task to another lead unit, which must acknowledge it again. A pending extension request stays. */
  reassign(ctx: CommandContext, p: { leadUnitId: string; reason: string }): void {
    this.assertSecretariat(ctx.actor, 'reassign a task');
    const toUnitId = requireText(p.leadUnitId, 'leadUnitId');
    const reason = requireText(p.reason, 'reason');
    if (toUnitId === this.leadUnitId) {
      throw new RuleViolation('The task is already led by this unit.', 'same_lead_unit');
    }
    this.raise(TaskReassigned, { taskId: this.id, fromUnitId: this.leadUnitId, toUnitId, reason }, ctx);
  }

  cancel(ctx: CommandContext, p: { reason: string }): void {
    this.assertSecretariat(ctx.actor, 'cancel a task');
    const reason = requireText(p.reason, 'reason');
    this.raise(TaskCancelled, { taskId: this.id, reason }, ctx);
    this.resolveOpenEscalations(ctx, 'cancelled');
  }

  urge(ctx: CommandContext, p: { message: string }): void {
    this.assertSecretariat(ctx.actor, 'urge a unit');
    const message = requireText(p.message, 'message');
    this.raise(TaskUrged, { taskId: this.id, unitId: this.leadUnitId, message }, ctx);
  }

  /** A leader escalates by hand: one level above the current one, at most MAX_ESCALATION_LEVEL. */
  escalate(ctx: CommandContext, p: { escalationId: string; note: string }): void {
    this.assertLeader(ctx.actor, 'escalate a task by hand');
    const note = requireText(p.note, 'note');
    const level = Math.min(this.escalationLevel + 1, MAX_ESCALATION_LEVEL);
    this.raiseEscalation(ctx, { escalationId: p.escalationId, level, reason: 'manual', note });
  }

  giveInstruction(ctx: CommandContext, p: { text: string }): void {
    this.assertLeader(ctx.actor, "give a leader's instruction");
    const text = requireText(p.text, 'text');
    this.raise(LeaderInstructionGiven, { taskId: this.id, text }, ctx);
  }

  requestExplanation(ctx: CommandContext, p: { requestId: string; question: string }): void {
    this.assertLeader(ctx.actor, 'request an explanation');
    const question = requireText(p.question, 'question');
    if (this.explanationRequests.some((r) => r.requestId === p.requestId)) {
      throw new RuleViolation('An explanation request with this id already exists on this task.', 'duplicate_explanation_request');
    }
    this.raise(ExplanationRequested, { taskId: this.id, requestId: p.requestId, unitId: this.leadUnitId, question }, ctx);
  }

  /** Timer: the deadline in force is near and the task is still open. */
  markDeadlineApproaching(ctx: CommandContext): void {
    this.assertSystem(ctx.actor, 'record an approaching deadline');
    this.raise(DeadlineApproaching, { taskId: this.id, unitId: this.leadUnitId, dueAt: this.dueAt }, ctx);
  }

  /**
   * Timer: the deadline in force has passed with the task open and not submitted before it.
   * Records DeadlineMissed and escalates to level 1 for the reason 'overdue'.
   */
  markDeadlineMissed(ctx: CommandContext, p: { escalationId: string }): void {
    this.assertSystem(ctx.actor, 'record a missed deadline');
    if (ctx.now.getTime() <= Date.parse(this.dueAt)) {
      throw new RuleViolation(`The deadline in force (${this.dueAt}) has not passed yet.`, 'deadline_not_passed');
    }
    if (this.missedDueAt === this.dueAt) {
      throw new RuleViolation('This deadline has already been recorded as missed.', 'deadline_already_missed');
    }
    if (this.submission?.onTime) {
      throw new RuleViolation('The completion report was submitted before the deadline.', 'submitted_on_time');
    }
    this.raise(DeadlineMissed, { taskId: this.id, unitId: this.leadUnitId, dueAt: this.dueAt }, ctx);
    this.raiseEscalation(ctx, { escalationId: p.escalationId, level: 1, reason: 'overdue', note: null });
  }

  /** Timer: escalation by the policy (not by hand) at a given level and reason. */
  escalateByPolicy(
    ctx: CommandContext,
    p: { escalationId: string; level: number; reason: EscalationReason; note?: string | null },
  ): void {
    this.assertSystem(ctx.actor, 'escalate a task by policy');
    const reason = requireOneOf(p.reason, ESCALATION_REASONS.filter((r) => r !== 'manual'), 'reason');
    if (!Number.isInteger(p.level) || p.level < 1 || p.level > MAX_ESCALATION_LEVEL) {
      throw new InvalidArgument(`The level must be a whole number from 1 to ${MAX_ESCALATION_LEVEL}.`, 'invalid_level', 'level');
    }
    this.raiseEscalation(ctx, { escalationId: p.escalationId, level: p.level, reason, note: optionalText(p.note) });
  }

  /** Leaders, the secretariat and admins see every task; a department sees tasks its unit leads or coordinates. */
  canBeSeenBy(actor: Actor): boolean {
    if (actor.role !== 'department') return true;
    return actor.unitId !== null && (actor.unitId === this.leadUnitId || this.coordinatingUnitIds.includes(actor.unitId));
  }

  private raiseEscalation(
    ctx: CommandContext,
    e: { escalationId: string; level: number; reason: EscalationReason; note: string | null },
  ): void {
    if (this.escalationIds.has(e.escalationId)) {
      throw new RuleViolation('An escalation with this id already exists on this task.', 'duplicate_escalation');
    }
    this.raise(TaskEscalated, { taskId: this.id, ...e }, ctx);
  }

  private resolveOpenEscalations(ctx: CommandContext, resolution: 'completed' | 'cancelled'): void {
    for (const { escalationId, level, reason } of [...this.openEscalations]) {
      this.raise(EscalationResolved, { taskId: this.id, escalationId, level, reason, resolution }, ctx);
    }
  }

  private assertSecretariat(actor: Actor, action: string): void {
    this.assertOpen();
    requireRole(actor, ['secretariat'], action);
  }

  private assertLeader(actor: Actor, action: string): void {
    this.assertOpen();
    requireRole(actor, ['leader'], action);
  }

  private assertSystem(actor: Actor, action: string): void {
    this.assertOpen();
    requireRole(actor, ['system'], action);
  }
}
