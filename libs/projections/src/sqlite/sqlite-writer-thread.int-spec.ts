import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteDatabase } from '@mandate/event-store';
import type { Database } from 'better-sqlite3';
import { RowBuffer } from '../replay/row-buffer';
import { SqliteWriterThread } from './sqlite-writer-thread';
import { toSqliteParams } from './sqlite-params';

const insert = (n: number) => ({ sql: 'insert into t (n, flag) values (?, ?)', parameters: [n, n % 2 === 0] });

describe('SqliteWriterThread', () => {
  let folder: string;
  let db: Database;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'mandate-writer-'));
    db = openSqliteDatabase(join(folder, 'mandate.sqlite'));
    db.exec('create table t (n integer primary key, flag integer not null)');
  });
  afterEach(() => {
    db.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('commits transactions in the order sent, on its own connection, with the parameters mapped as the main connection maps them', async () => {
    const writer = SqliteWriterThread.open(db, 500)!;
    expect(writer).not.toBeNull();
    const sent = [writer.transaction([insert(1), insert(2)]), writer.transaction([{ sql: 'update t set n = n + 10', parameters: [] }]), writer.transaction([insert(3)])];
    await Promise.all(sent);
    await writer.close();
    expect(db.prepare('select n, flag from t order by n').all()).toEqual([
      { n: 3, flag: 0 },
      { n: 11, flag: 0 },
      { n: 12, flag: 1 },
    ]);
    // Its connection took the main connection's settings.
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
  });

  it('inserts row batches before the statements of the same transaction, each batch in key order, every value as the statements would store it', async () => {
    db.exec('create table r (k text, seq integer, amount integer, note text); create table s (k text, seq integer, amount integer, note text)');
    const fill = (buffer: RowBuffer, table: string) => {
      const rows: [string | null, number, number | null | boolean, unknown][] = [
        ['b', 2, 5, 'x'],
        ['a', 9, null, null],
        ['b', 1, true, 7],
        [null, 5, 1.5, 'w'],
        ['a', 3, false, undefined],
      ];
      // The last column starts as text and meets a number; the third holds numbers, nulls and flags.
      for (const [k, seq, amount, note] of rows) buffer.insert(table, { k, seq, amount, note });
      for (let i = 0; i < 200; i++) buffer.insert(table, { k: `z${String(i).padStart(3, '0')}`, seq: i, amount: i * 2, note: null });
    };
    const threaded = new RowBuffer('sqlite');
    fill(threaded, 'r');
    const writer = SqliteWriterThread.open(db, 500)!;
    const batches = threaded.takeBatches();
    await writer.transaction([{ sql: 'update r set amount = -amount where k = ?', parameters: ['b'] }], { rows: batches });
    await writer.close();
    // Handed over, not copied: the batches' numbers are the thread's now.
    expect(batches[0].values.some((v) => v instanceof Float64Array && v.length === 0)).toBe(true);
    const statements = new RowBuffer('sqlite');
    fill(statements, 's');
    for (const { sql, parameters } of [...statements.take(), { sql: 'update s set amount = -amount where k = ?', parameters: ['b'] }]) {
      db.prepare(sql).run(toSqliteParams(parameters));
    }
    const rowsOf = (table: string) => db.prepare(`select rowid, k, seq, amount, typeof(amount) as t, note from ${table} order by rowid`).all();
    expect(rowsOf('r')).toEqual(rowsOf('s'));
    expect(rowsOf('r').slice(0, 5)).toEqual([
      { rowid: 1, k: null, seq: 5, amount: 1.5, t: 'real', note: 'w' },
      { rowid: 2, k: 'a', seq: 3, amount: 0, t: 'integer', note: null },
      { rowid: 3, k: 'a', seq: 9, amount: null, t: 'null', note: null },
      // A number bound to a text column is stored as SQLite writes a real: '7.0', either way.
      { rowid: 4, k: 'b', seq: 1, amount: -1, t: 'integer', note: '7.0' },
      { rowid: 5, k: 'b', seq: 2, amount: -5, t: 'integer', note: 'x' },
    ]);
    expect(rowsOf('r')).toHaveLength(205);
  });

  it('keeps the WAL small by checkpointing it between its own transactions, when the main connection leaves checkpoints to a WalCheckpointer', async () => {
    // The server's setting while its WalCheckpointer runs: the main connection never
    // checkpoints, and the checkpointer leaves the last frames to the main connection's next commit.
    db.pragma('wal_autocheckpoint = 0');
    db.exec('create table wide (n integer primary key, text text not null)');
    const writer = SqliteWriterThread.open(db, 500)!;
    const filler = 'x'.repeat(1000);
    const transactions = Array.from({ length: 64 }, (_, t) =>
      Array.from({ length: 500 }, (_, i) => ({ sql: 'insert into wide (n, text) values (?, ?)', parameters: [t * 500 + i, filler] })),
    );
    for (const statements of transactions) await writer.transaction(statements);
    await writer.close();
    expect(db.prepare('select count(*) from wide').pluck().get()).toBe(32_000);
    // 32,000 rows of 1 kB: about 36 MB of WAL frames without a checkpoint; eight transactions' worth (about 4.5 MB) with.
    const walMib = statSync(join(folder, 'mandate.sqlite-wal')).size / 2 ** 20;
    expect(walMib).toBeLessThan(12);
  });

  it('checkpoints the WAL after a transaction sent as large, so that the next one starts it over', async () => {
    db.pragma('wal_autocheckpoint = 0');
    db.exec('create table wide (n integer primary key, text text not null)');
    const filler = 'x'.repeat(1000);
    const rows = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({ sql: 'insert into wide (n, text) values (?, ?)', parameters: [from + i, filler] }));
    const framesAfter = async (large: boolean) => {
      db.exec('delete from wide');
      db.pragma('wal_checkpoint(TRUNCATE)');
      const writer = SqliteWriterThread.open(db, 500)!;
      await writer.transaction(rows(0, 5_000), { large });
      await writer.transaction(rows(5_000, 1));
      await writer.close();
      return (db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0].log;
    };
    // 5,000 rows of 1 kB: over a thousand WAL frames, still in the WAL unless checkpointed.
    expect(await framesAfter(false)).toBeGreaterThan(1_000);
    expect(await framesAfter(true)).toBeLessThan(20);
  });

  it('lets SQLite sort with helper threads on its connection, for the indexes built at the end of a replay', async () => {
    const writer = SqliteWriterThread.open(db, 500)!;
    await writer.transaction([{ sql: 'insert into t (n, flag) select threads, 0 from pragma_threads', parameters: [] }]);
    await writer.close();
    expect(db.prepare('select n from t').pluck().get()).toBe(Math.min(4, availableParallelism()));
    expect(db.pragma('threads', { simple: true })).toBe(0);
  });

  it('after a failed transaction writes nothing more: that one is rolled back and each later one refused', async () => {
    const writer = SqliteWriterThread.open(db, 500)!;
    const first = writer.transaction([insert(1)]);
    const failing = writer.transaction([insert(2), insert(1)]);
    const after = writer.transaction([insert(3)]);
    await expect(first).resolves.toBeUndefined();
    await expect(failing).rejects.toThrow(/UNIQUE constraint failed/);
    await expect(after).rejects.toThrow(/not written: an earlier transaction failed: UNIQUE constraint failed/);
    await writer.close();
    expect(db.prepare('select n from t').pluck().all()).toEqual([1]);
    await expect(writer.transaction([insert(4)])).rejects.toThrow(/stopped/);
  });

  it('with fewer statements cached than it runs, prepares them again as needed', async () => {
    const writer = SqliteWriterThread.open(db, 1)!;
    const bump = { sql: 'update t set flag = 1 - flag', parameters: [] };
    await Promise.all([writer.transaction([insert(1), bump, insert(2), bump]), writer.transaction([insert(3), bump])]);
    await writer.close();
    // 1 inserted 0 and flipped three times, 2 inserted 1 and flipped twice, 3 inserted 0 and flipped once.
    expect(db.prepare('select n, flag from t order by n').all()).toEqual([
      { n: 1, flag: 1 },
      { n: 2, flag: 1 },
      { n: 3, flag: 1 },
    ]);
  });

  it('is not offered for an in-memory database, which no other connection can open', () => {
    const memory = openSqliteDatabase(':memory:');
    expect(SqliteWriterThread.open(memory, 500)).toBeNull();
    memory.close();
  });
});
