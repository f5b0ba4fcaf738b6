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
  const medianValue = values[median];
  // After the selection every value from the median's index on is at least the median (the
  // next selection may move the median itself within that range: it was read first).
  select(values, median, n - 1, p90);
  return [medianValue, values[p90]];
}

/**
 * Rearranges values[lo..hi] so that values[k] is the value a sort would put there, the ones
 * before it no greater and the ones after no smaller: Floyd and Rivest's selection, which
 * narrows a large range around k by selecting within a sample first, so that it reads about
 * n + min(k, n - k) values instead of the three or so passes of a plain quickselect.
 */
export function select(values: Float64Array, lo: number, hi: number, k: number): void {
  let left = lo;
  let right = hi;
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const i = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (i - n / 2 < 0 ? -1 : 1);
      select(values, Math.max(left, Math.floor(k - (i * s) / n + sd)), Math.min(right, Math.floor(k + ((n - i) * s) / n + sd)), k);
    }
    const pivot = values[k];
    let i = left;
    let j = right;
    swap(values, left, k);
    if (values[right] > pivot) swap(values, left, right);
    while (i < j) {
      swap(values, i, j);
      i += 1;
      j -= 1;
      while (values[i] < pivot) i += 1;
      while (values[j] > pivot) j -= 1;
    }
    if (values[left] === pivot) swap(values, left, j);
    else {
      j += 1;
      swap(values, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(values: Float64Array, a: number, b: number): void {
  const t = values[a];
  values[a] = values[b];
  values[b] = t;
}
