import type { DomainEvent } from '@mandate/domain/shared/domain-event';
import type { ExpectedVersion, IdempotencyRecord } from '../event-store.port';
import { ConcurrencyError, IdempotencyKeyUsed, UnknownEventType } from '../errors';
import { ISO_INSTANT, UUID, newStreamId } from './contract-helpers';
import type { ContractContext } from './event-store.contract';
import { CONTRACT_META, ContractItemAdded, ContractItemRemoved, ContractSurprise, itemAdded } from './test-events';

/** Appends: round trip, expected versions, multi-stream atomicity, idempotency. */
export function describeAppendContract(context: ContractContext): void {
  const store = () => context.store();
  const appendTo = (streamId: string, expectedVersion: ExpectedVersion, ...events: DomainEvent[]) =>
    store().append([{ streamId, expectedVersion, events }]);
  const itemIds = async (streamId: string) => (await store().readStream(streamId)).map((e) => (e.data as { itemId: string }).itemId);

  describe('append and readStream', () => {
    it('round-trips events as their classes with data, metadata and recorded info', async () => {
      const streamId = newStreamId();
      const first = itemAdded('a', 2);
      const second = new ContractItemRemoved({ itemId: 'a' }, { occurredAt: '2026-04-28T03:00:00.000Z', actor: CONTRACT_META.actor });
      const result = await appendTo(streamId, 0, first, second);

      expect(result.streams).toEqual([{ streamId, version: 2 }]);
      expect(result.lastGlobalPosition).toBe(second.recorded!.globalPosition);
      expect(first.recorded).toMatchObject({ streamId, streamPosition: 1, schemaVersion: 1 });
      expect(second.recorded).toMatchObject({ streamId, streamPosition: 2, schemaVersion: 1 });
      expect(first.recorded!.eventId).toMatch(UUID);
      expect(first.recorded!.recordedAt).toMatch(ISO_INSTANT);
      expect(second.recorded!.globalPosition).toBeGreaterThan(first.recorded!.globalPosition);

      const read = await store().readStream(streamId);
      expect(read).toHaveLength(2);
      expect(read[0]).toBeInstanceOf(ContractItemAdded);
      expect(read[1]).toBeInstanceOf(ContractItemRemoved);
      expect(read[0].type).toBe('ContractItemAdded');
      expect(read[0].data).toEqual({ itemId: 'a', quantity: 2 });
      expect(read[0].meta).toEqual(CONTRACT_META);
      expect(read[1].meta).toEqual({ occurredAt: '2026-04-28T03:00:00.000Z', actor: CONTRACT_META.actor });
      expect(read[0].recorded).toEqual(first.recorded);
      expect(read[1].recorded).toEqual(second.recorded);
      expect(await store().streamVersion(streamId)).toBe(2);
      expect(await store().headPosition()).toBe(second.recorded!.globalPosition);
    });

    it('reads a stream that does not exist as empty, at version 0', async () => {
      expect(await store().readStream(newStreamId())).toEqual([]);
      expect(await store().streamVersion(newStreamId())).toBe(0);
      expect(await store().headPosition()).toBe(0);
    });

    it('refuses an event of an unregistered type and writes nothing', async () => {
      const streamId = newStreamId();
      const unknown = new ContractSurprise({ note: 'x' }, CONTRACT_META);
      await expect(appendTo(streamId, 0, itemAdded('a'), unknown)).rejects.toBeInstanceOf(UnknownEventType);
      expect(await store().streamVersion(streamId)).toBe(0);
    });
  });

  describe('expected version', () => {
    it('0 on an existing stream conflicts and appends nothing', async () => {
      const streamId = newStreamId();
      await appendTo(streamId, 0, itemAdded('a'));
      const error = await appendTo(streamId, 0, itemAdded('b')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(error).toMatchObject({ streamId, expectedVersion: 0, actualVersion: 1 });
      expect(await itemIds(streamId)).toEqual(['a']);
    });

    it('a stale or future version conflicts; the current one appends', async () => {
      const streamId = newStreamId();
      await appendTo(streamId, 0, itemAdded('a'), itemAdded('b'));
      await expect(appendTo(streamId, 1, itemAdded('c'))).rejects.toMatchObject({ name: 'ConcurrencyError', actualVersion: 2 });
      await expect(appendTo(streamId, 3, itemAdded('c'))).rejects.toBeInstanceOf(ConcurrencyError);
      expect((await appendTo(streamId, 2, itemAdded('c'))).streams).toEqual([{ streamId, version: 3 }]);
      expect(await itemIds(streamId)).toEqual(['a', 'b', 'c']);
    });

    it("'any' appends to a new and to an existing stream", async () => {
      const streamId = newStreamId();
      await appendTo(streamId, 'any', itemAdded('a'));
      expect((await appendTo(streamId, 'any', itemAdded('b'))).streams).toEqual([{ streamId, version: 2 }]);
      expect((await store().readStream(streamId)).map((e) => e.recorded!.streamPosition)).toEqual([1, 2]);
    });
  });

  describe('multi-stream append', () => {
    it('appends to several streams in one call, reporting each new version in order', async () => {
      const [a, b] = [newStreamId(), newStreamId()];
      await appendTo(b, 0, itemAdded('b1'));
      const result = await store().append([
        { streamId: a, expectedVersion: 0, events: [itemAdded('a1'), itemAdded('a2')] },
        { streamId: b, expectedVersion: 1, events: [itemAdded('b2')] },
      ]);
      expect(result.streams).toEqual([{ streamId: a, version: 2 }, { streamId: b, version: 2 }]);
      expect(await itemIds(a)).toEqual(['a1', 'a2']);
      expect(await itemIds(b)).toEqual(['b1', 'b2']);
    });

    it('takes the same stream twice in one call, in order, each at the version the one before left', async () => {
      const a = newStreamId();
      const result = await store().append([
        { streamId: a, expectedVersion: 0, events: [itemAdded('a1'), itemAdded('a2')] },
        { streamId: a, expectedVersion: 2, events: [itemAdded('a3')] },
      ]);
      expect(result.streams).toEqual([{ streamId: a, version: 2 }, { streamId: a, version: 3 }]);
      expect(await itemIds(a)).toEqual(['a1', 'a2', 'a3']);
      const stale = store().append([
        { streamId: a, expectedVersion: 3, events: [itemAdded('a4')] },
        { streamId: a, expectedVersion: 3, events: [itemAdded('a5')] },
      ]);
      await expect(stale).rejects.toMatchObject({ name: 'ConcurrencyError', streamId: a, expectedVersion: 3, actualVersion: 4 });
      expect(await itemIds(a)).toEqual(['a1', 'a2', 'a3']);
    });

    it('is atomic: a conflict on the second stream leaves the first unwritten', async () => {
      const [a, b] = [newStreamId(), newStreamId()];
      await appendTo(b, 0, itemAdded('b1'));
      const head = await store().headPosition();
      const pending = itemAdded('a1');
      const error = await store()
        .append([
          { streamId: a, expectedVersion: 0, events: [pending] },
          { streamId: b, expectedVersion: 0, events: [itemAdded('b2')] },
        ])
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(error).toMatchObject({ streamId: b });
      expect(await store().readStream(a)).toEqual([]);
      expect(await store().streamVersion(b)).toBe(1);
      expect(await store().headPosition()).toBe(head);
      expect(pending.recorded).toBeUndefined();
    });
  });

  describe('idempotency', () => {
    const record: IdempotencyRecord = {
      scope: 'user-1',
      key: 'key-1',
      fingerprint: 'POST /api/tasks/1/acknowledge #abc',
      statusCode: 201,
      response: { id: 't1', version: 1 },
    };

    it('stores the record with the events; reusing the key throws IdempotencyKeyUsed and appends nothing', async () => {
      const streamId = newStreamId();
      await store().append([{ streamId, expectedVersion: 0, events: [itemAdded('a')] }], { idempotency: record });
      expect(await store().findIdempotency('user-1', 'key-1')).toEqual(record);
      const head = await store().headPosition();

      const again = [
        { streamId, expectedVersion: 1, events: [itemAdded('b')] },
        { streamId: newStreamId(), expectedVersion: 0, events: [itemAdded('c')] },
      ];
      const error = await store()
        .append(again, { idempotency: { ...record, statusCode: 200, response: { other: true } } })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IdempotencyKeyUsed);
      expect((error as IdempotencyKeyUsed).record).toEqual(record);
      expect(await store().headPosition()).toBe(head);
      expect(await store().streamVersion(streamId)).toBe(1);
    });

    it('scopes keys: the same key from another scope is a new command', async () => {
      await store().append([{ streamId: newStreamId(), expectedVersion: 0, events: [itemAdded('a')] }], { idempotency: record });
      const otherScope = { ...record, scope: 'user-2' };
      await store().append([{ streamId: newStreamId(), expectedVersion: 0, events: [itemAdded('b')] }], { idempotency: otherScope });
      expect(await store().findIdempotency('user-2', 'key-1')).toEqual(otherScope);
      expect(await store().findIdempotency('user-3', 'key-1')).toBeNull();
    });

    it('keeps no record when the append fails', async () => {
      const streamId = newStreamId();
      await appendTo(streamId, 0, itemAdded('a'));
      const failing = store().append([{ streamId, expectedVersion: 0, events: [itemAdded('b')] }], { idempotency: record });
      await expect(failing).rejects.toBeInstanceOf(ConcurrencyError);
      expect(await store().findIdempotency('user-1', 'key-1')).toBeNull();
    });
  });
}
