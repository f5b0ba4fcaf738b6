import { CommandHandler } from '@nestjs/cqrs';
import type { CommandContext, Task } from '@mandate/domain';
import { TaskCommand, TaskCommandHandler } from './task-command';

export class CancelTask extends TaskCommand<{ reason: string }> {}

@CommandHandler(CancelTask)
export class CancelTaskHandler extends TaskCommandHandler<CancelTask> {
  protected act(task: Task, ctx: CommandContext, { payload }: CancelTask): void {
    task.cancel(ctx, payload);
  }
}
