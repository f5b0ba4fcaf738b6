import { CommandHandler } from '@nestjs/cqrs';
import type { CommandContext, Task } from '@mandate/domain';
import { TaskCommand, TaskCommandHandler } from './task-command';

export class EscalateTask extends TaskCommand<{ escalationId: string; note: string }> {}

@CommandHandler(EscalateTask)
export class EscalateTaskHandler extends TaskCommandHandler<EscalateTask> {
  protected act(task: Task, ctx: CommandContext, { payload }: EscalateTask): void {
    task.escalate(ctx, payload);
  }

  protected override createdIds({ payload }: EscalateTask): Record<string, string> {
    return { escalationId: payload.escalationId };
  }
}
