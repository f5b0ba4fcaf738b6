import type { Actor, Role } from './actor';
import { Forbidden, InvalidArgument } from './errors';

/** Roles an actor may hold, including the system itself (bootstrap, timers). */
export type ActorRole = Role | 'system';

const ROLE_NAMES: Record<ActorRole, string> = {
  secretariat: 'the secretariat',
  department: 'a department',
  leader: 'a leader',
  admin: 'an administrator',
  system: 'the system',
};

const listRoles = (roles: readonly ActorRole[]): string => {
  const names = roles.map((role) => ROLE_NAMES[role]);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
};

/** Throws Forbidden unless the actor holds one of the roles. `action` completes "Only … may <action>." */
export function requireRole(actor: Actor, roles: readonly ActorRole[], action: string): void {
  if (!roles.includes(actor.role)) {
    const message = `Only ${listRoles(roles)} may ${action}; you are signed in as ${ROLE_NAMES[actor.role]}.`;
    throw new Forbidden(message, 'role_not_allowed');
  }
}

/** A required free-text argument: trimmed, must not be empty. */
export function requireText(value: string | null | undefined, field: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') throw new InvalidArgument(`The ${field} must not be empty.`, 'required', field);
  return text;
}

/** An optional free-text argument: trimmed, empty becomes null. */
export function optionalText(value: string | null | undefined): string | null {
  const text = typeof value === 'string' ? value.trim() : '';
  return text === '' ? null : text;
}

/** An ISO 8601 instant; returns its epoch milliseconds. Parsing a given string is pure. */
export function parseInstant(value: string | null | undefined, field: string): number {
  const ms = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) {
    const message = `The ${field} must be an ISO 8601 date and time, such as 2026-05-05T16:59:59.999Z.`;
    throw new InvalidArgument(message, 'invalid_instant', field);
  }
  return ms;
}

/** A calendar date written YYYY-MM-DD. */
export function requireDate(value: string | null | undefined, field: string): string {
  const ok = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
  if (!ok) throw new InvalidArgument(`The ${field} must be a date written YYYY-MM-DD, such as 2026-04-28.`, 'invalid_date', field);
  return value as string;
}

/** A value that must be one of a fixed list. */
export function requireOneOf<T extends string>(value: string, allowed: readonly T[], field: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InvalidArgument(`The ${field} must be one of: ${allowed.join(', ')}.`, 'not_allowed_value', field);
  }
  return value as T;
}
