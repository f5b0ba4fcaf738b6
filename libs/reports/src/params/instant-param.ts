import { DateTime } from 'luxon';
import { isLocalDate, type BusinessCalendar } from '@mandate/calendar';
import { InvalidArgument } from '@mandate/domain';

/** What turning a report parameter into an instant needs: the time zone, day ends, and now. */
export interface ParamContext {
  now: Date;
  calendar: Pick<BusinessCalendar, 'timeZone' | 'endOfLocalDay'>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T/;
/** The business-time ordinal of the reports starts on this local date. */
const EARLIEST_DATE = '2000-01-01';

const EXAMPLES = 'e.g. 2026-05-06, 2026-05-06T09:00:00+07:00 or 2026-05-06T02:00:00Z';

export function isDateParam(raw: string): boolean {
  return DATE.test(raw);
}

/** The first instant of a local date in the organisation's zone. */
export function startOfLocalDay(date: string, ctx: ParamContext): Date {
  return DateTime.fromISO(date, { zone: ctx.calendar.timeZone }).startOf('day').toJSDate();
}

/**
 * An ISO 8601 instant (without an offset it is read in the organisation's zone) or a date
 * YYYY-MM-DD, which `dateMeans` turns into the start or the end of that local day.
 */
export function parseInstantParam(raw: string, field: string, dateMeans: 'start' | 'end', ctx: ParamContext): Date {
  const value = raw.trim();
  if (DATE.test(value)) {
    if (!isLocalDate(value)) throw new InvalidArgument(`${field} is not a real date: ${JSON.stringify(raw)}`, 'invalid_date', field);
    return dateMeans === 'start' ? startOfLocalDay(value, ctx) : ctx.calendar.endOfLocalDay(value);
  }
  const at = INSTANT.test(value) ? DateTime.fromISO(value, { zone: ctx.calendar.timeZone }) : null;
  if (!at?.isValid) {
    throw new InvalidArgument(`${field} must be a date YYYY-MM-DD or an ISO 8601 instant (${EXAMPLES}); got ${JSON.stringify(raw)}`, 'invalid_instant', field);
  }
  return at.toJSDate();
}

/**
 * The instant a report is taken at: now when omitted. A date means the end of that local
 * day, or now for today's date (the rest of the day has not happened yet). An instant
 * after now is refused: the future has no report.
 */
export function parseAsOf(raw: string | undefined, ctx: ParamContext, field = 'asOf'): Date {
  if (raw === undefined) return ctx.now;
  const asOf = parseInstantParam(raw, field, 'end', ctx);
  if (asOf.getTime() > ctx.now.getTime()) {
    const today = isDateParam(raw.trim()) && startOfLocalDay(raw.trim(), ctx).getTime() <= ctx.now.getTime();
    if (today) return ctx.now;
    throw new InvalidArgument(`${field} ${asOf.toISOString()} is after now (${ctx.now.toISOString()}): a report can only be taken as of the past or now`, 'as_of_in_future', field);
  }
  if (asOf.getTime() < startOfLocalDay(EARLIEST_DATE, ctx).getTime()) {
    throw new InvalidArgument(`${field} must be on or after ${EARLIEST_DATE}; got ${JSON.stringify(raw)}`, 'as_of_too_early', field);
  }
  return asOf;
}
