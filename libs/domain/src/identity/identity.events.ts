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
