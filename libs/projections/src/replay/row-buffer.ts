import type { SqlDialect, SqlStatement } from '../sql/query-builder';
import type { RowSink } from './projection-replayer';
import { toSqliteValue } from '../sqlite/sqlite-params';
import { batchStatements, type RowBatch } from './row-batch';

/** Rows a batch's columns have room for at first (they double as needed). */
const FIRST_CAPACITY = 64;

interface Pending {
  table: string;
  columns: readonly string[];
  count: number;
  /** Per column: numbers (NaN for null) while every value has been one, else the values. */
  values: (Float64Array | unknown[])[];
  capacity: number;
}

/**
 * Collects the rows replayers write, per table and column list, column by column (RowBatch:
 * numbers in Float64Arrays, no array per row). `takeBatches()` hands them over as they are
 * (for a writer thread, which sorts and inserts them); `take()` as multi-row insert statements,
 * each table's rows sorted by their first two columns (batchStatements).
 */
export class RowBuffer implements RowSink {
  private readonly pending = new Map<string, Pending>();
  /** The batch each table last wrote to: most replayers write a table's rows with the same columns. */
  private readonly last = new Map<string, Pending>();
  private queuedRows = 0;

  constructor(private readonly dialect: SqlDialect) {}

  /** Rows queued since the last take. */
  get size(): number {
    return this.queuedRows;
  }

  insert(table: string, row: Record<string, unknown>): void {
    let batch = this.last.get(table);
    if (!batch || !hasColumns(row, batch.columns)) {
      batch = this.batchFor(table, Object.keys(row));
      this.last.set(table, batch);
    }
    if (batch.count === batch.capacity) grow(batch);
    const { columns, values } = batch;
    const at = batch.count;
    for (let c = 0; c < columns.length; c++) {
      const value = row[columns[c]];
      const column = values[c];
      if (column instanceof Float64Array) {
        if (typeof value === 'number') column[at] = value;
        else if (value === null || value === undefined) column[at] = Number.NaN;
        else if (typeof value === 'boolean') column[at] = value ? 1 : 0;
        else (values[c] = asValues(column, batch.capacity))[at] = toSqliteValue(value);
      } else {
        column[at] = toSqliteValue(value);
      }
    }
    batch.count = at + 1;
    this.queuedRows += 1;
  }

  /** Every queued row, a batch per table and column list; the buffer starts over empty. */
  takeBatches(): RowBatch[] {
    const batches: RowBatch[] = [];
    for (const batch of this.pending.values()) {
      if (batch.count === 0) continue;
      batches.push({ table: batch.table, columns: batch.columns, count: batch.count, values: batch.values });
      // The next rows go into new memory (the batch's may now be another thread's); its columns
      // keep their kind, and the room the last ones needed.
      batch.values = batch.values.map((v) => (v instanceof Float64Array ? new Float64Array(batch.count) : new Array<unknown>(batch.count)));
      batch.capacity = batch.count;
      batch.count = 0;
    }
    this.queuedRows = 0;
    return batches;
  }

  /** Every queued row as insert statements, by table, each table's rows in key order. */
  take(): SqlStatement[] {
    return batchStatements(this.takeBatches(), this.dialect);
  }

  private batchFor(table: string, columns: readonly string[]): Pending {
    const key = `${table}\u0000${columns.join('\u0000')}`;
    let batch = this.pending.get(key);
    if (!batch) {
      const values = columns.map(() => new Float64Array(FIRST_CAPACITY));
      this.pending.set(key, (batch = { table, columns, count: 0, values, capacity: FIRST_CAPACITY }));
    }
    return batch;
  }
}

/** Twice the room in every column. */
function grow(batch: Pending): void {
  const capacity = batch.capacity * 2;
  batch.values = batch.values.map((v) => {
    if (!(v instanceof Float64Array)) return v;
    const wider = new Float64Array(capacity);
    wider.set(v);
    return wider;
  });
  batch.capacity = capacity;
}

/** A numeric column that met another value: its numbers so far as values (NaN: null). */
function asValues(column: Float64Array, capacity: number): unknown[] {
  const values = new Array<unknown>(capacity);
  for (let i = 0; i < column.length; i++) values[i] = column[i] !== column[i] ? null : column[i];
  return values;
}

/** Whether the row's own keys are exactly `columns`, in order. */
function hasColumns(row: Record<string, unknown>, columns: readonly string[]): boolean {
  let i = 0;
  for (const key in row) if (columns[i++] !== key) return false;
  return i === columns.length;
}
