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
}

/**
 * Collects the rows replayers write and turns them into multi-row insert statements, a few
 * texts per table (the database prepares each once). `take()` hands over what is queued.
 */
export class RowBuffer implements RowSink {
  private readonly pending = new Map<string, Pending>();
  private statements: SqlStatement[] = [];
  private queuedRows = 0;

  constructor(private readonly dialect: SqlDialect) {}

  /** Rows queued since the last take(). */
  get size(): number {
    return this.queuedRows;
  }

  insert(table: string, row: Record<string, unknown>): void {
    const columns = Object.keys(row);
    const key = `${table}\u0000${columns.join('\u0000')}`;
    let batch = this.pending.get(key);
    if (!batch) this.pending.set(key, (batch = { table, columns, values: [], rows: 0 }));
    for (const column of columns) batch.values.push(row[column]);
    batch.rows += 1;
    this.queuedRows += 1;
    if (batch.rows >= this.rowsPerStatement(columns.length)) this.emit(batch);
  }

  /** Every queued row as insert statements (in the order the rows of each table came). */
  take(): SqlStatement[] {
    for (const batch of this.pending.values()) if (batch.rows > 0) this.emit(batch);
    const statements = this.statements;
    this.statements = [];
    this.queuedRows = 0;
    return statements;
  }

  private rowsPerStatement(columns: number): number {
    return Math.max(1, Math.min(ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS / columns)));
  }

  private emit(batch: Pending): void {
    const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
    let n = 0;
    const placeholder = this.dialect === 'postgres' ? () => `$${++n}` : () => '?';
    const tuples = Array.from({ length: batch.rows }, () => `(${batch.columns.map(placeholder).join(', ')})`);
    this.statements.push({
      sql: `insert into ${quote(batch.table)} (${batch.columns.map(quote).join(', ')}) values ${tuples.join(', ')}`,
      parameters: batch.values,
    });
    batch.values = [];
    batch.rows = 0;
  }
}
