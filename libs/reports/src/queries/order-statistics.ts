import type { Distribution } from '../report-types';
import { DAY_MS } from '../working-time';
import { round } from './statistics';

/**
 * The durations of one distribution, in working and calendar milliseconds. Counted first
 * (`reserve`), then given room in a SampleArena shared by every sample of a report, then
 * filled (`add`): a report allocates nothing per duration.
 */
export class DurationSample {
  reserved = 0;
  count = 0;
  private offset = 0;
  private arena: SampleArena | null = null;

  reserve(n = 1): void {
    if (this.arena) throw new Error('DurationSample: reserved after it was placed');
    this.reserved += n;
  }

  /** Called by SampleArena.place. */
  placeAt(arena: SampleArena, offset: number): void {
    this.arena = arena;
    this.offset = offset;
  }

  add(w: number, ms: number): void {
    if (this.count === this.reserved || !this.arena) throw new Error('DurationSample: more durations added than reserved');
    const i = this.offset + this.count;
    this.arena.w[i] = w;
    this.arena.ms[i] = ms;
    this.count += 1;
  }

  /**
   * Median and p90 by nearest rank (the value at rank ⌈p × n⌉ in ascending order), in days
   * rounded to 2 decimals, as `distribution()` gives for the same durations; found by selection
   * (linear on average), not by sorting. Reorders the sample.
   */
  distribution(): Distribution {
    const n = this.count;
    if (n === 0 || !this.arena) return { count: 0, medianWorkingDays: null, p90WorkingDays: null, medianCalendarDays: null, p90CalendarDays: null };
    const [workingMedian, workingP90] = percentiles(this.arena.w.subarray(this.offset, this.offset + n), n);
    const [calendarMedian, calendarP90] = percentiles(this.arena.ms.subarray(this.offset, this.offset + n), n);
    const days = (ms: number) => round(ms / DAY_MS, 2);
    return { count: n, medianWorkingDays: days(workingMedian), p90WorkingDays: days(workingP90), medianCalendarDays: days(calendarMedian), p90CalendarDays: days(calendarP90) };
  }
}

/**
 * One pair of buffers (working, calendar ms) that the samples of a report share, kept from
 * report to report and grown when a report needs more: a report at a million tasks holds
 * about 6 million durations, which in arrays of their own would be garbage at every request.
 * Used synchronously: from `place` to the last `distribution` nothing else may place samples.
 */
export class SampleArena {
  w = new Float64Array(0);
  ms = new Float64Array(0);

  /** Gives each sample the room it reserved, one after the other. */
  place(samples: Iterable<DurationSample>): void {
    const all = [...samples];
    const total = all.reduce((sum, sample) => sum + sample.reserved, 0);
    if (total > this.w.length) {
      const size = Math.ceil(total * 1.25);
      this.w = new Float64Array(size);
      this.ms = new Float64Array(size);
    }
    let offset = 0;
    for (const sample of all) {
      sample.placeAt(this, offset);
      offset += sample.reserved;
    }
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
