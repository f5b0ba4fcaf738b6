import type { Distribution } from '../report-types';
import { DAY_MS } from '../working-time';
import { round } from './statistics';

/**
 * Durations collected for one distribution, in working and calendar milliseconds, in arrays
 * grown by doubling.
 */
export class DurationSample {
  count = 0;
  private w = new Float64Array(16);
  private ms = new Float64Array(16);

  add(w: number, ms: number): void {
    if (this.count === this.w.length) {
      const w2 = new Float64Array(this.count * 2);
      const ms2 = new Float64Array(this.count * 2);
      w2.set(this.w);
      ms2.set(this.ms);
      this.w = w2;
      this.ms = ms2;
    }
    this.w[this.count] = w;
    this.ms[this.count] = ms;
    this.count += 1;
  }

  /**
   * Median and p90 by nearest rank (the value at rank ⌈p × n⌉ in ascending order), in days
   * rounded to 2 decimals, as `distribution()` gives for the same durations; found by selection
   * (linear on average), not by sorting. Reorders the sample.
   */
  distribution(): Distribution {
    const n = this.count;
    if (n === 0) return { count: 0, medianWorkingDays: null, p90WorkingDays: null, medianCalendarDays: null, p90CalendarDays: null };
    const [workingMedian, workingP90] = percentiles(this.w, n);
    const [calendarMedian, calendarP90] = percentiles(this.ms, n);
    const days = (ms: number) => round(ms / DAY_MS, 2);
    return { count: n, medianWorkingDays: days(workingMedian), p90WorkingDays: days(workingP90), medianCalendarDays: days(calendarMedian), p90CalendarDays: days(calendarP90) };
  }
}

/** The nearest-rank median and p90 of the first n values (n > 0); reorders them. */
function percentiles(values: Float64Array, n: number): [number, number] {
  const median = Math.max(1, Math.ceil(0.5 * n)) - 1;
  const p90 = Math.max(1, Math.ceil(0.9 * n)) - 1;
  select(values, 0, n - 1, median);
  // After the selection every value from the median's index on is at least the median.
  select(values, median, n - 1, p90);
  return [values[median], values[p90]];
}

/**
 * Rearranges values[lo..hi] so that values[k] is the value a sort would put there, the ones
 * before it no greater and the ones after no smaller (Hoare's selection, median-of-three pivot).
 */
export function select(values: Float64Array, lo: number, hi: number, k: number): void {
  while (hi > lo) {
    const a = values[lo];
    const b = values[(lo + hi) >>> 1];
    const c = values[hi];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i += 1;
      while (values[j] > pivot) j -= 1;
      if (i <= j) {
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
        i += 1;
        j -= 1;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}
