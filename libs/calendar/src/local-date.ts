/**
 * Calendar-date arithmetic on 'YYYY-MM-DD' strings. These are plain dates with no
 * zone attached, so the arithmetic runs in UTC, where every day has 24 hours.
 */
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

function utcMs(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function format(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is rejected). */
export function isLocalDate(value: unknown): value is string {
  return typeof value === 'string' && LOCAL_DATE.test(value) && format(utcMs(value)) === value;
}

export function assertLocalDate(value: unknown, what: string): string {
  if (!isLocalDate(value)) {
    throw new RangeError(`${what} must be a real date written YYYY-MM-DD, such as 2026-04-28; got ${JSON.stringify(value)}.`);
  }
  return value;
}

export function addDays(date: string, days: number): string {
  return format(utcMs(date) + days * DAY_MS);
}

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: string): number {
  return new Date(utcMs(date)).getUTCDay() || 7;
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}
