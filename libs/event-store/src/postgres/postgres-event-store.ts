import type { Pool } from 'pg';
import type { DomainEvent } from '@mandate/domain/shared/domain-event';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  IdempotencyRecord,
  ReadAllOptions,
  StreamAppend,
  SubscribeOptions,
} from '../event-store.port';
import { ConcurrencyError, IdempotencyKeyUsed } from '../errors';
import { assertLimit, assertPosition } from '../read-arguments';
import type { EventTypeRegistry } from '../event-type-registry';
import { rebuildRow, toIdempotencyRecord, type EventRow, type IdempotencyRow } from '../stored-event-row';
import { PostgresChangeListener } from './postgres-change-listener';
import { ensurePostgresEventStoreSchema } from './postgres-schema';
import { APPEND_CALL } from './postgres-append-function';
import { AppendBatch, type AppendOutcome, type PendingAppend } from './postgres-append-batch';
import { PG, STREAM_POSITION_CONSTRAINT } from './postgres-statements';

export interface PostgresEventStoreOptions {
  /** How often a live subscription looks for events besides the notifications (ms). */
  pollIntervalMs?: number;
  /** Default batch size of subscriptions. */
  batchSize?: number;
  /** Batches of appends being committed at once (default 1: appends take turns on a lock anyway, and the appends waiting go out together in the next batch). */
  maxInFlight?: number;
  /** Where a long schema migration (the one-time hashing of an older store's events) reports its progress. */
  log?: (message: string) => void;
}

/** Appends sent in one call at most. */
const MAX_BATCH = 200;

/** A batch that loses a race for a stream position (to a writer without the append lock) is sent this many times. */
const RACE_ATTEMPTS = 5;

/**
 * The event store on PostgreSQL (EVENT_STORE=postgres). Several processes may append at once:
 * appending transactions take turns on a lock and check every expected version under it
 * (postgres-append-function.ts), so of two appends at the same version one gets
 * ConcurrencyError (the API's 409); a unique (stream, position) constraint backs the check up.
 * The global log is read gap-safe (postgres-schema.ts); live subscriptions wake on
 * LISTEN/NOTIFY and poll too. The caller owns the pool: `close()` ends live subscriptions and
 * refuses further appends.
 */
export class PostgresEventStore implements EventStore {
  private readonly closing = new AbortController();
  private readonly listener: PostgresChangeListener;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly maxInFlight: number;
  private readonly queue: PendingAppend[] = [];
  private inFlight = 0;

  private constructor(
    private readonly pool: Pool,
    private readonly registry: EventTypeRegistry,
    private readonly now: () => Date,
    options: PostgresEventStoreOptions,
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.batchSize = options.batchSize ?? 500;
    this.maxInFlight = options.maxInFlight ?? 1;
    this.listener = new PostgresChangeListener(pool.options);
  }

  /** Migrates the schema if needed, then opens the store. */
  static async open(pool: Pool, registry: EventTypeRegistry, now: () => Date, options: PostgresEventStoreOptions = {}): Promise<PostgresEventStore> {
    await ensurePostgresEventStoreSchema(pool, options.log);
    return new PostgresEventStore(pool, registry, now, options);
  }

  /**
   * Appends go out in batches: while a batch is being committed, the appends that arrive wait
   * and go out together in the next one (group commit: one round trip, one transaction, one
   * flush of the log for all of them). Each append is still checked on its own in
   * mandate_append: one conflict fails that append alone, and the others are written.
   */
  async append(appends: StreamAppend[], options: AppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    for (const { expectedVersion, events } of appends) {
      if (expectedVersion !== 'any') assertPosition(expectedVersion, 'expectedVersion');
      for (const event of events) this.registry.assertAppendable(event);
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ appends, idempotency: options.idempotency, attempts: 0, resolve, reject });
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      this.inFlight++;
      void this.commit(batch).finally(() => {
        this.inFlight--;
        this.flush();
      });
    }
  }

  private async commit(items: PendingAppend[]): Promise<void> {
    const batch = new AppendBatch(items, this.now().toISOString());
    let outcomes: AppendOutcome[];
    try {
      const { rows } = await this.pool.query(APPEND_CALL, batch.values());
      outcomes = batch.outcomes(rows);
    } catch (error) {
      // A stream position taken by a writer that does not take the append lock (nothing of
      // Mandate's): the whole batch rolled back; its appends go out again, a few times.
      const retry = isStreamPositionTaken(error) ? items.filter((item) => ++item.attempts < RACE_ATTEMPTS) : [];
      for (const item of items) if (!retry.includes(item)) item.reject(error);
      this.queue.unshift(...retry);
      return;
    }
    if (outcomes.some((o) => o.kind === 'written')) this.listener.notify();
    await Promise.all(items.map((item, i) => this.settle(item, outcomes[i])));
  }

  private async settle(item: PendingAppend, outcome: AppendOutcome): Promise<void> {
    try {
      switch (outcome.kind) {
        case 'written': {
          // Only once committed: instances never carry a rolled-back position.
          for (const [event, info] of outcome.recorded) event.recorded = info;
          const streams = await Promise.all(outcome.streams.map(async (s) => ({ streamId: s.streamId, version: s.version ?? (await this.streamVersion(s.streamId)) })));
          const last = outcome.recorded.reduce((max, [, info]) => Math.max(max, info.globalPosition), 0);
          return item.resolve({ streams, lastGlobalPosition: last || (await this.headPosition()) });
        }
        case 'version':
          return item.reject(new ConcurrencyError(outcome.streamId, outcome.expectedVersion, outcome.actualVersion));
        case 'idempotency':
          return item.reject(new IdempotencyKeyUsed((await this.findIdempotency(item.idempotency!.scope, item.idempotency!.key))!));
      }
    } catch (error) {
      item.reject(error);
    }
  }

  async readStream(streamId: string): Promise<DomainEvent[]> {
    return this.rebuildAll(await this.rows(PG.readStream, [streamId]));
  }

  async streamVersion(streamId: string): Promise<number> {
    const { rows } = await this.pool.query<{ version: number }>(PG.streamVersion, [streamId]);
    return rows[0].version;
  }

  async readAll({ after, limit }: ReadAllOptions): Promise<DomainEvent[]> {
    assertPosition(after, 'after');
    assertLimit(limit, 'limit');
    return this.rebuildAll(await this.rows(PG.readAll, [after, limit]));
  }

  async headPosition(): Promise<number> {
    const { rows } = await this.pool.query<{ head: number }>(PG.head);
    return rows[0].head;
  }

  async *subscribe({ after, batchSize = this.batchSize, signal }: SubscribeOptions): AsyncIterable<DomainEvent[]> {
    assertPosition(after, 'after');
    assertLimit(batchSize, 'batchSize');
    const stop = signal ? AbortSignal.any([signal, this.closing.signal]) : this.closing.signal;
    let position = after;
    while (!stop.aborted) {
      const batch = await this.readAll({ after: position, limit: batchSize });
      if (stop.aborted) return;
      if (batch.length > 0) {
        position = batch[batch.length - 1].recorded!.globalPosition;
        yield batch;
        continue;
      }
      await this.listener.wait(this.pollIntervalMs, stop);
    }
  }

  async findIdempotency(scope: string, key: string): Promise<IdempotencyRecord | null> {
    const { rows } = await this.pool.query<IdempotencyRow>(PG.findIdempotency, [scope, key]);
    return rows[0] ? toIdempotencyRecord(rows[0]) : null;
  }

  async close(): Promise<void> {
    this.closing.abort();
    await this.listener.close();
  }

  private async rows(text: string, values: unknown[]): Promise<EventRow[]> {
    const { rows } = await this.pool.query<EventRow>({ text, values, rowMode: 'array' });
    return rows;
  }

  private rebuildAll(rows: EventRow[]): DomainEvent[] {
    return rows.map((row) => rebuildRow(this.registry, row));
  }

  private assertOpen(): void {
    if (this.closing.signal.aborted) throw new Error('PostgresEventStore is closed');
  }
}

function isStreamPositionTaken(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string };
  return e.code === '23505' && e.constraint === STREAM_POSITION_CONSTRAINT;
}
