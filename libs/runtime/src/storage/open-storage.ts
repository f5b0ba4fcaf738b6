import type { Settings } from '@mandate/config';
import { PostgresStorage } from './postgres-storage';
import { SqliteStorage } from './sqlite-storage';
import type { Storage } from './storage';

/** The storage EVENT_STORE names (settings.ts has checked DATABASE_URL). */
export function openStorage(settings: Settings): Storage {
  switch (settings.eventStore) {
    case 'postgres':
      return new PostgresStorage(settings.databaseUrl!);
    case 'sqlite':
      return new SqliteStorage(settings.dataDir, settings.sqliteCacheMib);
    default:
      throw new Error(`EVENT_STORE=${settings.eventStore} has no storage in this version`);
  }
}
