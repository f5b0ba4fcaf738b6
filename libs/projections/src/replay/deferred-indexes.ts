import type { SqlStatement } from '../sql/query-builder';

const INDEX_DDL = /^\s*create\s+(unique\s+)?index\b/i;

/**
 * A schema split for a bulk load: the tables first, the indexes after the rows are in (one
 * sort per index instead of an insert into it per row). Unique indexes are deferred too: a
 * duplicate still fails, at the end.
 */
export function splitSchema(schema: readonly SqlStatement[]): { tables: SqlStatement[]; indexes: SqlStatement[] } {
  const tables: SqlStatement[] = [];
  const indexes: SqlStatement[] = [];
  for (const statement of schema) (INDEX_DDL.test(statement.sql) ? indexes : tables).push(statement);
  return { tables, indexes };
}
