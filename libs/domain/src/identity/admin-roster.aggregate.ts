import type { CommandContext } from '../shared/actor';
import { RuleViolation } from '../shared/errors';
import { EventSourcedAggregate } from '../shared/event-sourced-aggregate';
import { requireRole } from '../shared/guards';
import { ADMIN_ROSTER_STREAM, AdminAdded, AdminRemoved, AdminRosterOpened } from './identity.events';

/**
 * The active admins of the organisation, in one stream. Every change that adds or removes an
 * admin (a role change, disabling, enabling, registering) is appended with it in the same
 * atomic append, at the roster's expected version: two admins removing each other at once
 * conflict, and the organisation always keeps one admin.
 */
export class AdminRoster extends EventSourcedAggregate {
  private admins = new Set<string>();

  /** Opens the roster with the admins a log already has (once, before its first change). */
  static open(ctx: CommandContext, adminIds: readonly string[]): AdminRoster {
    requireRole(ctx.actor, ['admin', 'system'], 'open the admin roster');
    const roster = new AdminRoster();
    roster.raise(AdminRosterOpened, { adminIds: [...new Set(adminIds)].sort() }, ctx);
    return roster;
  }

  get id(): string {
    return ADMIN_ROSTER_STREAM;
  }
  get streamId(): string {
    return ADMIN_ROSTER_STREAM;
  }
  get activeAdmins(): string[] {
    return [...this.admins];
  }

  add(ctx: CommandContext, userId: string): void {
    if (!this.admins.has(userId)) this.raise(AdminAdded, { userId }, ctx);
  }

  /** Refuses to remove the last active admin. */
  remove(ctx: CommandContext, userId: string): void {
    if (!this.admins.has(userId)) return;
    if (this.admins.size <= 1) {
      throw new RuleViolation('This is the last active admin: make another user admin first', 'last_admin');
    }
    this.raise(AdminRemoved, { userId }, ctx);
  }

  protected onAdminRosterOpened({ data }: AdminRosterOpened): void {
    this.admins = new Set(data.adminIds);
  }

  protected onAdminAdded({ data }: AdminAdded): void {
    this.admins.add(data.userId);
  }

  protected onAdminRemoved({ data }: AdminRemoved): void {
    this.admins.delete(data.userId);
  }
}
