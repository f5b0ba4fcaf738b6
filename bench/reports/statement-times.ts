/**
 * `--statement-times`: wraps the connection's prepared statements so every run/get/all is
 * timed by its SQL text, to see which statements a rebuild or a report spends its time in
 * (a CPU profile only shows better-sqlite3's `run`). Adds a little overhead per call.
 */
import type { Database } from 'better-sqlite3';
import { printTable } from '../lib/table';

interface Timing {
  calls: number;
  ns: bigint;
}

export class StatementTimes {
  private readonly timings = new Map<string, Timing>();
  /** Whole transactions (BEGIN, the statements, COMMIT with any WAL checkpoint). */
  private transactions: Timing = { calls: 0, ns: 0n };

  constructor(db: Database) {
    const transaction = db.transaction.bind(db);
    (db as { transaction: (fn: (...args: unknown[]) => unknown) => unknown }).transaction = (fn: (...args: unknown[]) => unknown) => {
      const made = transaction(fn) as unknown as ((...args: unknown[]) => unknown) & Record<string, (...args: unknown[]) => unknown>;
      const timed = (run: (...args: unknown[]) => unknown) => (...args: unknown[]) => {
        const started = process.hrtime.bigint();
        try {
          return run(...args);
        } finally {
          this.transactions.calls += 1;
          this.transactions.ns += process.hrtime.bigint() - started;
        }
      };
      // better-sqlite3's variants are read-only properties: hand out a timed copy of each.
      return Object.assign(timed(made), { deferred: timed(made.deferred), immediate: timed(made.immediate), exclusive: timed(made.exclusive) });
    };
    const prepare = db.prepare.bind(db);
    const timings = this.timings;
    (db as { prepare: (sql: string) => unknown }).prepare = (sql: string) => {
      const statement = prepare(sql) as unknown as Record<string, (...args: unknown[]) => unknown>;
      for (const method of ['run', 'get', 'all'] as const) {
        const original = statement[method].bind(statement);
        statement[method] = (...args: unknown[]) => {
          const started = process.hrtime.bigint();
          try {
            return original(...args);
          } finally {
            const timing = timings.get(sql) ?? { calls: 0, ns: 0n };
            timing.calls += 1;
            timing.ns += process.hrtime.bigint() - started;
            timings.set(sql, timing);
          }
        };
      }
      return statement;
    };
  }

  reset(): void {
    this.timings.clear();
    this.transactions = { calls: 0, ns: 0n };
  }

  /** The statements that took the most time, with calls, total and mean; `per` divides the total (e.g. per event). */
  print(title: string, per: { count: number; unit: string }, top = 15): void {
    const rows = [...this.timings].map(([sql, t]) => ({ sql, calls: t.calls, ms: Number(t.ns) / 1e6 }));
    const total = rows.reduce((sum, r) => sum + r.ms, 0);
    rows.sort((a, b) => b.ms - a.ms);
    const inTransactions = Number(this.transactions.ns) / 1e9;
    console.log(
      `\n${title}: ${(total / 1000).toFixed(1)} s in ${rows.length} distinct statements` +
        (this.transactions.calls ? `; ${this.transactions.calls} transactions took ${inTransactions.toFixed(1)} s in all (statements, BEGIN and COMMIT)` : ''),
    );
    const byTable = new Map<string, number>();
    for (const r of rows) {
      const table = /^\s*(?:insert\s+into|update|delete\s+from)\s+"?(\w+)/i.exec(r.sql)?.[1] ?? /\bfrom\s+"?(\w+)/i.exec(r.sql)?.[1] ?? 'other';
      byTable.set(table, (byTable.get(table) ?? 0) + r.ms);
    }
    console.log(
      `by table written or read first: ${[...byTable]
        .sort((a, b) => b[1] - a[1])
        .map(([table, tableMs]) => `${table} ${((100 * tableMs) / Math.max(1e-9, total)).toFixed(0)}%`)
        .join(', ')}`,
    );
    printTable(
      ['statement', 'calls', 'total s', 'share', 'µs/call', `µs/${per.unit}`],
      rows.slice(0, top).map((r) => [
        r.sql.replace(/\s+/g, ' ').slice(0, 110),
        r.calls,
        (r.ms / 1000).toFixed(1),
        `${((100 * r.ms) / Math.max(1e-9, total)).toFixed(1)}%`,
        ((1000 * r.ms) / Math.max(1, r.calls)).toFixed(1),
        ((1000 * r.ms) / Math.max(1, per.count)).toFixed(1),
      ]),
    );
  }
}
