import { Inject, Injectable } from '@nestjs/common';
import { recordSignIn, SYSTEM_ACTOR, User, userStreamId, type Actor, type Clock } from '@mandate/domain';
import { EVENT_STORE, type EventStore } from '@mandate/event-store';
import { CLOCK } from '../clock/controllable-clock';
import { AggregateRepository } from '../shared/aggregate-repository';
import { normaliseUsername, userIdForUsername } from './identity-ids';
import { PasswordHasher } from './password-hasher';

export interface AuthenticatedUser {
  id: string;
  username: string;
  displayName: string;
  role: Actor['role'];
  unitId: string | null;
}

/**
 * Checks a username and password against the user's own stream (no projection lag), refuses
 * a disabled account, and records every attempt (signed in, wrong password, disabled,
 * unknown username) in the sign-in audit streams.
 */
@Injectable()
export class Authenticator {
  constructor(
    private readonly repository: AggregateRepository,
    private readonly hasher: PasswordHasher,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async authenticate(username: string, password: string, address: string | null = null): Promise<AuthenticatedUser | null> {
    const name = normaliseUsername(username);
    const user = await this.repository.tryLoad(() => new User(), userStreamId(userIdForUsername(name)));
    // A missing user costs a hash check too, so it is not told apart from a wrong password by time.
    const checked = await this.hasher.verify(user?.passwordHash ?? DUMMY_HASH, password);
    const passwordMatched = user !== null && checked;
    // A refused attempt is the system's record: whoever tried is not known to be the user.
    const actor: Actor = user && passwordMatched ? user.toActor() : SYSTEM_ACTOR;
    const record = recordSignIn({ actor, now: this.clock.now() }, { username: name, address, user, passwordMatched });
    await this.store.append([{ streamId: record.streamId, expectedVersion: 'any', events: [record.event] }]);
    if (!record.admitted || !user) return null;
    return { id: user.id, username: user.username, displayName: user.displayName, role: user.role, unitId: user.unitId };
  }
}

const DUMMY_HASH = '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$Jx2f4jzGf3H9U0PZ0ZbEr3Nq2y0bGqM0hTqC7Q2lX1E';
