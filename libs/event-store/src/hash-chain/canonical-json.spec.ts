import fc from 'fast-check';
import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('sorts by UTF-16 code unit, integer-like keys included (not in object property order)', () => {
    expect(canonicalJson({ b: 0, 10: 0, 9: 0, A: 0, é: 0, '': 0 })).toBe('{"":0,"10":0,"9":0,"A":0,"b":0,"é":0}');
  });

  it('writes strings and numbers as JSON.stringify does', () => {
    expect(canonicalJson(['a"\\\n\u2028', '\ud800', 1e21, -0, 0.1, 5e-7])).toBe(JSON.stringify(['a"\\\n\u2028', '\ud800', 1e21, -0, 0.1, 5e-7]));
  });

  it('follows JSON.stringify for what JSON cannot hold', () => {
    const date = new Date('2026-05-06T02:00:00.000Z');
    expect(canonicalJson({ at: date, gone: undefined, fn: () => 1, list: [undefined, NaN, Infinity], boxed: new Number(2) })).toBe(
      '{"at":"2026-05-06T02:00:00.000Z","boxed":2,"list":[null,null,null]}',
    );
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    expect(() => canonicalJson({ big: BigInt(1) })).toThrow(TypeError);
  });

  it('gives the same text for a value and for the value after a JSON round trip, whatever its key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const roundTripped = JSON.parse(JSON.stringify(value)) as unknown;
        expect(canonicalJson(roundTripped)).toBe(canonicalJson(value));
        expect(canonicalJson(JSON.parse(canonicalJson(value)))).toBe(canonicalJson(value));
        expect(canonicalJson(reversedKeys(value))).toBe(canonicalJson(value));
      }),
      { numRuns: 300 },
    );
  });

  it('of anything JSON.stringify accepts, matches its round trip (dates, undefined, -0, NaN …)', () => {
    fc.assert(
      fc.property(fc.anything({ withDate: true, withBoxedValues: true, withNullPrototype: true }), (value) => {
        const text = JSON.stringify(value);
        if (text === undefined) return;
        expect(canonicalJson(JSON.parse(text))).toBe(canonicalJson(value));
      }),
      { numRuns: 300 },
    );
  });
});

/** The same value with every object's keys inserted in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)]));
}
