import { BusinessCalendar } from '@mandate/calendar';
import { InvalidArgument } from '@mandate/domain';
import { parseAsOf, parseInstantParam, type ParamContext } from './instant-param';

const calendar = new BusinessCalendar({ version: 'test-1', holidays: [], extraDaysOff: [], makeUpWorkingDays: [] });
const now = new Date('2026-05-08T02:00:00Z'); // Friday 09:00 in Asia/Ho_Chi_Minh
const ctx: ParamContext = { now, calendar };

function refusal(run: () => unknown): InvalidArgument {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidArgument) return error;
    throw error;
  }
  throw new Error('expected an InvalidArgument');
}

describe('parseAsOf', () => {
  it('is now when omitted', () => {
    expect(parseAsOf(undefined, ctx)).toBe(now);
  });

  it('reads an instant with an offset or Z as given', () => {
    expect(parseAsOf('2026-05-06T02:00:00Z', ctx).toISOString()).toBe('2026-05-06T02:00:00.000Z');
    expect(parseAsOf('2026-05-06T09:00:00+07:00', ctx).toISOString()).toBe('2026-05-06T02:00:00.000Z');
    expect(parseAsOf('2026-05-06T09:00:00.250-05:00', ctx).toISOString()).toBe('2026-05-06T14:00:00.250Z');
  });

  it('reads an instant without an offset in the organisation’s time zone', () => {
    expect(parseAsOf('2026-05-06T09:00', ctx).toISOString()).toBe('2026-05-06T02:00:00.000Z');
    expect(parseAsOf('2026-05-06T09:00:00', ctx).toISOString()).toBe('2026-05-06T02:00:00.000Z');
  });

  it('takes a date as the end of that local day', () => {
    expect(parseAsOf('2026-05-06', ctx).toISOString()).toBe('2026-05-06T16:59:59.999Z');
  });

  it('takes today’s date as now, since the rest of the day has not happened', () => {
    expect(parseAsOf('2026-05-08', ctx)).toBe(now);
  });

  it('refuses an instant or a date after now, naming the field', () => {
    const late = refusal(() => parseAsOf('2026-05-08T02:00:00.001Z', ctx));
    expect(late).toMatchObject({ code: 'as_of_in_future', field: 'asOf' });
    expect(late.message).toContain('after now');
    expect(refusal(() => parseAsOf('2026-05-09', ctx))).toMatchObject({ code: 'as_of_in_future', field: 'asOf' });
    expect(parseAsOf('2026-05-08T02:00:00Z', ctx).toISOString()).toBe(now.toISOString());
  });

  it('refuses what is not a date or an instant', () => {
    for (const raw of ['', 'yesterday', '2026-13-01', '2026-02-30', '2026-05', '2026-W19', '2026-05-06T25:00', '06/05/2026', '2026-05-06 09:00', '1778032800000']) {
      expect(refusal(() => parseAsOf(raw, ctx))).toMatchObject({ field: 'asOf' });
    }
  });

  it('refuses an asOf before 2000, where business time starts', () => {
    expect(refusal(() => parseAsOf('1999-12-31', ctx))).toMatchObject({ code: 'as_of_too_early' });
    expect(parseAsOf('2000-01-01', ctx).toISOString()).toBe('2000-01-01T16:59:59.999Z');
  });

  it('names the field it was given', () => {
    expect(refusal(() => parseAsOf('soon', ctx, 'as-of')).field).toBe('as-of');
  });
});

describe('parseInstantParam', () => {
  it('takes a date as the start or the end of that local day', () => {
    expect(parseInstantParam('2026-01-01', 'from', 'start', ctx).toISOString()).toBe('2025-12-31T17:00:00.000Z');
    expect(parseInstantParam('2026-01-01', 'to', 'end', ctx).toISOString()).toBe('2026-01-01T16:59:59.999Z');
  });

  it('accepts instants in the future (a period may reach past now)', () => {
    expect(parseInstantParam('2027-01-01T00:00:00Z', 'to', 'end', ctx).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('names the field it refuses', () => {
    expect(refusal(() => parseInstantParam('later', 'to', 'end', ctx))).toMatchObject({ code: 'invalid_instant', field: 'to' });
    expect(refusal(() => parseInstantParam('2026-02-29', 'from', 'start', ctx))).toMatchObject({ code: 'invalid_date', field: 'from' });
  });
});
