/**
 * Appends the generated events to the SQLite store through SqliteEventStore's multi-stream
 * append, many commands per transaction, in the order they occurred. Each command's events
 * are one entry per stream with that stream's expected version, so a stream may appear
 * several times in one transaction and the global log stays in occurredAt order.
 */
import type { Database } from 'better-sqlite3';
import { ALL_EVENT_CLASSES, type DomainEvent, type EventSourcedAggregate } from '@mandate/domain';
import { EventTypeRegistry, SqliteEventStore, type StreamAppend } from '@mandate/event-store';

export interface WriterOptions {
  /** Events per transaction at most. */
  batchEvents: number;
  /** A transaction holds at most this much business time (ms), so recordedAt stays close to occurredAt. */
  windowMs: number;
}

export class LogWriter {
  private readonly store: SqliteEventStore;
  private pending: StreamAppend[] = [];
  private pendingEvents = 0;
  private firstAt = 0;
  private lastAt = 0;
  private recordedAt = new Date(0);
  /** Events written (committed). */
  written = 0;
  transactions = 0;
  head = 0;
  readonly byType = new Map<string, number>();

  constructor(
    db: Database,
    private readonly options: WriterOptions,
  ) {
    const registry = new EventTypeRegistry();
    registry.register(...ALL_EVENT_CLASSES);
    this.store = new SqliteEventStore(db, registry, () => this.recordedAt);
  }

  /**
   * Moves an aggregate's uncommitted events into the next transaction (one entry with its
   * expected version) and returns them; `at` is their occurredAt in epoch ms.
   */
  take(aggregate: EventSourcedAggregate, at: number, correlationId: string, causationId?: string): readonly DomainEvent[] {
    const events = aggregate.getUncommittedEvents();
    if (events.length === 0) return events;
    const taken = [...events];
    for (const event of taken) {
      event.meta.correlationId = correlationId;
      if (causationId) event.meta.causationId = causationId;
      this.byType.set(event.type, (this.byType.get(event.type) ?? 0) + 1);
    }
    this.pending.push({ streamId: aggregate.streamId, expectedVersion: aggregate.persistedVersion, events: taken });
    aggregate.uncommit();
    if (this.pendingEvents === 0) this.firstAt = at;
    this.pendingEvents += taken.length;
    this.lastAt = at;
    return taken;
  }

  /** True when the next command, occurring at `at`, should start a new transaction. */
  due(at: number): boolean {
    return this.pendingEvents >= this.options.batchEvents || (this.pendingEvents > 0 && at - this.firstAt >= this.options.windowMs);
  }

  /** Commits the pending events; recordedAt is a few milliseconds after the last one occurred. */
  async flush(): Promise<void> {
    if (this.pendingEvents === 0) return;
    this.recordedAt = new Date(this.lastAt + 7);
    const result = await this.store.append(this.pending);
    this.head = result.lastGlobalPosition;
    this.written += this.pendingEvents;
    this.transactions += 1;
    this.pending = [];
    this.pendingEvents = 0;
  }

  async close(): Promise<void> {
    await this.flush();
    await this.store.close();
  }
}
