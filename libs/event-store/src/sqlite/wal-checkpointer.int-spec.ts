import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { openSqliteDatabase } from './sqlite-database';
import { WalCheckpointer } from './wal-checkpointer';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('WalCheckpointer', () => {
  let dir: string;
  let file: string;
  let db: Database;
  let checkpointer: WalCheckpointer | null = null;
  const errors: string[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mandate-wal-'));
    file = join(dir, 'store.sqlite');
    db = openSqliteDatabase(file);
    db.exec('create table t (id integer primary key, payload text not null)');
    errors.length = 0;
  });

  afterEach(async () => {
    await checkpointer?.stop();
    checkpointer = null;
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const writeRows = (n: number) => {
    const insert = db.prepare('insert into t (payload) values (?)');
    db.transaction(() => {
      for (let i = 0; i < n; i++) insert.run('x'.repeat(1000));
    })();
  };

  it('turns off checkpoints in the connection and copies the WAL into the database file from its own thread', async () => {
    checkpointer = WalCheckpointer.start(db, (message) => errors.push(message), { intervalMs: 50 });
    expect(checkpointer).not.toBeNull();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const before = statSync(file).size;

    // About 5 MiB: far past the 1,000 pages at which the connection would have checkpointed itself.
    writeRows(5000);
    expect(statSync(file).size).toBe(before);

    for (let i = 0; i < 100 && statSync(file).size <= before + 4_000_000; i++) await sleep(50);
    expect(statSync(file).size).toBeGreaterThan(before + 4_000_000);
    expect(db.prepare('select count(*) as n from t').get()).toEqual({ n: 5000 });
    expect(errors).toEqual([]);
  });

  it('starts the WAL over under a steady stream of commits instead of letting it grow', async () => {
    checkpointer = WalCheckpointer.start(db, (message) => errors.push(message), { intervalMs: 20, restartFrames: 256 });
    const insert = db.prepare('insert into t (payload) values (?)');
    const commit = db.transaction(() => {
      for (let i = 0; i < 20; i++) insert.run('y'.repeat(1000));
    });
    // About 40 MiB of rows in small commits, with the event loop free between them (as a server's).
    for (let i = 0; i < 2000; i++) {
      commit();
      await new Promise((resolve) => setImmediate(resolve));
      if (i % 100 === 0) await sleep(5);
    }
    const [{ log }] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
    // Without a restart the WAL would hold every page written (over 10,000 frames).
    expect(log).toBeLessThan(3000);
    expect(errors).toEqual([]);
  });

  it('gives checkpoints back to the connection when stopped, after a last one', async () => {
    checkpointer = WalCheckpointer.start(db, (message) => errors.push(message), { intervalMs: 60_000 });
    writeRows(2000);
    const before = statSync(file).size;
    await checkpointer!.stop();
    expect(statSync(file).size).toBeGreaterThan(before + 1_500_000);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(errors).toEqual([]);
  });

  it('keeps a process that has nothing else to do alive until the thread has ended', () => {
    // What a command-line run does: open, work, stop the checkpointer, then print and exit.
    const script = `
      const { openSqliteDatabase } = require(${JSON.stringify(join(__dirname, 'sqlite-database'))});
      const { WalCheckpointer } = require(${JSON.stringify(join(__dirname, 'wal-checkpointer'))});
      const db = openSqliteDatabase(${JSON.stringify(join(dir, 'child.sqlite'))});
      const checkpointer = WalCheckpointer.start(db, (m) => console.error(m));
      db.exec('create table t (x)');
      checkpointer.stop().then(() => { db.close(); console.log('stopped'); });`;
    const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('stopped\n');
  });

  it('does nothing for an in-memory database', () => {
    const memory = openSqliteDatabase(':memory:');
    try {
      expect(WalCheckpointer.start(memory, (message) => errors.push(message))).toBeNull();
    } finally {
      memory.close();
    }
  });
});
