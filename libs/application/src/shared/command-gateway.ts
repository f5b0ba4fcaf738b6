import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EVENT_STORE, IdempotencyKeyUsed, type EventStore, type IdempotencyRecord } from '@mandate/event-store';
import { RuleViolation } from '@mandate/domain';
import type { Command, CommandOutcome, CommandResult } from './command-meta';
import { PROJECTION_WAITER, type ProjectionWaiter } from './projection-waiter.port';

/** What a handler returns: the response and the position of its last event. */
export interface HandlerOutcome<R extends CommandResult = CommandResult> {
  result: R;
  position: number;
}

/**
 * Sends a command through the command bus with the Idempotency-Key contract: a repeated
 * key with the same request returns the first response and appends nothing; the same key
 * with another request is refused. Answers after the read models caught up.
 */
@Injectable()
export class CommandGateway {
  private readonly logger = new Logger('Commands');

  constructor(
    private readonly commandBus: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTION_WAITER) private readonly waiter: ProjectionWaiter,
  ) {}

  async send<R extends CommandResult>(command: Command, statusCode = 200): Promise<CommandOutcome<R>> {
    const { idempotency, actor } = command.meta;
    if (idempotency) {
      const stored = await this.store.findIdempotency(actor.userId, idempotency.key);
      if (stored) return this.replay<R>(stored, idempotency.fingerprint);
    }
    try {
      const outcome = await this.commandBus.execute<Command, HandlerOutcome<R>>(command);
      const projected = await this.waitForReadModels(outcome.position);
      return { result: outcome.result, position: outcome.position, statusCode, replayed: false, projected };
    } catch (error) {
      if (error instanceof IdempotencyKeyUsed && idempotency) {
        return this.replay<R>(error.record, idempotency.fingerprint);
      }
      throw error;
    }
  }

  /**
   * The command is already durable here: if the read models lag (a stopped worker), the
   * client still gets its success, marked as not yet visible in lists.
   */
  private async waitForReadModels(position: number): Promise<boolean> {
    try {
      await this.waiter.waitFor(position);
      return true;
    } catch (error) {
      this.logger.warn(`Command recorded at position ${position}, read models not there yet: ${(error as Error).message}`);
      return false;
    }
  }

  private replay<R extends CommandResult>(stored: IdempotencyRecord, fingerprint: string): CommandOutcome<R> {
    if (stored.fingerprint !== fingerprint) {
      throw new RuleViolation(
        `Idempotency-Key "${stored.key}" was already used for a different request; use a new key for a new command`,
        'idempotency_key_reused',
      );
    }
    return { result: stored.response as R, statusCode: stored.statusCode, position: 0, replayed: true, projected: true };
  }
}
