import type { Pool, PoolClient } from 'pg';
import { inTransaction, takeMigrationLock } from '@mandate/event-store';
import { StaleWriteError, type Expectation, type ReadModelDb } from '../read-model-db.port';
import type { SqlStatement } from '../sql/query-builder';
import { toSqliteParams } from '../sqlite/sqlite-params';

const DDL = /^\s*(create|drop|alter)\b/i;

/**
 * The read models, timers and checkpoints on PostgreSQL (EVENT_STORE=postgres). Statements come
 * compiled for the postgres dialect. Values are bound as the SQLite adapter binds them (flags
 * 0/1, dates ISO text): the schema is the same plain SQL on both.
 *
 * An expectation (a checkpoint's compare-and-set) is checked under a transaction-scoped advisory
 * lock on its subject, so two processes committing the same projection's batch take turns and
 * the second sees the first's checkpoint: StaleWriteError, nothing written.
 */
export class PostgresReadModelDb implements ReadModelDb {
  readonly dialect = 'postgres' as const;

  constructor(private readonly pool: Pool) {}

  async transaction(statements: readonly SqlStatement[], expectations: readonly Expectation[] = []): Promise<void> {
    if (statements.length === 0) return;
    await inTransaction(this.pool, async (client) => {
      // A replay's tables and indexes: in turn with the schema other processes create on start.
      if (statements.some((s) => DDL.test(s.sql))) await takeMigrationLock(client);
      for (const e of expectations) {
        await client.query('select pg_advisory_xact_lock(hashtext($1))', [e.subject]);
        const { rows } = await client.query({ text: e.statement.sql, values: bind(e.statement.parameters), rowMode: 'array' });
        const actual = Number(rows[0]?.[0] ?? 0);
        if (actual !== e.expected) throw new StaleWriteError(e.subject, e.expected, actual);
      }
      for (const s of statements) await run(client, s);
    });
  }

  async query<T>(statement: SqlStatement): Promise<T[]> {
    const { rows } = await this.pool.query(statement.sql, bind(statement.parameters));
    return rows as T[];
  }

  async migrate(statements: readonly SqlStatement[]): Promise<void> {
    if (statements.length === 0) return;
    // Processes that start together would race on `create … if not exists` (the catalog's
    // unique index): one migration at a time per database.
    await inTransaction(this.pool, async (client) => {
      await takeMigrationLock(client);
      for (const s of statements) await run(client, s);
    });
  }
}

/** Runs one statement; a failure names the statement, which the driver's error does not. */
async function run(client: PoolClient, statement: SqlStatement): Promise<void> {
  try {
    await client.query(statement.sql, bind(statement.parameters));
  } catch (error) {
    const sql = statement.sql.replace(/\s+/g, ' ').slice(0, 300);
    (error as Error).message = `${(error as Error).message} (in: ${sql})`;
    throw error;
  }
}

function bind(parameters: readonly unknown[]): unknown[] {
  return toSqliteParams(parameters);
}
