import fc from 'fast-check';
import { distribution } from './distribution';
import { DurationSample, SampleArena, select } from './order-statistics';

const DAY = 86_400_000;

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
        const arena = new SampleArena();
        const [before, sample, after] = [new DurationSample(), new DurationSample(), new DurationSample()];
        before.reserve(3);
        sample.reserve(durations.length);
        after.reserve(2);
        arena.place([before, sample, after]);
        for (const s of [before, after]) while (s.count < s.reserved) s.add(-1, -1);
        for (const d of durations) sample.add(d.w, d.ms);
        // Its neighbours in the arena neither change its figures nor are changed by them.
        expect(sample.distribution()).toEqual(distribution(durations));
        expect(after.distribution()).toEqual(distribution([{ w: -1, ms: -1 }, { w: -1, ms: -1 }]));
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it('given no durations, then every figure is null', () => {
    expect(new DurationSample().distribution()).toEqual({ count: 0, medianWorkingDays: null, p90WorkingDays: null, medianCalendarDays: null, p90CalendarDays: null });
  });

  it('given a sample placed, when more durations are added than reserved, or it reserves again, then it refuses', () => {
    const sample = new DurationSample();
    sample.reserve(1);
    new SampleArena().place([sample]);
    sample.add(1, 1);
    expect(() => sample.add(2, 2)).toThrow(/more durations added than reserved/);
    expect(() => sample.reserve()).toThrow(/reserved after it was placed/);
  });
});
