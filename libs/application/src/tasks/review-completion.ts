import { CommandHandler } from '@nestjs/cqrs';
import type { CommandContext, Task } from '@mandate/domain';
import { TaskCommand, TaskCommandHandler } from './task-command';

export class ReviewCompletion extends TaskCommand<{ accept: boolean; comment?: string | null }> {}

@CommandHandler(ReviewCompletion)
export class ReviewCompletionHandler extends TaskCommandHandler<ReviewCompletion> {
  protected act(task: Task, ctx: CommandContext, { payload }: ReviewCompletion): void {
    task.reviewCompletion(ctx, { accept: payload.accept, comment: payload.comment ?? null });
  }
}
