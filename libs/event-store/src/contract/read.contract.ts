import type { DomainEvent } from '@mandate/domain/shared/domain-event';
import type { ExpectedVersion } from '../event-store.port';
import { UnknownEventType } from '../errors';
import { collect, eventually, newStreamId, positions } from './contract-helpers';
import type { ContractContext } from './event-store.contract';
import { CONTRACT_META, ContractItemAdded, ContractNoteAdded, ContractNoteAddedV1, ContractSurprise, itemAdded } from './test-events';

const itemIdOf = (event: DomainEvent) => (event.data as { itemId: string }).itemId;

/** The global log, subscriptions, schema versions and unknown types. */
export function describeReadContract(context: ContractContext): void {
  const store = () => context.store();
  const appendTo = (streamId: string, expectedVersion: ExpectedVersion, ...events: DomainEvent[]) =>
    store().append([{ streamId, expectedVersion, events }]);

  describe('the global log', () => {
    it('orders events across streams by global position, in append order', async () => {
      const [a, b] = [newStreamId(), newStreamId()];
      await appendTo(a, 0, itemAdded('1'));
      await appendTo(b, 0, itemAdded('2'));
      await appendTo(a, 1, itemAdded('3'));
      await store().append([
        { streamId: b, expectedVersion: 1, events: [itemAdded('4')] },
        { streamId: a, expectedVersion: 2, events: [itemAdded('5')] },
      ]);
      const all = await store().readAll({ after: 0, limit: 100 });
      expect(all.map(itemIdOf)).toEqual(['1', '2', '3', '4', '5']);
      expect(all.map((e) => e.recorded!.streamId)).toEqual([a, b, a, b, a]);
      const global = positions(all);
      expect(global[0]).toBeGreaterThan(0);
      for (let i = 1; i < global.length; i++) expect(global[i]).toBeGreaterThan(global[i - 1]);
      expect(await store().headPosition()).toBe(global[4]);
    });

    it('pages through the log with after/limit', async () => {
      for (let i = 0; i < 5; i++) await appendTo(newStreamId(), 0, ...[1, 2, 3, 4, 5].map((n) => itemAdded(`${i}.${n}`)));
      const all = await store().readAll({ after: 0, limit: 1000 });
      expect(all).toHaveLength(25);
      const pages: number[][] = [];
      for (let after = 0; ; ) {
        const page = await store().readAll({ after, limit: 10 });
        if (page.length === 0) break;
        pages.push(positions(page));
        after = page[page.length - 1].recorded!.globalPosition;
      }
      expect(pages.map((page) => page.length)).toEqual([10, 10, 5]);
      expect(pages.flat()).toEqual(positions(all));
      expect(await store().readAll({ after: positions(all)[12], limit: 3 })).toEqual(all.slice(13, 16));
      expect(await store().readAll({ after: await store().headPosition(), limit: 10 })).toEqual([]);
    });
  });

  describe('subscribe', () => {
    it('catches up from a checkpoint in batches, then delivers live appends, and ends when aborted', async () => {
      const streamId = newStreamId();
      await appendTo(streamId, 0, ...['1', '2', '3', '4', '5'].map((id) => itemAdded(id)));
      const checkpoint = (await store().readStream(streamId))[1].recorded!.globalPosition;
      const subscription = collect(store(), { after: checkpoint, batchSize: 2 });
      await eventually(() => subscription.events.length === 3, 'catch-up');

      await appendTo(streamId, 5, itemAdded('6'), itemAdded('7'));
      await eventually(() => subscription.events.length === 5, 'live events');
      expect(subscription.events.map(itemIdOf)).toEqual(['3', '4', '5', '6', '7']);
      expect(subscription.events[0]).toBeInstanceOf(ContractItemAdded);
      expect(Math.max(...subscription.batches)).toBeLessThanOrEqual(2);

      subscription.stop();
      await subscription.done;
      await appendTo(streamId, 7, itemAdded('8'));
      expect(subscription.events).toHaveLength(5);
    });

    it('delivers events appended by another store instance on the same storage', async () => {
      const other = await context.openAnother();
      const subscription = collect(store(), { after: 0 });
      await other.append([{ streamId: newStreamId(), expectedVersion: 0, events: [itemAdded('elsewhere')] }]);
      await eventually(() => subscription.events.length === 1, 'an event from another store');
      subscription.stop();
      await subscription.done;
    });

    it('ends at once when the signal is already aborted, and when the store closes', async () => {
      const controller = new AbortController();
      controller.abort();
      for await (const batch of store().subscribe({ after: 0, signal: controller.signal })) {
        throw new Error(`an aborted subscription yielded ${batch.length} events`);
      }
      const subscription = collect(store(), { after: 0 });
      await store().close();
      await subscription.done;
    });
  });

  describe('schema versions and types', () => {
    it('upcasts an event stored at v1 to the current v2 before building its class', async () => {
      const streamId = newStreamId();
      await appendTo(streamId, 0, new ContractNoteAddedV1({ text: 'old' }, CONTRACT_META));
      await appendTo(streamId, 1, new ContractNoteAdded({ text: 'new', author: 'ann' }, CONTRACT_META));
      const [old, current] = await store().readStream(streamId);
      expect(old).toBeInstanceOf(ContractNoteAdded);
      expect(old.data).toEqual({ text: 'old', author: 'unknown' });
      expect(old.schemaVersion).toBe(2);
      expect(old.recorded!.schemaVersion).toBe(1);
      expect(current.data).toEqual({ text: 'new', author: 'ann' });
      expect(current.recorded!.schemaVersion).toBe(2);
    });

    it('reading a stored type with no registered class throws UnknownEventType', async () => {
      const streamId = newStreamId();
      const other = await context.openAnother(ContractSurprise);
      await other.append([{ streamId, expectedVersion: 0, events: [new ContractSurprise({ note: 'x' }, CONTRACT_META)] }]);
      await expect(store().readStream(streamId)).rejects.toMatchObject({ name: 'UnknownEventType', eventType: 'ContractSurprise' });
      await expect(store().readAll({ after: 0, limit: 10 })).rejects.toBeInstanceOf(UnknownEventType);
      expect(await other.readStream(streamId)).toHaveLength(1);
    });
  });
}
