import { InvalidArgument } from '@mandate/domain';
import { startOfLocalDay, type ParamContext } from './instant-param';

const PERIOD = /^(\d{4})(?:-(H[12]|Q[1-4]))?$/;
/** The reports count business time from 2000 on (EARLIEST_DATE of the instant parameters). */
const FIRST_YEAR = 2000;

/** The first and last month (1–12) of a year, half-year or quarter. */
function months(part: string | undefined): [number, number] {
  if (!part) return [1, 12];
  const n = Number(part.slice(1));
  return part.startsWith('H') ? [6 * n - 5, 6 * n] : [3 * n - 2, 3 * n];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The last day of a month, YYYY-MM-DD (month 1–12). */
function lastDayOf(year: number, month: number): string {
  return `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;
}

/**
 * A reporting period — `2026` (a year), `2026-H1` (a half-year), `2026-Q2` (a quarter) —
 * as the start of its first local day and the end of its last.
 */
export function parsePeriod(raw: string, ctx: ParamContext, field = 'period'): { from: Date; to: Date } {
  const match = PERIOD.exec(raw.trim());
  if (!match) {
    throw new InvalidArgument(`${field} must be a year (2026), a half-year (2026-H1, 2026-H2) or a quarter (2026-Q1 … 2026-Q4); got ${JSON.stringify(raw)}`, 'invalid_period', field);
  }
  const year = Number(match[1]);
  if (year < FIRST_YEAR) {
    throw new InvalidArgument(`${field} must be a year from ${FIRST_YEAR} on; got ${JSON.stringify(raw)}`, 'invalid_period', field);
  }
  const [first, last] = months(match[2]);
  return { from: startOfLocalDay(`${year}-${pad(first)}-01`, ctx), to: ctx.calendar.endOfLocalDay(lastDayOf(year, last)) };
}
