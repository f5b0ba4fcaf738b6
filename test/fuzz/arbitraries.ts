import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { resolveSchema, type Endpoint, type OpenApiDocument, type Schema } from './openapi';

/** The ids a generated request may use: real ones from the scenario, so that some requests reach the domain. */
export interface IdPools {
  directives: string[];
  tasks: string[];
  units: string[];
  obstacles: string[];
  requests: string[];
  /** Users a request may change: never those whose tokens the fuzz test signs in with. */
  users: string[];
  projections: string[];
}

export interface Credentials {
  /** Valid tokens, one per user of the scenario (every role). */
  tokens: string[];
  /** Tokens the API must refuse: another key, expired, alg none, not a JWT. */
  refused: string[];
}

/** What generation draws on: the document, real ids, and how often a field gets a plausible value. */
export interface Generation {
  doc: OpenApiDocument;
  ids: IdPools;
  /** The share of plausible values (the rest is junk): lower for endpoints whose success costs much on purpose. */
  plausible: number;
}

/** A generated request, before the test gives it its correlation id. */
export interface FuzzCase {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** What kind of body: for the report of a failing case. */
  bodyKind: string;
  /** Whether the test sends its own correlation id (else a generated one, or none). */
  ownCorrelation: boolean;
}

/** The value with the given probability, else undefined. */
export function sometimes<T>(arb: fc.Arbitrary<T>, probability: number): fc.Arbitrary<T | undefined> {
  const weight = Math.round(probability * 100);
  return fc.oneof({ weight: 100 - weight, arbitrary: fc.constant(undefined) }, { weight, arbitrary: arb });
}

/** The instant the fuzz test pins the clock at: generated dates fall around it. */
export const FUZZ_NOW = new Date('2026-05-04T02:00:00Z');

const SPECIAL_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\t\n',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1e400',
  '0x10',
  'true',
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '"; DROP TABLE events; --',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%00',
  '%ZZ',
  '${jndi:ldap://x/a}',
  '{{7*7}}',
  '\u202egnp.exe',
  '\uFEFF',
  'Đề án 06 – số hoá',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🚀',
  '\ud800',
  '\udfff\ud800',
  '=cmd|" /C calc"!A0',
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '9999-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00.000Z',
  '-000001-01-01T00:00:00Z',
  'P99999999999999999999D',
  'PT',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '{00000000-0000-0000-0000-000000000000}',
];

/** One character of any kind: ASCII mostly, Vietnamese, emoji, combining marks, controls, lone surrogates, any code point. */
const anyChar = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
  {
    weight: 3,
    arbitrary: fc.constantFrom('ệ', 'Đ', 'ư', 'ơ', 'ñ', 'ß', '中', '𝔸', '🚀', '👩‍👩‍👧', 'e\u0301', '\u200b', '\u202e', '\ufeff', '\u0000', '\n', '\t', '\u2028', '\ud800', '\udfff'),
  },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c)) },
);

/** Text of any characters (cheaper than fast-check's grapheme and binary units, which build tables of every code point). */
export const anyText = (minLength: number, maxLength: number) => fc.string({ unit: anyChar, minLength, maxLength });

/** Lengths at and just over the limits the API uses, and far over them. */
const LONG_LENGTHS = [36, 37, 40, 41, 64, 65, 100, 101, 200, 201, 256, 257, 300, 301, 500, 501, 2000, 2001, 5000, 5001, 10000, 10001, 100_000];

export const longString = fc
  .tuple(fc.constantFrom('a', 'é', '𝔸', '9', ' ', '\u0000', 'ệ'), fc.constantFrom(...LONG_LENGTHS))
  .map(([unit, length]) => unit.repeat(length));

export const junkString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 4, arbitrary: anyText(0, 30) },
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
  { weight: 2, arbitrary: longString },
);

export const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: junkString },
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(null, true, false, 0, -1, -0, 1.5, 101, 1e308, -1e308, 2 ** 53 + 2, [], {}, [null], { a: 1 }, ['x']) },
  { weight: 1, arbitrary: fc.integer() },
);

const dateIn = (fromYear: number, toYear: number) =>
  fc.date({ min: new Date(Date.UTC(fromYear, 0, 1)), max: new Date(Date.UTC(toYear, 11, 31)), noInvalidDate: true });

/** A date YYYY-MM-DD near the fuzz clock, sometimes not a real one. */
export const dateArb = fc.oneof(
  { weight: 8, arbitrary: dateIn(2025, 2027).map((d) => d.toISOString().slice(0, 10)) },
  { weight: 1, arbitrary: fc.constantFrom('2026-02-29', '2026-02-30', '2026-04-31', '2000-01-01', '2100-12-31', '1970-01-01', '2026-5-4') },
);

/** An instant in the forms the API reads: Z, an offset, none, or a date. */
export const instantArb = fc.oneof(
  { weight: 4, arbitrary: dateIn(2025, 2027).map((d) => d.toISOString()) },
  { weight: 2, arbitrary: dateIn(2025, 2027).map((d) => `${d.toISOString().slice(0, 19)}+07:00`) },
  { weight: 1, arbitrary: dateIn(2025, 2027).map((d) => d.toISOString().slice(0, 16)) },
  { weight: 2, arbitrary: dateArb },
  { weight: 1, arbitrary: fc.constantFrom(FUZZ_NOW.toISOString(), '2026-05-04T09:00:00+07:00', '2026-05-04T23:59:59.999+07:00', '2026-05-04T02:00:00.000000001Z') },
);

const textArb = (example?: unknown) =>
  fc.oneof(
    { weight: 4, arbitrary: anyText(1, 40) },
    { weight: 2, arbitrary: fc.constantFrom(typeof example === 'string' ? example : 'Số hóa hồ sơ', 'done', 'Lý do: chờ kinh phí') },
  );

const uuidFrom = (pool: string[]) => (pool.length ? fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...pool) }, { weight: 1, arbitrary: fc.uuid() }) : fc.uuid());

/** Values a field's name suggests, valid or nearly so: what a real client would send. */
function plausibleByName(name: string, ids: IdPools): fc.Arbitrary<unknown> | null {
  switch (name) {
    case 'code':
      return fc.oneof(fc.stringMatching(/^[A-Z0-9][A-Z0-9./_-]{0,12}$/), fc.constantFrom('15-CT/TU', 'CAT', 'VPTU'));
    case 'username':
      return fc.oneof(fc.stringMatching(/^[a-z0-9._-]{3,16}$/), fc.constantFrom('admin', 'secretariat', 'police', 'leader'));
    case 'password':
      return fc.oneof(fc.constantFrom('password-123', 'admin-password-1', 'wrong-password'), fc.string({ minLength: 8, maxLength: 24 }));
    case 'issuedAt':
    case 'dueAt':
    case 'requestedDueAt':
    case 'newDueAt':
    case 'pinTo':
    case 'asOf':
    case 'from':
    case 'to':
      return instantArb;
    case 'dueDate':
    case 'issuedOn':
    case 'date':
      return dateArb;
    case 'advanceBy':
      return fc.oneof(fc.constantFrom('PT1H', 'P1D', 'P1W', 'PT0S', 'P1M', 'P1Y', 'PT1.5S'), fc.stringMatching(/^P\d{1,4}D$/), fc.stringMatching(/^PT\d{1,6}M$/));
    case 'period':
      return fc.oneof(fc.constantFrom('2026', '2026-Q2', '2026-H1', '2025-Q4', '2027'), fc.stringMatching(/^\d{4}(-(H[12]|Q[1-4]))?$/));
    case 'percent':
      return fc.integer({ min: 0, max: 100 });
    case 'dueInWorkingDays':
      return fc.oneof(fc.integer({ min: 1, max: 30 }), fc.integer({ min: -5, max: 2000 }));
    case 'year':
      return fc.integer({ min: 1990, max: 2110 });
    case 'limit':
      return fc.integer({ min: 0, max: 1001 });
    case 'offset':
      return fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constantFrom(1e6, 1e12, 2 ** 53, 1e20));
    case 'leadUnitId':
    case 'unitId':
      return uuidFrom(ids.units);
    case 'directiveId':
      return uuidFrom(ids.directives);
    case 'taskId':
      return uuidFrom(ids.tasks);
    case 'requestId':
      return uuidFrom(ids.requests);
    case 'obstacleId':
      return uuidFrom(ids.obstacles);
    case 'userId':
      return uuidFrom(ids.users);
    default:
      return null;
  }
}

/** A value for a field of the given schema: plausible most of the time, junk otherwise. */
function valueFor(g: Generation, name: string, raw: Schema, depth: number): fc.Arbitrary<unknown> {
  const { doc, ids } = g;
  const schema = resolveSchema(doc, raw);
  let plausible: fc.Arbitrary<unknown>;
  if (schema.enum?.length) plausible = fc.constantFrom(...schema.enum);
  else if (schema.type === 'object' && schema.properties) plausible = depth > 3 ? fc.constant({}) : objectFor(g, schema, depth + 1);
  else if (schema.type === 'array') {
    const items = schema.items ? valueFor(g, name.replace(/s$/, ''), schema.items, depth + 1) : junkValue;
    plausible = fc.oneof({ weight: 6, arbitrary: fc.array(items, { maxLength: 3 }) }, { weight: 1, arbitrary: fc.array(items, { minLength: 49, maxLength: 205 }) });
  } else {
    plausible =
      plausibleByName(name, ids) ??
      (schema.format === 'uuid'
        ? uuidFrom([...ids.units, ...ids.tasks])
        : schema.type === 'boolean'
          ? fc.boolean()
          : schema.type === 'number' || schema.type === 'integer'
            ? fc.integer({ min: schema.minimum ?? -10, max: schema.maximum ?? 1000 })
            : textArb(schema.example));
  }
  if (/password/i.test(name)) {
    // A well-formed password costs an argon2 hash or check (a quarter of a second, on purpose): rarely.
    const share = Math.max(1, Math.round((g.plausible / 16) * 1000));
    return fc.oneof({ weight: share, arbitrary: plausible }, { weight: 1000 - share, arbitrary: notAPassword });
  }
  const weight = Math.round(g.plausible * 100);
  return fc.oneof({ weight, arbitrary: plausible }, { weight: 100 - weight, arbitrary: junkValue });
}

/** Values no password field accepts: not a string, empty, or over 256 characters. */
const notAPassword = fc.oneof(
  fc.constantFrom<unknown>(null, 0, 12345678901, true, {}, [], ['password-123'], { password: 'password-123' }, ''),
  fc.integer({ min: 257, max: 5000 }).map((n) => 'p'.repeat(n)),
);

/** An object shaped like the schema: each field present or not, plausible or junk, sometimes an unknown field more. */
export function objectFor(g: Generation, raw: Schema, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const schema = resolveSchema(g.doc, raw);
  const entries = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const fields = entries.map(([name, property]) =>
    sometimes(valueFor(g, name, property, depth), required.has(name) ? 0.95 : 0.5).map((value) => [name, value] as const),
  );
  const extra = sometimes(
    fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'id', 'version', 'actor', 'isAdmin')), junkValue, { minKeys: 1, maxKeys: 2 }),
    0.1,
  );
  return fc.tuple(fc.tuple(...fields), extra).map(([values, more]) => {
    const out: Record<string, unknown> = {};
    for (const [name, value] of values) if (value !== undefined) out[name] = value;
    if (more) for (const [k, v] of Object.entries(more)) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    return out;
  });
}

interface BodyChoice {
  kind: string;
  contentType?: string;
  body?: Buffer;
  headers?: Record<string, string>;
}

const json = (kind: string, value: unknown): BodyChoice => ({ kind, contentType: 'application/json', body: Buffer.from(JSON.stringify(value) ?? 'null') });

const MALFORMED_JSON = [
  '{',
  '{"a":',
  '{"a":1,}',
  "{'a':1}",
  '{a:1}',
  'null',
  '1',
  '"text"',
  'true',
  'NaN',
  '{"a":1}{"b":2}',
  '\uFEFF{}',
  '[1,2',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  '{"a":"\\ud800"}',
  '{"reason":"\\u0000"}',
  '{"a":1e999999}',
  '{"a":-0.0e-999}',
  `{"a":${'9'.repeat(400)}}`,
  '{"a":1,"a":2}',
];

const malformedBody: fc.Arbitrary<BodyChoice> = fc.oneof(
  fc.constantFrom(...MALFORMED_JSON).map((text) => ({ kind: 'malformed json', contentType: 'application/json', body: Buffer.from(text) })),
  fc.constantFrom(1_000, 10_000).map((depth) => ({ kind: 'deeply nested json', contentType: 'application/json', body: Buffer.from('['.repeat(depth) + ']'.repeat(depth)) })),
  fc.constantFrom(200, 5_000).map((depth) => ({ kind: 'deeply nested object', contentType: 'application/json', body: Buffer.from('{"a":'.repeat(depth) + '1' + '}'.repeat(depth)) })),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ kind: 'random bytes', contentType: 'application/json', body: Buffer.from(bytes) })),
  fc.constant({ kind: 'invalid utf-8', contentType: 'application/json', body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]) }),
  fc.constant({ kind: 'empty json', contentType: 'application/json', body: Buffer.alloc(0) }),
);

const wrongContentType: fc.Arbitrary<BodyChoice> = fc
  .tuple(
    fc.constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=xyz',
      'application/xml',
      'application/json; charset=latin1',
      'application/json; charset=utf-16',
      'application/json; charset=bogus',
      'application/merge-patch+json',
      'APPLICATION/JSON',
      'application/json;;;',
      '*/*',
      'application/octet-stream',
      'text/html; charset=utf-8',
      'not a type',
    ),
    fc.constantFrom('{"reason":"x"}', 'a=b&c[d]=e&__proto__[x]=1', '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--xyz--', '<a>1</a>', 'plain words'),
  )
  .map(([contentType, text]) => ({ kind: `content-type ${contentType}`, contentType, body: Buffer.from(text) }));

const encodedBody: fc.Arbitrary<BodyChoice> = fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'compress', 'gzip, gzip').chain((encoding) =>
  fc.boolean().map((valid) => ({
    kind: `content-encoding ${encoding}${valid ? '' : ' (not encoded)'}`,
    contentType: 'application/json',
    body: valid && encoding === 'gzip' ? gzipSync('{"reason":"zipped"}') : Buffer.from('{"reason":"x"}'),
    headers: { 'content-encoding': encoding },
  })),
);

/** Over the 1 MB limit: a real one, and a gzip bomb that only grows past it once inflated. */
const oversizedBody: fc.Arbitrary<BodyChoice> = fc.constantFrom(
  { kind: 'oversized json', contentType: 'application/json', body: Buffer.from(JSON.stringify({ reason: 'x'.repeat(1_100_000) })) },
  { kind: 'oversized text', contentType: 'text/plain', body: Buffer.alloc(1_100_000, 0x61) },
  { kind: 'gzip bomb', contentType: 'application/json', body: gzipSync(JSON.stringify({ reason: 'x'.repeat(5_000_000) })), headers: { 'content-encoding': 'gzip' } },
);

/** Bodies for an endpoint: shaped like its schema mostly, anything else sometimes. */
export function bodyFor(g: Generation, endpoint: Endpoint): fc.Arbitrary<BodyChoice> {
  const none = fc.constant<BodyChoice>({ kind: 'none' });
  const randomJson = fc.jsonValue({ maxDepth: 3 }).map((value) => json('random json', value));
  if (!endpoint.body) {
    return fc.oneof(
      { weight: 14, arbitrary: none },
      { weight: 2, arbitrary: randomJson },
      { weight: 1, arbitrary: malformedBody },
      { weight: 1, arbitrary: wrongContentType },
      { weight: 1, arbitrary: encodedBody },
    );
  }
  return fc.oneof(
    { weight: 40, arbitrary: objectFor(g, endpoint.body).map((value) => json('shaped', value)) },
    { weight: 5, arbitrary: randomJson },
    { weight: 5, arbitrary: malformedBody },
    { weight: 4, arbitrary: wrongContentType },
    { weight: 2, arbitrary: encodedBody },
    { weight: 2, arbitrary: none },
    { weight: 1, arbitrary: oversizedBody },
  );
}

/** A path segment for a parameter: a real id most often, anything else otherwise. */
function pathSegment(g: Generation, endpoint: Endpoint, param: string): fc.Arbitrary<string> {
  const { ids } = g;
  const before = endpoint.template.split('/').indexOf(`{${param}}`) - 1;
  const collection = endpoint.template.split('/')[before];
  const pool =
    collection === 'directives'
      ? ids.directives
      : collection === 'tasks'
        ? ids.tasks
        : collection === 'obstacles'
          ? ids.obstacles
          : collection === 'users'
            ? ids.users
            : collection === 'units'
              ? ids.units
              : collection === 'projections'
                ? ids.projections
                : [...ids.units, ...ids.users, ...ids.tasks];
  const garbage = fc.oneof(
    anyText(1, 40).map(encodeQuery),
    fc.constantFrom(...SPECIAL_STRINGS.filter((s) => s !== '')).map(encodeQuery),
    fc.constantFrom('..', '.', '%2e%2e', '..%2f..%2fetc%2fpasswd', '%ZZ', '%', '%00', '%C0%AE%C0%AE', '%E0%A4%A', '%F0%9F%98', 'a;b', 'a,b', '*', '~', "'", '$', '(', '@'),
    fc.constantFrom(100, 1_000, 20_000).map((n) => 'a'.repeat(n)),
    fc.uuid().map((u) => u.toUpperCase()),
    fc.uuid().map((u) => `${u}0`),
    fc.uuid().map((u) => u.replace(/-/g, '')),
  );
  const real = Math.max(1, Math.round(7.5 * g.plausible));
  return fc.oneof({ weight: real, arbitrary: pool.length ? fc.constantFrom(...pool) : fc.uuid() }, { weight: 1, arbitrary: fc.uuid() }, { weight: 3, arbitrary: garbage });
}

/** Percent-encodes any text as its UTF-8 bytes; a lone surrogate (which encodeURIComponent throws on) as U+FFFD, as Buffer does. */
export function encodeQuery(value: string): string {
  return encodeURIComponent(value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
}

/** The query string: the documented parameters, and asOf, from, to, q, limit, offset on every endpoint. */
function queryFor(g: Generation, endpoint: Endpoint): fc.Arbitrary<string> {
  const documented = new Set(endpoint.query.map((p) => p.name));
  const params = [
    ...endpoint.query.map((p) => ({ name: p.name, schema: p.schema, probability: 0.4 })),
    ...['asOf', 'from', 'to', 'q', 'limit', 'offset'].filter((n) => !documented.has(n)).map((name) => ({ name, schema: { type: 'string' } as Schema, probability: 0.05 })),
  ];
  const one = (name: string, schema: Schema, probability: number) =>
    sometimes(
      fc.oneof(
        { weight: 16, arbitrary: valueFor(g, name, schema, 3).map((v) => [`${name}=${encodeQuery(typeof v === 'string' ? v : JSON.stringify(v) ?? '')}`]) },
        { weight: 1, arbitrary: fc.tuple(junkString, junkString).map(([a, b]) => [`${name}=${encodeQuery(a)}`, `${name}=${encodeQuery(b)}`]) },
        { weight: 1, arbitrary: fc.constantFrom(`${name}[a]=1`, `${name}[]=1`, `${name}`, `${name}=`, `${name}=%ZZ`, `${name}[__proto__][x]=1`, `${encodeQuery(name.toUpperCase())}=1`) },
      ),
      probability,
    );
  const extra = sometimes(
    fc.oneof(
      fc.tuple(fc.string({ minLength: 1, maxLength: 10 }), junkString).map(([k, v]) => [`${encodeQuery(k)}=${encodeQuery(v)}`]),
      fc.constantFrom(['__proto__[polluted]=1'], ['constructor[prototype][x]=1'], Array.from({ length: 1500 }, (_, i) => `p${i}=1`), ['a'.repeat(10_000) + '=1']),
    ),
    0.05,
  );
  return fc.tuple(fc.tuple(...params.map((p) => one(p.name, p.schema, p.probability))), extra).map(([values, more]) => {
    const parts = [...values.flatMap((v) => v ?? []), ...(more ?? [])];
    return parts.length ? `?${parts.join('&')}` : '';
  });
}

/** Makes any text a header value Node sends as is: its UTF-8 bytes, minus the control characters. */
export function headerValue(text: string): string {
  // eslint-disable-next-line no-control-regex
  return Buffer.from(text, 'utf8').toString('latin1').replace(/[\x00-\x08\x0a-\x1f\x7f]/g, '');
}

const SHARED_IDEMPOTENCY_KEYS = ['fuzz-key-1', 'fuzz-key-2', 'fuzz-key-3'];

function headersFor(credentials: Credentials): fc.Arbitrary<Record<string, string>> {
  const authorization = fc.oneof(
    { weight: 40, arbitrary: fc.constantFrom(...credentials.tokens).map((t) => `Bearer ${t}`) },
    { weight: 2, arbitrary: fc.constant('') },
    { weight: 2, arbitrary: fc.constantFrom(...credentials.refused).map((t) => `Bearer ${t}`) },
    { weight: 2, arbitrary: fc.oneof(junkString, fc.constantFrom('Bearer', 'Bearer ', 'Basic YWRtaW46YWRtaW4=', 'bearer x.y.z', 'Bearer a b')).map(headerValue) },
  );
  const ifMatch = sometimes(
    fc.oneof(
      { weight: 3, arbitrary: fc.integer({ min: 0, max: 12 }).map((v) => `"${v}"`) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 12 }).map(String) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 12 }).map((v) => `W/"${v}"`) },
      { weight: 3, arbitrary: fc.oneof(junkString, fc.constantFrom('*', '"-1"', '"1.5"', '99999999999', '"1", "2"', 'W/', '""')).map(headerValue) },
    ),
    0.3,
  );
  const idempotencyKey = sometimes(
    fc.oneof(
      { weight: 3, arbitrary: fc.uuid() },
      { weight: 2, arbitrary: fc.constantFrom(...SHARED_IDEMPOTENCY_KEYS) },
      { weight: 3, arbitrary: fc.oneof(junkString, fc.constantFrom('a'.repeat(200), 'a'.repeat(201), 'key with spaces', 'ключ', '')).map(headerValue) },
    ),
    0.3,
  );
  const others = sometimes(
    fc.oneof(
      fc.constantFrom<Record<string, string>>(
        { accept: 'text/csv' },
        { accept: 'application/xml' },
        { 'accept-encoding': 'gzip, br' },
        { origin: 'http://evil.example' },
        { 'x-forwarded-for': '1.2.3.4, 5.6.7.8' },
        { 'x-http-method-override': 'DELETE' },
        { expect: '100-continue' },
        { cookie: 'session=1; __proto__=x' },
        { range: 'bytes=0-1' },
      ),
      junkString.map((v) => ({ 'x-fuzz': headerValue(v) })),
    ),
    0.1,
  );
  return fc.record({ authorization, ifMatch, idempotencyKey, others }).map(({ authorization: auth, ifMatch: im, idempotencyKey: key, others: more }) => {
    const headers: Record<string, string> = { ...(more ?? {}) };
    if (auth) headers.authorization = auth;
    if (im !== undefined) headers['if-match'] = im;
    if (key !== undefined) headers['idempotency-key'] = key;
    return headers;
  });
}

/** Every request a client could send to one endpoint, valid or not. */
export function caseFor(g: Generation, endpoint: Endpoint, credentials: Credentials): fc.Arbitrary<FuzzCase> {
  const segments = fc.tuple(...endpoint.pathParams.map((p) => pathSegment(g, endpoint, p)));
  const correlation = fc.oneof({ weight: 8, arbitrary: fc.constant<string | null>(null) }, { weight: 1, arbitrary: fc.constant<string | null>('') }, { weight: 1, arbitrary: junkString.map(headerValue) });
  return fc
    .record({ segments, query: queryFor(g, endpoint), headers: headersFor(credentials), body: bodyFor(g, endpoint), correlation })
    .map(({ segments: values, query, headers, body, correlation: corr }) => {
      let path = endpoint.template;
      endpoint.pathParams.forEach((param, i) => (path = path.replace(`{${param}}`, values[i])));
      const all: Record<string, string> = { ...headers, ...(body.headers ?? {}) };
      if (body.contentType !== undefined) all['content-type'] = body.contentType;
      if (corr !== null && corr !== '') all['x-correlation-id'] = corr;
      return { method: endpoint.method, path: path + query, headers: all, body: body.body, bodyKind: body.kind, ownCorrelation: corr === null };
    });
}
