import { CommandHandler } from '@nestjs/cqrs';
import type { CommandContext, Task } from '@mandate/domain';
import { TaskCommand, TaskCommandHandler } from './task-command';

export class UrgeTask extends TaskCommand<{ message: string }> {}

@CommandHandler(UrgeTask)
export class UrgeTaskHandler extends TaskCommandHandler<UrgeTask> {
  protected act(task: Task, ctx: CommandContext, { payload }: UrgeTask): void {
    task.urge(ctx, payload);
  }
}
