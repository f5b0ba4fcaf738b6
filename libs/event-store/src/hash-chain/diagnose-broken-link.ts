import { type ChainWalk, describeRow, findingAt } from './chain-walk';
import { globalHash, hashHex, type Hash } from './event-hash';
import type { HashedLog, HashedRow } from './hashed-log';
import type { TamperFinding } from './tamper-finding';

/** A stream whose next version is missing from the log, as the look-ahead met it. */
interface MissingVersion {
  streamId: string;
  version: number;
  /** Where the stream goes on. */
  nextAt: number;
}

/**
 * Why `row` does not follow the last intact event in the global chain. The chain says which
 * event belongs at the first position after that one: whichever row's global hash chains from
 * the last intact hash at that position. The rest of the log is read once to look for it:
 * - found elsewhere: the rows were reordered (or renumbered);
 * - not found, and positions are missing before `row`: the events there were removed (and the
 *   first stream left with a hole in its versions tells which event that was);
 * - not found, no position missing: `row` itself changed (its global or stream hash), or it is
 *   a row the store never appended here.
 */
export async function diagnoseBrokenLink(log: HashedLog, walk: ChainWalk, row: HashedRow, head: number, pageSize: number): Promise<TamperFinding> {
  const missing = walk.last.position + 1;
  const belongsAt = (r: HashedRow) => chainsFrom(walk.last.hash, missing, r);
  const versions = new Map([...walk.streams].map(([id, tip]) => [id, tip.version]));
  let hole: MissingVersion | null = null;
  let next: HashedRow | null = null;
  for await (const r of rowsFrom(log, walk.last.position, head, pageSize)) {
    if (belongsAt(r)) return reordered(row, r, missing);
    if (r.globalPosition > row.globalPosition) next ??= r;
    const seen = versions.get(r.streamId) ?? 0;
    if (hole === null && r.streamPosition > seen + 1 && (await log.positionOf(r.streamId, seen + 1)) === null) {
      hole = { streamId: r.streamId, version: seen + 1, nextAt: r.globalPosition };
    }
    versions.set(r.streamId, Math.max(seen, r.streamPosition));
  }
  if (row.globalPosition > missing) return removed(row, missing, hole);
  return changedInPlace(walk, row, next);
}

function reordered(row: HashedRow, appendedThere: HashedRow, position: number): TamperFinding {
  const holds = row.globalPosition === position ? `position ${position} holds ${describeRow(row)} instead` : `nothing is left at position ${position}`;
  return {
    kind: 'reordered',
    globalPosition: position,
    streamId: appendedThere.streamId,
    streamVersion: appendedThere.streamPosition,
    detail: `The event appended at global position ${position} (${describeRow(appendedThere)}) is now at position ${appendedThere.globalPosition}, and ${holds}: the rows were reordered, or renumbered around a row inserted or removed.`,
  };
}

function removed(row: HashedRow, first: number, hole: MissingVersion | null): TamperFinding {
  const last = row.globalPosition - 1;
  const range = first === last ? `Global position ${first} is` : `Global positions ${first} to ${last} are`;
  const which = hole
    ? ` Stream ${hole.streamId} has no version ${hole.version} any more (it goes on at position ${hole.nextAt}): that was ${first === last ? 'the removed event' : 'one of them'}.`
    : ' Which stream the removed event belonged to cannot be told: no later event of its stream is left to miss it.';
  return {
    kind: 'removed',
    globalPosition: first,
    streamId: hole?.streamId ?? null,
    streamVersion: hole?.version ?? null,
    detail: `${range} missing: removed from the log (it goes on at position ${row.globalPosition}, ${describeRow(row)}).${which}`,
  };
}

function changedInPlace(walk: ChainWalk, row: HashedRow, next: HashedRow | null): TamperFinding {
  const at = `The event at global position ${row.globalPosition} (${describeRow(row)})`;
  const nextChainsFrom = (hash: Hash) => next !== null && chainsFrom(hash, next.globalPosition, next);
  const recomputed = globalHash(walk.last.hash, row.globalPosition, hashHex(row.streamHash)!);
  if (nextChainsFrom(recomputed) || (next === null && walk.streamProblem(row) === null)) {
    return findingAt('modified', row, `${at} was modified: its global hash was changed.`);
  }
  if (nextChainsFrom(hashHex(row.globalHash)!)) {
    return findingAt('modified', row, `${at} was modified: its stream hash was changed (its global hash is the one it was appended with, over another stream hash).`);
  }
  return findingAt('inserted', row, `${at} is not an event the store appended there: its hashes fit neither its content nor its place. It was inserted or replaced, or the hashes around it were rewritten.`);
}

/** Whether `row`'s global hash is the link from `previous` at `position` over its stream hash. */
function chainsFrom(previous: Hash, position: number, row: HashedRow): boolean {
  const [ownStream, ownGlobal] = [hashHex(row.streamHash), hashHex(row.globalHash)];
  return ownStream !== null && ownGlobal !== null && globalHash(previous, position, ownStream) === ownGlobal;
}

/** The rows after `after` up to `head`, page by page. */
async function* rowsFrom(log: HashedLog, after: number, head: number, pageSize: number): AsyncGenerator<HashedRow> {
  for (let position = after; position < head; ) {
    const rows = await log.read(position, head, pageSize);
    if (rows.length === 0) return;
    yield* rows;
    position = rows[rows.length - 1].globalPosition;
  }
}
