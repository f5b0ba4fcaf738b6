import { CalendarDay, CalendarDefinition } from './calendar-definition';
import { assertLocalDate, yearOf } from './local-date';
import { vnStatutoryHolidays } from './vn-statutory-holidays';

/** A dated entry of the calendar file; `source` is required: where the date comes from. */
export interface SourcedDay {
  date: string;
  name: string;
  source: string;
}

/** A year whose schedule the government has announced; it replaces the generated year. */
export interface AnnouncedYear {
  holidays: SourcedDay[];
  extraDaysOff?: SourcedDay[];
  makeUpWorkingDays?: SourcedDay[];
}

/** Shape of config/calendar/vn-holidays.json. */
export interface CalendarFile {
  version: string;
  timeZone?: string;
  weekendDays?: number[];
  /** Years for which statutory holidays are generated when no announced schedule exists. */
  statutory: { fromYear: number; toYear: number };
  announcedYears: Record<string, AnnouncedYear>;
  /** Organisation-wide additions (provincial decisions), any year. */
  extraDaysOff?: SourcedDay[];
  makeUpWorkingDays?: SourcedDay[];
  notes?: string[];
}

const LISTS = ['holidays', 'extraDaysOff', 'makeUpWorkingDays'] as const;

function fail(where: string, problem: string): never {
  throw new Error(`${where} ${problem}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readDays(value: unknown, where: string, year?: number): SourcedDay[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(where, 'must be an array of {date, name, source}.');
  return value.map((entry: unknown, i) => {
    const at = `${where}[${i}]`;
    if (!isObject(entry)) fail(at, 'must be an object {date, name, source}.');
    try {
      assertLocalDate(entry.date, 'date');
    } catch (e) {
      fail(at, (e as Error).message);
    }
    const label = `${at} (${entry.date})`;
    if (year !== undefined && yearOf(entry.date as string) !== year) fail(label, `is not in ${year}.`);
    for (const key of ['name', 'source'] as const) {
      if (typeof entry[key] !== 'string' || (entry[key] as string).trim() === '') fail(label, `needs a non-empty ${key}.`);
    }
    return { date: entry.date as string, name: entry.name as string, source: entry.source as string };
  });
}

function readYearRange(value: unknown): { fromYear: number; toYear: number } {
  const ok = isObject(value) && Number.isInteger(value.fromYear) && Number.isInteger(value.toYear);
  if (!ok || (value.fromYear as number) > (value.toYear as number) || (value.fromYear as number) < 1900) {
    fail('statutory', 'must be {fromYear, toYear}: whole years, fromYear <= toYear.');
  }
  return { fromYear: value.fromYear as number, toYear: value.toYear as number };
}

/**
 * Validates the parsed calendar file and merges it into a CalendarDefinition: for each
 * year from statutory.fromYear to statutory.toYear, the announced schedule when the file
 * has one for that year, otherwise the generated statutory holidays (vn-statutory-holidays.ts);
 * announced years outside that range are included as well. Pure: no I/O.
 * Throws an Error naming the bad entry, e.g. 'announcedYears.2026.holidays[3] (2026-02-30) ...'.
 */
export function buildCalendarDefinition(raw: unknown, timeZone?: string): CalendarDefinition {
  if (!isObject(raw)) fail('The calendar file', 'must hold a JSON object.');
  if (typeof raw.version !== 'string' || raw.version.trim() === '') fail('version', 'must be a non-empty string, such as "vn-2026.1".');
  if (raw.timeZone !== undefined && typeof raw.timeZone !== 'string') fail('timeZone', 'must be an IANA zone name.');
  const weekendDays = raw.weekendDays ?? [6, 7];
  if (!Array.isArray(weekendDays) || weekendDays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
    fail('weekendDays', 'must be an array of ISO weekday numbers 1-7 (6 = Saturday, 7 = Sunday).');
  }
  const range = readYearRange(raw.statutory);
  const announced = raw.announcedYears ?? {};
  if (!isObject(announced)) fail('announcedYears', 'must be an object keyed by year, such as {"2026": {...}}.');

  const merged: Record<(typeof LISTS)[number], CalendarDay[]> = { holidays: [], extraDaysOff: [], makeUpWorkingDays: [] };
  const years = new Set<number>();
  for (const [key, value] of Object.entries(announced)) {
    const year = Number(key);
    if (!/^\d{4}$/.test(key)) fail(`announcedYears.${key}`, 'is not a year written YYYY.');
    if (!isObject(value)) fail(`announcedYears.${key}`, 'must be an object {holidays, extraDaysOff?, makeUpWorkingDays?}.');
    if (!Array.isArray(value.holidays)) fail(`announcedYears.${key}.holidays`, 'is required: an announced year replaces the statutory one.');
    for (const list of LISTS) merged[list].push(...readDays(value[list], `announcedYears.${key}.${list}`, year));
    years.add(year);
  }
  for (let year = range.fromYear; year <= range.toYear; year++) {
    if (!years.has(year)) merged.holidays.push(...vnStatutoryHolidays(year, weekendDays as number[]));
  }
  merged.extraDaysOff.push(...readDays(raw.extraDaysOff, 'extraDaysOff'));
  merged.makeUpWorkingDays.push(...readDays(raw.makeUpWorkingDays, 'makeUpWorkingDays'));

  const allYears = [range.fromYear, range.toYear, ...years];
  return {
    version: raw.version,
    timeZone: timeZone ?? (raw.timeZone as string | undefined),
    weekendDays: weekendDays as number[],
    ...merged,
    coveredYears: { from: Math.min(...allYears), to: Math.max(...allYears) },
  };
}
