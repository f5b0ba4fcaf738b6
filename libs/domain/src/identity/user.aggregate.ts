import { ROLES, type Actor, type CommandContext, type Role } from '../shared/actor';
import { InvalidArgument } from '../shared/errors';
import { EventSourcedAggregate } from '../shared/event-sourced-aggregate';
import { RuleViolation } from '../shared/errors';
import { optionalText, requireOneOf, requireRole, requireText } from '../shared/guards';
import {
  UserDisabled,
  UserEnabled,
  UserRegistered,
  UserRoleChanged,
  userStreamId,
} from './identity.events';

/** What registering a user takes: what UserRegistered records (the username already lowercased and trimmed). */
export type RegisterUser = UserRegistered['data'];

/** A person who signs in; a department user belongs to a unit. */
export class User extends EventSourcedAggregate {
  private _id = '';
  private _username = '';
  private _displayName = '';
  private _role: Role = 'department';
  private _unitId: string | null = null;
  private _passwordHash = '';
  private _disabled = false;

  /** Who may register a user; checked before the password is hashed, so a refusal costs no hashing. */
  static requireRegistrar(actor: Actor): void {
    requireRole(actor, ['admin', 'system'], 'register a user');
  }

  static register(ctx: CommandContext, p: RegisterUser): User {
    User.requireRegistrar(ctx.actor);
    const { role, unitId } = roleAndUnit(p.role, p.unitId);
    const data = {
      userId: p.userId,
      username: requireText(p.username, 'username'),
      displayName: requireText(p.displayName, 'displayName'),
      role,
      unitId,
      passwordHash: requireText(p.passwordHash, 'passwordHash'),
    };
    const user = new User();
    user.raise(UserRegistered, data, ctx);
    return user;
  }

  /** Gives the user another role (and unit); the next request with any of their tokens acts with it. */
  changeRole(ctx: CommandContext, role: string, unitId: string | null | undefined): void {
    requireRole(ctx.actor, ['admin', 'system'], "change a user's role");
    const next = roleAndUnit(role, unitId);
    if (next.role === this._role && next.unitId === this._unitId) {
      throw new RuleViolation(`${this._username} already has the role ${role}${next.unitId ? ' in that unit' : ''}`, 'role_unchanged');
    }
    this.raise(UserRoleChanged, { userId: this._id, ...next, previousRole: this._role, previousUnitId: this._unitId }, ctx);
  }

  /** Stops the user signing in; tokens already given stop working at their next request. */
  disable(ctx: CommandContext, reason: string | null | undefined): void {
    requireRole(ctx.actor, ['admin', 'system'], 'disable a user');
    if (ctx.actor.userId === this._id) throw new RuleViolation('An admin cannot disable their own account; ask another admin', 'self_disable');
    if (this._disabled) throw new RuleViolation(`${this._username} is already disabled`, 'user_disabled');
    this.raise(UserDisabled, { userId: this._id, reason: optionalText(reason) }, ctx);
  }

  enable(ctx: CommandContext): void {
    requireRole(ctx.actor, ['admin', 'system'], 'enable a user');
    if (!this._disabled) throw new RuleViolation(`${this._username} is not disabled`, 'user_enabled');
    this.raise(UserEnabled, { userId: this._id }, ctx);
  }

  /** The actor this user acts as in commands. */
  toActor(): Actor {
    return { userId: this._id, role: this._role, unitId: this._unitId, username: this._username };
  }

  get id(): string {
    return this._id;
  }
  get streamId(): string {
    return userStreamId(this._id);
  }
  get username(): string {
    return this._username;
  }
  get displayName(): string {
    return this._displayName;
  }
  get role(): Role {
    return this._role;
  }
  get unitId(): string | null {
    return this._unitId;
  }
  get passwordHash(): string {
    return this._passwordHash;
  }
  get disabled(): boolean {
    return this._disabled;
  }

  protected onUserRegistered({ data }: UserRegistered): void {
    this._id = data.userId;
    this._username = data.username;
    this._displayName = data.displayName;
    this._role = data.role;
    this._unitId = data.unitId;
    this._passwordHash = data.passwordHash;
  }

  protected onUserRoleChanged({ data }: UserRoleChanged): void {
    this._role = data.role;
    this._unitId = data.unitId;
  }

  protected onUserDisabled(): void {
    this._disabled = true;
  }

  protected onUserEnabled(): void {
    this._disabled = false;
  }
}

/** A role, and the unit a department user must belong to (other roles may have none). */
function roleAndUnit(rawRole: string, rawUnitId: string | null | undefined): { role: Role; unitId: string | null } {
  const role = requireOneOf(rawRole, ROLES, 'role');
  const unitId = optionalText(rawUnitId);
  if (role === 'department' && unitId === null) {
    throw new InvalidArgument('A department user must belong to a unit; give its unitId.', 'unit_required', 'unitId');
  }
  return { role, unitId };
}
