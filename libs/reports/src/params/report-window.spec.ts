import { BusinessCalendar } from '@mandate/calendar';
import { InvalidArgument } from '@mandate/domain';
import type { ParamContext } from './instant-param';
import { parsePeriod } from './period';
import { rankingWindow, reportWindow } from './report-window';

const calendar = new BusinessCalendar({ version: 'test-1', holidays: [], extraDaysOff: [], makeUpWorkingDays: [] });
const now = new Date('2026-05-08T02:00:00Z');
const ctx: ParamContext = { now, calendar };
const iso = (w: { asOf: Date; from?: Date; to?: Date }) => ({ asOf: w.asOf.toISOString(), from: w.from?.toISOString(), to: w.to?.toISOString() });

function refusal(run: () => unknown): InvalidArgument {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidArgument) return error;
    throw error;
  }
  throw new Error('expected an InvalidArgument');
}

describe('reportWindow', () => {
  it('defaults to now, from the beginning', () => {
    expect(reportWindow({}, ctx)).toEqual({ asOf: now });
  });

  it('reads from as the start and to as the end of local days', () => {
    expect(iso(reportWindow({ from: '2026-04-01', to: '2026-04-30', asOf: '2026-05-06' }, ctx))).toEqual({
      asOf: '2026-05-06T16:59:59.999Z',
      from: '2026-03-31T17:00:00.000Z',
      to: '2026-04-30T16:59:59.999Z',
    });
  });

  it('accepts a one-day period and instants', () => {
    const w = reportWindow({ from: '2026-04-01', to: '2026-04-01' }, ctx);
    expect(w.to!.getTime() - w.from!.getTime()).toBe(86_400_000 - 1);
    expect(iso(reportWindow({ from: '2026-04-01T08:00:00+07:00' }, ctx)).from).toBe('2026-04-01T01:00:00.000Z');
  });

  it('refuses from after to, naming from', () => {
    expect(refusal(() => reportWindow({ from: '2026-05-01', to: '2026-04-30' }, ctx))).toMatchObject({ code: 'from_after_to', field: 'from' });
  });

  it('names the field that does not parse', () => {
    expect(refusal(() => reportWindow({ from: 'x' }, ctx)).field).toBe('from');
    expect(refusal(() => reportWindow({ to: 'x' }, ctx)).field).toBe('to');
    expect(refusal(() => reportWindow({ asOf: 'x' }, ctx)).field).toBe('asOf');
    expect(refusal(() => reportWindow({ asOf: '2030-01-01' }, ctx)).code).toBe('as_of_in_future');
  });
});

describe('parsePeriod', () => {
  const period = (raw: string) => {
    const p = parsePeriod(raw, ctx);
    return [p.from.toISOString(), p.to.toISOString()];
  };

  it('reads a year, a half-year and a quarter in local days', () => {
    expect(period('2026')).toEqual(['2025-12-31T17:00:00.000Z', '2026-12-31T16:59:59.999Z']);
    expect(period('2026-H1')).toEqual(['2025-12-31T17:00:00.000Z', '2026-06-30T16:59:59.999Z']);
    expect(period('2026-H2')).toEqual(['2026-06-30T17:00:00.000Z', '2026-12-31T16:59:59.999Z']);
    expect(period('2026-Q1')).toEqual(['2025-12-31T17:00:00.000Z', '2026-03-31T16:59:59.999Z']);
    expect(period('2026-Q2')).toEqual(['2026-03-31T17:00:00.000Z', '2026-06-30T16:59:59.999Z']);
    expect(period('2026-Q3')).toEqual(['2026-06-30T17:00:00.000Z', '2026-09-30T16:59:59.999Z']);
    expect(period('2026-Q4')).toEqual(['2026-09-30T17:00:00.000Z', '2026-12-31T16:59:59.999Z']);
    expect(period('2028-Q1')[1]).toBe('2028-03-31T16:59:59.999Z');
  });

  it('refuses anything else, naming period', () => {
    for (const raw of ['', '26', '2026-Q5', '2026-H3', '2026-q2', '2026Q2', '2026-06', 'Q2-2026']) {
      expect(refusal(() => parsePeriod(raw, ctx))).toMatchObject({ code: 'invalid_period', field: 'period' });
    }
  });

  it('refuses a year before 2000, which no report covers (found by the fuzz test: 0074 was a 500)', () => {
    for (const raw of ['0074', '0000-Q1', '1999-H2']) {
      expect(refusal(() => parsePeriod(raw, ctx))).toMatchObject({ code: 'invalid_period', field: 'period' });
    }
    expect(period('2000-Q1')[0]).toBe('1999-12-31T17:00:00.000Z');
  });
});

describe('rankingWindow', () => {
  it('refuses a window that ends before 2000, naming to (to=1970-01-01 was a 500)', () => {
    expect(refusal(() => rankingWindow({ to: '1970-01-01' }, ctx))).toMatchObject({ field: 'to' });
    expect(refusal(() => rankingWindow({ from: '1960-01-01', to: '1999-12-31T10:00:00Z' }, ctx))).toMatchObject({ field: 'to' });
    expect(rankingWindow({ to: '2000-01-01' }, ctx).asOf.toISOString()).toBe('2000-01-01T16:59:59.999Z');
  });

  it('takes the end of a past period as asOf', () => {
    expect(iso(rankingWindow({ period: '2026-Q1' }, ctx))).toEqual({
      asOf: '2026-03-31T16:59:59.999Z',
      from: '2025-12-31T17:00:00.000Z',
      to: '2026-03-31T16:59:59.999Z',
    });
  });

  it('takes now as asOf while the period runs', () => {
    expect(rankingWindow({ period: '2026-Q2' }, ctx).asOf).toEqual(now);
    expect(rankingWindow({ period: '2026' }, ctx).asOf).toEqual(now);
  });

  it('keeps an explicit asOf', () => {
    expect(iso(rankingWindow({ period: '2026-Q1', asOf: '2026-04-15' }, ctx)).asOf).toBe('2026-04-15T16:59:59.999Z');
  });

  it('treats from/to as the period, with the same default asOf', () => {
    expect(iso(rankingWindow({ from: '2026-01-01', to: '2026-03-31' }, ctx)).asOf).toBe('2026-03-31T16:59:59.999Z');
    expect(rankingWindow({ from: '2026-01-01' }, ctx).asOf).toEqual(now);
    expect(rankingWindow({}, ctx)).toEqual({ asOf: now });
  });

  it('refuses a period combined with from or to', () => {
    expect(refusal(() => rankingWindow({ period: '2026', from: '2026-01-01' }, ctx))).toMatchObject({ code: 'period_with_from_to', field: 'period' });
    expect(refusal(() => rankingWindow({ period: '2026', to: '2026-01-01' }, ctx)).field).toBe('period');
  });
});
