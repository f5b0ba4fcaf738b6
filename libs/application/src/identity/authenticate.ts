import { Injectable } from '@nestjs/common';
import { User, userStreamId, type Actor } from '@mandate/domain';
import { AggregateRepository } from '../shared/aggregate-repository';
import { userIdForUsername } from './identity-ids';
import { PasswordHasher } from './password-hasher';

export interface AuthenticatedUser {
  id: string;
  username: string;
  displayName: string;
  role: Actor['role'];
  unitId: string | null;
}

/** Checks a username and password against the user's own stream (no projection lag). */
@Injectable()
export class Authenticator {
  constructor(
    private readonly repository: AggregateRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async authenticate(username: string, password: string): Promise<AuthenticatedUser | null> {
    const user = await this.repository.tryLoad(() => new User(), userStreamId(userIdForUsername(username)));
    if (!user) {
      // Spend comparable time so a missing user is not told apart from a wrong password.
      await this.hasher.verify(DUMMY_HASH, password);
      return null;
    }
    if (!(await this.hasher.verify(user.passwordHash, password))) return null;
    return { id: user.id, username: user.username, displayName: user.displayName, role: user.role, unitId: user.unitId };
  }
}

const DUMMY_HASH = '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$Jx2f4jzGf3H9U0PZ0ZbEr3Nq2y0bGqM0hTqC7Q2lX1E';
