import { holdInstant, instantValue } from './held-instant';

/** What the held instants add to the ISO reader and writer they use (replay/iso-instant.spec.ts tests those). */
describe('held instants', () => {
  it('given what toISOString writes, when held, then it is held as its epoch milliseconds and written back as the same text', () => {
    for (const ms of [0, -1, Date.UTC(2026, 3, 28, 2), Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.parse('0000-01-01T00:00:00.000Z')]) {
      const text = new Date(ms).toISOString();
      expect(holdInstant(text)).toBe(ms);
      expect(instantValue(holdInstant(text))).toBe(text);
    }
  });

  it.each([
    ['an offset', '2026-04-28T09:00:00+07:00'],
    ['no milliseconds', '2026-04-28T02:00:00Z'],
    ['30 February', '2026-02-30T00:00:00.000Z'],
  ])('given %s, when held, then its text is kept as it is', (_what, text) => {
    expect(holdInstant(text)).toBe(text);
    expect(instantValue(holdInstant(text))).toBe(text);
  });

  it.each([
    ['a number', 1_777_000_000_000],
    ['null', null],
    ['undefined', undefined],
  ])('given %s, when held, then it is written back unchanged (never read as an instant)', (_what, value) => {
    expect(instantValue(holdInstant(value))).toBe(value);
  });
});
