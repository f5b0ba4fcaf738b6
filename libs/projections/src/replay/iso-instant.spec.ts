import { canonicalInstantMs, isoText } from './iso-instant';

describe('canonicalInstantMs', () => {
  it('given what toISOString writes, when read, then it is the instant Date.parse reads, and isoText writes it back', () => {
    const instants = [Date.UTC(2026, 3, 28, 2), Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(2000, 1, 29), 0, -1, Date.UTC(1900, 1, 28, 12, 0, 0, 1), Date.UTC(1900, 2, 1)];
    for (let ms = Date.UTC(1899, 0, 1); ms < Date.UTC(2101, 0, 1); ms += 86_400_000 * 3 + 3_723_457) instants.push(ms);
    for (const text of ['0000-01-01T00:00:00.000Z', '0001-01-01T00:00:00.000Z', '0099-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z']) instants.push(Date.parse(text));
    for (const ms of instants) {
      const text = new Date(ms).toISOString();
      expect({ text, ms: canonicalInstantMs(text) }).toEqual({ text, ms: Date.parse(text) });
      expect(isoText(canonicalInstantMs(text))).toBe(text);
    }
  });

  it.each([
    ['an offset', '2026-04-28T09:00:00+07:00'],
    ['no milliseconds', '2026-04-28T02:00:00Z'],
    ['a date only', '2026-04-28'],
    ['30 February', '2026-02-30T00:00:00.000Z'],
    ['29 February of a common year', '2100-02-29T00:00:00.000Z'],
    ['31 April', '2026-04-31T00:00:00.000Z'],
    ['24:00', '2026-04-28T24:00:00.000Z'],
    ['minute 60', '2026-04-28T02:60:00.000Z'],
    ['second 60', '2026-04-28T02:00:60.000Z'],
    ['a lower-case z', '2026-04-28T02:00:00.000z'],
    ['a sign in a number', '2026-04-28T02:00:0+.000Z'],
    ['month 00', '2026-00-28T02:00:00.000Z'],
    ['an expanded year', '+002026-04-28T02:00:00.000Z'],
  ])('given %s, when read, then it is not canonical (NaN): its text must be kept', (_what, text) => {
    expect(canonicalInstantMs(text)).toBeNaN();
  });
});
