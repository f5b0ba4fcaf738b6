/**
 * Canonical JSON: the text JSON.stringify would give, with every object's keys sorted (by
 * UTF-16 code unit, as Array.prototype.sort and RFC 8785 sort them) and no whitespace. Numbers
 * and strings are written as JSON.stringify writes them, so the canonical text of a value and
 * of that value after a JSON round trip (JSON.stringify then JSON.parse, or a store that
 * reformats or reorders the keys of what it keeps) are the same.
 *
 * It follows JSON.stringify's rules for what JSON cannot hold: toJSON() is called (a Date
 * becomes its ISO string), properties whose value is undefined, a function or a symbol are left
 * out, and such values in an array become null, as do NaN and ±Infinity; a BigInt throws.
 */
export function canonicalJson(value: unknown): string {
  const text = write(value, '');
  if (text === undefined) throw new TypeError('canonicalJson: the value has no JSON form');
  return text;
}

/** Characters JSON.stringify escapes (or may: lone surrogates); a string without any is quoted as it is. */
// eslint-disable-next-line no-control-regex
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

function quote(text: string): string {
  return ESCAPED.test(text) ? JSON.stringify(text) : `"${text}"`;
}

function write(input: unknown, key: string): string | undefined {
  let value = input;
  if (typeof value === 'string') return quote(value);
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON(key: string): unknown }).toJSON(key);
  }
  if (value instanceof Number || value instanceof String || value instanceof Boolean) value = value.valueOf();
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('canonicalJson: a BigInt has no JSON form');
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value) ? writeArray(value) : writeObject(value as Record<string, unknown>);
    default:
      return undefined; // undefined, a function, a symbol
  }
}

function writeArray(array: unknown[]): string {
  let text = '[';
  for (let i = 0; i < array.length; i++) text += `${i === 0 ? '' : ','}${write(array[i], String(i)) ?? 'null'}`;
  return `${text}]`;
}

function writeObject(object: Record<string, unknown>): string {
  const keys = Object.keys(object).sort();
  let text = '{';
  for (const key of keys) {
    const value = write(object[key], key);
    if (value !== undefined) text += `${text.length === 1 ? '' : ','}${quote(key)}:${value}`;
  }
  return `${text}}`;
}
