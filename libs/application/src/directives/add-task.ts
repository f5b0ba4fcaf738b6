import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Directive, directiveStreamId, type Clock } from '@mandate/domain';
import { CLOCK } from '../clock/controllable-clock';
import { AggregateRepository } from '../shared/aggregate-repository';
import { Command } from '../shared/command-meta';
import type { HandlerOutcome } from '../shared/command-gateway';
import { TaskFactory, type TaskSpec } from './task-spec';

export class AddTaskToDirective extends Command<{ directiveId: string; task: TaskSpec }> {}

export type AddedTask = {
  id: string;
  version: number;
  directiveId: string;
  leadUnitId: string;
  dueAt: string;
};

@CommandHandler(AddTaskToDirective)
export class AddTaskToDirectiveHandler implements ICommandHandler<AddTaskToDirective, HandlerOutcome<AddedTask>> {
  constructor(
    private readonly repository: AggregateRepository,
    private readonly tasks: TaskFactory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ payload, meta }: AddTaskToDirective): Promise<HandlerOutcome<AddedTask>> {
    const ctx = { actor: meta.actor, now: this.clock.now() };
    const directive = await this.repository.load(() => new Directive(), directiveStreamId(payload.directiveId), 'directive');
    this.repository.checkExpectedVersion(directive, meta);
    const task = await this.tasks.assign(ctx, directive.id, payload.task, 'task');
    directive.addTask(ctx, { taskId: task.id });
    const result: AddedTask = { id: task.id, version: task.version, directiveId: directive.id, leadUnitId: task.leadUnitId, dueAt: task.dueAt };
    const { position } = await this.repository.save([directive, task], meta, result);
    return { result, position };
  }
}
