import type { SqlDialect, SqlStatement } from '../sql/query-builder';
import type { RowSink } from './projection-replayer';

/** At most this many rows per insert statement, and at most this many parameters. */
const ROWS_PER_STATEMENT = 64;
const MAX_PARAMETERS = 32_000;

interface Pending {
  table: string;
  columns: readonly string[];
  values: unknown[];
  rows: number;
  /** Rows per full statement, and that statement's text (made once). */
  full: number;
  fullSql?: string;
}

/**
 * Collects the rows replayers write and turns them into multi-row insert statements, a few
 * texts per table (the database prepares each once). `take()` hands over what is queued.
 */
export class RowBuffer implements RowSink {
  private readonly pending = new Map<string, Pending>();
  /** The batch each table last wrote to: most replayers write a table's rows with the same columns. */
  private readonly last = new Map<string, Pending>();
  private statements: SqlStatement[] = [];
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
    const { columns, values } = batch;
    for (let i = 0; i < columns.length; i++) values.push(row[columns[i]]);
    batch.rows += 1;
    this.queuedRows += 1;
    if (batch.rows >= batch.full) this.emit(batch);
  }

  private batchFor(table: string, columns: readonly string[]): Pending {
    const key = `${table}\u0000${columns.join('\u0000')}`;
    let batch = this.pending.get(key);
    if (!batch) {
      const full = Math.max(1, Math.min(ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS / columns.length)));
      this.pending.set(key, (batch = { table, columns, values: [], rows: 0, full }));
    }
    return batch;
  }

  /** Every queued row as insert statements (in the order the rows of each table came). */
  take(): SqlStatement[] {
    for (const batch of this.pending.values()) if (batch.rows > 0) this.emit(batch);
    const statements = this.statements;
    this.statements = [];
    this.queuedRows = 0;
    return statements;
  }

  private emit(batch: Pending): void {
    const sql = batch.rows === batch.full ? (batch.fullSql ??= this.insertSql(batch, batch.full)) : this.insertSql(batch, batch.rows);
    this.statements.push({ sql, parameters: batch.values });
    batch.values = [];
    batch.rows = 0;
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
