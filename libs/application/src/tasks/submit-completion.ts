import { CommandHandler } from '@nestjs/cqrs';
import type { CommandContext, Task } from '@mandate/domain';
import { TaskCommand, TaskCommandHandler } from './task-command';

export class SubmitCompletion extends TaskCommand<{ report: string }> {}

@CommandHandler(SubmitCompletion)
export class SubmitCompletionHandler extends TaskCommandHandler<SubmitCompletion> {
  protected act(task: Task, ctx: CommandContext, { payload }: SubmitCompletion): void {
    task.submitCompletion(ctx, payload);
  }
}
