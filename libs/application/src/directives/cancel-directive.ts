import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Directive, Task, directiveStreamId, taskStreamId, type Clock } from '@mandate/domain';
import { CLOCK } from '../clock/controllable-clock';
import { AggregateRepository } from '../shared/aggregate-repository';
import { Command, type CommandResult } from '../shared/command-meta';
import type { HandlerOutcome } from '../shared/command-gateway';

export class CancelDirective extends Command<{ directiveId: string; reason: string }> {}

/** Cancels the directive and, in the same transaction, every task of it that is still open. */
@CommandHandler(CancelDirective)
export class CancelDirectiveHandler implements ICommandHandler<CancelDirective, HandlerOutcome> {
  constructor(
    private readonly repository: AggregateRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ payload, meta }: CancelDirective): Promise<HandlerOutcome> {
    const ctx = { actor: meta.actor, now: this.clock.now() };
    const directive = await this.repository.load(() => new Directive(), directiveStreamId(payload.directiveId), 'directive');
    this.repository.checkExpectedVersion(directive, meta);
    directive.cancel(ctx, { reason: payload.reason });
    const openTasks: Task[] = [];
    for (const taskId of directive.taskIds) {
      const task = await this.repository.load(() => new Task(), taskStreamId(taskId), 'task');
      if (task.isOpen) {
        task.cancel(ctx, { reason: `Directive ${directive.code} cancelled: ${payload.reason}` });
        openTasks.push(task);
      }
    }
    const result: CommandResult = { id: directive.id, version: directive.version, cancelledTasks: openTasks.length };
    const { position } = await this.repository.save([directive, ...openTasks], meta, result);
    return { result, position };
  }
}
