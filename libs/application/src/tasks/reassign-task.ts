import { Inject } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import type { Clock, CommandContext, Task } from '@mandate/domain';
import { CLOCK } from '../clock/controllable-clock';
import { AggregateRepository } from '../shared/aggregate-repository';
import { UnitDirectory } from '../identity/unit-directory';
import type { HandlerOutcome } from '../shared/command-gateway';
import { TaskCommand, TaskCommandHandler } from './task-command';

export class ReassignTask extends TaskCommand<{ leadUnitId: string; reason: string }> {}

@CommandHandler(ReassignTask)
export class ReassignTaskHandler extends TaskCommandHandler<ReassignTask> {
  constructor(
    repository: AggregateRepository,
    @Inject(CLOCK) clock: Clock,
    private readonly units: UnitDirectory,
  ) {
    super(repository, clock);
  }

  override async execute(command: ReassignTask): Promise<HandlerOutcome> {
    await this.units.assertExist([{ field: 'leadUnitId', unitId: command.payload.leadUnitId }]);
    return super.execute(command);
  }

  protected act(task: Task, ctx: CommandContext, { payload }: ReassignTask): void {
    task.reassign(ctx, { leadUnitId: payload.leadUnitId, reason: payload.reason });
  }
}
