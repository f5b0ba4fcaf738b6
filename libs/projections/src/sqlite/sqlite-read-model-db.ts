import type { Database, Statement } from 'better-sqlite3';
import type { ReadModelDb } from '../read-model-db.port';
import type { SqlStatement } from '../sql/query-builder';

const MAX_CACHED_STATEMENTS = 500;

/**
 * The read-model db on a better-sqlite3 connection (shared with the event store in the
 * embedded mode). Everything runs synchronously; the promises only fit the port.
 */
export class SqliteReadModelDb implements ReadModelDb {
  readonly dialect = 'sqlite' as const;
  private readonly statements = new Map<string, Statement>();
  private readonly runInTransaction: (statements: readonly SqlStatement[], cache: boolean) => void;

  constructor(private readonly db: Database) {
    this.runInTransaction = db.transaction((statements: readonly SqlStatement[], cache: boolean) => {
      for (const s of statements) this.prepare(s.sql, cache).run(...toSqliteParams(s.parameters));
    });
  }

  async transaction(statements: readonly SqlStatement[]): Promise<void> {
    this.runAll(statements, true);
  }

  async query<T>(statement: SqlStatement): Promise<T[]> {
    return this.prepare(statement.sql, true).all(...toSqliteParams(statement.parameters)) as T[];
  }

  async migrate(statements: readonly SqlStatement[]): Promise<void> {
    this.runAll(statements, false);
  }

  private runAll(statements: readonly SqlStatement[], cache: boolean): void {
    if (statements.length > 0) this.runInTransaction(statements, cache);
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

/** SQLite has no booleans or dates: flags become 0/1, dates ISO text, undefined null. */
export function toSqliteParams(parameters: readonly unknown[]): unknown[] {
  return parameters.map((p) => {
    if (typeof p === 'boolean') return p ? 1 : 0;
    if (p instanceof Date) return p.toISOString();
    if (p === undefined) return null;
    return p;
  });
}
