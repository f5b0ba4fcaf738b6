import { CommandHandler } from '@nestjs/cqrs';
import type { CommandContext, Task } from '@mandate/domain';
import { TaskCommand, TaskCommandHandler } from './task-command';

export class RequestExtension extends TaskCommand<{ requestId: string; requestedDueAt: string; reason: string }> {}

@CommandHandler(RequestExtension)
export class RequestExtensionHandler extends TaskCommandHandler<RequestExtension> {
  protected act(task: Task, ctx: CommandContext, { payload }: RequestExtension): void {
    task.requestExtension(ctx, payload);
  }

  protected override createdIds({ payload }: RequestExtension): Record<string, string> {
    return { requestId: payload.requestId };
  }
}
