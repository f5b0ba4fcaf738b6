/**
 * What verification found wrong first:
 * - modified: an event is where it was appended, but something in its row changed (its
 *   content, its stream or version, or one of its hashes);
 * - removed: events are missing from the log;
 * - reordered: an event is in the log, but at another position than the one it was appended at;
 * - inserted: a row the store did not append (no hashes, or hashes that fit neither its content
 *   nor its place);
 * - truncated: the log ends before a head recorded earlier (verify --expect);
 * - rewritten: the chain is intact, but differs from a head recorded earlier: the hashes were
 *   recomputed after a change (verify --expect).
 */
export type TamperKind = 'modified' | 'removed' | 'reordered' | 'inserted' | 'truncated' | 'rewritten';

export interface TamperFinding {
  kind: TamperKind;
  /** The first global position that does not verify (for `removed`, the first missing position). */
  globalPosition: number;
  /** The event the finding is about, when it can be told: for `removed`, the missing event. */
  streamId: string | null;
  streamVersion: number | null;
  /** One or two sentences: what was found and what it means. */
  detail: string;
}

/** The head of a verified log: an operator writes it down, and passes it to a later verify (--expect). */
export interface ChainHead {
  position: number;
  /** The global hash of the event at `position`, in hexadecimal (64 zeros for an empty log). */
  hash: string;
}

export interface VerifyReport {
  ok: boolean;
  /** Events checked and found intact (before the finding, if there is one). */
  events: number;
  /** Streams those events belong to. */
  streams: number;
  /** The last event found intact. */
  head: ChainHead;
  finding: TamperFinding | null;
}
