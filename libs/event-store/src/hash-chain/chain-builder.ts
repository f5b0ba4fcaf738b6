import { GENESIS_HASH, eventDigest, globalHash, streamHash, type Hash, type HashedEventContent } from './event-hash';

/** An event as the chain builder takes it: its content and both positions. */
export interface ChainedEvent extends HashedEventContent {
  streamPosition: number;
  globalPosition: number;
}

/**
 * Extends both chains one event at a time, in global order, from the start of the log: the
 * backfill of a store written before events carried hashes. Keeps the last hash of every
 * stream it has seen.
 */
export class ChainBuilder {
  private readonly streams = new Map<string, Hash>();
  private last: Hash = GENESIS_HASH;

  next(event: ChainedEvent): { streamHash: Hash; globalHash: Hash } {
    const previous = this.streams.get(event.streamId) ?? GENESIS_HASH;
    const ownStreamHash = streamHash(previous, event.streamPosition, eventDigest(event));
    const ownGlobalHash = globalHash(this.last, event.globalPosition, ownStreamHash);
    this.streams.set(event.streamId, ownStreamHash);
    this.last = ownGlobalHash;
    return { streamHash: ownStreamHash, globalHash: ownGlobalHash };
  }
}
