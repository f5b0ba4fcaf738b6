import { DomainEvent } from '../shared/domain-event';
import type { Role } from '../shared/actor';

export const UNIT_KINDS = ['department', 'branch', 'locality', 'agency', 'organisation', 'office'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export class UnitRegistered extends DomainEvent<{
  unitId: string;
  code: string;
  name: string;
  kind: UnitKind;
}> {
  static override readonly type = 'UnitRegistered';
}

export class UserRegistered extends DomainEvent<{
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  /** argon2id hash; never the password. */
  passwordHash: string;
}> {
  static override readonly type = 'UserRegistered';
}

export const unitStreamId = (unitId: string): string => `unit-${unitId}`;
export const userStreamId = (userId: string): string => `user-${userId}`;

/** An admin gave a user another role (and unit: a department user belongs to one). */
export class UserRoleChanged extends DomainEvent<{
  userId: string;
  role: Role;
  unitId: string | null;
  previousRole: Role;
  previousUnitId: string | null;
}> {
  static override readonly type = 'UserRoleChanged';
}

/** An admin disabled a user: the user's tokens stop working at their next request. */
export class UserDisabled extends DomainEvent<{ userId: string; reason: string | null }> {
  static override readonly type = 'UserDisabled';
}

export class UserEnabled extends DomainEvent<{ userId: string }> {
  static override readonly type = 'UserEnabled';
}

/** Audit: a successful sign-in, from which network address. */
export class UserSignedIn extends DomainEvent<{ userId: string; address: string | null }> {
  static override readonly type = 'UserSignedIn';
}

export const SIGN_IN_FAILURES = ['wrong_password', 'disabled'] as const;
export type SignInFailure = (typeof SIGN_IN_FAILURES)[number];

/** Audit: a refused sign-in of a known user. */
export class UserSignInFailed extends DomainEvent<{ userId: string; address: string | null; reason: SignInFailure }> {
  static override readonly type = 'UserSignInFailed';
}

/** Audit: a sign-in with a username nobody has. */
export class UnknownUserSignInFailed extends DomainEvent<{ username: string; address: string | null }> {
  static override readonly type = 'UnknownUserSignInFailed';
}

/** The roster of active admins starts (first admin, or first change of an admin on an older log). */
export class AdminRosterOpened extends DomainEvent<{ adminIds: string[] }> {
  static override readonly type = 'AdminRosterOpened';
}

export class AdminAdded extends DomainEvent<{ userId: string }> {
  static override readonly type = 'AdminAdded';
}

export class AdminRemoved extends DomainEvent<{ userId: string }> {
  static override readonly type = 'AdminRemoved';
}

export const ADMIN_ROSTER_STREAM = 'adminroster-organisation';
/** A user's sign-ins, apart from the user's own stream so that signing in does not change the account's version. */
export const signInStreamId = (userId: string): string => `signins-${userId}`;
/** Sign-ins with unknown usernames, one stream per day so that no stream grows without end. */
export const unknownSignInStreamId = (day: string): string => `signins-unknown-${day}`;
