import { Inject, Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { ConcurrencyError, EVENT_STORE, type EventStore, type IdempotencyRecord } from '@mandate/event-store';
import { NotFound, type EventSourcedAggregate } from '@mandate/domain';
import type { CommandMeta } from './command-meta';
import { StreamCache } from './stream-cache';

export interface SaveOutcome {
  position: number;
}

/**
 * The write path of STYLE.md: load (read the stream, upcast, loadFromHistory), let the
 * aggregate decide, append with the expected version, and only then commit (publish).
 */
@Injectable()
export class AggregateRepository {
  private readonly cache = new StreamCache();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly eventBus: EventBus,
  ) {}

  async load<A extends EventSourcedAggregate>(create: () => A, streamId: string, what: string): Promise<A> {
    const found = await this.tryLoad(create, streamId);
    if (!found) throw new NotFound(`No ${what} with id ${streamId.slice(streamId.indexOf('-') + 1)}`, `${what}_not_found`);
    return found;
  }

  async tryLoad<A extends EventSourcedAggregate>(create: () => A, streamId: string): Promise<A | null> {
    const version = await this.store.streamVersion(streamId);
    if (version === 0) return null;
    let events = this.cache.get(streamId, version);
    if (!events) {
      events = await this.store.readStream(streamId);
      this.cache.set(streamId, events);
    }
    const aggregate = create();
    aggregate.loadFromHistory(events);
    return aggregate;
  }

  async exists(streamId: string): Promise<boolean> {
    return (await this.store.streamVersion(streamId)) > 0;
  }

  /** The If-Match check: the client's version must be the aggregate's current one. */
  checkExpectedVersion(aggregate: EventSourcedAggregate, meta: CommandMeta): void {
    if (meta.expectedVersion !== undefined && meta.expectedVersion !== aggregate.version) {
      throw new ConcurrencyError(aggregate.streamId, meta.expectedVersion, aggregate.version);
    }
  }

  /**
   * Appends the uncommitted events of every aggregate in one transaction, with the
   * idempotency record of the response when the command carried a key, then publishes.
   */
  async save(aggregates: EventSourcedAggregate[], meta: CommandMeta, response: unknown): Promise<SaveOutcome> {
    for (const aggregate of aggregates) {
      for (const event of aggregate.getUncommittedEvents()) {
        event.meta.correlationId = meta.correlationId;
        if (meta.causationId) event.meta.causationId = meta.causationId;
      }
    }
    const idempotency = meta.idempotency
      ? { scope: meta.actor.userId, key: meta.idempotency.key, fingerprint: meta.idempotency.fingerprint, statusCode: meta.idempotency.statusCode, response }
      : undefined;
    return this.append(aggregates, idempotency);
  }

  /**
   * Appends the uncommitted events of many aggregates in one transaction, each event keeping
   * the correlation its decision gave it (a batch of timers, one decision per timer).
   */
  saveBatch(aggregates: EventSourcedAggregate[]): Promise<SaveOutcome> {
    return this.append(aggregates, undefined);
  }

  private async append(aggregates: EventSourcedAggregate[], idempotency: IdempotencyRecord | undefined): Promise<SaveOutcome> {
    const appends = aggregates
      .filter((a) => a.getUncommittedEvents().length > 0)
      .map((aggregate) => ({ streamId: aggregate.streamId, expectedVersion: aggregate.persistedVersion, events: [...aggregate.getUncommittedEvents()] }));
    const result = await this.store.append(appends, { idempotency });
    for (const { streamId, expectedVersion, events } of appends) this.cache.extend(streamId, expectedVersion, events);
    for (const aggregate of aggregates) {
      aggregate.uncommit();
    }
    this.eventBus.publishAll(appends.flatMap((a) => a.events));
    return { position: result.lastGlobalPosition };
  }
}
