import type { Database, Statement } from 'better-sqlite3';
import { StaleWriteError, type BulkWriter, type Expectation, type ReadModelDb } from '../read-model-db.port';
import { toSqliteParams } from './sqlite-params';
import { SqliteWriterThread } from './sqlite-writer-thread';
import type { SqlStatement } from '../sql/query-builder';

/** Prepared statements kept per connection (the writer thread's too). */
const MAX_CACHED_STATEMENTS = 500;

/**
 * The read-model db on a better-sqlite3 connection (shared with the event store in the
 * embedded mode). Everything runs synchronously; the promises only fit the port.
 */
export class SqliteReadModelDb implements ReadModelDb {
  readonly dialect = 'sqlite' as const;
  private readonly statements = new Map<string, Statement>();
  private readonly runInTransaction: (statements: readonly SqlStatement[], cache: boolean, expectations: readonly Expectation[]) => void;

  constructor(private readonly db: Database) {
    // IMMEDIATE: take the write lock before checking expectations, so another process's
    // writer waits (busy_timeout) instead of invalidating what was checked.
    this.runInTransaction = db.transaction((statements: readonly SqlStatement[], cache: boolean, expectations: readonly Expectation[]) => {
      for (const e of expectations) {
        const row = this.prepare(e.statement.sql, true).get(toSqliteParams(e.statement.parameters)) as Record<string, unknown> | undefined;
        const actual = Number(row ? Object.values(row)[0] : 0);
        if (actual !== e.expected) throw new StaleWriteError(e.subject, e.expected, actual);
      }
      // Parameters as one array (not spread: a bulk insert has thousands).
      for (const s of statements) this.prepare(s.sql, cache).run(toSqliteParams(s.parameters));
    }).immediate;
  }

  async transaction(statements: readonly SqlStatement[], expectations: readonly Expectation[] = []): Promise<void> {
    if (statements.length > 0) this.runInTransaction(statements, true, expectations);
  }

  async query<T>(statement: SqlStatement): Promise<T[]> {
    return this.prepare(statement.sql, true).all(toSqliteParams(statement.parameters)) as T[];
  }

  async migrate(statements: readonly SqlStatement[]): Promise<void> {
    this.runAll(statements, false);
  }

  /** A connection of its own on a thread of its own, for a file database (sqlite-writer-thread.ts). */
  bulkWriter(): BulkWriter | null {
    return SqliteWriterThread.open(this.db, MAX_CACHED_STATEMENTS);
  }

  private runAll(statements: readonly SqlStatement[], cache: boolean): void {
    if (statements.length > 0) this.runInTransaction(statements, cache, []);
  }

  /** Prepared statements are cached by SQL text, the least recently used dropped first. */
  private prepare(sql: string, cache: boolean): Statement {
    if (!cache) return this.db.prepare(sql);
    const hit = this.statements.get(sql);
    if (hit) {
      this.statements.delete(sql);
      this.statements.set(sql, hit);
      return hit;
    }
    const prepared = this.db.prepare(sql);
    this.statements.set(sql, prepared);
    if (this.statements.size > MAX_CACHED_STATEMENTS) {
      this.statements.delete(this.statements.keys().next().value as string);
    }
    return prepared;
  }
}
