import { GENESIS_HASH, eventDigest, globalHash, hashHex, streamHash, type Hash } from './event-hash';
import type { HashedRow } from './hashed-log';
import type { TamperFinding, VerifyReport } from './tamper-finding';

/** The last event of a stream seen intact. */
interface StreamTip {
  version: number;
  hash: Hash;
}

/** "stream task-… version 3". */
export function describeRow(row: Pick<HashedRow, 'streamId' | 'streamPosition'>): string {
  return `stream ${row.streamId} version ${row.streamPosition}`;
}

export function findingAt(kind: TamperFinding['kind'], row: HashedRow, detail: string): TamperFinding {
  return { kind, globalPosition: row.globalPosition, streamId: row.streamId, streamVersion: row.streamPosition, detail };
}

/**
 * Both chains as far as they have been checked: the last intact event of the log and of each
 * stream. `step` checks the next row in global order against them and moves on if it holds.
 */
export class ChainWalk {
  readonly streams = new Map<string, StreamTip>();
  last = { position: 0, hash: GENESIS_HASH };
  events = 0;

  constructor(private readonly gapFree: boolean) {}

  /**
   * Null if the row is intact (and the walk moves past it); 'link' if it does not follow the
   * previous event in the global chain (diagnose-broken-link.ts tells why); else what is wrong.
   */
  step(row: HashedRow): TamperFinding | 'link' | null {
    const [ownStream, ownGlobal] = [hashHex(row.streamHash), hashHex(row.globalHash)];
    if (ownStream === null || ownGlobal === null) {
      return findingAt('inserted', row, `The event at global position ${row.globalPosition} (${describeRow(row)}) has no valid hash: it was inserted or written without going through the store, or its hashes were erased.`);
    }
    if (this.gapFree && row.globalPosition !== this.last.position + 1) return 'link';
    if (globalHash(this.last.hash, row.globalPosition, ownStream) !== ownGlobal) return 'link';
    // The global chain holds: the row sits where it was appended, after the event it was appended after.
    const problem = this.streamProblem(row);
    if (problem) return findingAt('modified', row, `The event at global position ${row.globalPosition} (${describeRow(row)}) was modified: ${problem}.`);
    this.streams.set(row.streamId, { version: row.streamPosition, hash: ownStream });
    this.last = { position: row.globalPosition, hash: ownGlobal };
    this.events++;
    return null;
  }

  /** What does not hold between the row and its stream's chain, or null. */
  streamProblem(row: HashedRow): string | null {
    const tip = this.streams.get(row.streamId) ?? { version: 0, hash: GENESIS_HASH };
    if (row.streamPosition !== tip.version + 1) {
      return `its stream or version was changed (the stream's previous event is version ${tip.version})`;
    }
    let digest: Hash;
    try {
      digest = eventDigest({ ...row, data: JSON.parse(row.data), metadata: JSON.parse(row.metadata) });
    } catch {
      return 'its data or metadata is no longer valid JSON';
    }
    if (streamHash(tip.hash, row.streamPosition, digest) !== hashHex(row.streamHash)) {
      return 'its content (data, metadata, type, event id, schema version or recording time) or its stream hash no longer matches the hash it was appended with';
    }
    return null;
  }

  report(finding: TamperFinding | null): VerifyReport {
    return {
      ok: finding === null,
      events: this.events,
      streams: this.streams.size,
      head: { position: this.last.position, hash: this.last.hash },
      finding,
    };
  }
}
