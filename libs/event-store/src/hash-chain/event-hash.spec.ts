import { canonicalJson } from './canonical-json';
import { GENESIS_HASH, canonicalEventDigest, encodeEventContent, eventDigest, globalHash, hashBytes, hashHex, streamHash, type HashedEventContent } from './event-hash';

const EVENT: HashedEventContent = {
  eventId: '0b7e4a52-7c0e-4f43-9a64-3c1f1f6f5a01',
  streamId: 'task-1',
  type: 'TaskAssigned',
  schemaVersion: 2,
  recordedAt: '2026-05-06T02:00:00.000Z',
  data: { b: [1, 'x'], a: 'é' },
  metadata: { occurredAt: '2026-05-06T02:00:00.000Z', actor: { userId: 'u1' } },
};

describe('the event hashes', () => {
  it('encode an event as a fixed JSON array, data and metadata canonical', () => {
    expect(encodeEventContent(EVENT)).toBe(
      '["mandate-event/1","0b7e4a52-7c0e-4f43-9a64-3c1f1f6f5a01","task-1","TaskAssigned",2,"2026-05-06T02:00:00.000Z",' +
        '{"a":"é","b":[1,"x"]},{"actor":{"userId":"u1"},"occurredAt":"2026-05-06T02:00:00.000Z"}]',
    );
  });

  // Pinned values (checked against an independent SHA-256 of the same bytes): a change of the
  // format would make every stored chain fail to verify.
  it('keep their format: digest, stream link, global link', () => {
    const digest = eventDigest(EVENT);
    expect(digest).toBe('8ac1888a9f42a5c7a88664cabc205df805ff1e3533defe791239bd74a7c4d30b');
    const ownStream = streamHash(GENESIS_HASH, 1, digest);
    expect(ownStream).toBe('aa4090d1a5a211c828cebf9481ebad0d66a24d1a374748bf86cf671308206623');
    expect(globalHash(GENESIS_HASH, 7, ownStream)).toBe('528e982031b629147dbeda34e25dd907a88d8fca246f0d1ee9ced49ff57fbdf1');
    // A position above 2^32 is written in all 8 bytes.
    expect(streamHash(GENESIS_HASH, 2 ** 40 + 5, digest)).toBe('a56000593eb9bcea699c344827c9b7d1ffe747ca60ac64a98bd03bf0876b6715');
    expect(GENESIS_HASH).toBe(hashHex(Buffer.alloc(32)));
    expect(hashHex(hashBytes(digest))).toBe(digest);
    expect(hashHex(Buffer.alloc(31))).toBeNull();
  });

  it('digest the same content the same whether the JSON is parsed or built, whatever its key order', () => {
    const stored = { ...EVENT, data: JSON.parse('{ "a": "é", "b": [1, "x"] }'), metadata: JSON.parse(JSON.stringify(EVENT.metadata)) };
    expect(eventDigest(stored)).toBe(eventDigest(EVENT));
  });

  it('are the same from a writer that has written the canonical JSON already', () => {
    const { data, metadata, ...rest } = EVENT;
    expect(canonicalEventDigest({ ...rest, dataJson: canonicalJson(data), metadataJson: canonicalJson(metadata) })).toBe(eventDigest(EVENT));
  });

  it('change with every field of the event', () => {
    const changes: Partial<HashedEventContent>[] = [
      { eventId: '0b7e4a52-7c0e-4f43-9a64-3c1f1f6f5a02' },
      { streamId: 'task-2' },
      { type: 'TaskCancelled' },
      { schemaVersion: 1 },
      { recordedAt: '2026-05-06T02:00:00.001Z' },
      { data: { a: 'e', b: [1, 'x'] } },
      { data: { a: 'é', b: [1, 'x'], c: null } },
      { metadata: { occurredAt: '2026-05-06T02:00:00.000Z', actor: { userId: 'u2' } } },
      // Moving text between fields is no collision: the fields are JSON strings, not joined text.
      { streamId: 'task-1","TaskAssigned', type: '' },
    ];
    const digests = new Set([eventDigest(EVENT), ...changes.map((change) => eventDigest({ ...EVENT, ...change }))]);
    expect(digests.size).toBe(changes.length + 1);
  });

  it('link on the previous hash, the position (as 8 bytes) and the hash of the event', () => {
    const digest = eventDigest(EVENT);
    const base = streamHash(GENESIS_HASH, 1, digest);
    expect(streamHash('01'.repeat(32), 1, digest)).not.toBe(base);
    expect(streamHash(GENESIS_HASH, 2, digest)).not.toBe(base);
    expect(streamHash(GENESIS_HASH, 2 ** 32 + 1, digest)).not.toBe(base);
    expect(streamHash(GENESIS_HASH, 1, eventDigest({ ...EVENT, type: 'X' }))).not.toBe(base);
    expect(streamHash(GENESIS_HASH.toUpperCase(), 1, digest.toUpperCase())).toBe(base);
    expect(() => streamHash(GENESIS_HASH, 0, digest)).toThrow();
    expect(() => globalHash('00'.repeat(31), 1, digest)).toThrow();
    expect(() => globalHash(GENESIS_HASH, 1, `${digest.slice(0, 63)}x`)).toThrow();
  });
});
