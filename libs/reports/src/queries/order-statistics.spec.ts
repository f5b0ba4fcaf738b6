import fc from 'fast-check';
import type { Distribution } from '../report-types';
import { DurationSample, select } from './order-statistics';
import { round } from './statistics';

const DAY = 86_400_000;

/** The oracle: median and p90 by nearest rank (the value at rank ⌈p × n⌉) of the sorted days, rounded to 2 decimals. */
function distribution(durations: { w: number; ms: number }[]): Distribution {
  const at = (values: number[], p: number) => (values.length === 0 ? null : round(values[Math.max(1, Math.ceil(p * values.length)) - 1], 2));
  const working = durations.map((d) => d.w / DAY).sort((a, b) => a - b);
  const calendar = durations.map((d) => d.ms / DAY).sort((a, b) => a - b);
  return { count: durations.length, medianWorkingDays: at(working, 0.5), p90WorkingDays: at(working, 0.9), medianCalendarDays: at(calendar, 0.5), p90CalendarDays: at(calendar, 0.9) };
}

describe('order statistics by selection', () => {
  it('given any values, when the k-th is selected, then it is the value a sort puts at k, none before greater, none after smaller', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 3000 }), fc.nat(), (ints, pick) => {
        const values = Float64Array.from(ints);
        const k = pick % values.length;
        select(values, 0, values.length - 1, k);
        const sorted = [...ints].sort((x, y) => x - y);
        expect(values[k]).toBe(sorted[k]);
        for (let i = 0; i < k; i += 1) expect(values[i]).toBeLessThanOrEqual(values[k]);
        for (let i = k + 1; i < values.length; i += 1) expect(values[i]).toBeGreaterThanOrEqual(values[k]);
      }),
      { numRuns: 500, seed: 6 },
    );
  });

  it('given any durations, when a sample gives its distribution, then it equals the sorted nearest-rank one', () => {
    const duration = fc.record({ w: fc.integer({ min: 0, max: 40 * DAY }), ms: fc.integer({ min: 0, max: 60 * DAY }) });
    fc.assert(
      fc.property(fc.array(duration, { maxLength: 2000 }), (durations) => {
        const sample = new DurationSample();
        for (const d of durations) sample.add(d.w, d.ms);
        expect(sample.distribution()).toEqual(distribution(durations));
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it('given no durations, then every figure is null', () => {
    expect(new DurationSample().distribution()).toEqual({ count: 0, medianWorkingDays: null, p90WorkingDays: null, medianCalendarDays: null, p90CalendarDays: null });
  });
});
