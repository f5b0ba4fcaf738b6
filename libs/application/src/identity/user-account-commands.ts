import { Inject } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import { User, userStreamId, type AdminRoster, type Clock, type CommandContext, type Role } from '@mandate/domain';
import { CLOCK } from '../clock/controllable-clock';
import { AggregateRepository } from '../shared/aggregate-repository';
import { Command, type CommandResult } from '../shared/command-meta';
import type { HandlerOutcome } from '../shared/command-gateway';
import { AdminRosterAccess } from './admin-roster-access';
import { UnitDirectory } from './unit-directory';

export class ChangeUserRole extends Command<{ userId: string; role: Role; unitId?: string | null }> {}
export class DisableUser extends Command<{ userId: string; reason?: string | null }> {}
export class EnableUser extends Command<{ userId: string }> {}

type AccountCommand = ChangeUserRole | DisableUser | EnableUser;

/**
 * A change to a user's account (role, disabled or not), appended together with the admin
 * roster's change when the user stops or starts being an active admin, so the last admin
 * can never be removed, even by two admins at once.
 */
abstract class AccountCommandHandler<C extends AccountCommand> {
  constructor(
    private readonly repository: AggregateRepository,
    private readonly roster: AdminRosterAccess,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  protected abstract act(user: User, ctx: CommandContext, command: C): Promise<void> | void;

  async execute(command: C): Promise<HandlerOutcome> {
    const user = await this.repository.load(() => new User(), userStreamId(command.payload.userId), 'user');
    this.repository.checkExpectedVersion(user, command.meta);
    const ctx = { actor: command.meta.actor, now: this.clock.now() };
    const wasAdmin = isActiveAdmin(user);
    await this.act(user, ctx, command);
    let roster: AdminRoster | null = null;
    if (wasAdmin !== isActiveAdmin(user)) {
      roster = await this.roster.load(ctx);
      if (wasAdmin) roster.remove(ctx, user.id);
      else roster.add(ctx, user.id);
    }
    const result: CommandResult = { id: user.id, version: user.version, role: user.role, unitId: user.unitId, disabled: user.disabled };
    const { position } = await this.repository.save(roster ? [user, roster] : [user], command.meta, result);
    return { result, position };
  }
}

const isActiveAdmin = (user: User) => user.role === 'admin' && !user.disabled;

@CommandHandler(ChangeUserRole)
export class ChangeUserRoleHandler extends AccountCommandHandler<ChangeUserRole> {
  @Inject(UnitDirectory) private readonly units: UnitDirectory;

  protected async act(user: User, ctx: CommandContext, { payload }: ChangeUserRole): Promise<void> {
    if (payload.unitId) await this.units.assertExist([{ field: 'unitId', unitId: payload.unitId }]);
    user.changeRole(ctx, payload.role, payload.unitId);
  }
}

@CommandHandler(DisableUser)
export class DisableUserHandler extends AccountCommandHandler<DisableUser> {
  protected act(user: User, ctx: CommandContext, { payload }: DisableUser): void {
    user.disable(ctx, payload.reason);
  }
}

@CommandHandler(EnableUser)
export class EnableUserHandler extends AccountCommandHandler<EnableUser> {
  protected act(user: User, ctx: CommandContext): void {
    user.enable(ctx);
  }
}
