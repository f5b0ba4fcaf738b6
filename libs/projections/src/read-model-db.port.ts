import type { SqlDialect, SqlStatement } from './sql/query-builder';

/**
 * Where read models live. Statements come from the compile-only query builder of the
 * same dialect, so projections and queries never depend on a driver.
 */
export interface ReadModelDb {
  readonly dialect: SqlDialect;
  /** Runs every statement, in order, in one transaction: all or nothing. */
  transaction(statements: readonly SqlStatement[]): Promise<void>;
  query<T>(statement: SqlStatement): Promise<T[]>;
  /** Runs schema (DDL) statements, in one transaction. */
  migrate(statements: readonly SqlStatement[]): Promise<void>;
}

export const READ_MODEL_DB = Symbol('READ_MODEL_DB');
