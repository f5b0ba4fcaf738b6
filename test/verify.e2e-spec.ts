import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { cli } from './support/cli-process';
import { ServerProcess, freePort } from './support/server-process';

interface Row {
  position: number;
  streamId: string;
  version: number;
}

/**
 * `npm run cli -- verify` against a SQLite store written by the server (the Project 06 demo),
 * copied for each case and then changed behind Mandate's back with better-sqlite3, as someone
 * with the file would change it.
 */
describe('npm run cli -- verify (SQLite)', () => {
  let root: string;
  let pristine: string;
  let cases = 0;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'mandate-verify-'));
    const dataDir = path.join(root, 'made-by-the-server');
    const server = new ServerProcess(await freePort(), { DATA_DIR: dataDir, DEMO_DATA: '1' });
    await server.start(120_000);
    await server.kill();
    pristine = path.join(dataDir, 'mandate.sqlite');
    // The server was killed: fold its WAL into the file, so that a copy of the file is the whole store.
    const db = new Database(pristine);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  }, 150_000);

  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  /** A copy of the store, changed by `tamper`; returns its DATA_DIR. */
  function storeChangedBy(tamper: (db: Database.Database) => void): string {
    const dataDir = path.join(root, `case-${++cases}`);
    fs.mkdirSync(dataDir);
    fs.copyFileSync(pristine, path.join(dataDir, 'mandate.sqlite'));
    const db = new Database(path.join(dataDir, 'mandate.sqlite'));
    try {
      tamper(db);
    } finally {
      db.close();
    }
    return dataDir;
  }

  /** The first event in the middle third of the log that has a next version in its stream and is not of `notStream`. */
  function middleEvent(db: Database.Database, notStream = ''): Row {
    return db
      .prepare(
        `SELECT e.global_position AS position, e.stream_id AS streamId, e.stream_position AS version FROM events e
         WHERE e.global_position > (SELECT max(global_position) / 3 FROM events) AND e.stream_id <> ?
           AND EXISTS (SELECT 1 FROM events n WHERE n.stream_id = e.stream_id AND n.stream_position = e.stream_position + 1)
         ORDER BY e.global_position LIMIT 1`,
      )
      .get(notStream) as Row;
  }

  const failure = (kind: string, row: Row) => `First problem: ${kind} at global position ${row.position}, stream ${row.streamId} version ${row.version}`;

  it('passes the store as the server wrote it, printing the events, streams and head hash (text and JSON)', async () => {
    const db = new Database(pristine, { readonly: true });
    const last = db.prepare('SELECT global_position AS position, global_hash AS hash FROM events ORDER BY global_position DESC LIMIT 1').get() as { position: number; hash: Buffer };
    const { streams } = db.prepare('SELECT count(DISTINCT stream_id) AS streams FROM events').get() as { streams: number };
    db.close();
    expect(last.position).toBeGreaterThan(50);

    const text = await cli(['verify'], { DATA_DIR: path.dirname(pristine) });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`The event log is intact: ${last.position} events in ${streams} streams verified`);
    expect(text.stdout).toContain(`Head: global position ${last.position}, hash ${last.hash.toString('hex')}`);
    expect(text.stderr).toMatch(new RegExp(`Verifying .*100% \\| ${last.position}/${last.position} events`));

    const json = await cli(['verify', '--json'], { DATA_DIR: path.dirname(pristine) });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, events: last.position, streams, head: { position: last.position, hash: last.hash.toString('hex') }, finding: null });
  }, 60_000);

  it('names the position, stream and version of an event whose data was edited in the file', async () => {
    let edited!: Row;
    const dataDir = storeChangedBy((db) => {
      edited = middleEvent(db);
      const data = JSON.parse(db.prepare('SELECT data FROM events WHERE global_position = ?').pluck().get(edited.position) as string);
      db.prepare('UPDATE events SET data = ? WHERE global_position = ?').run(JSON.stringify({ ...data, edited: true }), edited.position);
    });
    const run = await cli(['verify'], { DATA_DIR: dataDir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('The event log does NOT verify');
    expect(run.stdout).toContain(failure('modified', edited));
    expect(run.stdout).toContain(`Before it, ${edited.position - 1} events`);
  }, 60_000);

  it('names the position of a deleted event, and its stream and version', async () => {
    let deleted!: Row;
    const dataDir = storeChangedBy((db) => {
      deleted = middleEvent(db);
      db.prepare('DELETE FROM events WHERE global_position = ?').run(deleted.position);
    });
    const run = await cli(['verify', '--json'], { DATA_DIR: dataDir });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: false,
      events: deleted.position - 1,
      finding: { kind: 'removed', globalPosition: deleted.position, streamId: deleted.streamId, streamVersion: deleted.version },
    });
  }, 60_000);

  it('names the first of two events whose positions were swapped, and where it went', async () => {
    let first!: Row;
    let second!: Row;
    const dataDir = storeChangedBy((db) => {
      first = middleEvent(db);
      second = db
        .prepare('SELECT global_position AS position, stream_id AS streamId, stream_position AS version FROM events WHERE global_position > ? AND stream_id <> ? ORDER BY global_position LIMIT 1 OFFSET 5')
        .get(first.position, first.streamId) as Row;
      db.exec(`UPDATE events SET global_position = -1 WHERE global_position = ${first.position};
               UPDATE events SET global_position = ${first.position} WHERE global_position = ${second.position};
               UPDATE events SET global_position = ${second.position} WHERE global_position = -1;`);
    });
    const run = await cli(['verify'], { DATA_DIR: dataDir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(failure('reordered', first));
    expect(run.stdout).toContain(`is now at position ${second.position}, and position ${first.position} holds stream ${second.streamId} version ${second.version} instead`);
  }, 60_000);

  it('finds events cut from the end only against a head recorded earlier (--expect)', async () => {
    const recorded = JSON.parse((await cli(['verify', '--json'], { DATA_DIR: path.dirname(pristine) })).stdout) as { head: { position: number; hash: string } };
    const dataDir = storeChangedBy((db) => db.prepare('DELETE FROM events WHERE global_position > ?').run(recorded.head.position - 3));
    const alone = await cli(['verify'], { DATA_DIR: dataDir });
    expect(alone.code).toBe(0);
    const expecting = await cli(['verify', '--expect', `${recorded.head.position}:${recorded.head.hash}`], { DATA_DIR: dataDir });
    expect(expecting.code).toBe(1);
    expect(expecting.stdout).toContain(`First problem: truncated at global position ${recorded.head.position - 2}`);
    expect(expecting.stdout).toContain(`The log ends at global position ${recorded.head.position - 3}, but position ${recorded.head.position} was recorded`);
  }, 90_000);

  it('refuses a DATA_DIR without a store, and a malformed --expect, with exit code 2', async () => {
    const empty = await cli(['verify'], { DATA_DIR: path.join(root, 'nothing-here') });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('there is no store in');
    expect(fs.existsSync(path.join(root, 'nothing-here'))).toBe(false);
    const malformed = await cli(['verify', '--expect', '12:abc'], { DATA_DIR: path.dirname(pristine) });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('--expect');
  }, 60_000);
});
