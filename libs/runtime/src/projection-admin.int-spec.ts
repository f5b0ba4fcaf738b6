import { ALL_EVENT_CLASSES } from '@mandate/domain';
import { EventTypeRegistry, openSqliteDatabase, SqliteEventStore } from '@mandate/event-store';
import { ALL_PROJECTIONS, SqliteReadModelDb } from '@mandate/projections';
import { project06History } from '@mandate/projections/test-support/project-06.history';
import type { Database } from 'better-sqlite3';
import { ProjectionAdmin } from './projection-admin';

describe('ProjectionAdmin.rebuild', () => {
  let db: Database;
  let store: SqliteEventStore;
  let admin: ProjectionAdmin;
  let head: number;

  beforeEach(async () => {
    db = openSqliteDatabase(':memory:');
    store = new SqliteEventStore(db, new EventTypeRegistry().register(...ALL_EVENT_CLASSES), () => new Date('2026-05-01T00:00:00Z'), { pollIntervalMs: 10 });
    for (const { streamId, event } of project06History().planned) {
      ({ lastGlobalPosition: head } = await store.append([{ streamId, expectedVersion: 'any', events: [event] }]));
    }
    admin = new ProjectionAdmin(store, new SqliteReadModelDb(db), true, ALL_PROJECTIONS);
  });
  afterEach(async () => {
    await admin.onApplicationShutdown();
    await store.close();
    db.close();
  });

  it('asked while no rebuild runs, rebuilds and counts the events it replayed', async () => {
    await admin.start();
    await admin.waitFor(head);
    while ((await admin.status()).some((s) => s.state !== 'running')) await new Promise((resolve) => setTimeout(resolve, 5));
    const result = await admin.rebuild('tasks');
    expect(result).toMatchObject({ rebuilt: ['tasks'], events: head, joined: false });
  });

  it('asked while one runs (started with the process, its stored version older than the code), waits for it and says so, with its count of events', async () => {
    // A store whose read models are missing: every projection replays the log when the runner starts.
    await admin.start();
    expect((await admin.status()).find((s) => s.name === 'tasks')?.state).toBe('rebuilding');
    const result = await admin.rebuild('tasks');
    expect(result).toMatchObject({ rebuilt: ['tasks'], events: head, joined: true });
  });
});
