import type { Database } from 'better-sqlite3';
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
import { assertLimit, assertPosition } from '../read-arguments';
import type { EventTypeRegistry } from '../event-type-registry';
import { type ChangeNotifier, notifierFor } from './sqlite-change-notifier';
import { newId } from '../ids';
import { ensureSqliteEventStoreSchema } from './sqlite-schema';
import { toIdempotencyRecord } from '../stored-event-row';
import { canonicalJson } from '../hash-chain/canonical-json';
import { GENESIS_HASH, canonicalEventDigest, globalHash, hashBytes, hashHex, streamHash } from '../hash-chain/event-hash';
import {
  type EventRow,
  type SqliteStatements,
  prepareStatements,
  rebuildRow,
} from './sqlite-statements';

export interface SqliteEventStoreOptions {
  /** How often a live subscription checks for events written by another connection (ms). */
  pollIntervalMs?: number;
  /** Default batch size of subscriptions. */
  batchSize?: number;
  /** Where the one-time hashing of an older store's events reports its progress (sqlite-hash-upgrade.ts). */
  log?: (message: string) => void;
}

/**
 * The embedded event store: better-sqlite3 on the file the read models share. All work is
 * synchronous inside SQLite transactions; the async port only wraps it.
 * The caller owns the connection: `close()` ends live subscriptions and refuses further
 * appends, but leaves the connection open (the read models share it).
 */
export class SqliteEventStore implements EventStore {
  private readonly statements: SqliteStatements;
  private readonly notifier: ChangeNotifier;
  private readonly closing = new AbortController();
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly appendTransaction: (appends: StreamAppend[], options: AppendOptions) => AppendResult;

  constructor(
    db: Database,
    private readonly registry: EventTypeRegistry,
    private readonly now: () => Date,
    options: SqliteEventStoreOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.batchSize = options.batchSize ?? 500;
    ensureSqliteEventStoreSchema(db, options.log);
    this.statements = prepareStatements(db);
    this.notifier = notifierFor(db);
    // IMMEDIATE takes the write lock before reading stream versions, so a writer in another
    // process waits (busy_timeout) instead of failing when it upgrades a stale read snapshot.
    this.appendTransaction = db.transaction(this.appendInTransaction.bind(this)).immediate;
  }

  async append(appends: StreamAppend[], options: AppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    for (const { expectedVersion, events } of appends) {
      if (expectedVersion !== 'any') assertPosition(expectedVersion, 'expectedVersion');
      for (const event of events) this.registry.assertAppendable(event);
    }
    const result = this.appendTransaction(appends, options);
    this.notifier.notify();
    return result;
  }

  async readStream(streamId: string): Promise<DomainEvent[]> {
    return this.rebuildAll(this.statements.readStream.all(streamId));
  }

  async streamVersion(streamId: string): Promise<number> {
    return this.statements.streamVersion.get(streamId) ?? 0;
  }

  async readAll({ after, limit }: ReadAllOptions): Promise<DomainEvent[]> {
    return this.readAllSync(after, limit);
  }

  async headPosition(): Promise<number> {
    return this.head();
  }

  async *subscribe({ after, batchSize = this.batchSize, signal }: SubscribeOptions): AsyncIterable<DomainEvent[]> {
    assertPosition(after, 'after');
    assertLimit(batchSize, 'batchSize');
    const stop = signal ? AbortSignal.any([signal, this.closing.signal]) : this.closing.signal;
    let position = after;
    while (!stop.aborted) {
      const batch = this.readAllSync(position, batchSize);
      if (batch.length > 0) {
        position = batch[batch.length - 1].recorded!.globalPosition;
        yield batch;
        continue;
      }
      const seen = position;
      await this.notifier.wait(() => this.head() > seen, this.pollIntervalMs, stop);
    }
  }

  async findIdempotency(scope: string, key: string): Promise<IdempotencyRecord | null> {
    const row = this.statements.findIdempotency.get(scope, key);
    return row ? toIdempotencyRecord(row) : null;
  }

  async close(): Promise<void> {
    this.closing.abort();
  }

  private appendInTransaction(appends: StreamAppend[], { idempotency }: AppendOptions): AppendResult {
    const { statements } = this;
    const recordedAt = this.now().toISOString();
    if (idempotency) {
      const { scope, key, fingerprint, statusCode, response } = idempotency;
      const storedResponse = JSON.stringify(response ?? null);
      const stored = statements.insertIdempotency.run(scope, key, fingerprint, statusCode, storedResponse, recordedAt);
      if (stored.changes === 0) {
        throw new IdempotencyKeyUsed(toIdempotencyRecord(statements.findIdempotency.get(scope, key)!));
      }
    }
    const recorded: [DomainEvent, RecordedEventInfo][] = [];
    const streams: AppendResult['streams'] = [];
    let lastGlobalPosition = 0;
    // The write lock is held: nothing else appends until commit, so the tips read here stay the tips.
    const logTip = statements.logTip.get()!;
    let position = logTip[0];
    let chainedGlobal = hashHex(logTip[1]) ?? GENESIS_HASH;
    for (const { streamId, expectedVersion, events } of appends) {
      const [current, tipHash] = statements.streamTip.get(streamId) ?? [0, null];
      if (expectedVersion !== 'any' && expectedVersion !== current) {
        throw new ConcurrencyError(streamId, expectedVersion, current);
      }
      let version = current;
      let chainedStream = hashHex(tipHash) ?? GENESIS_HASH;
      for (const event of events) {
        version += 1;
        position += 1;
        const eventId = newId();
        const schemaVersion = event.schemaVersion;
        const type = event.type;
        // Stored as canonical JSON: the text the digest covers is the text kept.
        const dataJson = canonicalJson(event.data);
        const metadataJson = canonicalJson(event.meta);
        chainedStream = streamHash(chainedStream, version, canonicalEventDigest({ eventId, streamId, type, schemaVersion, recordedAt, dataJson, metadataJson }));
        chainedGlobal = globalHash(chainedGlobal, position, chainedStream);
        statements.insertEvent.run(
          position,
          eventId,
          streamId,
          version,
          type,
          schemaVersion,
          dataJson,
          metadataJson,
          recordedAt,
          hashBytes(chainedStream),
          hashBytes(chainedGlobal),
        );
        lastGlobalPosition = position;
        recorded.push([
          event,
          { eventId, streamId, streamPosition: version, globalPosition: lastGlobalPosition, recordedAt, schemaVersion },
        ]);
      }
      streams.push({ streamId, version });
    }
    // Only reached when the transaction will commit: instances never carry a rolled-back position.
    for (const [event, info] of recorded) event.recorded = info;
    return { streams, lastGlobalPosition: lastGlobalPosition || this.head() };
  }

  private readAllSync(after: number, limit: number): DomainEvent[] {
    assertPosition(after, 'after');
    assertLimit(limit, 'limit');
    return this.rebuildAll(this.statements.readAll.all(after, limit));
  }

  private rebuildAll(rows: EventRow[]): DomainEvent[] {
    const events = new Array<DomainEvent>(rows.length);
    for (let i = 0; i < rows.length; i++) events[i] = rebuildRow(this.registry, rows[i]);
    return events;
  }

  private head(): number {
    return this.statements.head.get() ?? 0;
  }

  private assertOpen(): void {
    if (this.closing.signal.aborted) throw new Error('SqliteEventStore is closed');
  }
}
