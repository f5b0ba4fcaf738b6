import { BusinessCalendar } from './business-calendar';
import { withDeclaredDays } from './declared-days';

const base = new BusinessCalendar({ version: 'test-1', holidays: [{ date: '2026-05-01', name: 'Labour Day' }] });

describe('withDeclaredDays', () => {
  it('adds a day off and a make-up Saturday, and names the declarations in the version', () => {
    const cal = withDeclaredDays(base, [
      { date: '2026-05-04', kind: 'day_off', name: 'Provincial day off' },
      { date: '2026-05-09', kind: 'working_day', name: 'Make-up Saturday' },
    ]);
    expect(cal.version).toBe('test-1+2');
    expect(cal.isWorkingDay('2026-05-04')).toBe(false);
    expect(cal.isWorkingDay('2026-05-09')).toBe(true);
    expect(base.isWorkingDay('2026-05-04')).toBe(true);
  });

  it('lets a declaration override the base, the latest declaration of a date winning', () => {
    const cal = withDeclaredDays(base, [
      { date: '2026-05-01', kind: 'working_day', name: 'Worked after all' },
      { date: '2026-05-06', kind: 'day_off', name: 'Off' },
      { date: '2026-05-06', kind: 'working_day', name: 'Back on' },
    ]);
    expect(cal.isWorkingDay('2026-05-01')).toBe(true);
    expect(cal.isWorkingDay('2026-05-06')).toBe(true);
  });
});
