import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { collect, eventually, newStreamId } from '../contract/contract-helpers';
import { eventStoreContract } from '../contract/event-store.contract';
import { CONTRACT_META, itemAdded, registerContractEvents } from '../contract/test-events';
import { ConcurrencyError } from '../errors';
import { EventTypeRegistry } from '../event-type-registry';
import { openSqliteDatabase } from './sqlite-database';
import { SqliteEventStore } from './sqlite-event-store';
import { SqliteHashedLog } from './sqlite-hashed-log';

const NOW = new Date('2026-04-28T02:00:05.000Z');
const now = () => NOW;

async function tempFile(): Promise<{ file: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'mandate-event-store-'));
  return { file: join(dir, 'mandate.sqlite'), remove: () => rm(dir, { recursive: true, force: true }) };
}

eventStoreContract('SQLite', async () => {
  const { file, remove } = await tempFile();
  const db = openSqliteDatabase(file);
  const registry = new EventTypeRegistry();
  return {
    store: new SqliteEventStore(db, registry, now),
    registry,
    openAnother: async (other) => new SqliteEventStore(db, other, now),
    hashedLog: () => new SqliteHashedLog(db),
    cleanup: async () => {
      db.close();
      await remove();
    },
  };
});

describe('SqliteEventStore on its file', () => {
  let file: string;
  let remove: () => Promise<void>;
  const opened: Database[] = [];
  const open = (options?: Parameters<typeof openSqliteDatabase>[1]) => {
    const db = openSqliteDatabase(file, options);
    opened.push(db);
    return db;
  };
  const storeOn = (db: Database, pollIntervalMs = 20) =>
    new SqliteEventStore(db, registerContractEvents(new EventTypeRegistry()), now, { pollIntervalMs });

  beforeEach(async () => ({ file, remove } = await tempFile()));
  afterEach(async () => {
    for (const db of opened.splice(0)) if (db.open) db.close();
    await remove();
  });

  it('opens the file in WAL mode with NORMAL sync by default, FULL on request, a busy timeout and foreign keys', () => {
    const db = open();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(open({ synchronous: 'FULL' }).pragma('synchronous', { simple: true })).toBe(2);
  });

  it('stores data and metadata as JSON, the clock time as recorded_at, in the Emmett-like columns', async () => {
    const db = open();
    const streamId = newStreamId('task');
    await storeOn(db).append([{ streamId, expectedVersion: 0, events: [itemAdded('a', 3)] }]);
    const row = db.prepare('SELECT * FROM events').get() as Record<string, unknown>;
    expect(row).toMatchObject({
      global_position: 1,
      stream_id: streamId,
      stream_position: 1,
      message_type: 'ContractItemAdded',
      message_schema_version: 1,
      recorded_at: NOW.toISOString(),
    });
    expect(JSON.parse(row.data as string)).toEqual({ itemId: 'a', quantity: 3 });
    expect(JSON.parse(row.metadata as string)).toEqual(CONTRACT_META);
    expect(row.event_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('reads back what an earlier connection wrote after it closed (a restart)', async () => {
    const first = open();
    const streamId = newStreamId();
    await storeOn(first).append([{ streamId, expectedVersion: 0, events: [itemAdded('a'), itemAdded('b')] }]);
    first.close();
    const events = await storeOn(open()).readStream(streamId);
    expect(events.map((event) => event.recorded!.streamPosition)).toEqual([1, 2]);
  });

  it('sees appends made through another connection: live subscriptions poll, stale versions conflict', async () => {
    const mine = storeOn(open());
    const theirs = storeOn(open());
    const streamId = newStreamId();
    const subscription = collect(mine, { after: 0 });
    await theirs.append([{ streamId, expectedVersion: 0, events: [itemAdded('from another process')] }]);
    await eventually(() => subscription.events.length === 1, 'an event written by another connection');
    const late = mine.append([{ streamId, expectedVersion: 0, events: [itemAdded('late')] }]);
    await expect(late).rejects.toBeInstanceOf(ConcurrencyError);
    subscription.stop();
    await subscription.done;
  });

  it('wakes a live subscription on a local append without waiting for the poll', async () => {
    const db = open();
    const subscriber = storeOn(db, 60_000);
    const subscription = collect(subscriber, { after: 0 });
    await storeOn(db, 60_000).append([{ streamId: newStreamId(), expectedVersion: 0, events: [itemAdded('a')] }]);
    await eventually(() => subscription.events.length === 1, 'the notified event', 2000);
    subscription.stop();
    await subscription.done;
  });

  it('leaves no timer behind when a live subscription is aborted', async () => {
    const store = storeOn(open());
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const before = timers();
    const subscription = collect(store, { after: 0 });
    await eventually(() => timers() > before, 'the poll timer');
    subscription.stop();
    await subscription.done;
    expect(timers()).toBe(before);
  });

  it('surfaces a failing poll instead of swallowing it', async () => {
    const db = open();
    const store = storeOn(db);
    const subscription = collect(store, { after: 0 });
    await new Promise((resolve) => setTimeout(resolve, 30));
    db.close();
    await expect(subscription.done).rejects.toThrow(/database connection is not open/);
  });
});
