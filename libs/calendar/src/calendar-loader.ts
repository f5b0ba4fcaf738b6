import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BusinessCalendar } from './business-calendar';
import { buildCalendarDefinition } from './calendar-file';

/** Where the default calendar lives, relative to the working directory. */
export const DEFAULT_CALENDAR_FILE = 'config/calendar/vn-holidays.json';

/**
 * Reads a calendar file (default config/calendar/vn-holidays.json, resolved from
 * process.cwd()), validates it, merges generated statutory holidays with the announced
 * schedules and returns the BusinessCalendar. `timeZone` overrides the file's zone.
 * Any problem is thrown as an Error that names the file and the bad entry.
 */
export function loadCalendar(file?: string | null, timeZone?: string): BusinessCalendar {
  const path = resolve(process.cwd(), file ?? DEFAULT_CALENDAR_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`Calendar file ${path} could not be read as JSON: ${(e as Error).message}`);
  }
  try {
    return new BusinessCalendar(buildCalendarDefinition(raw, timeZone));
  } catch (e) {
    throw new Error(`Calendar file ${path}: ${(e as Error).message}`);
  }
}
