import type { Pool } from 'pg';
import { PostgresEventStore, openPostgresPool, type EventStore, type EventTypeRegistry } from '@mandate/event-store';
import { PostgresReadModelDb, type ReadModelDb } from '@mandate/projections';
import { PostgresWorkerLease } from './postgres-worker-lease';
import type { Storage } from './storage';
import type { WorkerLease } from './worker-lease';

/** EVENT_STORE=postgres: events, read models, timers and checkpoints in the database at DATABASE_URL. */
export class PostgresStorage implements Storage {
  readonly description: string;
  private readonly pool: Pool;
  private readonly readModelDb: PostgresReadModelDb;

  constructor(databaseUrl: string) {
    const url = new URL(databaseUrl);
    this.description = `PostgreSQL ${url.host}${url.pathname}`;
    this.pool = openPostgresPool(databaseUrl);
    this.readModelDb = new PostgresReadModelDb(this.pool);
  }

  async openEventStore(registry: EventTypeRegistry, now: () => Date): Promise<EventStore> {
    return PostgresEventStore.open(this.pool, registry, now);
  }

  readModels(): ReadModelDb {
    return this.readModelDb;
  }

  workerLease(): WorkerLease {
    return new PostgresWorkerLease(this.pool.options);
  }

  start(): void {
    // Nothing runs beside the pool: PostgreSQL checkpoints its own log.
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
