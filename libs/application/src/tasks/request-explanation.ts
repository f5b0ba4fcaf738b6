import { CommandHandler } from '@nestjs/cqrs';
import type { CommandContext, Task } from '@mandate/domain';
import { TaskCommand, TaskCommandHandler } from './task-command';

export class RequestExplanation extends TaskCommand<{ requestId: string; question: string }> {}

@CommandHandler(RequestExplanation)
export class RequestExplanationHandler extends TaskCommandHandler<RequestExplanation> {
  protected act(task: Task, ctx: CommandContext, { payload }: RequestExplanation): void {
    task.requestExplanation(ctx, payload);
  }

  protected override createdIds({ payload }: RequestExplanation): Record<string, string> {
    return { requestId: payload.requestId };
  }
}
