import type { DomainEvent } from '@mandate/domain/shared/domain-event';
import { ConcurrencyError } from '../errors';
import { GENESIS_HASH, eventDigest, globalHash, hashHex, streamHash, type Hash } from '../hash-chain/event-hash';
import type { HashedRow } from '../hash-chain/hashed-log';
import { verifyEventLog } from '../hash-chain/verify-event-log';
import { newStreamId } from './contract-helpers';
import type { ContractContext } from './event-store.contract';
import { CONTRACT_META, ContractItemAdded, ContractItemRemoved, itemAdded } from './test-events';

/** Every appended event carries the two hashes (hash-chain/event-hash.ts), and they chain. */
export function describeHashChainContract(context: ContractContext): void {
  const store = () => context.store();

  /** Recomputes both chains over the stored rows, independently of the verifier, and checks each stored hash. */
  async function expectChained(): Promise<HashedRow[]> {
    const log = context.hashedLog();
    const rows = await log.read(0, await log.head(), 10_000);
    const streams = new Map<string, { version: number; hash: Hash }>();
    let previous = GENESIS_HASH;
    for (const row of rows) {
      const tip = streams.get(row.streamId) ?? { version: 0, hash: GENESIS_HASH };
      expect({ position: row.globalPosition, version: row.streamPosition }).toEqual({ position: row.globalPosition, version: tip.version + 1 });
      const digest = eventDigest({ ...row, data: JSON.parse(row.data), metadata: JSON.parse(row.metadata) });
      const ownStream = streamHash(tip.hash, row.streamPosition, digest);
      const ownGlobal = globalHash(previous, row.globalPosition, ownStream);
      expect({ position: row.globalPosition, stream: hashHex(row.streamHash), global: hashHex(row.globalHash) }).toEqual({
        position: row.globalPosition,
        stream: ownStream,
        global: ownGlobal,
      });
      streams.set(row.streamId, { version: row.streamPosition, hash: ownStream });
      previous = ownGlobal;
    }
    return rows;
  }

  describe('hash chains', () => {
    it('chains every appended event to the previous one of its stream and of the log', async () => {
      const [a, b, c] = [newStreamId(), newStreamId(), newStreamId()];
      await store().append([{ streamId: a, expectedVersion: 0, events: [itemAdded('1'), itemAdded('2')] }]);
      await store().append([{ streamId: b, expectedVersion: 0, events: [itemAdded('3')] }]);
      await expect(store().append([{ streamId: a, expectedVersion: 0, events: [itemAdded('lost')] }])).rejects.toBeInstanceOf(ConcurrencyError);
      await store().append([
        { streamId: b, expectedVersion: 1, events: [new ContractItemRemoved({ itemId: '3' }, { occurredAt: CONTRACT_META.occurredAt, actor: CONTRACT_META.actor })] },
        { streamId: a, expectedVersion: 2, events: [itemAdded('4')] },
        { streamId: c, expectedVersion: 'any', events: [itemAdded('5')] },
        { streamId: a, expectedVersion: 3, events: [itemAdded('6')] },
      ]);
      const rows = await expectChained();
      expect(rows.map((r) => [r.streamId, r.streamPosition])).toEqual([[a, 1], [a, 2], [b, 1], [b, 2], [a, 3], [c, 1], [a, 4]]);
    });

    it('hashes the content as appended: the digest of the event in memory is the digest of its stored row', async () => {
      // Keys out of order, text JSON escapes, a large number: the stored JSON text need not be canonical.
      const event = new ContractItemAdded({ quantity: 1e21, itemId: 'é "x" \u2028 \ud83d\ude00' } as ContractItemAdded['data'], { ...CONTRACT_META, causationId: undefined });
      await store().append([{ streamId: newStreamId(), expectedVersion: 0, events: [event] }]);
      const [row] = await expectChained();
      const recorded = event.recorded!;
      const inMemory = eventDigest({ eventId: recorded.eventId, streamId: recorded.streamId, type: event.type, schemaVersion: recorded.schemaVersion, recordedAt: recorded.recordedAt, data: event.data, metadata: event.meta });
      expect(eventDigest({ ...row, data: JSON.parse(row.data), metadata: JSON.parse(row.metadata) })).toBe(inMemory);
    });

    it('keeps one chain through appends from two stores at once, and verifies', async () => {
      const other = await context.openAnother();
      const shared = newStreamId('shared');
      const appended: DomainEvent[] = [];
      const appendFrom = async (s: typeof other, i: number) => {
        const events = [itemAdded(`${i}.a`), itemAdded(`${i}.b`)];
        await s.append([{ streamId: newStreamId(), expectedVersion: 0, events }]);
        const one = itemAdded(`${i}.shared`);
        await s.append([{ streamId: shared, expectedVersion: 'any', events: [one] }]);
        appended.push(...events, one);
      };
      await Promise.all(Array.from({ length: 12 }, (_, i) => appendFrom(i % 2 === 0 ? store() : other, i)));
      const rows = await expectChained();
      expect(rows).toHaveLength(36);
      const report = await verifyEventLog(context.hashedLog(), { pageSize: 7 });
      expect(report).toMatchObject({ ok: true, events: 36, streams: 13, finding: null });
      expect(report.head).toEqual({ position: rows[35].globalPosition, hash: hashHex(rows[35].globalHash) });
      expect(new Set(appended.map((e) => e.recorded!.globalPosition))).toEqual(new Set(rows.map((r) => r.globalPosition)));
    });
  });
}
