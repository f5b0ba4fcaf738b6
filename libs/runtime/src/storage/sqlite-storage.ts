import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Database } from 'better-sqlite3';
import { Logger } from '@nestjs/common';
import {
  SqliteEventStore,
  SqliteHashedLog,
  WalCheckpointer,
  ensureSqliteEventStoreSchema,
  openSqliteDatabase,
  type EventStore,
  type EventTypeRegistry,
  type HashedLog,
} from '@mandate/event-store';
import { SqliteReadModelDb, type ReadModelDb } from '@mandate/projections';
import type { Storage } from './storage';

/** The file of the embedded store in DATA_DIR. */
export function sqliteStoreFile(dataDir: string): string {
  return path.join(dataDir, 'mandate.sqlite');
}

/** The embedded default: one SQLite file in DATA_DIR holds everything. */
export class SqliteStorage implements Storage {
  readonly description: string;
  private readonly db: Database;
  private readonly readModelDb: SqliteReadModelDb;
  private checkpointer: WalCheckpointer | null = null;

  constructor(dataDir: string, cacheMib: number | undefined) {
    fs.mkdirSync(dataDir, { recursive: true });
    const file = sqliteStoreFile(dataDir);
    this.description = `SQLite file ${file}`;
    this.db = openSqliteDatabase(file, { cacheMib });
    this.readModelDb = new SqliteReadModelDb(this.db);
  }

  async openEventStore(registry: EventTypeRegistry, now: () => Date): Promise<EventStore> {
    const logger = new Logger('EventStore');
    return new SqliteEventStore(this.db, registry, now, { log: (message) => logger.log(message) });
  }

  async openHashedLog(log: (message: string) => void): Promise<HashedLog> {
    ensureSqliteEventStoreSchema(this.db, log);
    return new SqliteHashedLog(this.db);
  }

  readModels(): ReadModelDb {
    return this.readModelDb;
  }

  workerLease(): null {
    // One file on one machine: processes sharing it already take turns through the checkpoints' compare-and-set.
    return null;
  }

  start(logError: (message: string) => void): void {
    this.checkpointer ??= WalCheckpointer.start(this.db, logError);
  }

  async close(): Promise<void> {
    await this.checkpointer?.stop();
    this.checkpointer = null;
    if (this.db.open) this.db.close();
  }
}
