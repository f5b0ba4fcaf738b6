import type { SqlDialect, SqlStatement } from '../sql/query-builder';

/** At most this many rows per insert statement, and at most this many parameters. */
export const ROWS_PER_STATEMENT = 64;
export const MAX_PARAMETERS = 32_000;

/**
 * Rows of one table with the same columns, held column by column: a column whose values are
 * all numbers (or null) in a Float64Array, NaN standing for null (SQLite stores a NaN as NULL
 * too), any other column as an array of its values (text, null). `count` rows; the arrays may
 * be longer. A writer thread receives the Float64Arrays' memory as it is (transferred, not
 * copied), which costs the replay's main thread far less than copying a value at a time.
 */
export interface RowBatch {
  table: string;
  columns: readonly string[];
  count: number;
  values: (Float64Array | unknown[])[];
}

/** The value of `column` in `row` as the insert binds it. */
export function batchValue(batch: RowBatch, column: number, row: number): unknown {
  const values = batch.values[column];
  if (values instanceof Float64Array) {
    const n = values[row];
    return n !== n ? null : n;
  }
  return values[row];
}

/**
 * The rows' indexes sorted by their first column, then their second (nulls first, numbers
 * before text): replayers put a table's key columns first, so the rows of one transaction go
 * into a key's index in order, a page at a time, instead of at scattered pages. The writer
 * thread (sqlite-writer-thread.ts) sorts the same way.
 */
function sortedRowOrder(batch: RowBatch): number[] {
  const order = Array.from({ length: batch.count }, (_, i) => i);
  const first = (i: number) => batchValue(batch, 0, i);
  const second = (i: number) => (batch.columns.length > 1 ? batchValue(batch, 1, i) : null);
  return order.sort((a, b) => compareValues(first(a), first(b)) || compareValues(second(a), second(b)));
}

/**
 * The order of two values. The writer thread's code repeats it, since it runs as evaluated
 * source and cannot import it; its test checks that both store the same rows in the same order.
 */
function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  const ta = typeof a === 'string' ? 1 : 0;
  const tb = typeof b === 'string' ? 1 : 0;
  if (ta !== tb) return ta - tb;
  return (a as number | string) < (b as number | string) ? -1 : (a as number | string) > (b as number | string) ? 1 : 0;
}

/** Rows per insert statement for a table of `width` columns. */
const rowsPerStatement = (width: number): number => Math.max(1, Math.min(ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS / width)));

/** The multi-row insert of `rows` rows into the batch's table. */
function insertSql(dialect: SqlDialect, table: string, columns: readonly string[], rows: number): string {
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  let n = 0;
  const placeholder = dialect === 'postgres' ? () => `$${++n}` : () => '?';
  const tuples = Array.from({ length: rows }, () => `(${columns.map(placeholder).join(', ')})`);
  return `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values ${tuples.join(', ')}`;
}

/** The batches as multi-row insert statements, each batch's rows in key order (sortedRowOrder). */
export function batchStatements(batches: readonly RowBatch[], dialect: SqlDialect): SqlStatement[] {
  const statements: SqlStatement[] = [];
  for (const batch of batches) {
    if (batch.count === 0) continue;
    const order = sortedRowOrder(batch);
    const width = batch.columns.length;
    const full = rowsPerStatement(width);
    let fullSql: string | undefined;
    for (let from = 0; from < batch.count; from += full) {
      const count = Math.min(full, batch.count - from);
      const parameters = new Array<unknown>(count * width);
      for (let r = 0, p = 0; r < count; r++) {
        for (let c = 0; c < width; c++) parameters[p++] = batchValue(batch, c, order[from + r]);
      }
      const sql = count === full ? (fullSql ??= insertSql(dialect, batch.table, batch.columns, full)) : insertSql(dialect, batch.table, batch.columns, count);
      statements.push({ sql, parameters });
    }
  }
  return statements;
}

/**
 * The batches' rows in pieces of at most `maxRows`, each batch's rows in key order across its
 * pieces (sortedRowOrder), as copies whose memory is each piece's own. For the rows a replay
 * writes at its end (hundreds of thousands per table at a million tasks): pieces sorted only
 * within themselves would each write all over a table's primary key.
 */
export function* piecesOf(batches: readonly RowBatch[], maxRows: number): Generator<RowBatch[]> {
  let piece: RowBatch[] = [];
  let rows = 0;
  for (const batch of batches) {
    const order = sortedRowOrder(batch);
    for (let from = 0; from < batch.count; ) {
      const take = Math.min(batch.count - from, maxRows - rows);
      piece.push({ ...batch, count: take, values: batch.values.map((v) => gather(v, order, from, take)) });
      rows += take;
      from += take;
      if (rows === maxRows) {
        yield piece;
        piece = [];
        rows = 0;
      }
    }
  }
  if (piece.length > 0) yield piece;
}

/** The values of the rows `order[from]` … `order[from + count - 1]`, in that order. */
function gather(values: Float64Array | unknown[], order: readonly number[], from: number, count: number): Float64Array | unknown[] {
  const out = values instanceof Float64Array ? new Float64Array(count) : new Array<unknown>(count);
  for (let i = 0; i < count; i++) out[i] = values[order[from + i]];
  return out;
}

/** The memory a writer thread can take over instead of copying (each batch's Float64Arrays). */
export function transferablesOf(batches: readonly RowBatch[]): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const batch of batches) for (const v of batch.values) if (v instanceof Float64Array) buffers.push(v.buffer as ArrayBuffer);
  return buffers;
}
