import type { RowBatch } from './replay/row-batch';
import type { SqlDialect, SqlStatement } from './sql/query-builder';

/**
 * Where read models live. Statements come from the compile-only query builder of the
 * same dialect, so projections and queries never depend on a driver.
 */
export interface ReadModelDb {
  readonly dialect: SqlDialect;
  /**
   * Runs every statement, in order, in one transaction: all or nothing. Each expectation is
   * checked first, inside the transaction: a query whose single value must equal `expected`;
   * if one does not, nothing is written and StaleWriteError is thrown.
   */
  transaction(statements: readonly SqlStatement[], expectations?: readonly Expectation[]): Promise<void>;
  query<T>(statement: SqlStatement): Promise<T[]>;
  /** Runs schema (DDL) statements, in one transaction. */
  migrate(statements: readonly SqlStatement[]): Promise<void>;
  /**
   * A writer for a long replay that writes on another thread, beside the one folding, when the
   * database allows a second connection; null (or absent) when it does not: the replay then
   * writes through `transaction`.
   */
  bulkWriter?(): BulkWriter | null;
}

/** Transactions written elsewhere, committed in the order they were sent; after a failure, none. */
export interface BulkWriter {
  /** Runs `options.rows` (inserted first), then the statements, in one transaction. */
  transaction(statements: readonly SqlStatement[], options?: BulkOptions): Promise<void>;
  /** Waits for every transaction sent, then releases the writer. */
  close(): Promise<void>;
}

export interface BulkOptions {
  /**
   * The transaction writes much (an index built at the end of a replay): the writer settles it
   * before the next one (SQLite: checkpoints the WAL after it, so that it starts over).
   */
  large?: boolean;
  /**
   * Rows to insert before the statements, each batch's in key order (as batchStatements writes
   * them). The batches become the writer's: the caller must not read or change them again.
   */
  rows?: readonly RowBatch[];
}

/** A condition a transaction checks before writing (compare-and-set). */
export interface Expectation {
  statement: SqlStatement;
  expected: number;
  /** What the check is about, for the error. */
  subject: string;
}

/** Another writer moved what an expectation guarded (e.g. a second process applied the batch). */
export class StaleWriteError extends Error {
  constructor(
    readonly subject: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`${subject} is at ${actual}, expected ${expected}: another writer got there first`);
    this.name = 'StaleWriteError';
  }
}

export const READ_MODEL_DB = Symbol('READ_MODEL_DB');
