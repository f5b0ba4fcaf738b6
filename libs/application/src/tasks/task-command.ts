import { Inject } from '@nestjs/common';
import { Task, taskStreamId, type Clock, type CommandContext } from '@mandate/domain';
import { CLOCK } from '../clock/controllable-clock';
import { AggregateRepository } from '../shared/aggregate-repository';
import { Command, type CommandResult } from '../shared/command-meta';
import type { HandlerOutcome } from '../shared/command-gateway';

/** A command on one task. */
export abstract class TaskCommand<P extends object = object> extends Command<P & { taskId: string }> {}

/**
 * Every task command follows the same write path: load the task, check If-Match, call one
 * behaviour, append with the expected version, answer the task's id and new version.
 */
export abstract class TaskCommandHandler<C extends TaskCommand> {
  constructor(
    protected readonly repository: AggregateRepository,
    @Inject(CLOCK) protected readonly clock: Clock,
  ) {}

  protected abstract act(task: Task, ctx: CommandContext, command: C): void;

  /** Ids the command created (obstacle, request, escalation), answered beside the task's id and version. */
  protected createdIds(_command: C): Record<string, string> {
    return {};
  }

  async execute(command: C): Promise<HandlerOutcome> {
    const task = await this.repository.load(() => new Task(), taskStreamId(command.payload.taskId), 'task');
    this.repository.checkExpectedVersion(task, command.meta);
    this.act(task, { actor: command.meta.actor, now: this.clock.now() }, command);
    const result: CommandResult = { id: task.id, version: task.version, ...this.createdIds(command) };
    const { position } = await this.repository.save([task], command.meta, result);
    return { result, position };
  }
}
