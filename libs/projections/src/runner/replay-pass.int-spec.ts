import { ALL_EVENT_CLASSES, type DomainEvent } from '@mandate/domain';
import { EventTypeRegistry, openSqliteDatabase, SqliteEventStore } from '@mandate/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Projection } from '../projection';
import type { ProjectionReplayer, RowSink } from '../replay/projection-replayer';
import { SqliteReadModelDb } from '../sqlite/sqlite-read-model-db';
import type { SqlStatement } from '../sql/query-builder';
import { tableSnapshot } from '../table-snapshot';
import { project06History } from '../test-support/project-06.history';
import { readCheckpoints } from './checkpoints';
import { ProjectionRunner, type RebuildProgress } from './projection-runner';
import { REPLAYING_VERSION } from './replay-pass';
import { waitForCheckpoints } from './wait-for-checkpoints';

/** Counts events per stream: by statements (an upsert per event), or folded in memory and written once. */
class StreamCounts implements Projection {
  readonly version = 3;
  readonly handles: readonly string[] = [];
  readonly categories = ['task', 'directive'];
  readonly tables: readonly string[];
  replayed = 0;

  constructor(
    readonly name: string,
    private readonly withReplayer: boolean,
    private readonly failOn?: string,
  ) {
    this.tables = [`${name}_rows`];
  }

  schema(): SqlStatement[] {
    const table = this.tables[0];
    return [
      { sql: `create table if not exists ${table} (stream_id text primary key, n integer not null, last_type text not null)`, parameters: [] },
      { sql: `create index if not exists ${table}_n on ${table} (n)`, parameters: [] },
    ];
  }

  apply(event: DomainEvent): SqlStatement[] {
    if (event.type === this.failOn) throw new Error('boom');
    return [
      {
        sql: `insert into ${this.tables[0]} (stream_id, n, last_type) values (?, 1, ?) on conflict (stream_id) do update set n = n + 1, last_type = excluded.last_type`,
        parameters: [event.recorded!.streamId, event.type],
      },
    ];
  }

  get replayer(): (() => ProjectionReplayer) | undefined {
    if (!this.withReplayer) return undefined;
    return () => {
      const counts = new Map<string, { n: number; last: string }>();
      return {
        apply: (event: DomainEvent) => {
          if (event.type === this.failOn) throw new Error('boom');
          this.replayed += 1;
          const c = counts.get(event.recorded!.streamId) ?? { n: 0, last: '' };
          c.n += 1;
          c.last = event.type;
          counts.set(event.recorded!.streamId, c);
        },
        finish: (sink: RowSink) => {
          for (const [stream_id, c] of counts) sink.insert(this.tables[0], { stream_id, n: c.n, last_type: c.last });
        },
      };
    };
  }
}

/**
 * Each case twice: on an in-memory database (the pass writes through the read-model db's own
 * connection) and on a file (it writes on a thread of its own, SqliteWriterThread).
 */
describe.each([
  { where: 'in memory, written on the main connection', file: false },
  { where: 'in a file, written by a thread of its own', file: true },
])('rebuilds that fold the log in memory (replay pass), $where', ({ file }) => {
  let folder: string | null = null;
  let db: Database;
  let store: SqliteEventStore;
  let readModel: SqliteReadModelDb;
  let runners: ProjectionRunner[];
  const errors: string[] = [];
  const logs: string[] = [];
  const logger = { log: (m: unknown) => logs.push(String(m)), error: (m: unknown) => errors.push(String(m)) };

  const runner = () => {
    const r = new ProjectionRunner(store, readModel, { batchSize: 5, logger, now: () => new Date('2026-05-01T00:00:00Z') });
    runners.push(r);
    return r;
  };
  const appendHistory = async (): Promise<number> => {
    let last = 0;
    for (const { streamId, event } of project06History().planned) {
      ({ lastGlobalPosition: last } = await store.append([{ streamId, expectedVersion: 'any', events: [event] }]));
    }
    return last;
  };
  const indexesOf = (table: string) => db.prepare(`select name from sqlite_master where type = 'index' and tbl_name = ? and sql is not null`).all(table);

  beforeEach(() => {
    folder = file ? mkdtempSync(join(tmpdir(), 'mandate-replay-pass-')) : null;
    db = openSqliteDatabase(folder ? join(folder, 'mandate.sqlite') : ':memory:');
    store = new SqliteEventStore(db, new EventTypeRegistry().register(...ALL_EVENT_CLASSES), () => new Date('2026-05-01T00:00:00Z'), { pollIntervalMs: 10 });
    readModel = new SqliteReadModelDb(db);
    runners = [];
    errors.length = 0;
    logs.length = 0;
  });
  afterEach(async () => {
    for (const r of runners) await r.stop();
    await store.close();
    db.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('writes the pass through a writer thread exactly when the database is a file', async () => {
    const head = await appendHistory();
    const writers = jest.spyOn(readModel, 'bulkWriter');
    const r = runner();
    await r.start([new StreamCounts('folded', true)]);
    await r.waitFor(head, 5000);
    expect(writers).toHaveBeenCalledTimes(1);
    expect(writers.mock.results[0].value === null).toBe(!file);
  });

  it('given a log and no read model, when the runner starts, then the folding projection replays in memory to the same rows as the statements', async () => {
    const head = await appendHistory();
    const folded = new StreamCounts('folded', true);
    const stepped = new StreamCounts('stepped', false);
    const r = runner();
    await r.start([folded, stepped]);
    await r.waitFor(head, 5000);

    expect(folded.replayed).toBeGreaterThan(10);
    const rows = await tableSnapshot(readModel, ['folded_rows', 'stepped_rows']);
    expect(rows.folded_rows).toEqual(rows.stepped_rows);
    expect(indexesOf('folded_rows')).toEqual([{ name: 'folded_rows_n' }]);
    expect((await readCheckpoints(readModel)).map((c) => [c.name, c.position, c.version])).toEqual([
      ['folded', head, 3],
      ['stepped', head, 3],
    ]);
    expect(logs).toContain(`Projection "folded" has no read model yet: replaying ${head} events`);

    // Then it follows the log live through its statements.
    const more = await store.append([{ streamId: 'task-t1', expectedVersion: 'any', events: [project06History().planned.at(-1)!.event] }]);
    await r.waitFor(more.lastGlobalPosition, 5000);
    expect(db.prepare('select n from folded_rows where stream_id = ?').get('task-t1')).toEqual(db.prepare('select n from stepped_rows where stream_id = ?').get('task-t1'));
  });

  it('given a replay cut short (its checkpoint still marked), when the runner starts again, then it rebuilds from the start', async () => {
    const head = await appendHistory();
    const first = runner();
    await first.start([new StreamCounts('folded', true)]);
    await first.waitFor(head, 5000);
    const before = await tableSnapshot(readModel, ['folded_rows']);
    await first.stop();
    // What a crash during the pass leaves: some rows, no index, the checkpoint marked.
    db.prepare('drop index folded_rows_n').run();
    db.prepare('update folded_rows set n = n + 100').run();
    db.prepare('update projection_checkpoints set version = ?, position = 0 where name = ?').run(REPLAYING_VERSION, 'folded');

    const second = runner();
    await second.start([new StreamCounts('folded', true)]);
    await second.waitFor(head, 5000);
    expect(await tableSnapshot(readModel, ['folded_rows'])).toEqual(before);
    expect(indexesOf('folded_rows')).toHaveLength(1);
    expect(logs).toContain('Projection "folded": its last rebuild did not finish, rebuilding');
  });

  it('rebuildAll reads the log once for every projection, and reports progress', async () => {
    const head = await appendHistory();
    const r = runner();
    await r.start([new StreamCounts('a', true), new StreamCounts('b', false)]);
    await r.waitFor(head, 5000);
    // The start's own replay of 'a' ends after its checkpoint reaches the head (its writer
    // thread still closing): a rebuild asked for before then would join it instead.
    while (r.status().some((s) => s.state !== 'running')) await new Promise((resolve) => setTimeout(resolve, 5));
    const before = await tableSnapshot(readModel, ['a_rows', 'b_rows']);
    const reads = jest.spyOn(store, 'readAll');
    const progress: RebuildProgress[] = [];
    const results = await r.rebuildAll(['a', 'b'], (p) => progress.push(p));

    // The pass's steps: 'a' folds in memory, so once the log is read it writes its last rows and builds its indexes.
    expect(results).toEqual([
      { name: 'a', step: 'building the indexes', processed: head, position: head, head },
      { name: 'b', step: 'building the indexes', processed: head, position: head, head },
    ]);
    const steps = progress.filter((p) => p.name === 'a').map((p) => p.step);
    expect([...new Set(steps)]).toEqual(['reading the log', 'writing the last rows', 'building the indexes']);
    expect(progress.filter((p) => p.step !== 'reading the log').every((p) => p.processed === head)).toBe(true);
    expect(reads.mock.calls.length).toBeLessThanOrEqual(Math.ceil(head / 5) + 2);
    expect(progress.filter((p) => p.name === 'a').length).toBeGreaterThan(2);
    expect(await tableSnapshot(readModel, ['a_rows', 'b_rows'])).toEqual(before);
    expect(r.status().map((s) => s.state)).toEqual(['running', 'running']);
  });

  it('a replayer that throws fails its projection alone, at the event, and writes no checkpoint for it', async () => {
    const head = await appendHistory();
    const r = runner();
    await r.start([new StreamCounts('broken', true, 'TaskCancelled'), new StreamCounts('fine', true)]);
    await waitForCheckpoints(readModel, head, 5000, { names: ['fine'], intervalMs: 5 });
    await expect(r.waitFor(head, 200)).rejects.toThrow(/Projection "broken" cannot reach/);
    const firstCancel = project06History().planned.findIndex((p) => p.event.type === 'TaskCancelled') + 1;
    expect(r.status().find((s) => s.name === 'broken')).toMatchObject({
      state: 'failed',
      error: `Projection "broken" failed at global position ${firstCancel} (TaskCancelled in task-t3): boom`,
    });
    const checkpoints = await readCheckpoints(readModel);
    expect(checkpoints.find((c) => c.name === 'broken')).toMatchObject({ version: REPLAYING_VERSION, position: 0 });
    expect(checkpoints.find((c) => c.name === 'fine')).toMatchObject({ version: 3, position: head });
  });

  it('a projection run by its statements that throws mid-page writes nothing of that page: its rows are those of its checkpoint', async () => {
    const head = await appendHistory();
    const r = runner();
    // Another projection run by its statements keeps the pass writing page after page.
    await r.start([new StreamCounts('stepped', false, 'TaskCancelled'), new StreamCounts('other', false), new StreamCounts('fine', true)]);
    await r.rebuildAll(['stepped', 'other', 'fine']).catch(() => undefined);
    await waitForCheckpoints(readModel, head, 5000, { names: ['fine', 'other'], intervalMs: 5 });
    const firstCancel = project06History().planned.findIndex((p) => p.event.type === 'TaskCancelled') + 1;
    const { position } = (await readCheckpoints(readModel)).find((c) => c.name === 'stepped')!;
    expect(position).toBeLessThan(firstCancel);
    const counted = project06History().planned.filter((p, i) => i + 1 <= position && /^(task|directive)-/.test(p.streamId)).length;
    expect(db.prepare('select coalesce(sum(n), 0) as n from stepped_rows').get()).toEqual({ n: counted });
  });
});
