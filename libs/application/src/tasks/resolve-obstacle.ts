import { CommandHandler } from '@nestjs/cqrs';
import type { CommandContext, Task } from '@mandate/domain';
import { TaskCommand, TaskCommandHandler } from './task-command';

export class ResolveObstacle extends TaskCommand<{ obstacleId: string; resolution?: string | null }> {}

@CommandHandler(ResolveObstacle)
export class ResolveObstacleHandler extends TaskCommandHandler<ResolveObstacle> {
  protected act(task: Task, ctx: CommandContext, { payload }: ResolveObstacle): void {
    task.resolveObstacle(ctx, { obstacleId: payload.obstacleId, resolution: payload.resolution ?? null });
  }
}
