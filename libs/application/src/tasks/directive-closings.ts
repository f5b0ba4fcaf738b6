import { Injectable } from '@nestjs/common';
import { Directive, directiveStreamId, type CommandContext, type Task } from '@mandate/domain';
import { AggregateRepository } from '../shared/aggregate-repository';

/**
 * When a command closes a task, its directive records it in the same transaction; the
 * directive whose last task closes is completed there and then (DirectiveCompleted).
 */
@Injectable()
export class DirectiveClosings {
  constructor(private readonly repository: AggregateRepository) {}

  /** The directive to save beside the task, or null when it is no longer active. */
  async record(task: Task, ctx: CommandContext): Promise<Directive | null> {
    const directive = await this.repository.load(() => new Directive(), directiveStreamId(task.directiveId), 'directive');
    if (!directive.isOpen) return null;
    const outcome = task.status === 'completed' ? 'completed' : 'cancelled';
    directive.recordTaskClosed(ctx, { taskId: task.id, outcome });
    return directive;
  }
}
