export * from './event-store.port';
export * from './errors';
export { newId } from './ids';
export { EventTypeRegistry, type RawEvent } from './event-type-registry';
export type { Upcaster } from './upcaster';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export { DEFAULT_SQLITE_CACHE_MIB, openSqliteDatabase, type SqliteDatabaseOptions } from './sqlite/sqlite-database';
export { WalCheckpointer, type WalCheckpointerOptions } from './sqlite/wal-checkpointer';
export { ensureSqliteEventStoreSchema } from './sqlite/sqlite-schema';
