import { ChainWalk, findingAt } from './chain-walk';
import { diagnoseBrokenLink } from './diagnose-broken-link';
import type { HashedLog } from './hashed-log';
import type { ChainHead, TamperFinding, VerifyReport } from './tamper-finding';

export interface VerifyOptions {
  /** Rows read per query (default 1000). */
  pageSize?: number;
  /** Called after each page: the global position checked up to, and the head being checked to. */
  onProgress?(position: number, head: number): void;
  /** A head recorded by an earlier verify: the log must still reach it, with the same hash there. */
  expect?: ChainHead;
}

/**
 * Walks the log in global order up to its head as it is when the walk starts, recomputes both
 * chains (event-hash.ts) and stops at the first event that does not verify, saying what the
 * chain tells about it (tamper-finding.ts). What this proves and what it does not:
 * docs/security.md, "Tamper-evident history".
 */
export async function verifyEventLog(log: HashedLog, options: VerifyOptions = {}): Promise<VerifyReport> {
  const pageSize = options.pageSize ?? 1000;
  const head = await log.head();
  const walk = new ChainWalk(log.gapFree);
  const expected = options.expect;
  for (let after = 0; after < head; ) {
    const rows = await log.read(after, head, pageSize);
    if (rows.length === 0) break;
    for (const row of rows) {
      const before = walk.last.position;
      const step = walk.step(row);
      if (step === 'link') return walk.report(await diagnoseBrokenLink(log, walk, row, head, pageSize));
      if (step) return walk.report(step);
      const mismatch = expected && differsFrom(expected, before, walk.last);
      if (mismatch) return walk.report(mismatch.kind === 'rewritten' ? findingAt('rewritten', row, mismatch.detail) : { ...mismatch, globalPosition: before + 1, streamId: null, streamVersion: null });
    }
    after = rows[rows.length - 1].globalPosition;
    options.onProgress?.(after, head);
  }
  if (expected && walk.last.position < expected.position) return walk.report(expectedMissing(expected, walk.last.position));
  return walk.report(null);
}

const REWRITTEN = 'the history up to there was changed and its hashes recomputed (or the head was recorded from another store)';

/** Why the intact chain, just extended past `before` to `now`, does not reach the recorded head; null if it does or has not got there yet. */
function differsFrom(expected: ChainHead, before: number, now: ChainHead): { kind: 'rewritten' | 'removed'; detail: string } | null {
  if (now.position === expected.position && now.hash !== expected.hash.toLowerCase()) {
    return { kind: 'rewritten', detail: `The chain is intact, but its hash at global position ${expected.position} is ${now.hash}, not the ${expected.hash} recorded: ${REWRITTEN}.` };
  }
  if (before < expected.position && now.position > expected.position) {
    return {
      kind: 'removed',
      detail: `The chain goes from global position ${before} to ${now.position}, but position ${expected.position} was recorded (hash ${expected.hash}): the events after position ${before} were removed from the end of the log before the later ones were appended.`,
    };
  }
  return null;
}

function expectedMissing(expected: ChainHead, reached: number): TamperFinding {
  return {
    kind: 'truncated',
    globalPosition: reached + 1,
    streamId: null,
    streamVersion: null,
    detail: `The log ends at global position ${reached}, but position ${expected.position} was recorded (hash ${expected.hash}): the events after position ${reached} were removed.`,
  };
}
