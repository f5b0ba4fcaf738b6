import { CommandHandler } from '@nestjs/cqrs';
import type { CommandContext, Task } from '@mandate/domain';
import { TaskCommand, TaskCommandHandler } from './task-command';

export class DecideExtension extends TaskCommand<{ approve: boolean; newDueAt?: string | null; reason?: string | null }> {}

@CommandHandler(DecideExtension)
export class DecideExtensionHandler extends TaskCommandHandler<DecideExtension> {
  protected act(task: Task, ctx: CommandContext, { payload }: DecideExtension): void {
    task.decideExtension(ctx, { approve: payload.approve, newDueAt: payload.newDueAt ?? null, reason: payload.reason ?? null });
  }
}
