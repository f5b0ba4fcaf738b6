import { CommandHandler } from '@nestjs/cqrs';
import type { CommandContext, Task, ObstacleCategory } from '@mandate/domain';
import { TaskCommand, TaskCommandHandler } from './task-command';

export class ReportObstacle extends TaskCommand<{ obstacleId: string; category: ObstacleCategory; description: string }> {}

@CommandHandler(ReportObstacle)
export class ReportObstacleHandler extends TaskCommandHandler<ReportObstacle> {
  protected act(task: Task, ctx: CommandContext, { payload }: ReportObstacle): void {
    task.reportObstacle(ctx, payload);
  }

  protected override createdIds({ payload }: ReportObstacle): Record<string, string> {
    return { obstacleId: payload.obstacleId };
  }
}
