import type { CommandContext } from '../shared/actor';
import { InvalidArgument, RuleViolation } from '../shared/errors';
import { EventSourcedAggregate } from '../shared/event-sourced-aggregate';
import { optionalText, requireDate, requireRole, requireText } from '../shared/guards';
import {
  DirectiveAmended,
  DirectiveCancelled,
  DirectiveCompleted,
  DirectiveIssued,
  DirectiveTaskAdded,
  DirectiveTaskClosed,
  directiveStreamId,
  type DirectiveDetails,
} from './directive.events';

export type DirectiveStatus = 'active' | 'cancelled' | 'completed';
export type DirectiveChanges = Partial<Omit<DirectiveDetails, 'code'>>;

const AMENDABLE_FIELDS = ['title', 'summary', 'issuingBody', 'signedBy', 'issuedOn'] as const;

/** A directive issued by the secretariat; it holds the ids of its tasks (each task is its own stream). */
export class Directive extends EventSourcedAggregate {
  private _id = '';
  private _details: DirectiveDetails = { code: '', title: '', summary: null, issuingBody: null, signedBy: null, issuedOn: '' };
  private _status: DirectiveStatus = 'active';
  private _taskIds: string[] = [];
  private readonly _closedTaskIds = new Set<string>();

  static issue(
    ctx: CommandContext,
    p: DirectiveDetails & { directiveId: string; taskIds: string[] },
  ): Directive {
    requireRole(ctx.actor, ['secretariat'], 'issue a directive');
    if (new Set(p.taskIds).size !== p.taskIds.length) {
      throw new InvalidArgument('The same task id appears more than once.', 'duplicate_task_id', 'taskIds');
    }
    const directive = new Directive();
    const data = {
      directiveId: p.directiveId,
      code: requireText(p.code, 'code'),
      title: requireText(p.title, 'title'),
      summary: optionalText(p.summary),
      issuingBody: optionalText(p.issuingBody),
      signedBy: optionalText(p.signedBy),
      issuedOn: requireDate(p.issuedOn, 'issuedOn'),
      taskIds: [...p.taskIds],
    };
    directive.raise(DirectiveIssued, data, ctx);
    return directive;
  }

  /** Changes some details (not the code). Fields left undefined are unchanged. */
  amend(ctx: CommandContext, p: { changes: DirectiveChanges; reason: string | null }): void {
    this.assertOpen();
    requireRole(ctx.actor, ['secretariat'], 'amend a directive');
    const changes: DirectiveChanges = {};
    for (const field of AMENDABLE_FIELDS) {
      const value = p.changes?.[field];
      if (value === undefined) continue;
      if (field === 'title') changes.title = requireText(value, 'title');
      else if (field === 'issuedOn') changes.issuedOn = requireDate(value, 'issuedOn');
      else changes[field] = optionalText(value);
    }
    if (Object.keys(changes).length === 0) {
      throw new InvalidArgument(
        `An amendment must change at least one of: ${AMENDABLE_FIELDS.join(', ')}.`,
        'no_changes',
        'changes',
      );
    }
    this.raise(DirectiveAmended, { directiveId: this.id, changes, reason: optionalText(p.reason) }, ctx);
  }

  addTask(ctx: CommandContext, p: { taskId: string }): void {
    this.assertOpen();
    requireRole(ctx.actor, ['secretariat'], 'add a task to a directive');
    if (this._taskIds.includes(p.taskId)) {
      throw new RuleViolation('This task already belongs to the directive.', 'task_already_in_directive');
    }
    this.raise(DirectiveTaskAdded, { directiveId: this.id, taskId: p.taskId }, ctx);
  }

  cancel(ctx: CommandContext, p: { reason: string }): void {
    this.assertOpen();
    requireRole(ctx.actor, ['secretariat'], 'cancel a directive');
    this.raise(DirectiveCancelled, { directiveId: this.id, reason: requireText(p.reason, 'reason') }, ctx);
  }

  /**
   * Records that one of its tasks was closed, in the same transaction as the task's own
   * event: closings of one directive are serialised by its stream version, so when the
   * last task closes exactly one command sees it and appends DirectiveCompleted.
   */
  recordTaskClosed(ctx: CommandContext, p: { taskId: string; outcome: 'completed' | 'cancelled' }): void {
    this.assertOpen();
    requireRole(ctx.actor, ['system', 'secretariat'], 'record a closed task');
    if (!this._taskIds.includes(p.taskId)) {
      throw new InvalidArgument('This task does not belong to the directive.', 'task_not_in_directive', 'taskId');
    }
    if (this._closedTaskIds.has(p.taskId)) {
      throw new RuleViolation('This task is already recorded as closed.', 'task_already_closed');
    }
    this.raise(DirectiveTaskClosed, { directiveId: this.id, taskId: p.taskId, outcome: p.outcome }, ctx);
    if (this._taskIds.every((id) => this._closedTaskIds.has(id))) {
      this.raise(DirectiveCompleted, { directiveId: this.id }, ctx);
    }
  }

  /**
   * Records that every task of the directive is closed. The directive cannot see its
   * tasks' streams, so the caller (a process reacting to task events) decides when.
   */
  complete(ctx: CommandContext): void {
    this.assertOpen();
    requireRole(ctx.actor, ['system', 'secretariat'], 'mark a directive completed');
    this.raise(DirectiveCompleted, { directiveId: this.id }, ctx);
  }

  get id(): string {
    return this._id;
  }
  get streamId(): string {
    return directiveStreamId(this._id);
  }
  get code(): string {
    return this._details.code;
  }
  get title(): string {
    return this._details.title;
  }
  get summary(): string | null {
    return this._details.summary;
  }
  get issuingBody(): string | null {
    return this._details.issuingBody;
  }
  get signedBy(): string | null {
    return this._details.signedBy;
  }
  get issuedOn(): string {
    return this._details.issuedOn;
  }
  get status(): DirectiveStatus {
    return this._status;
  }
  get taskIds(): readonly string[] {
    return this._taskIds;
  }
  get isOpen(): boolean {
    return this._id !== '' && this._status === 'active';
  }

  private assertOpen(): void {
    if (!this.isOpen) {
      throw new RuleViolation(`This directive is ${this._status} and accepts no further changes.`, 'directive_closed');
    }
  }

  protected onDirectiveIssued({ data }: DirectiveIssued): void {
    const { directiveId, taskIds, ...details } = data;
    this._id = directiveId;
    this._details = { ...details };
    this._taskIds = [...taskIds];
  }

  protected onDirectiveAmended({ data }: DirectiveAmended): void {
    this._details = { ...this._details, ...data.changes };
  }

  protected onDirectiveTaskAdded({ data }: DirectiveTaskAdded): void {
    this._taskIds.push(data.taskId);
  }

  protected onDirectiveTaskClosed({ data }: DirectiveTaskClosed): void {
    this._closedTaskIds.add(data.taskId);
  }

  protected onDirectiveCancelled(): void {
    this._status = 'cancelled';
  }

  protected onDirectiveCompleted(): void {
    this._status = 'completed';
  }
}
