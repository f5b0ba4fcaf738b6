import type { Pool } from 'pg';
import { Logger } from '@nestjs/common';
import {
  PostgresEventStore,
  PostgresHashedLog,
  ensurePostgresEventStoreSchema,
  openPostgresPool,
  type EventStore,
  type EventTypeRegistry,
  type HashedLog,
} from '@mandate/event-store';
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
    const logger = new Logger('EventStore');
    return PostgresEventStore.open(this.pool, registry, now, { log: (message) => logger.log(message) });
  }

  async openHashedLog(log: (message: string) => void): Promise<HashedLog> {
    await ensurePostgresEventStoreSchema(this.pool, log);
    return new PostgresHashedLog(this.pool);
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
