import { CommandHandler } from '@nestjs/cqrs';
import type { CommandContext, Task } from '@mandate/domain';
import { TaskCommand, TaskCommandHandler } from './task-command';

export class GiveInstruction extends TaskCommand<{ text: string }> {}

@CommandHandler(GiveInstruction)
export class GiveInstructionHandler extends TaskCommandHandler<GiveInstruction> {
  protected act(task: Task, ctx: CommandContext, { payload }: GiveInstruction): void {
    task.giveInstruction(ctx, payload);
  }
}
