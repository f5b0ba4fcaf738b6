import { ROLES, type Actor, type CommandContext, type Role } from '../shared/actor';
import { InvalidArgument } from '../shared/errors';
import { EventSourcedAggregate } from '../shared/event-sourced-aggregate';
import { optionalText, requireOneOf, requireRole, requireText } from '../shared/guards';
import { UserRegistered, userStreamId } from './identity.events';

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

  static register(ctx: CommandContext, p: RegisterUser): User {
    requireRole(ctx.actor, ['admin', 'system'], 'register a user');
    const role = requireOneOf(p.role, ROLES, 'role');
    const unitId = optionalText(p.unitId);
    if (role === 'department' && unitId === null) {
      throw new InvalidArgument('A department user must belong to a unit; give its unitId.', 'unit_required', 'unitId');
    }
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

  protected onUserRegistered({ data }: UserRegistered): void {
    this._id = data.userId;
    this._username = data.username;
    this._displayName = data.displayName;
    this._role = data.role;
    this._unitId = data.unitId;
    this._passwordHash = data.passwordHash;
  }
}
