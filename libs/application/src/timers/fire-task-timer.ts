import { CommandHandler } from '@nestjs/cqrs';
import type { CommandContext, DueTaskTimer, Task } from '@mandate/domain';
import { TaskCommand, TaskCommandHandler } from '../tasks/task-command';

/** A durable timer fell due: the task re-checks that it still holds, then records its effect. */
export class FireTaskTimer extends TaskCommand<{ timer: DueTaskTimer }> {}

@CommandHandler(FireTaskTimer)
export class FireTaskTimerHandler extends TaskCommandHandler<FireTaskTimer> {
  protected act(task: Task, ctx: CommandContext, { payload }: FireTaskTimer): void {
    task.fireTimer(ctx, payload.timer);
  }
}
