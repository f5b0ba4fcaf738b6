import { hash as digestOf } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/**
 * The hashes that chain the event log, in one place for the writers (the SQLite store, the
 * PostgreSQL store's mandate_append, the backfill of older stores) and for the verifier.
 *
 *   digest      = SHA-256( UTF-8 of the JSON array
 *                   ["mandate-event/1", event id, stream id, type, schema version, recorded at,
 *                    canonical data, canonical metadata] )
 *   stream hash = SHA-256( previous stream hash ‖ stream position ‖ digest )
 *   global hash = SHA-256( previous global hash ‖ global position ‖ stream hash )
 *
 * where ‖ joins bytes, positions are 8-byte big-endian unsigned integers, the previous stream
 * hash is that of the event one position earlier in the same stream, the previous global hash
 * that of the event before it in the global log, and both are GENESIS_HASH (32 zero bytes) for
 * the first. Every part has a fixed length or is a JSON value of a fixed-length array, so two
 * different events never encode the same bytes. The data and metadata are canonical JSON
 * (canonical-json.ts): the digest does not depend on how the store spelled the JSON text.
 *
 * PostgreSQL computes the two chained hashes itself, under its append lock, as
 * sha256(previous || int8send(position) || digest): the same bytes.
 */
export const GENESIS_HASH: Buffer = Buffer.alloc(32);

/** The fields of an event that its digest covers, as stored (the JSON columns as text or as parsed values). */
export interface HashedEventContent {
  eventId: string;
  streamId: string;
  type: string;
  schemaVersion: number;
  recordedAt: string;
  data: unknown;
  metadata: unknown;
}

const ENCODING = 'mandate-event/1';

/** The canonical encoding of an event's content (exported for tests and for the documentation of the format). */
export function encodeEventContent(event: HashedEventContent): string {
  const { eventId, streamId, type, schemaVersion, recordedAt, data, metadata } = event;
  const head = JSON.stringify([ENCODING, eventId, streamId, type, schemaVersion, recordedAt]);
  return `${head.slice(0, -1)},${canonicalJson(data)},${canonicalJson(metadata)}]`;
}

/** SHA-256 of the event's canonical content: what the stream hash chains. */
export function eventDigest(event: HashedEventContent): Buffer {
  return digestOf('sha256', encodeEventContent(event), 'buffer');
}

/** The stream chain's link: the event at `streamPosition` after the event whose hash is `previous`. */
export function streamHash(previous: Buffer, streamPosition: number, digest: Buffer): Buffer {
  return link(previous, streamPosition, digest);
}

/** The global chain's link: the event at `globalPosition` after the event whose global hash is `previous`. */
export function globalHash(previous: Buffer, globalPosition: number, streamHashOfEvent: Buffer): Buffer {
  return link(previous, globalPosition, streamHashOfEvent);
}

function link(previous: Buffer, position: number, hash: Buffer): Buffer {
  if (previous.length !== 32 || hash.length !== 32) throw new Error('a chain link takes 32-byte hashes');
  if (!Number.isSafeInteger(position) || position < 1) throw new Error(`a chain position is a positive integer, got ${position}`);
  const bytes = Buffer.allocUnsafe(72);
  previous.copy(bytes, 0);
  bytes.writeUInt32BE(Math.floor(position / 2 ** 32), 32);
  bytes.writeUInt32BE(position % 2 ** 32, 36);
  hash.copy(bytes, 40);
  return digestOf('sha256', bytes, 'buffer');
}

/** The hash as operators read and write it: 64 lowercase hexadecimal digits. */
export function hashHex(hash: Buffer): string {
  return hash.toString('hex');
}
