import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BusinessCalendar, buildCalendarDefinition, loadCalendar } from '@mandate/calendar';

const FILE = resolve(__dirname, '../../../config/calendar/vn-holidays.json');
const cal = loadCalendar(FILE);
const at = (iso: string) => new Date(iso);
const offDays = (c: BusinessCalendar, from: string, to: string) => {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    const day = d.toISOString().slice(0, 10);
    if (!c.isWorkingDay(day)) out.push(day);
  }
  return out;
};
const minimal = { version: 't', statutory: { fromYear: 2026, toYear: 2026 }, announcedYears: {} };

describe('loadCalendar with the default Vietnamese data', () => {
  it('carries the file version and zone', () => {
    expect(cal.version).toBe('vn-2026.1');
    expect(cal.timeZone).toBe('Asia/Ho_Chi_Minh');
    expect(cal.definition.coveredYears).toEqual({ from: 2020, to: 2040 });
  });

  it('resolves from process.cwd() by default', () => {
    const cwd = jest.spyOn(process, 'cwd').mockReturnValue(resolve(__dirname, '../../..'));
    try {
      expect(loadCalendar().version).toBe('vn-2026.1');
    } finally {
      cwd.mockRestore();
    }
  });

  it('SPEC example: assigned Tuesday 2026-04-28 with dueInWorkingDays 3 is due 2026-05-05T16:59:59.999Z', () => {
    for (const assigned of ['2026-04-27T17:00:00Z', '2026-04-28T09:30:00+07:00', '2026-04-28T16:59:59.999Z']) {
      expect(cal.resolveDeadline({ kind: 'dueInWorkingDays', dueInWorkingDays: 3 }, at(assigned))).toEqual({
        dueAt: '2026-05-05T16:59:59.999Z',
        calendarVersion: 'vn-2026.1',
      });
    }
    expect(cal.isWorkingDay('2026-04-30')).toBe(false);
    expect(cal.isWorkingDay('2026-05-01')).toBe(false);
  });

  it('late evening UTC is already the next local day', () => {
    // 2026-04-28T17:30Z = Wednesday 29 April 00:30 local: Mon 4, Tue 5, Wed 6 May.
    expect(cal.addWorkingDays(at('2026-04-28T17:30:00Z'), 3).toISOString()).toBe('2026-05-06T16:59:59.999Z');
  });

  it('Tết 2026: off Saturday 14 to Sunday 22 February (announced), back on Monday 23', () => {
    expect(offDays(cal, '2026-02-13', '2026-02-23')).toEqual([
      '2026-02-14', '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18',
      '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22',
    ]);
    // Assigned Friday 13 Feb with 1 working day: Monday 23 Feb.
    expect(cal.addWorkingDays(at('2026-02-13T03:00:00Z'), 1).toISOString()).toBe('2026-02-23T16:59:59.999Z');
  });

  it('2026 swaps: Friday 2 Jan off, Saturday 10 Jan worked; Monday 31 Aug off, Saturday 22 Aug worked', () => {
    expect(offDays(cal, '2026-01-01', '2026-01-11')).toEqual(['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-11']);
    expect(cal.isWorkingDay('2026-08-22')).toBe(true);
    expect(offDays(cal, '2026-08-29', '2026-09-03')).toEqual(['2026-08-29', '2026-08-30', '2026-08-31', '2026-09-01', '2026-09-02']);
  });

  it('Hùng Kings 2026 on Sunday 26 April is compensated on Monday 27 April', () => {
    expect(offDays(cal, '2026-04-25', '2026-05-04')).toEqual([
      '2026-04-25', '2026-04-26', '2026-04-27', '2026-04-30', '2026-05-01', '2026-05-02', '2026-05-03',
    ]);
  });

  it('2025 announced: Tết 25 Jan - 2 Feb, Friday 2 May swapped with Saturday 26 April', () => {
    expect(offDays(cal, '2025-01-24', '2025-02-03')).toHaveLength(9);
    expect(cal.isWorkingDay('2025-04-26')).toBe(true);
    expect(cal.isWorkingDay('2025-05-02')).toBe(false);
  });

  it('generates statutory years outside the announced ones, e.g. 2027 (1 May Saturday -> Monday 3 May)', () => {
    expect(cal.isWorkingDay('2027-02-08')).toBe(false); // Tết day 3
    expect(cal.isWorkingDay('2027-05-03')).toBe(false);
    const sources = cal.definition.holidays.filter((d) => d.date.startsWith('2027-')).map((d) => d.source);
    expect(sources.every((s) => s?.startsWith('statutory-generated'))).toBe(true);
  });

  it('counts and subtracts across holidays', () => {
    const deadline = at('2026-05-05T16:59:59.999Z');
    expect(cal.subtractWorkingDays(deadline, 1).toISOString()).toBe('2026-05-04T16:59:59.999Z');
    expect(cal.subtractWorkingDays(deadline, 2).toISOString()).toBe('2026-04-29T16:59:59.999Z');
    expect(cal.subtractWorkingDays(deadline, 4).toISOString()).toBe('2026-04-24T16:59:59.999Z'); // skips Mon 27 (nghỉ bù)
    expect(cal.workingDaysBetween(at('2026-04-24T02:00:00Z'), deadline)).toBe(4);
    expect(cal.workingDaysBetween(deadline, at('2026-04-24T02:00:00Z'))).toBe(-4);
  });

  it('applies a time zone override', () => {
    expect(loadCalendar(FILE, 'Asia/Bangkok').timeZone).toBe('Asia/Bangkok');
  });
});

describe('calendar file validation', () => {
  it('adds extra days off and make-up working days from the file', () => {
    const c = new BusinessCalendar(
      buildCalendarDefinition({
        ...minimal,
        extraDaysOff: [{ date: '2026-06-03', name: 'Provincial day off', source: 'Provincial decision' }],
        makeUpWorkingDays: [{ date: '2026-06-13', name: 'Make-up Saturday', source: 'Provincial decision' }],
      }),
    );
    expect(c.isWorkingDay('2026-06-03')).toBe(false);
    expect(c.isWorkingDay('2026-06-13')).toBe(true);
    expect(c.isWorkingDay('2026-04-27')).toBe(false); // generated compensation for Hùng Kings
  });

  it.each([
    [{ ...minimal, version: '' }, /version must be/],
    [{ ...minimal, statutory: { fromYear: 2027, toYear: 2026 } }, /statutory must be/],
    [{ ...minimal, announcedYears: { 2026: { holidays: [{ date: '2026-02-30', name: 'x', source: 's' }] } } }, /announcedYears\.2026\.holidays\[0\] date must be a real date/],
    [{ ...minimal, announcedYears: { 2026: { holidays: [{ date: '2025-02-03', name: 'x', source: 's' }] } } }, /announcedYears\.2026\.holidays\[0\] \(2025-02-03\) is not in 2026/],
    [{ ...minimal, announcedYears: { 2026: { holidays: [{ date: '2026-02-03', name: 'x' }] } } }, /holidays\[0\] \(2026-02-03\) needs a non-empty source/],
    [{ ...minimal, announcedYears: { 2026: {} } }, /announcedYears\.2026\.holidays is required/],
    [{ ...minimal, extraDaysOff: [{ date: '2026-04-30', name: 'x', source: 's' }] }, /extraDaysOff\[0\] \(2026-04-30\) is listed twice/],
  ])('rejects a bad file %#', (raw, message) => {
    expect(() => new BusinessCalendar(buildCalendarDefinition(raw))).toThrow(message);
  });

  it('names the file when it cannot be read or is invalid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'calendar-'));
    writeFileSync(join(dir, 'broken.json'), '{ not json');
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...minimal, weekendDays: [0] }));
    expect(() => loadCalendar(join(dir, 'missing.json'))).toThrow(/missing\.json could not be read/);
    expect(() => loadCalendar(join(dir, 'broken.json'))).toThrow(/broken\.json could not be read as JSON/);
    expect(() => loadCalendar(join(dir, 'bad.json'))).toThrow(/bad\.json: weekendDays must be/);
  });
});
