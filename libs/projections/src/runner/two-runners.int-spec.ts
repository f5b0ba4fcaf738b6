import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ALL_EVENT_CLASSES } from '@mandate/domain';
import { EventTypeRegistry, openSqliteDatabase, SqliteEventStore } from '@mandate/event-store';
import type { Database } from 'better-sqlite3';
import { ALL_PROJECTIONS } from '../projections/all-projections';
import { SqliteReadModelDb } from '../sqlite/sqlite-read-model-db';
import { tableSnapshot } from '../table-snapshot';
import { project06History } from '../test-support/project-06.history';
import { memoryReadModel } from '../test-support/read-model-harness';
import { ProjectionRunner } from './projection-runner';

const ALL_TABLES = ALL_PROJECTIONS.flatMap((p) => p.tables);
const silent = { log: () => undefined, error: () => undefined };

/**
 * Two processes on one SQLite file, each running the projections (two connections here):
 * the checkpoints are compare-and-set, so every batch is applied once and the loser
 * catches up from the table instead of applying it again.
 */
describe('two projection runners on one SQLite file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mandate-two-runners-'));
  const open = () => {
    const db = openSqliteDatabase(path.join(dir, 'mandate.sqlite'));
    const store = new SqliteEventStore(db, new EventTypeRegistry().register(...ALL_EVENT_CLASSES), () => new Date('2026-05-01T00:00:00Z'), {
      pollIntervalMs: 5,
    });
    const readModel = new SqliteReadModelDb(db);
    const runner = new ProjectionRunner(store, readModel, { batchSize: 3, logger: silent });
    return { db, store, readModel, runner };
  };
  let a: ReturnType<typeof open>;
  let b: ReturnType<typeof open>;

  beforeAll(async () => {
    a = open();
    b = open();
    await a.runner.start();
    await b.runner.start();
  });

  afterAll(async () => {
    for (const p of [a, b]) {
      await p.runner.stop();
      await p.store.close();
      (p.db as Database).close();
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('applies every event exactly once whichever process gets there first', async () => {
    let head = 0;
    const history = project06History();
    for (const [i, { streamId, event }] of history.planned.entries()) {
      const writer = i % 2 === 0 ? a : b;
      ({ lastGlobalPosition: head } = await writer.store.append([{ streamId, expectedVersion: 'any', events: [event] }]));
    }
    await Promise.all([a.runner.waitFor(head, 10_000), b.runner.waitFor(head, 10_000)]);
    expect(a.runner.status().every((s) => s.state === 'running' && s.position === head)).toBe(true);
    expect(b.runner.status().every((s) => s.state === 'running' && s.position === head)).toBe(true);

    const direct = await memoryReadModel();
    await direct.project(project06History().recorded());
    expect(await tableSnapshot(a.readModel, ALL_TABLES)).toEqual(await tableSnapshot(direct.db, ALL_TABLES));
    direct.close();
  });
});
