import type { Pool } from 'pg';
import { createPostgresTestDatabase, type PostgresTestDatabase } from '@mandate/testing';
import { newStreamId } from '../contract/contract-helpers';
import { itemAdded, registerContractEvents } from '../contract/test-events';
import { EventTypeRegistry } from '../event-type-registry';
import { verifyEventLog } from '../hash-chain/verify-event-log';
import { UNHASHED_APPEND_SIGNATURE } from './postgres-append-function';
import { PostgresEventStore } from './postgres-event-store';
import { PostgresHashedLog } from './postgres-hashed-log';
import { openPostgresPool } from './postgres-pool';

const now = () => new Date('2026-04-28T02:00:05.000Z');
const open = (pool: Pool, log?: (message: string) => void) => PostgresEventStore.open(pool, registerContractEvents(new EventTypeRegistry()), now, { log });

describe('a PostgreSQL store made before events carried hashes', () => {
  let database: PostgresTestDatabase;
  const pools: Pool[] = [];
  const pool = () => {
    const p = openPostgresPool(database.url);
    pools.push(p);
    return p;
  };

  /** A store at schema version 2: events without hash columns, the old mandate_append (its signature, with a stand-in body). */
  beforeEach(async () => {
    database = await createPostgresTestDatabase('hash_upgrade');
    const p = pool();
    const store = await open(p);
    const streams = [newStreamId(), newStreamId(), newStreamId()];
    for (let i = 0; i < 30; i++) await store.append([{ streamId: streams[i % 3], expectedVersion: 'any', events: [itemAdded(`${i}`, i)] }]);
    await store.close();
    await p.query(`
      alter table events drop column stream_hash, drop column global_hash;
      delete from schema_migrations where component = 'event-store' and version = 3;
      drop function mandate_append;
      create function ${UNHASHED_APPEND_SIGNATURE} returns void language sql as 'select null';
      update events set data = '{ "quantity": ' || stream_position || ', "itemId": "' || global_position || '" }';`);
  });

  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.end()));
    await database.drop();
  });

  it('gets both chains computed over its events by the migration, reported through the log option; later appends continue them', async () => {
    const messages: string[] = [];
    const p = pool();
    const store = await open(p, (m) => messages.push(m));
    expect(messages[0]).toContain('computing the hash chains of 30 events');
    expect(messages[messages.length - 1]).toContain('hashed all 30 events');
    const { rows } = await p.query<{ unhashed: number; functions: number }>(
      `select (select count(*) from events where stream_hash is null or global_hash is null) as unhashed,
              (select count(*) from pg_proc where proname = 'mandate_append') as functions`,
    );
    expect(rows[0]).toEqual({ unhashed: 0, functions: 1 });

    const old = (await p.query<{ stream_id: string }>('select stream_id from events where global_position = 1')).rows[0].stream_id;
    await store.append([{ streamId: old, expectedVersion: 10, events: [itemAdded('new')] }]);
    await store.append([{ streamId: newStreamId(), expectedVersion: 0, events: [itemAdded('new')] }]);
    expect(await verifyEventLog(new PostgresHashedLog(p))).toMatchObject({ ok: true, events: 32, streams: 4, head: { position: 32 } });
    await store.close();
  });

  it('is migrated once when several processes start on it at once', async () => {
    const messages: string[] = [];
    const stores = await Promise.all([0, 1, 2].map(() => open(pool(), (m) => messages.push(m))));
    expect(messages.filter((m) => m.includes('computing the hash chains'))).toHaveLength(1);
    await stores[1].append([{ streamId: newStreamId(), expectedVersion: 0, events: [itemAdded('new')] }]);
    expect(await verifyEventLog(new PostgresHashedLog(pools[0]))).toMatchObject({ ok: true, events: 31 });
    for (const store of stores) await store.close();
  });
});
