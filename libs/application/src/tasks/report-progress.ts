import { CommandHandler } from '@nestjs/cqrs';
import type { CommandContext, Task } from '@mandate/domain';
import { TaskCommand, TaskCommandHandler } from './task-command';

export class ReportProgress extends TaskCommand<{ percent?: number | null; note?: string | null }> {}

@CommandHandler(ReportProgress)
export class ReportProgressHandler extends TaskCommandHandler<ReportProgress> {
  protected act(task: Task, ctx: CommandContext, { payload }: ReportProgress): void {
    task.reportProgress(ctx, { percent: payload.percent ?? null, note: payload.note ?? null });
  }
}
