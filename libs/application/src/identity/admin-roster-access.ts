import { Inject, Injectable } from '@nestjs/common';
import { ADMIN_ROSTER_STREAM, AdminRoster, type CommandContext } from '@mandate/domain';
import { AggregateRepository } from '../shared/aggregate-repository';

/** Where the roster finds the active admins of a log that predates it (the users read model). */
export interface ActiveAdminSource {
  activeAdminIds(): Promise<string[]>;
}

export const ACTIVE_ADMIN_SOURCE = Symbol('ACTIVE_ADMIN_SOURCE');

/** Loads the admin roster, or opens it from the active admins when the log has none yet. */
@Injectable()
export class AdminRosterAccess {
  constructor(
    private readonly repository: AggregateRepository,
    @Inject(ACTIVE_ADMIN_SOURCE) private readonly admins: ActiveAdminSource,
  ) {}

  async load(ctx: CommandContext): Promise<AdminRoster> {
    const roster = await this.repository.tryLoad(() => new AdminRoster(), ADMIN_ROSTER_STREAM);
    return roster ?? AdminRoster.open(ctx, await this.admins.activeAdminIds());
  }
}
