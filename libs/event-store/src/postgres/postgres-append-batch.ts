import type { DomainEvent, RecordedEventInfo } from '@mandate/domain/shared/domain-event';
import type { AppendResult, IdempotencyRecord, StreamAppend } from '../event-store.port';
import { newId } from '../ids';
import { canonicalJson } from '../hash-chain/canonical-json';
import { canonicalEventDigest, hashBytes } from '../hash-chain/event-hash';

/** One caller's append, waiting for the batch it goes out in. */
export interface PendingAppend {
  appends: StreamAppend[];
  idempotency?: IdempotencyRecord;
  /** Times its batch lost a race for a stream position to a writer that bypassed the append lock (it then goes out again). */
  attempts: number;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/** What came back for one append of a batch. */
export type AppendOutcome =
  | { kind: 'written'; recorded: [DomainEvent, RecordedEventInfo][]; streams: { streamId: string; version: number | null }[] }
  | { kind: 'version'; streamId: string; expectedVersion: number; actualVersion: number }
  | { kind: 'idempotency' };

interface Row {
  out_append: number;
  out_event_id: string | null;
  out_position: number | null;
  out_stream_position: number | null;
  out_failure: 'version' | 'idempotency' | null;
  out_detail: string | null;
}

/**
 * The parameters of one mandate_append call (postgres-append-function.ts) for a batch of
 * appends, and the reading of its rows back into one outcome per append.
 */
export class AppendBatch {
  private readonly s: { stream: string[]; expected: number[]; from: number[]; to: number[] } = { stream: [], expected: [], from: [], to: [] };
  private readonly e: Record<'id' | 'type' | 'data' | 'meta', string[]> & Record<'stream' | 'offset' | 'schema' | 'from' | 'to', number[]> = {
    id: [], type: [], data: [], meta: [], stream: [], offset: [], schema: [], from: [], to: [],
  };
  /** Per event: the digest of its content, which mandate_append chains (hash-chain/event-hash.ts). */
  private readonly digests: Buffer[] = [];
  private readonly i: { scope: (string | null)[]; key: (string | null)[]; fingerprint: (string | null)[]; status: (number | null)[]; response: (string | null)[] } = {
    scope: [], key: [], fingerprint: [], status: [], response: [],
  };
  /** Per append: its events with their ids and the index of their stream entry within the append. */
  private readonly planned: { event: DomainEvent; eventId: string; streamId: string; entry: number }[][] = [];

  constructor(
    readonly items: PendingAppend[],
    private readonly recordedAt: string,
  ) {
    for (const item of items) this.add(item);
  }

  values(): unknown[] {
    const { s, e, i } = this;
    return [this.recordedAt, s.stream, s.expected, s.from, s.to, e.id, e.stream, e.offset, e.type, e.schema, e.data, e.meta, e.from, e.to, i.scope, i.key, i.fingerprint, i.status, i.response, this.digests];
  }

  /** One outcome per item, in order: written events come back by id, failures by append number. */
  outcomes(rows: Row[]): AppendOutcome[] {
    const failures = new Map<number, Row>();
    const stored = new Map<string, Row>();
    for (const row of rows) {
      if (row.out_failure !== null) failures.set(row.out_append, row);
      else stored.set(row.out_event_id!, row);
    }
    return this.items.map((item, index) => {
      const failure = failures.get(index + 1);
      if (failure?.out_failure === 'version') {
        const [entry, actual] = failure.out_detail!.split(':').map(Number);
        return { kind: 'version', streamId: this.s.stream[entry - 1], expectedVersion: this.s.expected[entry - 1], actualVersion: actual };
      }
      if (failure) return { kind: 'idempotency' };
      // Each entry's version after it: its last event's position (an entry without events: read after).
      const versions: (number | null)[] = item.appends.map(() => null);
      const recorded = this.planned[index].map(({ event, eventId, streamId, entry }): [DomainEvent, RecordedEventInfo] => {
        const row = stored.get(eventId)!;
        versions[entry] = Math.max(versions[entry] ?? 0, row.out_stream_position!);
        const info = { eventId, streamId, streamPosition: row.out_stream_position!, globalPosition: row.out_position!, recordedAt: this.recordedAt, schemaVersion: event.schemaVersion };
        return [event, info];
      });
      return { kind: 'written', recorded, streams: item.appends.map((a, entry) => ({ streamId: a.streamId, version: versions[entry] })) };
    });
  }

  private add(item: PendingAppend): void {
    const { s, e, i } = this;
    const planned: (typeof this.planned)[number] = [];
    s.from.push(s.stream.length + 1);
    e.from.push(e.id.length + 1);
    item.appends.forEach(({ streamId, expectedVersion, events }, appendEntry) => {
      s.stream.push(streamId);
      s.expected.push(expectedVersion === 'any' ? -1 : expectedVersion);
      const entry = s.stream.length;
      events.forEach((event, k) => {
        const eventId = newId();
        e.id.push(eventId);
        e.stream.push(entry);
        e.offset.push(k + 1);
        e.type.push(event.type);
        e.schema.push(event.schemaVersion);
        // Stored as canonical JSON: the text the digest covers is the text kept.
        const dataJson = canonicalJson(event.data);
        const metadataJson = canonicalJson(event.meta);
        e.data.push(dataJson);
        e.meta.push(metadataJson);
        const { type, schemaVersion } = event;
        this.digests.push(hashBytes(canonicalEventDigest({ eventId, streamId, type, schemaVersion, recordedAt: this.recordedAt, dataJson, metadataJson })));
        planned.push({ event, eventId, streamId, entry: appendEntry });
      });
    });
    s.to.push(s.stream.length);
    e.to.push(e.id.length);
    const key = item.idempotency;
    i.scope.push(key?.scope ?? null);
    i.key.push(key?.key ?? null);
    i.fingerprint.push(key?.fingerprint ?? null);
    i.status.push(key?.statusCode ?? null);
    i.response.push(key ? JSON.stringify(key.response ?? null) : null);
    this.planned.push(planned);
  }
}
