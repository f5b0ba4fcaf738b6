import type { BusinessCalendar } from '@mandate/calendar';

export const DAY_MS = 86_400_000;
/** Day 0 of the business-time ordinal. */
const EPOCH_DATE = '2000-01-01';
const EPOCH_UTC = Date.UTC(2000, 0, 1);

/**
 * Business time as a running total: `at(t)` is the number of working milliseconds from the
 * start of 2000-01-01 (local) to t, counting only the time that falls on working days of the
 * calendar. The working time between two instants is then a subtraction, which lets the
 * projection store ordinals and a report compute durations clipped at any asOf in SQL.
 */
export class WorkingTime {
  /** Working days before each date, indexed by days since the epoch date. */
  private before: number[] = [0];
  /** The calendar version `before` was computed with (a live calendar may change). */
  private version: string | null = null;
  /**
   * The local day of the last instant asked about (instants mostly come in order, day after
   * day): the instants [from, to] all fall on it, with its running total and working start.
   */
  private day = { from: 1, to: 0, base: 0, working: false, start: 0, version: null as string | null };

  constructor(readonly calendar: BusinessCalendar) {}

  at(instant: Date | string): number {
    const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
    if (Number.isNaN(ms)) throw new RangeError(`Not an instant: ${String(instant)}`);
    let day = this.day;
    if (!(ms >= day.from && ms <= day.to && day.version === this.calendar.version)) day = this.dayOf(ms);
    if (!day.working) return day.base;
    return day.base + Math.min(DAY_MS, Math.max(0, ms - day.start));
  }

  /** The local day `ms` falls on, remembered for the next instants. */
  private dayOf(ms: number): WorkingTime['day'] {
    const date = this.calendar.localDateOf(new Date(ms));
    const base = this.workingDaysBefore(this.indexOf(date, ms)) * DAY_MS;
    const end = this.calendar.endOfLocalDay(date).getTime();
    const start = end + 1 - DAY_MS;
    // On a day shorter than 24 hours (a clock change) the hours before `start` belong to the day
    // before: remember the day only from `ms` on then.
    const from = this.calendar.localDateOf(new Date(start)) === date ? start : ms;
    this.day = { from, to: end, base, working: this.calendar.isWorkingDay(date), start, version: this.calendar.version };
    return this.day;
  }

  /**
   * Whole working days d with a's local date < d <= b's local date (the calendar's
   * workingDaysBetween, from the running totals instead of a walk over the days).
   */
  workingDaysBetweenDates(a: Date, b: Date): number {
    return this.workingDaysBefore(this.dayIndex(b) + 1) - this.workingDaysBefore(this.dayIndex(a) + 1);
  }

  private dayIndex(instant: Date): number {
    return this.indexOf(this.calendar.localDateOf(instant), instant.getTime());
  }

  /** Days from the epoch date to a local date ('YYYY-MM-DD') that `ms` falls on. */
  private indexOf(date: string, ms: number): number {
    const index = Math.round((Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) - EPOCH_UTC) / DAY_MS);
    if (index < 0) throw new RangeError(`Instants before ${EPOCH_DATE} are not supported: ${new Date(ms).toISOString()}`);
    return index;
  }

  /** Working days (fractional) between two instants; negative when b is before a. */
  between(a: Date | string, b: Date | string): number {
    return (this.at(b) - this.at(a)) / DAY_MS;
  }

  private workingDaysBefore(index: number): number {
    if (this.version !== this.calendar.version) {
      this.before = [0];
      this.version = this.calendar.version;
    }
    for (let i = this.before.length; i <= index; i++) {
      const previous = new Date(EPOCH_UTC + (i - 1) * DAY_MS).toISOString().slice(0, 10);
      this.before.push(this.before[i - 1] + (this.calendar.isWorkingDay(previous) ? 1 : 0));
    }
    return this.before[index];
  }
}
