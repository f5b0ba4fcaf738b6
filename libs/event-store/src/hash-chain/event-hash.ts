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
 *
 * In memory a hash is its 64 lowercase hexadecimal digits (a string costs far less to make than
 * a Buffer, and is what operators read); the stores keep the 32 bytes (hashBytes, hashHex).
 */
/** A SHA-256 hash as 64 lowercase hexadecimal digits. */
export type Hash = string;

/** What the first event of a stream, and of the log, chains to: 32 zero bytes. */
export const GENESIS_HASH: Hash = '0'.repeat(64);

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

/** An event's content with its data and metadata already written as canonical JSON (what the stores keep). */
export interface CanonicalEventContent extends Omit<HashedEventContent, 'data' | 'metadata'> {
  dataJson: string;
  metadataJson: string;
}

/** The canonical encoding of an event's content (exported for tests and for the documentation of the format). */
export function encodeEventContent(event: HashedEventContent): string {
  return encodeCanonical({ ...event, dataJson: canonicalJson(event.data), metadataJson: canonicalJson(event.metadata) });
}

function encodeCanonical(event: CanonicalEventContent): string {
  const { eventId, streamId, type, schemaVersion, recordedAt, dataJson, metadataJson } = event;
  const head = JSON.stringify([ENCODING, eventId, streamId, type, schemaVersion, recordedAt]);
  return `${head.slice(0, -1)},${dataJson},${metadataJson}]`;
}

/** SHA-256 of the event's canonical content: what the stream hash chains. */
export function eventDigest(event: HashedEventContent): Hash {
  return digestOf('sha256', encodeEventContent(event), 'hex');
}

/**
 * The same digest, for a writer that has written the data and metadata as canonical JSON
 * already (to store them so): they must be canonicalJson's text, or the verifier disagrees.
 */
export function canonicalEventDigest(event: CanonicalEventContent): Hash {
  return digestOf('sha256', encodeCanonical(event), 'hex');
}

/** The stream chain's link: the event at `streamPosition` after the event whose hash is `previous`. */
export function streamHash(previous: Hash, streamPosition: number, digest: Hash): Hash {
  return link(previous, streamPosition, digest);
}

/** The global chain's link: the event at `globalPosition` after the event whose global hash is `previous`. */
export function globalHash(previous: Hash, globalPosition: number, streamHashOfEvent: Hash): Hash {
  return link(previous, globalPosition, streamHashOfEvent);
}

function link(previous: Hash, position: number, hash: Hash): Hash {
  if (!Number.isSafeInteger(position) || position < 1) throw new Error(`a chain position is a positive integer, got ${position}`);
  const bytes = Buffer.allocUnsafe(72);
  if (previous.length !== 64 || hash.length !== 64 || bytes.write(previous, 0, 32, 'hex') !== 32 || bytes.write(hash, 40, 32, 'hex') !== 32) {
    throw new Error('a chain link takes 32-byte hashes (64 hexadecimal digits)');
  }
  bytes.writeUInt32BE(Math.floor(position / 2 ** 32), 32);
  bytes.writeUInt32BE(position % 2 ** 32, 36);
  return digestOf('sha256', bytes, 'hex');
}

/** A stored hash as a Hash; null if there is none, or it is not 32 bytes. */
export function hashHex(bytes: Buffer | null): Hash | null {
  return bytes !== null && bytes.length === 32 ? bytes.toString('hex') : null;
}

/** A Hash as the 32 bytes the stores keep. */
export function hashBytes(hash: Hash): Buffer {
  return Buffer.from(hash, 'hex');
}
