import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Database } from 'better-sqlite3';
import { SqliteEventStore, WalCheckpointer, openSqliteDatabase, type EventStore, type EventTypeRegistry } from '@mandate/event-store';
import { SqliteReadModelDb, type ReadModelDb } from '@mandate/projections';
import type { Storage } from './storage';

/** The embedded default: one SQLite file in DATA_DIR holds everything. */
export class SqliteStorage implements Storage {
  readonly description: string;
  private readonly db: Database;
  private readonly readModelDb: SqliteReadModelDb;
  private checkpointer: WalCheckpointer | null = null;

  constructor(dataDir: string, cacheMib: number | undefined) {
    fs.mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, 'mandate.sqlite');
    this.description = `SQLite file ${file}`;
    this.db = openSqliteDatabase(file, { cacheMib });
    this.readModelDb = new SqliteReadModelDb(this.db);
  }

  async openEventStore(registry: EventTypeRegistry, now: () => Date): Promise<EventStore> {
    return new SqliteEventStore(this.db, registry, now);
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
