import { CommandHandler } from '@nestjs/cqrs';
import type { CommandContext, Task } from '@mandate/domain';
import { TaskCommand, TaskCommandHandler } from './task-command';

export class ProvideExplanation extends TaskCommand<{ answer: string; requestId?: string | null }> {}

@CommandHandler(ProvideExplanation)
export class ProvideExplanationHandler extends TaskCommandHandler<ProvideExplanation> {
  protected act(task: Task, ctx: CommandContext, { payload }: ProvideExplanation): void {
    task.provideExplanation(ctx, { answer: payload.answer, requestId: payload.requestId ?? null });
  }
}
