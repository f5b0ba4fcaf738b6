import { Inject } from '@nestjs/common';
import { ConcurrencyError } from '@mandate/event-store';
import { Task, taskStreamId, type Clock, type CommandContext } from '@mandate/domain';
import { CLOCK } from '../clock/controllable-clock';
import { AggregateRepository } from '../shared/aggregate-repository';
import { Command, type CommandResult } from '../shared/command-meta';
import type { HandlerOutcome } from '../shared/command-gateway';
import { DirectiveClosings } from './directive-closings';

const MAX_ATTEMPTS = 3;

/** A command on one task. */
export abstract class TaskCommand<P extends object = object> extends Command<P & { taskId: string }> {}

/**
 * Every task command follows the same write path: load the task, check If-Match, call one
 * behaviour, append with the expected version, answer the task's id and new version.
 */
export abstract class TaskCommandHandler<C extends TaskCommand> {
  @Inject(DirectiveClosings) private readonly closings: DirectiveClosings;

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
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(command);
      } catch (error) {
        // Another task of the same directive closed at the same moment: reload and decide again.
        const directiveRace = error instanceof ConcurrencyError && error.streamId.startsWith('directive-');
        if (!directiveRace || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  private async attempt(command: C): Promise<HandlerOutcome> {
    const task = await this.repository.load(() => new Task(), taskStreamId(command.payload.taskId), 'task');
    this.repository.checkExpectedVersion(task, command.meta);
    const wasOpen = task.isOpen;
    const ctx = { actor: command.meta.actor, now: this.clock.now() };
    this.act(task, ctx, command);
    const directive = wasOpen && !task.isOpen ? await this.closings.record(task, ctx) : null;
    const result: CommandResult = { id: task.id, version: task.version, ...this.createdIds(command) };
    const { position } = await this.repository.save(directive ? [task, directive] : [task], command.meta, result);
    return { result, position };
  }
}
