import { Injectable } from '@nestjs/common';
import { User, userStreamId, type Actor } from '@mandate/domain';
import { AggregateRepository } from '../shared/aggregate-repository';

/**
 * What a token's user may do now: read from the user's stream at every request, so a role
 * change or a disabled account takes effect at the next request, not when the token expires.
 */
@Injectable()
export class CurrentAccounts {
  constructor(private readonly repository: AggregateRepository) {}

  /** The user's actor as of now, or null when the user does not exist or is disabled. */
  async actorOf(userId: string): Promise<Actor | null> {
    const user = await this.repository.tryLoad(() => new User(), userStreamId(userId));
    return user && !user.disabled ? user.toActor() : null;
  }
}
