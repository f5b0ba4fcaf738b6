import { DEFAULT_CALENDAR_FILE, loadCalendar } from '@mandate/calendar';
import { ALL_EVENT_CLASSES } from '@mandate/domain';
import { EventTypeRegistry, openSqliteDatabase, SqliteEventStore } from '@mandate/event-store';
import { ProjectionRunner, SqliteReadModelDb, tableSnapshot } from '@mandate/projections';
import { memoryReadModel } from '@mandate/projections/test-support/read-model-harness';
import { project06History } from '@mandate/projections/test-support/project-06.history';
import { ReportsProjection } from './reports.projection';
import { REPORT_TABLES } from './reports.schema';

/**
 * The reports projection through the real runner on the real store: its rows and checkpoint
 * are written batch by batch in one transaction each, and a rebuild from the log gives
 * tables identical to folding the events one by one.
 */
describe('reports projection: checkpointed and rebuildable', () => {
  const calendar = loadCalendar(DEFAULT_CALENDAR_FILE, 'Asia/Ho_Chi_Minh');

  it('projects in batches, rebuilds to identical tables, and matches folding event by event', async () => {
    const db = openSqliteDatabase(':memory:');
    const store = new SqliteEventStore(db, new EventTypeRegistry().register(...ALL_EVENT_CLASSES), () => new Date('2026-05-01T00:00:00Z'), {
      pollIntervalMs: 10,
    });
    const history = project06History();
    let head = 0;
    for (const { streamId, event } of history.planned) {
      head = (await store.append([{ streamId, expectedVersion: 'any', events: [event] }])).lastGlobalPosition;
    }
    const readModel = new SqliteReadModelDb(db);
    const runner = new ProjectionRunner(store, readModel, { batchSize: 7, followBatchSize: 7, logger: { log: () => undefined, error: () => undefined } });
    try {
      await runner.start([new ReportsProjection(calendar)]);
      await runner.waitFor(head, 5000);
      const before = await tableSnapshot(readModel, REPORT_TABLES);
      expect(before.rp_task_versions.length).toBeGreaterThan(20);

      const direct = await memoryReadModel([new ReportsProjection(calendar)]);
      await direct.project(project06History().recorded());
      const folded = await tableSnapshot(direct.db, REPORT_TABLES);
      direct.close();
      expect(folded).toEqual(before);

      const progress: number[] = [];
      const result = await runner.rebuild('reports', (p) => progress.push(p.processed));
      expect(result).toMatchObject({ processed: head, position: head });
      expect(progress.length).toBeGreaterThan(2);
      await runner.waitFor(head, 5000);
      expect(await tableSnapshot(readModel, REPORT_TABLES)).toEqual(before);
    } finally {
      await runner.stop();
      await store.close();
      db.close();
    }
  });
});
