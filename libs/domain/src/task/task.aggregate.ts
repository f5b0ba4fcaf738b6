import type { Actor, CommandContext } from '../shared/actor';
import { InvalidArgument, RuleViolation } from '../shared/errors';
import { optionalText, parseInstant, requireOneOf, requireRole, requireText } from '../shared/guards';
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
  TaskUrged,
} from './task-oversight.events';
import { TaskTimers } from './task-timers';
import { MAX_ESCALATION_LEVEL, PRIORITIES } from './task-values';

/** What assigning a task takes: exactly what TaskAssigned records. */
export type AssignTask = TaskAssigned['data'];

/**
 * A task assigned by a directive to one lead unit. State and its handlers: task-state.ts;
 * the units' behaviours: task-unit-work.ts; the system's timers: task-timers.ts; here:
 * assignment and the secretariat's and leaders' behaviours.
 */
export class Task extends TaskTimers {
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

  /** Leaders, the secretariat and admins see every task; a department sees tasks its unit leads or coordinates. */
  canBeSeenBy(actor: Actor): boolean {
    if (actor.role !== 'department') return true;
    return actor.unitId !== null && (actor.unitId === this.leadUnitId || this.coordinatingUnitIds.includes(actor.unitId));
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
}
