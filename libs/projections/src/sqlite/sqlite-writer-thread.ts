import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import type { BulkOptions, BulkWriter } from '../read-model-db.port';
import { MAX_PARAMETERS, ROWS_PER_STATEMENT, transferablesOf } from '../replay/row-batch';
import type { SqlStatement } from '../sql/query-builder';
import { toSqliteParams } from './sqlite-params';

/** The thread's V8 old space (it keeps nothing between transactions). */
const WRITER_OLD_SPACE_MIB = 256;

/**
 * Transactions between two of the thread's own WAL checkpoints. At a replay's 1,500 rows each,
 * that keeps the WAL to tens of MiB.
 */
const CHECKPOINT_EVERY = 8;

/**
 * Helper threads SQLite's sorter may use (`PRAGMA threads`), for the indexes a replay builds at
 * its end while the main thread waits: at a million tasks the largest index took 36 s with one
 * thread and 25 s with two, the task versions' key 19 s and 9 s. More than the cores is no faster.
 */
const SORTER_THREADS = Math.min(4, availableParallelism());

/** The main connection's settings the thread's connection takes over. */
const COPIED_PRAGMAS = ['synchronous', 'busy_timeout', 'foreign_keys', 'cache_size', 'wal_autocheckpoint', 'journal_size_limit'] as const;

/**
 * The thread's code, run with `eval` so that it works the same from TypeScript sources and
 * from the build (as the WAL checkpointer's). It opens its own connection to the file and runs
 * each transaction it is sent, in order, IMMEDIATE, with its prepared statements cached by
 * text as SqliteReadModelDb caches them (the least recently used dropped first). Once one fails it runs no more: each later one is answered with the first failure, so
 * nothing queued after a failed transaction is written on top of it.
 *
 * Every CHECKPOINT_EVERY transactions, and after each large one, it checkpoints the WAL
 * itself (PASSIVE: it never waits for a reader or a writer). The server's WalCheckpointer cannot do it for this connection: it
 * leaves the last frames to the main connection, between two of its commits, which only works
 * when the main connection is the one writing; with this thread committing all the time, the WAL
 * never started over and grew by gigabytes during a replay (6.5 GB at 200,000 tasks), so every
 * commit wrote into new file blocks and every page read searched a longer WAL index. A failed
 * checkpoint (another one running) is no failure of the transactions: the next one catches up.
 */
const THREAD_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
for (const [name, value] of workerData.pragmas) db.pragma(name + ' = ' + value);
db.pragma('threads = ' + workerData.sorterThreads);
const cache = new Map();
const prepare = (sql) => {
  let statement = cache.get(sql);
  if (statement) {
    cache.delete(sql);
  } else {
    statement = db.prepare(sql);
    if (cache.size >= workerData.maxCachedStatements) cache.delete(cache.keys().next().value);
  }
  cache.set(sql, statement);
  return statement;
};
// Row batches (replay/row-batch.ts): each batch's rows sorted by their first two columns, as
// sortedRowOrder sorts them, then inserted a multi-row statement at a time, as batchStatements does.
const valueAt = (column, row) => {
  if (column instanceof Float64Array) { const n = column[row]; return n !== n ? null : n; }
  return column[row];
};
const compareValues = (a, b) => {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  const ta = typeof a === 'string' ? 1 : 0;
  const tb = typeof b === 'string' ? 1 : 0;
  if (ta !== tb) return ta - tb;
  return a < b ? -1 : a > b ? 1 : 0;
};
const insertTexts = new Map();
const insertSql = (table, columns, rows) => {
  const key = rows + '\u0000' + table + '\u0000' + columns.join('\u0000');
  let sql = insertTexts.get(key);
  if (sql === undefined) {
    const quote = (name) => '"' + name.replace(/"/g, '""') + '"';
    const tuple = '(' + columns.map(() => '?').join(', ') + ')';
    sql = 'insert into ' + quote(table) + ' (' + columns.map(quote).join(', ') + ') values ' + new Array(rows).fill(tuple).join(', ');
    insertTexts.set(key, sql);
  }
  return sql;
};
const insertBatch = ({ table, columns, count, values }) => {
  const order = new Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  const first = values[0];
  const second = columns.length > 1 ? values[1] : null;
  order.sort((a, b) => compareValues(valueAt(first, a), valueAt(first, b)) || (second === null ? 0 : compareValues(valueAt(second, a), valueAt(second, b))));
  const width = columns.length;
  const full = Math.max(1, Math.min(workerData.rowsPerStatement, Math.floor(workerData.maxParameters / width)));
  for (let from = 0; from < count; from += full) {
    const rows = Math.min(full, count - from);
    const parameters = new Array(rows * width);
    for (let r = 0, p = 0; r < rows; r++) {
      const row = order[from + r];
      for (let c = 0; c < width; c++) parameters[p++] = valueAt(values[c], row);
    }
    prepare(insertSql(table, columns, rows)).run(parameters);
  }
};
const run = db.transaction((rows, statements) => {
  for (const batch of rows) insertBatch(batch);
  for (const s of statements) prepare(s.sql).run(s.parameters);
}).immediate;
let failure = null;
let sinceCheckpoint = 0;
const checkpointNow = (large) => {
  if (++sinceCheckpoint < workerData.checkpointEvery && !large) return;
  sinceCheckpoint = 0;
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
};
parentPort.on('message', (message) => {
  if (message === 'stop') { checkpointNow(true); db.close(); parentPort.close(); return; }
  if (failure !== null) { parentPort.postMessage({ id: message.id, error: 'not written: an earlier transaction failed: ' + failure }); return; }
  try {
    run(message.rows, message.statements);
    parentPort.postMessage({ id: message.id });
    checkpointNow(message.large);
  } catch (error) {
    failure = String((error && error.message) || error);
    parentPort.postMessage({ id: message.id, error: failure });
  }
});
`;

interface Waiting {
  resolve(): void;
  reject(error: Error): void;
}

/**
 * Writes transactions on a thread of its own, with its own connection to the database file,
 * for a long replay: the main thread goes on reading the log and folding while the thread
 * writes the rows already folded, so both cores work. Transactions commit in the order they
 * were sent; the first that fails stops the rest (see THREAD_CODE).
 */
export class SqliteWriterThread implements BulkWriter {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, Waiting>();
  private readonly exited: Promise<void>;
  private next = 1;
  private ended: Error | null = null;

  /**
   * A writer on the connection's file, keeping up to `maxCachedStatements` prepared; null for
   * an in-memory database, which no other connection can open.
   */
  static open(db: Database, maxCachedStatements: number): SqliteWriterThread | null {
    if (db.memory || db.name === '' || db.name === ':memory:') return null;
    const pragmas = COPIED_PRAGMAS.map((name) => [name, db.pragma(name, { simple: true })] as const);
    return new SqliteWriterThread(db.name, pragmas, maxCachedStatements);
  }

  private constructor(file: string, pragmas: readonly (readonly [string, unknown])[], maxCachedStatements: number) {
    this.worker = new Worker(THREAD_CODE, {
      eval: true,
      workerData: {
        file,
        pragmas,
        maxCachedStatements,
        checkpointEvery: CHECKPOINT_EVERY,
        sorterThreads: SORTER_THREADS,
        rowsPerStatement: ROWS_PER_STATEMENT,
        maxParameters: MAX_PARAMETERS,
        driver: require.resolve('better-sqlite3'),
      },
      // What it holds at once is a few transactions' rows (tens of MiB); a small heap makes its
      // garbage collector run before the copies it received pile up in old space.
      resourceLimits: { maxOldGenerationSizeMb: WRITER_OLD_SPACE_MIB },
    });
    this.worker.on('message', (message: { id: number; error?: string }) => {
      const waiting = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (message.error === undefined) waiting?.resolve();
      else waiting?.reject(new Error(message.error));
    });
    this.worker.on('error', (error) => this.end(error));
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    this.exited.then(() => this.end(new Error('the writer thread has stopped')));
  }

  transaction(statements: readonly SqlStatement[], options: BulkOptions = {}): Promise<void> {
    if (this.ended) return Promise.reject(this.ended);
    const id = this.next++;
    const done = new Promise<void>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    const rows = options.rows ?? [];
    // The batches' numbers are handed over, not copied: this thread must not touch them again.
    this.worker.postMessage(
      { id, large: options.large === true, rows, statements: statements.map((s) => ({ sql: s.sql, parameters: toSqliteParams(s.parameters) })) },
      transferablesOf(rows),
    );
    return done;
  }

  /** Ends the thread once it has answered every transaction sent. */
  async close(): Promise<void> {
    if (!this.ended) this.worker.postMessage('stop');
    await this.exited;
  }

  private end(error: Error): void {
    this.ended ??= error;
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}
