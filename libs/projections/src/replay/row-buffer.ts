import type { SqlDialect, SqlStatement } from '../sql/query-builder';
import type { RowSink } from './projection-replayer';

/** At most this many rows per insert statement, and at most this many parameters. */
export const ROWS_PER_STATEMENT = 64;
const MAX_PARAMETERS = 32_000;

interface Pending {
  table: string;
  columns: readonly string[];
  rows: unknown[][];
  /** Rows per full statement, and that statement's text (made once). */
  full: number;
  fullSql?: string;
}

/**
 * Collects the rows replayers write and turns them into multi-row insert statements, a few
 * texts per table (the database prepares each once). `take()` hands over what is queued,
 * each table's rows sorted by their first two columns: replayers put a table's key columns
 * first, so the rows of one transaction go into each key's index in order, a page at a time,
 * instead of at scattered pages.
 */
export class RowBuffer implements RowSink {
  private readonly pending = new Map<string, Pending>();
  /** The batch each table last wrote to: most replayers write a table's rows with the same columns. */
  private readonly last = new Map<string, Pending>();
  private queuedRows = 0;

  constructor(private readonly dialect: SqlDialect) {}

  /** Rows queued since the last take(). */
  get size(): number {
    return this.queuedRows;
  }

  insert(table: string, row: Record<string, unknown>): void {
    let batch = this.last.get(table);
    if (!batch || !hasColumns(row, batch.columns)) {
      batch = this.batchFor(table, Object.keys(row));
      this.last.set(table, batch);
    }
    const { columns } = batch;
    const values = new Array<unknown>(columns.length);
    for (let i = 0; i < columns.length; i++) values[i] = row[columns[i]];
    batch.rows.push(values);
    this.queuedRows += 1;
  }

  /** Every queued row as insert statements, by table, each table's rows in key order. */
  take(): SqlStatement[] {
    const statements: SqlStatement[] = [];
    for (const batch of this.pending.values()) {
      if (batch.rows.length === 0) continue;
      const rows = batch.rows.sort(byFirstTwoColumns);
      batch.rows = [];
      const width = batch.columns.length;
      for (let from = 0; from < rows.length; from += batch.full) {
        const count = Math.min(batch.full, rows.length - from);
        const parameters = new Array<unknown>(count * width);
        for (let r = 0, p = 0; r < count; r++) {
          const row = rows[from + r];
          for (let c = 0; c < width; c++) parameters[p++] = row[c];
        }
        const sql = count === batch.full ? (batch.fullSql ??= this.insertSql(batch, batch.full)) : this.insertSql(batch, count);
        statements.push({ sql, parameters });
      }
    }
    this.queuedRows = 0;
    return statements;
  }

  private batchFor(table: string, columns: readonly string[]): Pending {
    const key = `${table}\u0000${columns.join('\u0000')}`;
    let batch = this.pending.get(key);
    if (!batch) {
      const full = Math.max(1, Math.min(ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS / columns.length)));
      this.pending.set(key, (batch = { table, columns, rows: [], full }));
    }
    return batch;
  }

  private insertSql(batch: Pending, rows: number): string {
    const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
    let n = 0;
    const placeholder = this.dialect === 'postgres' ? () => `$${++n}` : () => '?';
    const tuples = Array.from({ length: rows }, () => `(${batch.columns.map(placeholder).join(', ')})`);
    return `insert into ${quote(batch.table)} (${batch.columns.map(quote).join(', ')}) values ${tuples.join(', ')}`;
  }
}

/** Whether the row's own keys are exactly `columns`, in order. */
function hasColumns(row: Record<string, unknown>, columns: readonly string[]): boolean {
  let i = 0;
  for (const key in row) if (columns[i++] !== key) return false;
  return i === columns.length;
}

/** Orders rows by their first column, then their second (nulls first, numbers before text). */
function byFirstTwoColumns(a: unknown[], b: unknown[]): number {
  return compareValues(a[0], b[0]) || compareValues(a[1], b[1]);
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  const ta = typeof a === 'string' ? 1 : 0;
  const tb = typeof b === 'string' ? 1 : 0;
  if (ta !== tb) return ta - tb;
  return (a as number | string) < (b as number | string) ? -1 : (a as number | string) > (b as number | string) ? 1 : 0;
}
