import { ALL_EVENT_CLASSES, TaskProgressReported } from '@mandate/domain';
import { EventTypeRegistry, openSqliteDatabase, SqliteEventStore } from '@mandate/event-store';
import type { Database } from 'better-sqlite3';
import type { Projection } from '../projection';
import { ALL_PROJECTIONS } from '../projections/all-projections';
import { TasksProjection } from '../projections/tasks.projection';
import { SqliteReadModelDb } from '../sqlite/sqlite-read-model-db';
import { tableSnapshot } from '../table-snapshot';
import { dept, History } from '../test-support/history';
import { CA, project06History } from '../test-support/project-06.history';
import { memoryReadModel } from '../test-support/read-model-harness';
import { readCheckpoints } from './checkpoints';
import { ProjectionLagError, UnknownProjectionError } from './projection-errors';
import { ProjectionRunner, type RebuildProgress } from './projection-runner';
import { waitForCheckpoints } from './wait-for-checkpoints';

const ALL_TABLES = ALL_PROJECTIONS.flatMap((p) => p.tables);
const silent = { log: () => undefined, error: () => undefined };

describe('ProjectionRunner on the SQLite event store', () => {
  let db: Database;
  let store: SqliteEventStore;
  let readModel: SqliteReadModelDb;
  let runners: ProjectionRunner[];

  const runner = (batchSize = 7) => {
    const r = new ProjectionRunner(store, readModel, { batchSize, logger: silent, now: () => new Date('2026-05-01T00:00:00Z') });
    runners.push(r);
    return r;
  };
  const append = async (history: History): Promise<number> => {
    let last = 0;
    for (const { streamId, event } of history.planned) {
      ({ lastGlobalPosition: last } = await store.append([{ streamId, expectedVersion: 'any', events: [event] }]));
    }
    return last;
  };
  const progressOn = (taskId: string) =>
    new History(Date.parse('2026-05-02T02:00:00Z')).e(
      TaskProgressReported,
      `task-${taskId}`,
      { taskId, unitId: CA, percent: 95, previousPercent: 80, note: null },
      dept(CA),
    );

  beforeEach(() => {
    db = openSqliteDatabase(':memory:');
    store = new SqliteEventStore(db, new EventTypeRegistry().register(...ALL_EVENT_CLASSES), () => new Date('2026-05-01T00:00:00Z'), {
      pollIntervalMs: 10,
    });
    readModel = new SqliteReadModelDb(db);
    runners = [];
  });
  afterEach(async () => {
    for (const r of runners) await r.stop();
    await store.close();
    db.close();
  });

  it('projects the history, and a rebuild of every projection gives identical tables', async () => {
    const head = await append(project06History());
    const r = runner();
    await r.start();
    await r.waitFor(head, 5000);
    const before = await tableSnapshot(readModel, ALL_TABLES);
    expect(before.rm_tasks).toHaveLength(6);

    // The same rows as folding the events directly, one transaction per event.
    const direct = await memoryReadModel();
    await direct.project(project06History().recorded());
    expect(await tableSnapshot(direct.db, ALL_TABLES)).toEqual(before);
    direct.close();

    for (const { name } of ALL_PROJECTIONS) {
      const reports: RebuildProgress[] = [];
      const result = await r.rebuild(name, (p) => reports.push(p));
      // Every one folds the log in memory: it ends by writing the rows it holds and building its indexes.
      expect(result).toEqual({ name, step: 'building the indexes', processed: head, position: head, head });
      expect(reports[0]).toEqual({ name, step: 'reading the log', processed: 0, position: 0, head });
      expect(reports.at(-1)).toEqual(result);
      expect(reports.length).toBeGreaterThan(2);
    }
    await r.waitFor(head, 5000);
    expect(await tableSnapshot(readModel, ALL_TABLES)).toEqual(before);
    expect(r.status().map((s) => [s.name, s.state, s.position])).toEqual(
      ALL_PROJECTIONS.map((p) => [p.name, 'running', head]),
    );
  });

  it('a rebuild that races new appends still ends equal to folding the whole log', async () => {
    await append(project06History());
    const r = runner(3);
    await r.start();
    const rebuilding = r.rebuild('tasks');
    expect(r.status().find((s) => s.name === 'tasks')?.state).toBe('rebuilding');
    expect(r.rebuild('tasks')).toBe(rebuilding);
    const position = await append(progressOn('t4'));
    await rebuilding;
    await r.waitFor(position, 5000);
    const direct = await memoryReadModel();
    await direct.project(await store.readAll({ after: 0, limit: 1000 }));
    expect(await tableSnapshot(readModel, ALL_TABLES)).toEqual(await tableSnapshot(direct.db, ALL_TABLES));
    direct.close();
    await expect(r.rebuild('nope')).rejects.toThrow(UnknownProjectionError);
  });

  it('follows new events live after catching up; waitFor resolves once every projection has them', async () => {
    await append(project06History());
    const r = runner(500);
    await r.start();
    const position = await append(progressOn('t4'));
    await r.waitFor(position, 5000);
    expect(db.prepare('select percent, version from rm_tasks where id = ?').get('t4')).toEqual({ percent: 95, version: 2 });
    expect((await readCheckpoints(readModel)).map((c) => c.position)).toEqual([position, position, position, position]);
  });

  it('waitFor rejects with the lagging projections when the position is not reached in time', async () => {
    const head = await append(project06History());
    const r = runner();
    await r.start();
    await expect(r.waitFor(head + 5, 50)).rejects.toThrow(ProjectionLagError);
    await expect(r.waitFor(head + 5, 50)).rejects.toThrow(`Projections did not reach global position ${head + 5} within 50 ms`);
    await expect(r.waitFor(head, 5000)).resolves.toBeUndefined();
  });

  it('a projection that throws stops at the event, reports it, and the others go on', async () => {
    const head = await append(project06History());
    const broken: Projection = {
      ...new TasksProjection(),
      name: 'broken',
      tables: [],
      schema: () => [],
      handles: ['TaskCancelled'],
      categories: [],
      apply: () => {
        throw new Error('boom');
      },
    };
    const errors: string[] = [];
    const r = new ProjectionRunner(store, readModel, { logger: { log: () => undefined, error: (m: string) => errors.push(m) } });
    runners.push(r);
    await r.start([...ALL_PROJECTIONS, broken]);
    await expect(r.waitFor(head, 5000)).rejects.toThrow(/Projection "broken" cannot reach position .*boom/);
    const firstCancel = project06History().planned.findIndex((p) => p.event.type === 'TaskCancelled') + 1;
    expect(r.status().find((s) => s.name === 'broken')).toEqual({
      name: 'broken',
      position: 0, // its batch (one transaction) was not written
      version: 1,
      state: 'failed',
      error: `Projection "broken" failed at global position ${firstCancel} (TaskCancelled in task-t3): boom`,
    });
    expect(errors).toEqual([expect.stringContaining(`failed at global position ${firstCancel}`)]);
    await waitForCheckpoints(readModel, head, 5000);
    expect(r.status().filter((s) => s.state === 'running')).toHaveLength(4);
  });

  it('a restart resumes from the checkpoints without applying anything twice', async () => {
    const head = await append(project06History());
    const first = runner();
    await first.start();
    await first.waitFor(head, 5000);
    const before = await tableSnapshot(readModel, ALL_TABLES);
    await first.stop();

    const second = runner();
    await second.start();
    await second.waitFor(head, 5000);
    expect(await tableSnapshot(readModel, ALL_TABLES)).toEqual(before);
    const position = await append(progressOn('t4'));
    await second.waitFor(position, 5000);
    expect(db.prepare('select version from rm_tasks where id = ?').get('t4')).toEqual({ version: 2 });
  });

  it('rebuilds a projection whose stored version differs from its code', async () => {
    const head = await append(project06History());
    const first = runner();
    await first.start();
    await first.waitFor(head, 5000);
    const before = await tableSnapshot(readModel, ALL_TABLES);
    await first.stop();
    db.prepare('delete from rm_obstacles').run(); // damage a read model

    const tasksV2 = Object.assign(new TasksProjection(), { version: 2 });
    const second = runner();
    await second.start([...ALL_PROJECTIONS.filter((p) => p.name !== 'tasks'), tasksV2]);
    await second.waitFor(head, 5000);
    expect(await tableSnapshot(readModel, ALL_TABLES)).toEqual(before);
    expect((await readCheckpoints(readModel)).find((c) => c.name === 'tasks')).toMatchObject({ version: 2, position: head });
  });

  it('waitForCheckpoints polls the checkpoint table for a process that does not run the projections', async () => {
    const head = await append(project06History());
    await expect(waitForCheckpoints(readModel, head, 40)).rejects.toThrow(/no checkpoint|unreadable/);
    const r = runner();
    const waiting = waitForCheckpoints(readModel, head, 5000, { intervalMs: 5 });
    await r.start();
    await expect(waiting).resolves.toBeUndefined();
    await expect(waitForCheckpoints(readModel, head + 1, 40, { names: ['tasks'] })).rejects.toThrow(
      `Projections did not reach global position ${head + 1} within 40 ms: tasks at ${head} (behind)`,
    );
  });
});
