import { DateTime } from 'luxon';
import { CalendarDefinition, NormalizedDefinition, normalizeDefinition } from './calendar-definition';
import { addDays, assertLocalDate, isoWeekday } from './local-date';

/** How a deadline was given; mirrors the task's DeadlineSpec. */
export type DeadlineSpec =
  | { kind: 'dueAt'; dueAt: string }
  | { kind: 'dueDate'; dueDate: string }
  | { kind: 'dueInWorkingDays'; dueInWorkingDays: number };

export interface ResolvedDeadline {
  /** ISO 8601 instant in UTC, e.g. '2026-05-05T16:59:59.999Z'. */
  dueAt: string;
  /** Version of the calendar that resolved it, so a replay never recomputes it. */
  calendarVersion: string;
}

/** No real calendar has a year without working days; this guards against a broken definition. */
const MAX_SCAN_DAYS = 3700;
/**
 * Zone offsets are cached per quarter hour of UTC: every time-zone transition in use falls on
 * a quarter hour, so the offset is constant within one.
 */
const OFFSET_BUCKET_MS = 15 * 60_000;
const MAX_CACHED = 200_000;

/** A bounded memo: cleared when full (the keys are dates and quarter hours, reused heavily). */
function remember<K, V>(cache: Map<K, V>, key: K, compute: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= MAX_CACHED) cache.clear();
    value = compute();
    cache.set(key, value);
  }
  return value;
}

/**
 * Working days of one organisation: weekly rest days, holidays, extra days off and
 * make-up working days, in the organisation's time zone. Pure: no clock, no I/O.
 *
 * Instants (JS Dates) are mapped to the local date they fall on in `timeZone`;
 * results are the last millisecond (23:59:59.999) of a local day.
 */
export class BusinessCalendar {
  private readonly def: NormalizedDefinition;
  private readonly daysOff: Set<string>;
  private readonly workingWeekend: Set<string>;
  private readonly offsets = new Map<number, number>();
  private readonly dayEnds = new Map<string, number>();

  constructor(definition: CalendarDefinition) {
    this.def = normalizeDefinition(definition);
    this.daysOff = new Set([...this.def.holidays, ...this.def.extraDaysOff].map((d) => d.date));
    this.workingWeekend = new Set(this.def.makeUpWorkingDays.map((d) => d.date));
  }

  get version(): string {
    return this.def.version;
  }

  get timeZone(): string {
    return this.def.timeZone;
  }

  /** A copy of the validated definition (defaults applied, lists sorted), for an admin view. */
  get definition(): NormalizedDefinition {
    return structuredClone(this.def);
  }

  /** A make-up working day counts; otherwise holidays, extra days off and weekend days do not. */
  isWorkingDay(localDate: string): boolean {
    return this.working(assertLocalDate(localDate, 'The date'));
  }

  /** The local date ('YYYY-MM-DD') an instant falls on in the organisation's zone. */
  localDateOf(instant: Date): string {
    const ms = this.local(instant);
    const bucket = Math.floor(ms / OFFSET_BUCKET_MS);
    const offsetMinutes = remember(this.offsets, bucket, () => DateTime.fromMillis(bucket * OFFSET_BUCKET_MS, { zone: this.def.timeZone }).offset);
    return new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 10);
  }

  /** 23:59:59.999 of that local date in the organisation's zone. */
  endOfLocalDay(localDate: string): Date {
    const end = remember(this.dayEnds, localDate, () => {
      assertLocalDate(localDate, 'The date');
      return DateTime.fromISO(localDate, { zone: this.def.timeZone }).endOf('day').toMillis();
    });
    return new Date(end);
  }

  /** A `dueDate` means the end of that day in the organisation's zone. */
  resolveDueDate(dueDate: string): Date {
    return this.endOfLocalDay(dueDate);
  }

  /** End of the n-th working day after `from`'s local day (n >= 1). `from`'s own day never counts. */
  addWorkingDays(from: Date, n: number): Date {
    return this.endOfLocalDay(this.step(this.localDateOf(from), n, 1));
  }

  /** End of the n-th working day before `deadline`'s local day (n >= 1). The deadline's own day never counts. */
  subtractWorkingDays(deadline: Date, n: number): Date {
    return this.endOfLocalDay(this.step(this.localDateOf(deadline), n, -1));
  }

  /**
   * Working days between two instants, by local date: when b's local day is after a's,
   * the number of working days d with aDay < d <= bDay; when it is before, minus the
   * number with bDay < d <= aDay; 0 on the same local day. The time of day is ignored.
   * So workingDaysBetween(x, addWorkingDays(x, n)) === n, and 1 for Friday -> next Monday.
   */
  workingDaysBetween(a: Date, b: Date): number {
    const aDay = this.localDateOf(a);
    const bDay = this.localDateOf(b);
    if (aDay === bDay) return 0;
    const [lo, hi, sign] = aDay < bDay ? [aDay, bDay, 1] : [bDay, aDay, -1];
    let count = 0;
    for (let d = addDays(lo, 1); d <= hi; d = addDays(d, 1)) if (this.working(d)) count++;
    return sign * count;
  }

  /** Resolves a deadline given at assignment time to an instant, stamped with this calendar's version. */
  resolveDeadline(spec: DeadlineSpec, assignedAt: Date): ResolvedDeadline {
    return { dueAt: this.deadlineInstant(spec, assignedAt).toISOString(), calendarVersion: this.version };
  }

  private deadlineInstant(spec: DeadlineSpec, assignedAt: Date): Date {
    switch (spec?.kind) {
      case 'dueAt': {
        // An instant needs a time; without an offset it is read in the organisation's zone.
        const ok = typeof spec.dueAt === 'string' && spec.dueAt.includes('T');
        const at = ok ? DateTime.fromISO(spec.dueAt, { zone: this.def.timeZone }) : null;
        if (!at?.isValid) throw new RangeError(`dueAt must be an ISO 8601 date and time; got ${JSON.stringify(spec.dueAt)}.`);
        return at.toJSDate();
      }
      case 'dueDate':
        return this.resolveDueDate(spec.dueDate);
      case 'dueInWorkingDays':
        return this.addWorkingDays(assignedAt, spec.dueInWorkingDays);
      default:
        throw new TypeError(`Unknown deadline kind ${JSON.stringify((spec as { kind?: unknown })?.kind)}.`);
    }
  }

  private working(localDate: string): boolean {
    if (this.workingWeekend.has(localDate)) return true;
    if (this.daysOff.has(localDate)) return false;
    return !this.def.weekendDays.includes(isoWeekday(localDate));
  }

  /** The instant's milliseconds, checked. */
  private local(instant: Date): number {
    const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
    if (Number.isNaN(ms)) throw new RangeError(`Expected a valid Date instant; got ${String(instant)}.`);
    return ms;
  }

  private step(start: string, n: number, direction: 1 | -1): string {
    if (!Number.isInteger(n) || n < 1) {
      throw new RangeError(`The number of working days must be a whole number of at least 1; got ${n}.`);
    }
    let day = start;
    for (let found = 0, scanned = 0; found < n; ) {
      day = addDays(day, direction);
      if (this.working(day)) found++;
      if (++scanned > MAX_SCAN_DAYS + n * 7) throw new RangeError('The calendar has no working days in range.');
    }
    return day;
  }
}
