import type { BusinessCalendar } from '@mandate/calendar';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** People act in office hours: 08:00 to 17:00 local time on working days. */
export const OFFICE_OPENS_MS = 8 * HOUR_MS;
export const OFFICE_DAY_MS = 9 * HOUR_MS;

/**
 * Office time over the business calendar, precomputed day by day: an instant maps to an
 * ordinal (office milliseconds since the first day), so "2.5 working days later, in office
 * hours" is an addition. Holidays, weekends and make-up Saturdays come from the calendar.
 */
export class OfficeClock {
  private readonly firstUtcDay: number;
  /** Local midnight (epoch ms) of each day, one more than the days covered. */
  private readonly dayStart: number[] = [];
  /** Working days before each day. */
  private readonly before: number[] = [];
  private readonly working: boolean[] = [];
  /** Day index of each working day, by ordinal. */
  private readonly workingDays: number[] = [];

  constructor(
    readonly calendar: BusinessCalendar,
    from: Date,
    to: Date,
  ) {
    const first = calendar.localDateOf(from);
    this.firstUtcDay = Date.UTC(+first.slice(0, 4), +first.slice(5, 7) - 1, +first.slice(8, 10));
    const days = Math.ceil((to.getTime() - from.getTime()) / DAY_MS) + 2;
    let count = 0;
    for (let i = 0; i <= days; i++) {
      const date = new Date(this.firstUtcDay + i * DAY_MS).toISOString().slice(0, 10);
      this.dayStart.push(calendar.endOfLocalDay(date).getTime() + 1 - DAY_MS);
      const working = calendar.isWorkingDay(date);
      this.working.push(working);
      this.before.push(count);
      if (working) {
        this.workingDays.push(i);
        count += 1;
      }
    }
  }

  /** The first and last instants covered. */
  get start(): number {
    return this.dayStart[0];
  }
  get end(): number {
    return this.dayStart[this.dayStart.length - 1];
  }

  /** Office milliseconds from the first day to `ms` (outside office hours: the next opening). */
  ordinal(ms: number): number {
    if (ms >= this.end) return Number.POSITIVE_INFINITY;
    const day = this.dayOf(ms);
    const base = this.before[day] * OFFICE_DAY_MS;
    if (!this.working[day]) return base;
    return base + Math.min(OFFICE_DAY_MS, Math.max(0, ms - this.dayStart[day] - OFFICE_OPENS_MS));
  }

  /** The instant of an office ordinal; +Infinity past the days covered. */
  instant(ordinal: number): number {
    const k = Math.floor(ordinal / OFFICE_DAY_MS);
    if (!(k < this.workingDays.length)) return Number.POSITIVE_INFINITY;
    return this.dayStart[this.workingDays[k]] + OFFICE_OPENS_MS + (ordinal - k * OFFICE_DAY_MS);
  }

  /** `days` working days of office time after `ms` (from the next opening when outside office hours). */
  after(ms: number, days: number): number {
    return this.instant(this.ordinal(ms) + Math.max(0, days) * OFFICE_DAY_MS);
  }

  /** Working days of office time between two instants (negative when b is before a). */
  between(a: number, b: number): number {
    return (this.ordinal(b) - this.ordinal(a)) / OFFICE_DAY_MS;
  }

  /** The end (23:59:59.999 local) of the local day of `ms`. */
  endOfDay(ms: number): number {
    return this.dayStart[this.dayOf(ms) + 1] - 1;
  }

  private dayOf(ms: number): number {
    let i = Math.floor((ms - this.dayStart[0]) / DAY_MS);
    if (i < 0 || i >= this.dayStart.length - 1) {
      throw new RangeError(`${new Date(ms).toISOString()} is outside the office calendar of the history`);
    }
    while (i > 0 && ms < this.dayStart[i]) i--;
    while (i < this.dayStart.length - 2 && ms >= this.dayStart[i + 1]) i++;
    return i;
  }
}
