import type { Pool, PoolClient } from 'pg';
import type { DomainEvent, RecordedEventInfo } from '@mandate/domain/shared/domain-event';
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
import type { EventTypeRegistry } from '../event-type-registry';
import { newId } from '../ids';
import { rebuildRow, type EventRow } from '../stored-event-row';
import { PostgresChangeListener } from './postgres-change-listener';
import { ensurePostgresEventStoreSchema } from './postgres-schema';
import { PG, STREAM_POSITION_CONSTRAINT } from './postgres-statements';
import { inTransaction } from './postgres-transaction';

export interface PostgresEventStoreOptions {
  /** How often a live subscription looks for events besides the notifications (ms). */
  pollIntervalMs?: number;
  /** Default batch size of subscriptions. */
  batchSize?: number;
}

/** An append with expected version 'any' that loses a race for a stream position is tried again this many times. */
const ANY_VERSION_ATTEMPTS = 5;

interface IdempotencyRow {
  scope: string;
  key: string;
  fingerprint: string;
  status_code: number;
  response: string;
}

/**
 * The event store on PostgreSQL (EVENT_STORE=postgres). Several processes may append at once:
 * an append runs in one transaction, and two appends at the same stream position collide on
 * a unique constraint, so the loser gets ConcurrencyError (the API's 409). The global log is
 * read gap-safe (postgres-schema.ts); live subscriptions wake on LISTEN/NOTIFY and poll too.
 * The caller owns the pool: `close()` ends live subscriptions and refuses further appends.
 */
export class PostgresEventStore implements EventStore {
  private readonly closing = new AbortController();
  private readonly listener: PostgresChangeListener;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;

  private constructor(
    private readonly pool: Pool,
    private readonly registry: EventTypeRegistry,
    private readonly now: () => Date,
    options: PostgresEventStoreOptions,
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.batchSize = options.batchSize ?? 500;
    this.listener = new PostgresChangeListener(pool.options);
  }

  /** Migrates the schema if needed, then opens the store. */
  static async open(pool: Pool, registry: EventTypeRegistry, now: () => Date, options: PostgresEventStoreOptions = {}): Promise<PostgresEventStore> {
    await ensurePostgresEventStoreSchema(pool);
    return new PostgresEventStore(pool, registry, now, options);
  }

  async append(appends: StreamAppend[], options: AppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    for (const { expectedVersion, events } of appends) {
      if (expectedVersion !== 'any') assertPosition(expectedVersion, 'expectedVersion');
      for (const event of events) this.registry.assertAppendable(event);
    }
    for (let attempt = 1; ; attempt++) {
      try {
        const { result, recorded } = await inTransaction(this.pool, (client) => this.appendIn(client, appends, options));
        // Only once committed: instances never carry a rolled-back position.
        for (const [event, info] of recorded) event.recorded = info;
        this.listener.notify();
        return result;
      } catch (error) {
        if (!isStreamPositionTaken(error)) throw error;
        const pinned = appends.filter((a) => a.expectedVersion !== 'any');
        for (const { streamId, expectedVersion } of pinned) {
          const actual = await this.streamVersion(streamId);
          if (actual !== expectedVersion) throw new ConcurrencyError(streamId, expectedVersion, actual);
        }
        // A stream appended with 'any' moved under us: take its new version and try again.
        if (pinned.length === appends.length || attempt >= ANY_VERSION_ATTEMPTS) {
          const first = appends[0];
          throw new ConcurrencyError(first.streamId, first.expectedVersion, await this.streamVersion(first.streamId));
        }
      }
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

  private async appendIn(client: PoolClient, appends: StreamAppend[], { idempotency }: AppendOptions) {
    const recordedAt = this.now().toISOString();
    if (idempotency) {
      const { scope, key, fingerprint, statusCode, response } = idempotency;
      const stored = await client.query(PG.insertIdempotency, [scope, key, fingerprint, statusCode, JSON.stringify(response ?? null), recordedAt]);
      if (stored.rowCount === 0) {
        const { rows } = await client.query<IdempotencyRow>(PG.findIdempotency, [scope, key]);
        throw new IdempotencyKeyUsed(toIdempotencyRecord(rows[0]));
      }
    }
    const { rows: versionRows } = await client.query<{ stream_id: string; version: number }>(PG.streamVersions, [appends.map((a) => a.streamId)]);
    const versions = new Map(versionRows.map((r) => [r.stream_id, r.version]));
    const columns: unknown[][] = [[], [], [], [], [], [], [], []];
    const recorded: [DomainEvent, RecordedEventInfo][] = [];
    const streams: AppendResult['streams'] = [];
    for (const { streamId, expectedVersion, events } of appends) {
      const current = versions.get(streamId) ?? 0;
      if (expectedVersion !== 'any' && expectedVersion !== current) throw new ConcurrencyError(streamId, expectedVersion, current);
      let version = current;
      for (const event of events) {
        version += 1;
        const eventId = newId();
        const row = [eventId, streamId, version, event.type, event.schemaVersion, JSON.stringify(event.data), JSON.stringify(event.meta), recordedAt];
        row.forEach((value, i) => columns[i].push(value));
        recorded.push([event, { eventId, streamId, streamPosition: version, globalPosition: 0, recordedAt, schemaVersion: event.schemaVersion }]);
      }
      versions.set(streamId, version);
      streams.push({ streamId, version });
    }
    let lastGlobalPosition = 0;
    if (recorded.length > 0) {
      const { rows } = await client.query<{ event_id: string; global_position: number }>(PG.insertEvents, columns);
      const positions = new Map(rows.map((r) => [r.event_id, r.global_position]));
      for (const [, info] of recorded) {
        info.globalPosition = positions.get(info.eventId)!;
        lastGlobalPosition = Math.max(lastGlobalPosition, info.globalPosition);
      }
    }
    return { result: { streams, lastGlobalPosition: lastGlobalPosition || (await this.headPosition()) }, recorded };
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

function toIdempotencyRecord(row: IdempotencyRow): IdempotencyRecord {
  return { scope: row.scope, key: row.key, fingerprint: row.fingerprint, statusCode: row.status_code, response: JSON.parse(row.response) };
}

function assertPosition(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be an integer >= 0, got ${value}`);
}

function assertLimit(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be an integer >= 1, got ${value}`);
}
