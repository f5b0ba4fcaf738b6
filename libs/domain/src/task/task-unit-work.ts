import type { Actor, CommandContext } from '../shared/actor';
import { Forbidden, InvalidArgument, NotFound, RuleViolation } from '../shared/errors';
import { type ActorRole, optionalText, parseInstant, requireOneOf, requireRole, requireText } from '../shared/guards';
import { ExtensionRequested } from './task-extension.events';
import {
  CompletionSubmitted,
  CoordinatorNoteAdded,
  TaskAcknowledged,
  TaskProgressReported,
} from './task-lifecycle.events';
import { ObstacleReported, ObstacleResolved } from './task-obstacle.events';
import { ExplanationProvided } from './task-oversight.events';
import { TaskState } from './task-state';
import { OBSTACLE_CATEGORIES, type ObstacleCategory } from './task-values';

/**
 * What the units do on a task: the lead unit acknowledges, reports progress and
 * obstacles, asks for more time, submits its completion report and answers a leader;
 * a coordinating unit adds progress notes. The secretariat, leader and system
 * behaviours are in `Task` (task.aggregate.ts).
 */
export abstract class TaskUnitWork extends TaskState {
  acknowledge(ctx: CommandContext): void {
    this.assertLeadUnit(ctx.actor, 'acknowledge a task');
    if (this.status !== 'assigned') {
      throw new RuleViolation('This task has already been acknowledged.', 'already_acknowledged');
    }
    this.raise(TaskAcknowledged, { taskId: this.id, unitId: this.leadUnitId }, ctx);
  }

  /** The lead unit reports a percent (and an optional note); a coordinating unit adds a note only. */
  reportProgress(ctx: CommandContext, p: { percent?: number | null; note?: string | null }): void {
    this.assertOpen();
    requireRole(ctx.actor, ['department'], 'report progress on a task');
    if (ctx.actor.unitId !== this.leadUnitId) return this.addCoordinatorNote(ctx, p);
    const percent = p.percent;
    if (typeof percent !== 'number' || !Number.isInteger(percent) || percent < 0 || percent > 100) {
      throw new InvalidArgument('The percent must be a whole number from 0 to 100.', 'invalid_percent', 'percent');
    }
    if (this.status === 'assigned') {
      throw new RuleViolation('Progress cannot be reported before the task is acknowledged.', 'not_acknowledged');
    }
    if (this.status === 'submitted') {
      throw new RuleViolation(
        'Progress cannot be reported while the completion report awaits review.',
        'completion_under_review',
      );
    }
    if (percent < this.percent) {
      throw new RuleViolation(
        `Progress cannot go down: it is already ${this.percent}%, and ${percent}% was reported.`,
        'progress_decreased',
      );
    }
    const data = { taskId: this.id, unitId: this.leadUnitId, percent, previousPercent: this.percent, note: optionalText(p.note) };
    this.raise(TaskProgressReported, data, ctx);
  }

  reportObstacle(ctx: CommandContext, p: { obstacleId: string; category: ObstacleCategory; description: string }): void {
    this.assertLeadUnit(ctx.actor, 'report an obstacle');
    const category = requireOneOf(p.category, OBSTACLE_CATEGORIES, 'category');
    const description = requireText(p.description, 'description');
    if (this.obstacles.has(p.obstacleId)) {
      throw new RuleViolation('An obstacle with this id was already reported on this task.', 'duplicate_obstacle');
    }
    this.raise(ObstacleReported, { taskId: this.id, obstacleId: p.obstacleId, unitId: this.leadUnitId, category, description }, ctx);
  }

  /** The lead unit or the secretariat marks an open obstacle resolved. */
  resolveObstacle(ctx: CommandContext, p: { obstacleId: string; resolution?: string | null }): void {
    this.assertOpen();
    if (ctx.actor.role !== 'secretariat') this.assertLeadUnit(ctx.actor, 'resolve an obstacle', ['department', 'secretariat']);
    const obstacle = this.obstacles.get(p.obstacleId);
    if (!obstacle) throw new NotFound('This task has no obstacle with that id.', 'obstacle_not_found');
    if (!obstacle.open) throw new RuleViolation('This obstacle has already been resolved.', 'obstacle_already_resolved');
    this.raise(ObstacleResolved, { taskId: this.id, obstacleId: p.obstacleId, resolution: optionalText(p.resolution) }, ctx);
  }

  requestExtension(ctx: CommandContext, p: { requestId: string; requestedDueAt: string; reason: string }): void {
    this.assertLeadUnit(ctx.actor, 'request an extension');
    const requested = parseInstant(p.requestedDueAt, 'requestedDueAt');
    const reason = requireText(p.reason, 'reason');
    if (this.pendingExtension) {
      throw new RuleViolation(
        'An extension request is already pending; wait for the secretariat to decide it first.',
        'extension_already_pending',
      );
    }
    if (requested <= Date.parse(this.dueAt)) {
      throw new RuleViolation(
        `The requested deadline must be later than the current deadline (${this.dueAt}).`,
        'extension_not_later',
      );
    }
    const data = {
      taskId: this.id,
      requestId: p.requestId,
      unitId: this.leadUnitId,
      currentDueAt: this.dueAt,
      requestedDueAt: new Date(requested).toISOString(),
      reason,
    };
    this.raise(ExtensionRequested, data, ctx);
  }

  submitCompletion(ctx: CommandContext, p: { report: string }): void {
    this.assertLeadUnit(ctx.actor, 'submit a completion report');
    const report = requireText(p.report, 'report');
    if (this.status === 'assigned') {
      throw new RuleViolation('A completion report cannot be submitted before the task is acknowledged.', 'not_acknowledged');
    }
    if (this.status === 'submitted') {
      throw new RuleViolation('A completion report has already been submitted and awaits review.', 'already_submitted');
    }
    const onTime = ctx.now.getTime() <= Date.parse(this.dueAt);
    this.raise(CompletionSubmitted, { taskId: this.id, unitId: this.leadUnitId, report, dueAt: this.dueAt, onTime }, ctx);
  }

  /** Answers the given explanation request, or by default the oldest one still open. */
  provideExplanation(ctx: CommandContext, p: { answer: string; requestId?: string | null }): void {
    this.assertLeadUnit(ctx.actor, 'provide an explanation');
    const answer = requireText(p.answer, 'answer');
    let requestId: string;
    if (p.requestId) {
      const request = this.explanationRequests.find((r) => r.requestId === p.requestId);
      if (!request) throw new NotFound('This task has no explanation request with that id.', 'explanation_request_not_found');
      if (request.answered) {
        throw new RuleViolation('This explanation request has already been answered.', 'explanation_already_provided');
      }
      requestId = request.requestId;
    } else {
      const oldest = this.openExplanationRequestIds[0];
      if (!oldest) throw new RuleViolation('No leader has asked for an explanation on this task.', 'no_open_explanation_request');
      requestId = oldest;
    }
    this.raise(ExplanationProvided, { taskId: this.id, requestId, answer }, ctx);
  }

  /** A department whose unit is a coordinator of the task adds a note; any other unit is refused. */
  private addCoordinatorNote(ctx: CommandContext, p: { percent?: number | null; note?: string | null }): void {
    if (!ctx.actor.unitId || !this.coordinatingUnitIds.includes(ctx.actor.unitId)) {
      throw new Forbidden('Your unit is neither the lead unit nor a coordinating unit of this task.', 'not_task_unit');
    }
    if (p.percent !== undefined && p.percent !== null) {
      throw new Forbidden('Only the lead unit reports a percent; a coordinating unit adds a note only.', 'not_lead_unit');
    }
    const note = requireText(p.note, 'note');
    this.raise(CoordinatorNoteAdded, { taskId: this.id, unitId: ctx.actor.unitId, note }, ctx);
  }

  /** A completed or cancelled task accepts no further command. */
  protected assertOpen(): void {
    if (!this.isOpen) {
      throw new RuleViolation(`This task is ${this.status} and accepts no further changes.`, 'task_closed');
    }
  }

  /** The task is open and the actor is a department user of its lead unit. */
  protected assertLeadUnit(actor: Actor, action: string, roles: readonly ActorRole[] = ['department']): void {
    this.assertOpen();
    requireRole(actor, roles, action);
    if (actor.unitId !== this.leadUnitId) {
      throw new Forbidden(`Only the lead unit of this task may ${action}.`, 'not_lead_unit');
    }
  }
}
