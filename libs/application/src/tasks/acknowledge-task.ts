import { CommandHandler } from '@nestjs/cqrs';
import type { CommandContext, Task } from '@mandate/domain';
import { TaskCommand, TaskCommandHandler } from './task-command';

export class AcknowledgeTask extends TaskCommand<{}> {}

@CommandHandler(AcknowledgeTask)
export class AcknowledgeTaskHandler extends TaskCommandHandler<AcknowledgeTask> {
  protected act(task: Task, ctx: CommandContext, _command: AcknowledgeTask): void {
    task.acknowledge(ctx);
  }
}
