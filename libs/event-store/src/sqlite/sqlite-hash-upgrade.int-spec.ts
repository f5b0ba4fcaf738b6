import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { newStreamId } from '../contract/contract-helpers';
import { CONTRACT_META, itemAdded, registerContractEvents } from '../contract/test-events';
import { EventTypeRegistry } from '../event-type-registry';
import { verifyEventLog } from '../hash-chain/verify-event-log';
import { openSqliteDatabase } from './sqlite-database';
import { SqliteEventStore } from './sqlite-event-store';
import { SqliteHashedLog } from './sqlite-hashed-log';

/** The events table as stores made before events carried hashes have it. */
const TABLE_BEFORE_HASHES = `
CREATE TABLE events (
  global_position        INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id               TEXT    NOT NULL UNIQUE,
  stream_id              TEXT    NOT NULL,
  stream_position        INTEGER NOT NULL,
  message_type           TEXT    NOT NULL,
  message_schema_version INTEGER NOT NULL,
  data                   TEXT    NOT NULL,
  metadata               TEXT    NOT NULL,
  recorded_at            TEXT    NOT NULL,
  UNIQUE (stream_id, stream_position)
) STRICT;`;

const now = () => new Date('2026-04-28T02:00:05.000Z');

describe('a SQLite store made before events carried hashes', () => {
  let dir: string;
  let db: Database;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mandate-hash-upgrade-'));
    db = openSqliteDatabase(join(dir, 'mandate.sqlite'));
    db.exec(TABLE_BEFORE_HASHES);
    const insert = db.prepare(
      `INSERT INTO events (event_id, stream_id, stream_position, message_type, message_schema_version, data, metadata, recorded_at)
       VALUES (?, ?, ?, 'ContractItemAdded', 1, ?, ?, '2026-04-01T00:00:00.000Z')`,
    );
    const streams = [newStreamId(), newStreamId(), newStreamId()];
    for (let i = 0; i < 30; i++) {
      insert.run(`old-${i}`, streams[i % 3], Math.floor(i / 3) + 1, `{"quantity": ${i}, "itemId": "${i}"}`, JSON.stringify(CONTRACT_META));
    }
  });

  afterEach(async () => {
    if (db.open) db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('gets both chains computed over its events on the first start, reported through the log option; later appends continue them', async () => {
    const messages: string[] = [];
    const store = new SqliteEventStore(db, registerContractEvents(new EventTypeRegistry()), now, { log: (m) => messages.push(m) });
    expect(messages[0]).toContain('computing the hash chains of 30 events');
    expect(messages[messages.length - 1]).toContain('hashed all 30 events');
    expect(db.prepare('SELECT count(*) FROM events WHERE stream_hash IS NULL OR global_hash IS NULL').pluck().get()).toBe(0);

    const streamId = newStreamId();
    await store.append([{ streamId, expectedVersion: 0, events: [itemAdded('new', 1)] }]);
    const old = db.prepare('SELECT stream_id FROM events WHERE global_position = 1').pluck().get() as string;
    await store.append([{ streamId: old, expectedVersion: 10, events: [itemAdded('new', 2)] }]);
    expect(await verifyEventLog(new SqliteHashedLog(db))).toMatchObject({ ok: true, events: 32, streams: 4, head: { position: 32 } });

    messages.length = 0;
    new SqliteEventStore(db, registerContractEvents(new EventTypeRegistry()), now, { log: (m) => messages.push(m) });
    expect(messages).toEqual([]);
  });

  it('vouches for the events as they were at the upgrade: an edit after it is found', async () => {
    new SqliteEventStore(db, registerContractEvents(new EventTypeRegistry()), now);
    db.prepare(`UPDATE events SET data = '{"itemId":"17","quantity":1700}' WHERE global_position = 18`).run();
    expect((await verifyEventLog(new SqliteHashedLog(db))).finding).toMatchObject({ kind: 'modified', globalPosition: 18 });
  });
});
