import { BusinessCalendar } from './business-calendar';
import { CalendarDefinition } from './calendar-definition';

// A small hand-made calendar; the real Vietnamese data is exercised in calendar-loader.spec.ts.
const definition: CalendarDefinition = {
  version: 'test-1',
  holidays: [
    { date: '2026-04-30', name: 'Reunification Day' },
    { date: '2026-05-01', name: 'Labour Day' },
  ],
  extraDaysOff: [{ date: '2026-05-06', name: 'Provincial day off' }],
  makeUpWorkingDays: [{ date: '2026-05-09', name: 'Make-up Saturday' }],
};
const cal = new BusinessCalendar(definition);
const at = (iso: string) => new Date(iso);

describe('BusinessCalendar', () => {
  it('exposes version, zone and a copy of the definition', () => {
    expect(cal.version).toBe('test-1');
    expect(cal.timeZone).toBe('Asia/Ho_Chi_Minh');
    expect(cal.definition.weekendDays).toEqual([6, 7]);
    cal.definition.holidays.length = 0;
    expect(cal.definition.holidays).toHaveLength(2);
  });

  it('knows weekends, holidays, extra days off and make-up working days', () => {
    expect(cal.isWorkingDay('2026-04-28')).toBe(true); // Tuesday
    expect(cal.isWorkingDay('2026-04-30')).toBe(false); // holiday
    expect(cal.isWorkingDay('2026-05-02')).toBe(false); // Saturday
    expect(cal.isWorkingDay('2026-05-03')).toBe(false); // Sunday
    expect(cal.isWorkingDay('2026-05-06')).toBe(false); // extra day off (Wednesday)
    expect(cal.isWorkingDay('2026-05-09')).toBe(true); // make-up Saturday
    expect(cal.isWorkingDay('2026-05-16')).toBe(false); // ordinary Saturday
    expect(() => cal.isWorkingDay('2026-02-30')).toThrow(/YYYY-MM-DD/);
  });

  it('ends a local day at 23:59:59.999 in Asia/Ho_Chi_Minh (UTC+7)', () => {
    expect(cal.endOfLocalDay('2026-05-05').toISOString()).toBe('2026-05-05T16:59:59.999Z');
    expect(cal.resolveDueDate('2026-12-31').toISOString()).toBe('2026-12-31T16:59:59.999Z');
  });

  it('SPEC example: assigned Tuesday 2026-04-28 + 3 working days = end of Tuesday 2026-05-05', () => {
    for (const assigned of ['2026-04-27T17:00:00.000Z', '2026-04-28T02:15:00Z', '2026-04-28T16:59:59.999Z']) {
      expect(cal.addWorkingDays(at(assigned), 3).toISOString()).toBe('2026-05-05T16:59:59.999Z');
      expect(cal.resolveDeadline({ kind: 'dueInWorkingDays', dueInWorkingDays: 3 }, at(assigned))).toEqual({
        dueAt: '2026-05-05T16:59:59.999Z',
        calendarVersion: 'test-1',
      });
    }
  });

  it('uses the local day of the instant near local midnight', () => {
    // 17:30Z on 28 April is 00:30 on Wednesday 29 April in Ho Chi Minh City.
    expect(cal.localDateOf(at('2026-04-28T17:30:00Z'))).toBe('2026-04-29');
    expect(cal.localDateOf(at('2026-04-28T16:59:59.999Z'))).toBe('2026-04-28');
    // From Wednesday 29 April: Mon 4, Tue 5, (Wed 6 off), Thu 7.
    expect(cal.addWorkingDays(at('2026-04-28T17:30:00Z'), 3).toISOString()).toBe('2026-05-07T16:59:59.999Z');
    expect(cal.workingDaysBetween(at('2026-04-28T16:00:00Z'), at('2026-04-28T17:30:00Z'))).toBe(1);
  });

  it('counts a make-up Saturday and skips an extra day off', () => {
    // From Tuesday 5 May: (Wed 6 off) Thu 7, Fri 8, Sat 9 (make-up), Mon 11.
    expect(cal.addWorkingDays(at('2026-05-05T03:00:00Z'), 3).toISOString()).toBe('2026-05-09T16:59:59.999Z');
    expect(cal.addWorkingDays(at('2026-05-05T03:00:00Z'), 4).toISOString()).toBe('2026-05-11T16:59:59.999Z');
  });

  it('subtracts working days before the deadline day', () => {
    const deadline = at('2026-05-05T16:59:59.999Z'); // Tuesday 5 May
    expect(cal.subtractWorkingDays(deadline, 1).toISOString()).toBe('2026-05-04T16:59:59.999Z');
    expect(cal.subtractWorkingDays(deadline, 2).toISOString()).toBe('2026-04-29T16:59:59.999Z');
    expect(cal.subtractWorkingDays(deadline, 3).toISOString()).toBe('2026-04-28T16:59:59.999Z');
    expect(cal.subtractWorkingDays(at('2026-05-11T01:00:00Z'), 1).toISOString()).toBe('2026-05-09T16:59:59.999Z');
  });

  it('counts working days strictly after a up to and including b, negative when b is earlier', () => {
    const tue = at('2026-04-28T02:00:00Z');
    const nextTue = at('2026-05-05T10:00:00Z');
    expect(cal.workingDaysBetween(tue, nextTue)).toBe(3); // Wed 29, Mon 4, Tue 5
    expect(cal.workingDaysBetween(nextTue, tue)).toBe(-3);
    expect(cal.workingDaysBetween(tue, at('2026-04-28T15:00:00Z'))).toBe(0);
    expect(cal.workingDaysBetween(at('2026-05-01T02:00:00Z'), at('2026-05-03T02:00:00Z'))).toBe(0); // holiday to Sunday
    for (let n = 1; n <= 15; n++) expect(cal.workingDaysBetween(tue, cal.addWorkingDays(tue, n))).toBe(n);
  });

  it('resolves dueAt and dueDate specs', () => {
    const assigned = at('2026-04-28T02:00:00Z');
    expect(cal.resolveDeadline({ kind: 'dueAt', dueAt: '2026-05-04T10:00:00+07:00' }, assigned)).toEqual({
      dueAt: '2026-05-04T03:00:00.000Z',
      calendarVersion: 'test-1',
    });
    expect(cal.resolveDeadline({ kind: 'dueAt', dueAt: '2026-05-04T10:00:00' }, assigned).dueAt).toBe('2026-05-04T03:00:00.000Z');
    expect(cal.resolveDeadline({ kind: 'dueDate', dueDate: '2026-05-04' }, assigned).dueAt).toBe('2026-05-04T16:59:59.999Z');
    expect(() => cal.resolveDeadline({ kind: 'dueAt', dueAt: '2026-05-04' }, assigned)).toThrow(/date and time/);
    expect(() => cal.resolveDeadline({ kind: 'dueAt', dueAt: 'soon' }, assigned)).toThrow(/ISO 8601/);
  });

  it('rejects bad arguments and bad definitions', () => {
    expect(() => cal.addWorkingDays(at('2026-04-28T02:00:00Z'), 0)).toThrow(/at least 1/);
    expect(() => cal.addWorkingDays(at('2026-04-28T02:00:00Z'), 1.5)).toThrow(/whole number/);
    expect(() => cal.addWorkingDays(new Date('nope'), 1)).toThrow(/valid Date/);
    expect(() => new BusinessCalendar({ ...definition, timeZone: 'Mars/Olympus' })).toThrow(/time zone/);
    expect(() => new BusinessCalendar({ ...definition, weekendDays: [1, 2, 3, 4, 5, 6, 7] })).toThrow(/weekendDays/);
    expect(
      () => new BusinessCalendar({ ...definition, extraDaysOff: [{ date: '2026-05-01', name: 'again' }] }),
    ).toThrow(/extraDaysOff\[0\] \(2026-05-01\) is listed twice: also in holidays\[1\]/);
    expect(
      () => new BusinessCalendar({ ...definition, makeUpWorkingDays: [{ date: '2026-05-08', name: 'Friday' }] }),
    ).toThrow(/2026-05-08 .* is not a weekend day/);
  });

  it('honours another time zone', () => {
    const paris = new BusinessCalendar({ version: 'fr', timeZone: 'Europe/Paris', holidays: [] });
    // Across the DST change on 29 March 2026: Friday 27 -> Monday 30 March.
    expect(paris.addWorkingDays(at('2026-03-27T10:00:00Z'), 1).toISOString()).toBe('2026-03-30T21:59:59.999Z');
    expect(paris.endOfLocalDay('2026-03-27').toISOString()).toBe('2026-03-27T22:59:59.999Z');
  });

  it('maps instants to local dates exactly around a DST change and on fractional-offset zones', () => {
    const { DateTime } = jest.requireActual<typeof import('luxon')>('luxon');
    for (const zone of ['Europe/Paris', 'America/St_Johns', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Asia/Ho_Chi_Minh']) {
      const calendar = new BusinessCalendar({ version: zone, timeZone: zone, holidays: [] });
      // Every 7 minutes across a week holding a DST change (or none), twice (the second pass hits the cache).
      for (let pass = 0; pass < 2; pass++) {
        for (let ms = Date.parse('2026-03-26T00:00:00Z'); ms < Date.parse('2026-04-08T00:00:00Z'); ms += 7 * 60_000) {
          const expected = DateTime.fromMillis(ms, { zone }).toISODate();
          if (calendar.localDateOf(new Date(ms)) !== expected) throw new Error(`${zone} ${new Date(ms).toISOString()}: expected ${expected}`);
        }
      }
      expect(calendar.localDateOf(new Date('2026-04-05T12:00:00Z'))).toBe(DateTime.fromISO('2026-04-05T12:00:00Z', { zone }).toISODate());
    }
  });
});
