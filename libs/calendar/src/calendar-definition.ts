import { IANAZone } from 'luxon';
import { assertLocalDate, isoWeekday } from './local-date';

export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';
/** ISO weekday numbers (1 = Monday ... 7 = Sunday); Saturday and Sunday by default. */
export const DEFAULT_WEEKEND_DAYS: readonly number[] = [6, 7];

/** One dated entry of the calendar. `source` says where the date comes from. */
export interface CalendarDay {
  date: string;
  name: string;
  source?: string;
}

/** Everything a BusinessCalendar needs; pure data, suitable for an admin view. */
export interface CalendarDefinition {
  /** Identifies this calendar; recorded next to every deadline it resolves, e.g. 'vn-2026.1'. */
  version: string;
  /** IANA zone of the organisation; 'Asia/Ho_Chi_Minh' when omitted. */
  timeZone?: string;
  /** ISO weekday numbers that are weekly rest days; [6, 7] when omitted. */
  weekendDays?: number[];
  /** Public holidays, including compensatory days off (nghỉ bù). */
  holidays: CalendarDay[];
  /** Other days off: swapped working days, provincial decisions. */
  extraDaysOff?: CalendarDay[];
  /** Weekend days declared working days (làm bù), e.g. a Saturday. */
  makeUpWorkingDays?: CalendarDay[];
  /** Informational: years whose holidays the definition lists. Outside them only weekends count. */
  coveredYears?: { from: number; to: number };
}

/** The definition with defaults applied and every list sorted by date. */
export type NormalizedDefinition = Required<Omit<CalendarDefinition, 'coveredYears'>> &
  Pick<CalendarDefinition, 'coveredYears'>;

function checkDays(list: unknown, field: string, into: Map<string, string>): CalendarDay[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new TypeError(`Calendar definition: ${field} must be an array.`);
  return list.map((entry: unknown, i) => {
    const where = `Calendar definition: ${field}[${i}]`;
    const day = entry as Partial<CalendarDay> | null;
    if (typeof day !== 'object' || day === null) throw new TypeError(`${where} must be an object {date, name}.`);
    assertLocalDate(day.date, `${where}.date`);
    if (typeof day.name !== 'string' || day.name.trim() === '') {
      throw new TypeError(`${where} (${day.date}) needs a non-empty name.`);
    }
    const seen = into.get(day.date as string);
    if (seen) throw new RangeError(`${where} (${day.date}) is listed twice: also in ${seen}.`);
    into.set(day.date as string, `${field}[${i}]`);
    return { date: day.date as string, name: day.name, ...(day.source ? { source: day.source } : {}) };
  });
}

const byDate = (a: CalendarDay, b: CalendarDay) => a.date.localeCompare(b.date);

/**
 * Validates a definition and applies defaults. Throws an Error naming the bad entry:
 * an impossible date, a date listed twice (a day cannot be both a holiday and a
 * make-up working day), a make-up working day that is not a weekend day, a bad zone.
 */
export function normalizeDefinition(def: CalendarDefinition): NormalizedDefinition {
  if (typeof def?.version !== 'string' || def.version.trim() === '') {
    throw new TypeError('Calendar definition: version must be a non-empty string, such as "vn-2026.1".');
  }
  const timeZone = def.timeZone ?? DEFAULT_TIME_ZONE;
  if (!IANAZone.isValidZone(timeZone)) throw new RangeError(`Calendar definition: unknown time zone "${timeZone}".`);
  const weekendDays = [...new Set(def.weekendDays ?? DEFAULT_WEEKEND_DAYS)].sort();
  if (weekendDays.some((d) => !Number.isInteger(d) || d < 1 || d > 7) || weekendDays.length > 6) {
    throw new RangeError('Calendar definition: weekendDays must be ISO weekday numbers 1-7, leaving at least one working weekday.');
  }
  const dates = new Map<string, string>();
  const holidays = checkDays(def.holidays, 'holidays', dates).sort(byDate);
  const extraDaysOff = checkDays(def.extraDaysOff, 'extraDaysOff', dates).sort(byDate);
  const makeUpWorkingDays = checkDays(def.makeUpWorkingDays, 'makeUpWorkingDays', dates).sort(byDate);
  for (const day of makeUpWorkingDays) {
    if (!weekendDays.includes(isoWeekday(day.date))) {
      throw new RangeError(`Calendar definition: makeUpWorkingDays ${day.date} (${day.name}) is not a weekend day, so it is a working day already.`);
    }
  }
  return {
    version: def.version,
    timeZone,
    weekendDays,
    holidays,
    extraDaysOff,
    makeUpWorkingDays,
    ...(def.coveredYears ? { coveredYears: { ...def.coveredYears } } : {}),
  };
}
