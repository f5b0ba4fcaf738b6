import { ChainBuilder } from './chain-builder';
import { hashBytes, hashHex } from './event-hash';
import type { HashedLog, HashedRow } from './hashed-log';
import { verifyEventLog } from './verify-event-log';

/** A log in memory, as an adapter would read it back; tests change its rows as someone editing the store would. */
class MemoryLog implements HashedLog {
  constructor(
    public rows: HashedRow[],
    readonly gapFree = true,
  ) {}

  async head(): Promise<number> {
    return this.rows.reduce((max, row) => Math.max(max, row.globalPosition), 0);
  }

  async read(after: number, upTo: number, limit: number): Promise<HashedRow[]> {
    return this.sorted()
      .filter((row) => row.globalPosition > after && row.globalPosition <= upTo)
      .slice(0, limit);
  }

  async positionOf(streamId: string, streamPosition: number): Promise<number | null> {
    return this.rows.find((row) => row.streamId === streamId && row.streamPosition === streamPosition)?.globalPosition ?? null;
  }

  async close(): Promise<void> {}

  at(position: number): HashedRow {
    return this.rows.find((row) => row.globalPosition === position)!;
  }

  private sorted(): HashedRow[] {
    return [...this.rows].sort((a, b) => a.globalPosition - b.globalPosition);
  }
}

/** `count` events over three streams (a, b, c in turn), chained as a store writes them; `positions` may skip numbers. */
function chainedRows(count: number, positions = Array.from({ length: count }, (_, i) => i + 1)): HashedRow[] {
  const chain = new ChainBuilder();
  const versions = new Map<string, number>();
  return positions.map((globalPosition, i) => {
    const streamId = `stream-${'abc'[i % 3]}`;
    const streamPosition = (versions.get(streamId) ?? 0) + 1;
    versions.set(streamId, streamPosition);
    const content = {
      eventId: `event-${i + 1}`,
      streamId,
      type: 'ItemAdded',
      schemaVersion: 1,
      recordedAt: '2026-05-06T02:00:00.000Z',
      data: { n: i + 1, label: `item ${i + 1}` },
      metadata: { actor: { userId: 'u1' }, occurredAt: '2026-05-06T02:00:00.000Z' },
    };
    const { streamHash, globalHash } = chain.next({ ...content, streamPosition, globalPosition });
    return { ...content, globalPosition, streamPosition, data: JSON.stringify(content.data), metadata: JSON.stringify(content.metadata), streamHash: hashBytes(streamHash), globalHash: hashBytes(globalHash) };
  });
}

function swapPositions(log: MemoryLog, p: number, q: number): void {
  const [a, b] = [log.at(p), log.at(q)];
  [a.globalPosition, b.globalPosition] = [q, p];
}

describe('verifyEventLog', () => {
  it('passes an untouched log, counting events and streams and giving the head hash', async () => {
    const rows = chainedRows(10);
    const progress: number[] = [];
    const report = await verifyEventLog(new MemoryLog(rows), { pageSize: 4, onProgress: (position) => progress.push(position) });
    expect(report).toEqual({ ok: true, events: 10, streams: 3, head: { position: 10, hash: hashHex(rows[9].globalHash!) }, finding: null });
    expect(progress).toEqual([4, 8, 10]);
  });

  it('passes an empty log, whose head hash is 64 zeros', async () => {
    expect(await verifyEventLog(new MemoryLog([]))).toMatchObject({ ok: true, events: 0, streams: 0, head: { position: 0, hash: '0'.repeat(64) } });
  });

  it('finds an event whose data was edited, at its position', async () => {
    const log = new MemoryLog(chainedRows(10));
    log.at(6).data = JSON.stringify({ n: 6, label: 'item six' });
    const report = await verifyEventLog(log, { pageSize: 4 });
    expect(report).toMatchObject({ ok: false, events: 5, head: { position: 5 } });
    expect(report.finding).toMatchObject({ kind: 'modified', globalPosition: 6, streamId: 'stream-c', streamVersion: 2 });
    expect(report.finding!.detail).toContain('content');
  });

  it('does not mind the JSON being respelled (key order, spaces): the hash covers the canonical JSON', async () => {
    const log = new MemoryLog(chainedRows(4));
    log.at(2).data = '{ "label": "item 2", "n": 2 }';
    expect((await verifyEventLog(log)).ok).toBe(true);
  });

  it.each([
    ['type', (row: HashedRow) => (row.type = 'ItemRemoved')],
    ['event id', (row: HashedRow) => (row.eventId = 'event-x')],
    ['recording time', (row: HashedRow) => (row.recordedAt = '2026-05-07T02:00:00.000Z')],
    ['metadata', (row: HashedRow) => (row.metadata = '{"actor":{"userId":"u2"},"occurredAt":"2026-05-06T02:00:00.000Z"}')],
    ['schema version', (row: HashedRow) => (row.schemaVersion = 2)],
    ['stream version', (row: HashedRow) => (row.streamPosition = 9)],
    ['stream', (row: HashedRow) => (row.streamId = 'stream-z')],
    ['data, to something that is not JSON', (row: HashedRow) => (row.data = '{')],
    ['stream hash', (row: HashedRow) => (row.streamHash = Buffer.alloc(32, 7))],
    ['global hash', (row: HashedRow) => (row.globalHash = Buffer.alloc(32, 7))],
  ])('finds an event whose %s was changed, as modified at its position', async (_what, change) => {
    const log = new MemoryLog(chainedRows(9));
    change(log.at(5));
    const report = await verifyEventLog(log);
    expect(report.finding).toMatchObject({ kind: 'modified', globalPosition: 5 });
    expect(report.events).toBe(4);
  });

  it('finds a removed event: the missing position, and the stream and version it held', async () => {
    const log = new MemoryLog(chainedRows(12));
    log.rows = log.rows.filter((row) => row.globalPosition !== 5); // stream-b version 2
    const report = await verifyEventLog(log);
    expect(report.finding).toMatchObject({ kind: 'removed', globalPosition: 5, streamId: 'stream-b', streamVersion: 2 });
    expect(report.finding!.detail).toContain('Global position 5 is missing');
  });

  it('finds removed events where the chain goes on over the hole (positions never skipped), but not where they may be', async () => {
    const rows = chainedRows(8, [1, 2, 3, 6, 7, 8, 9, 10]);
    expect((await verifyEventLog(new MemoryLog(rows, true))).finding).toMatchObject({ kind: 'removed', globalPosition: 4 });
    expect((await verifyEventLog(new MemoryLog(rows, false))).ok).toBe(true);
  });

  it('finds two events that swapped positions, naming where the one appended first now is', async () => {
    const log = new MemoryLog(chainedRows(12));
    swapPositions(log, 4, 9); // stream-a v2 and stream-c v3
    const report = await verifyEventLog(log);
    expect(report.finding).toMatchObject({ kind: 'reordered', globalPosition: 4, streamId: 'stream-a', streamVersion: 2 });
    expect(report.finding!.detail).toContain('is now at position 9');
  });

  it('finds two neighbours of one stream that swapped positions', async () => {
    const log = new MemoryLog(chainedRows(12));
    swapPositions(log, 1, 4); // stream-a v1 and v2
    expect((await verifyEventLog(log)).finding).toMatchObject({ kind: 'reordered', globalPosition: 1, streamId: 'stream-a', streamVersion: 1 });
  });

  it('finds an event moved to the end of the log', async () => {
    const log = new MemoryLog(chainedRows(6));
    log.at(3).globalPosition = 7;
    expect((await verifyEventLog(log)).finding).toMatchObject({ kind: 'reordered', globalPosition: 3, streamId: 'stream-c', streamVersion: 1 });
  });

  it('finds a row inserted without hashes, or with hashes that fit nothing', async () => {
    const bare = new MemoryLog(chainedRows(6));
    bare.rows.push({ ...bare.at(6), globalPosition: 7, streamPosition: 3, eventId: 'forged', streamHash: null, globalHash: null });
    expect((await verifyEventLog(bare)).finding).toMatchObject({ kind: 'inserted', globalPosition: 7 });

    const forged = new MemoryLog(chainedRows(6));
    for (const row of forged.rows) if (row.globalPosition >= 3) row.globalPosition += 1;
    forged.rows.push({ ...forged.at(2), globalPosition: 3, streamPosition: 9, eventId: 'forged' });
    const report = await verifyEventLog(forged);
    expect(report.finding?.globalPosition).toBe(3);
    expect(['inserted', 'reordered']).toContain(report.finding?.kind);
  });

  it('with a head recorded earlier, finds the log cut back below it, and a chain recomputed over a change', async () => {
    const rows = chainedRows(10);
    const recorded = (await verifyEventLog(new MemoryLog(rows))).head;

    const cut = new MemoryLog(rows.slice(0, 7));
    expect((await verifyEventLog(cut)).ok).toBe(true); // without the recorded head, nothing tells
    expect((await verifyEventLog(cut, { expect: recorded })).finding).toMatchObject({ kind: 'truncated', globalPosition: 8 });

    const rewritten = chainedRows(10);
    expect(hashHex(rewritten[9].globalHash!)).toBe(recorded.hash);
    const other = chainedRows(10).map((row, i) => (i === 0 ? { ...row, eventId: 'changed' } : row));
    const recomputed = new MemoryLog(rechain(other));
    expect((await verifyEventLog(recomputed)).ok).toBe(true);
    expect((await verifyEventLog(recomputed, { expect: recorded })).finding).toMatchObject({ kind: 'rewritten', globalPosition: 10 });

    expect((await verifyEventLog(new MemoryLog(chainedRows(12)), { expect: recorded })).ok).toBe(true);
    expect((await verifyEventLog(new MemoryLog(chainedRows(12)), { expect: { ...recorded, hash: recorded.hash.toUpperCase() } })).ok).toBe(true);
  });
});

/** The rows with both chains recomputed over their content as it is now: what an attacker with write access can do. */
function rechain(rows: HashedRow[]): HashedRow[] {
  const chain = new ChainBuilder();
  return rows.map((row) => {
    const hashes = chain.next({ ...row, data: JSON.parse(row.data), metadata: JSON.parse(row.metadata) });
    return { ...row, streamHash: hashBytes(hashes.streamHash), globalHash: hashBytes(hashes.globalHash) };
  });
}
