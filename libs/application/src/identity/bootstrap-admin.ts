import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ConcurrencyError, EVENT_STORE, type EventStore } from '@mandate/event-store';
import { RuleViolation, SYSTEM_ACTOR } from '@mandate/domain';
import { RegisterUser } from './register-user';

/** On an empty store, registers the first admin from ADMIN_USERNAME / ADMIN_PASSWORD. */
@Injectable()
export class BootstrapAdmin {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    private readonly commandBus: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** Returns true when it created the admin. */
  async run(username: string, password: string): Promise<boolean> {
    if ((await this.store.headPosition()) > 0) return false;
    try {
      await this.commandBus.execute(
        new RegisterUser(
          { username, password, displayName: 'Administrator', role: 'admin', unitId: null },
          { actor: SYSTEM_ACTOR, correlationId: randomUUID() },
        ),
      );
    } catch (error) {
      // Processes started together on one empty database (PostgreSQL): another one registered it first.
      const taken = error instanceof ConcurrencyError || (error instanceof RuleViolation && error.code === 'username_taken');
      if (!taken) throw error;
      this.logger.log(`Empty store: another process created the first admin "${username}"`);
      return false;
    }
    this.logger.log(`Empty store: created the first admin "${username}"`);
    return true;
  }
}
