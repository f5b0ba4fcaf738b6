import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConcurrencyError } from '@mandate/event-store';
import { RuleViolation, User, type Clock, type Role } from '@mandate/domain';
import { CLOCK } from '../clock/controllable-clock';
import { AggregateRepository } from '../shared/aggregate-repository';
import { Command, type CommandResult } from '../shared/command-meta';
import type { HandlerOutcome } from '../shared/command-gateway';
import { AdminRosterAccess } from './admin-roster-access';
import { normaliseUsername, userIdForUsername } from './identity-ids';
import { checkPasswordPolicy } from './password-policy';
import { PasswordHasher } from './password-hasher';
import { UnitDirectory } from './unit-directory';

export class RegisterUser extends Command<{
  username: string;
  password: string;
  displayName: string;
  role: Role;
  unitId?: string | null;
}> {}

@CommandHandler(RegisterUser)
export class RegisterUserHandler implements ICommandHandler<RegisterUser, HandlerOutcome> {
  constructor(
    private readonly repository: AggregateRepository,
    private readonly units: UnitDirectory,
    private readonly hasher: PasswordHasher,
    private readonly roster: AdminRosterAccess,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ payload, meta }: RegisterUser): Promise<HandlerOutcome> {
    User.requireRegistrar(meta.actor);
    const username = normaliseUsername(payload.username);
    const unitId = payload.unitId ?? null;
    if (unitId) await this.units.assertExist([{ field: 'unitId', unitId }]);
    checkPasswordPolicy(payload.password, username);
    const ctx = { actor: meta.actor, now: this.clock.now() };
    const user = User.register(
      ctx,
      {
        userId: userIdForUsername(username),
        username,
        displayName: payload.displayName.trim(),
        role: payload.role,
        unitId,
        passwordHash: await this.hasher.hash(payload.password),
      },
    );
    // A new admin joins the roster in the same append (the first one opens it).
    const roster = user.role === 'admin' ? await this.roster.load(ctx) : null;
    roster?.add(ctx, user.id);
    const result: CommandResult = { id: user.id, version: user.version, username };
    try {
      const { position } = await this.repository.save(roster ? [user, roster] : [user], meta, result);
      return { result, position };
    } catch (error) {
      if (error instanceof ConcurrencyError) throw new RuleViolation(`The username ${username} is taken`, 'username_taken');
      throw error;
    }
  }
}
