import type { Pool } from 'pg';
import { createPostgresTestDatabase, type PostgresTestDatabase } from '@mandate/testing';
import { collect, eventually, newStreamId, positions } from '../contract/contract-helpers';
import { eventStoreContract } from '../contract/event-store.contract';
import { CONTRACT_META, itemAdded, registerContractEvents } from '../contract/test-events';
import { ConcurrencyError } from '../errors';
import { EventTypeRegistry } from '../event-type-registry';
import type { EventStore } from '../event-store.port';
import { PostgresEventStore } from './postgres-event-store';
import { PostgresHashedLog } from './postgres-hashed-log';
import { openPostgresPool } from './postgres-pool';

const NOW = new Date('2026-04-28T02:00:05.000Z');
const now = () => NOW;

eventStoreContract('PostgreSQL', async () => {
  const database = await createPostgresTestDatabase('contract');
  const pools: Pool[] = [openPostgresPool(database.url)];
  const registry = new EventTypeRegistry();
  return {
    store: await PostgresEventStore.open(pools[0], registry, now, { pollIntervalMs: 50 }),
    registry,
    openAnother: async (other) => {
      // A second process: its own pool, its own listening connection.
      const pool = openPostgresPool(database.url);
      pools.push(pool);
      return PostgresEventStore.open(pool, other, now, { pollIntervalMs: 50 });
    },
    hashedLog: () => new PostgresHashedLog(pools[0]),
    cleanup: async () => {
      await Promise.all(pools.map((pool) => pool.end()));
      await database.drop();
    },
  };
});

/** The columns a test writes directly, as an append would. */
const RAW_INSERT = `insert into events (event_id, stream_id, stream_position, message_type, message_schema_version, data, metadata, recorded_at)
  values (gen_random_uuid()::text, $1, 1, 'ContractItemAdded', 1, $2, $3, '2026-04-28T02:00:05.000Z') returning global_position`;

/** A reader that trusts the sequence: everything above its checkpoint, in position order. What the store must not do. */
async function naiveReadAll(pool: Pool, after: number): Promise<number[]> {
  const { rows } = await pool.query<{ global_position: number }>('select global_position from events where global_position > $1 order by global_position', [after]);
  return rows.map((r) => r.global_position);
}

/** A catch-up reader with a checkpoint, reading twice: once while a transaction is open, once after it commits. */
async function catchUpAcrossCommit(read: (after: number) => Promise<number[]>, commit: () => Promise<void>): Promise<number[]> {
  const seen: number[] = [];
  const readOn = async () => {
    const batch = await read(seen.length ? seen[seen.length - 1] : 0);
    seen.push(...batch);
  };
  await readOn();
  await commit();
  await readOn();
  return seen;
}

describe('PostgresEventStore on its server', () => {
  let database: PostgresTestDatabase;
  const pools: Pool[] = [];
  const stores: EventStore[] = [];
  const pool = () => {
    const p = openPostgresPool(database.url);
    pools.push(p);
    return p;
  };
  const storeOn = async (p: Pool, pollIntervalMs = 20) => {
    const store = await PostgresEventStore.open(p, registerContractEvents(new EventTypeRegistry()), now, { pollIntervalMs });
    stores.push(store);
    return store;
  };

  beforeEach(async () => {
    database = await createPostgresTestDatabase('pg_store');
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    await Promise.all(pools.splice(0).map((p) => p.end()));
    await database.drop();
  });

  it('stores data and metadata as JSON text, the clock time as recorded_at, and the writing transaction', async () => {
    const p = pool();
    const streamId = newStreamId('task');
    await (await storeOn(p)).append([{ streamId, expectedVersion: 0, events: [itemAdded('a', 3)] }]);
    const { rows } = await p.query('select *, transaction_id::text as xid from events');
    expect(rows[0]).toMatchObject({ global_position: 1, stream_id: streamId, stream_position: 1, message_type: 'ContractItemAdded', recorded_at: NOW.toISOString() });
    expect(JSON.parse(rows[0].data)).toEqual({ itemId: 'a', quantity: 3 });
    expect(JSON.parse(rows[0].metadata)).toEqual(CONTRACT_META);
    expect(Number(rows[0].xid)).toBeGreaterThan(0);
  });

  it('never skips an event whose transaction commits after a later-numbered one (the naive reader does)', async () => {
    const p = pool();
    const store = await storeOn(p);
    // A slow writer takes position 1 and has not committed yet…
    const slow = await p.connect();
    await slow.query('begin');
    const { rows } = await slow.query<{ global_position: number }>(RAW_INSERT, [newStreamId(), '{"itemId":"slow","quantity":1}', JSON.stringify(CONTRACT_META)]);
    const slowPosition = rows[0].global_position;
    // …while a fast one appends position 2 and commits.
    const fast = await store.append([{ streamId: newStreamId(), expectedVersion: 0, events: [itemAdded('fast')] }]);
    expect(fast.lastGlobalPosition).toBeGreaterThan(slowPosition);
    const commitSlow = async () => {
      await slow.query('commit');
      slow.release();
    };

    const ours = await catchUpAcrossCommit(async (after) => positions(await store.readAll({ after, limit: 100 })), async () => {
      expect(await store.headPosition()).toBe(0);
      await commitSlow();
    });
    expect(ours).toEqual([slowPosition, fast.lastGlobalPosition]);
    expect(await store.headPosition()).toBe(fast.lastGlobalPosition);

    // The same two commits read by sequence alone lose the slow event for good.
    const slow2 = await p.connect();
    await slow2.query('begin');
    const late = (await slow2.query<{ global_position: number }>(RAW_INSERT, [newStreamId(), '{"itemId":"slow2","quantity":1}', JSON.stringify(CONTRACT_META)])).rows[0].global_position;
    const fast2 = await store.append([{ streamId: newStreamId(), expectedVersion: 0, events: [itemAdded('fast2')] }]);
    const naive = await catchUpAcrossCommit((after) => naiveReadAll(p, Math.max(after, fast.lastGlobalPosition)), async () => {
      await slow2.query('commit');
      slow2.release();
    });
    expect(naive).toEqual([fast2.lastGlobalPosition]);
    expect(naive).not.toContain(late);
  });

  it('a subscription delivers every event exactly once, in order, while eight connections append at once', async () => {
    const reader = await storeOn(pool(), 10);
    const subscription = collect(reader, { after: 0, batchSize: 37 });
    const writers = await Promise.all(Array.from({ length: 8 }, () => storeOn(pool())));
    const shared = newStreamId('shared');
    let conflicts = 0;
    await Promise.all(
      writers.map(async (writer, w) => {
        const own = newStreamId(`w${w}`);
        for (let i = 0; i < 40; i++) {
          await writer.append([{ streamId: own, expectedVersion: 2 * i, events: [itemAdded(`${w}.${i}.a`), itemAdded(`${w}.${i}.b`)] }]);
          // Everyone also appends to one shared stream with 'any': positions race, none may be lost.
          await writer.append([{ streamId: shared, expectedVersion: 'any', events: [itemAdded(`${w}.${i}.shared`)] }]).catch((error) => {
            if (!(error instanceof ConcurrencyError)) throw error;
            conflicts++;
          });
        }
      }),
    );
    const stored = (await naiveReadAll(pools[0], 0)).length;
    expect(stored).toBe(8 * 40 * 2 + 8 * 40 - conflicts);
    await eventually(() => subscription.events.length >= stored, `${stored} events through the subscription`, 20_000);
    subscription.stop();
    await subscription.done;
    const delivered = positions(subscription.events);
    expect(delivered).toEqual(await naiveReadAll(pools[0], 0));
    expect(new Set(delivered).size).toBe(delivered.length);
    expect((await reader.readStream(shared)).map((e) => e.recorded!.streamPosition)).toEqual(Array.from({ length: 8 * 40 - conflicts }, (_, i) => i + 1));
  }, 60_000);

  it('one of two concurrent appends at the same expected version wins; the other gets ConcurrencyError', async () => {
    const [a, b] = await Promise.all([storeOn(pool()), storeOn(pool())]);
    const streamId = newStreamId();
    await a.append([{ streamId, expectedVersion: 0, events: [itemAdded('first')] }]);
    const results = await Promise.allSettled([
      a.append([{ streamId, expectedVersion: 1, events: [itemAdded('a')] }]),
      b.append([{ streamId, expectedVersion: 1, events: [itemAdded('b')] }]),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [rejected] = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected.reason).toBeInstanceOf(ConcurrencyError);
    expect(rejected.reason).toMatchObject({ streamId, expectedVersion: 1, actualVersion: 2 });
    expect(await a.readStream(streamId)).toHaveLength(2);
  });

  it('checks appends that go out in the same batch against each other', async () => {
    const store = await storeOn(pool());
    const [other, s] = [newStreamId(), newStreamId()];
    // The first append goes out at once; the next ones wait for it and go out together.
    const results = await Promise.allSettled([
      store.append([{ streamId: other, expectedVersion: 0, events: [itemAdded('first')] }]),
      store.append([{ streamId: s, expectedVersion: 0, events: [itemAdded('b1'), itemAdded('b2')] }]),
      store.append([{ streamId: s, expectedVersion: 0, events: [itemAdded('c')] }]),
      store.append([{ streamId: s, expectedVersion: 'any', events: [itemAdded('d')] }]),
      store.append([{ streamId: s, expectedVersion: 3, events: [itemAdded('e')] }]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ name: 'ConcurrencyError', streamId: s, expectedVersion: 0, actualVersion: 2 });
    expect((results[3] as PromiseFulfilledResult<{ streams: unknown }>).value.streams).toEqual([{ streamId: s, version: 3 }]);
    const events = await store.readStream(s);
    expect(events.map((e) => (e.data as { itemId: string }).itemId)).toEqual(['b1', 'b2', 'd', 'e']);
    expect(events.map((e) => e.recorded!.streamPosition)).toEqual([1, 2, 3, 4]);
    const global = positions(events);
    expect([...global].sort((x, y) => x - y)).toEqual(global);
  });

  it('wakes a live subscription through NOTIFY, long before its poll', async () => {
    const subscriber = await storeOn(pool(), 60_000);
    const subscription = collect(subscriber, { after: 0 });
    // Let the subscription reach its wait (it has read the empty log and listens).
    await new Promise((resolve) => setTimeout(resolve, 200));
    await (await storeOn(pool(), 60_000)).append([{ streamId: newStreamId(), expectedVersion: 0, events: [itemAdded('a')] }]);
    await eventually(() => subscription.events.length === 1, 'the notified event', 5000);
    subscription.stop();
    await subscription.done;
  });

  it('goes on by polling when its listening connection is killed', async () => {
    const p = pool();
    const subscriber = await storeOn(p, 50);
    const subscription = collect(subscriber, { after: 0 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await p.query(`select pg_terminate_backend(pid) from pg_stat_activity where query like 'listen %' and datname = current_database()`);
    await (await storeOn(pool())).append([{ streamId: newStreamId(), expectedVersion: 0, events: [itemAdded('after the kill')] }]);
    await eventually(() => subscription.events.length === 1, 'the event after the listener died', 5000);
    subscription.stop();
    await subscription.done;
  });

  it('two stores migrating the same empty database at once both open', async () => {
    const stores2 = await Promise.all([storeOn(pool()), storeOn(pool()), storeOn(pool())]);
    await stores2[0].append([{ streamId: newStreamId(), expectedVersion: 0, events: [itemAdded('a')] }]);
    expect(await stores2[2].headPosition()).toBe(1);
  });
});
