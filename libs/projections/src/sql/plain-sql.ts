import { PostgresAdapter } from 'kysely';
import type { QueryBuilder, SqlStatement } from './query-builder';

const postgresText = new Map<string, string>();

/** `?` placeholders become `$1, $2 …` for PostgreSQL (cached per SQL text). */
function forPostgres(sql: string): string {
  let text = postgresText.get(sql);
  if (text === undefined) {
    let n = 0;
    text = sql.replace(/\?/g, () => `$${++n}`);
    postgresText.set(sql, text);
  }
  return text;
}

/** Whether a compile-only query builder targets PostgreSQL. */
export function isPostgres(qb: QueryBuilder): boolean {
  return qb.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * A statement written once as plain SQL with `?` placeholders (the reports use the same few
 * statements millions of times: no builder work per event, and each text is prepared once).
 */
export function stmt(qb: QueryBuilder, sql: string, parameters: readonly unknown[]): SqlStatement {
  return { sql: isPostgres(qb) ? forPostgres(sql) : sql, parameters };
}

export type Dialected = (sql: string, parameters: readonly unknown[]) => SqlStatement;

export function dialected(postgres: boolean): Dialected {
  return postgres ? (sql, parameters) => ({ sql: forPostgres(sql), parameters }) : (sql, parameters) => ({ sql, parameters });
}
