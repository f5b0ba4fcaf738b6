import { DEFAULT_CALENDAR_FILE, loadCalendar } from '@mandate/calendar';
import { WorkingTime } from './working-time';

describe('WorkingTime', () => {
  const working = new WorkingTime(loadCalendar(DEFAULT_CALENDAR_FILE, 'Asia/Ho_Chi_Minh'));

  it('counts only the time that falls on working days (docs/reports.md: Friday 15:00 to Monday 09:00 is 0.75)', () => {
    // Friday 2026-05-08 15:00 to Monday 2026-05-11 09:00, Hanoi time.
    expect(working.between('2026-05-08T08:00:00Z', '2026-05-11T02:00:00Z')).toBeCloseTo(0.75, 10);
  });

  it('skips the 30 April and 1 May holidays and the weekend after them', () => {
    // Wednesday 29 April 12:00 to Monday 4 May 12:00: half of Wednesday, half of Monday.
    expect(working.between('2026-04-29T05:00:00Z', '2026-05-04T05:00:00Z')).toBeCloseTo(1, 10);
  });

  it('is zero within a day off and negative backwards', () => {
    expect(working.between('2026-05-09T01:00:00Z', '2026-05-10T10:00:00Z')).toBe(0);
    expect(working.between('2026-05-12T02:00:00Z', '2026-05-11T02:00:00Z')).toBeCloseTo(-1, 10);
  });

  it('counts whole working days between dates exactly as the calendar does', () => {
    const calendar = working.calendar;
    const pairs = [
      ['2026-04-28T16:59:59.999Z', '2026-05-06T02:00:00Z'],
      ['2026-01-30T05:00:00Z', '2026-03-02T01:00:00Z'],
      ['2025-12-31T16:59:59.999Z', '2026-06-30T03:00:00Z'],
      ['2026-05-08T08:00:00Z', '2026-05-08T09:00:00Z'],
    ];
    for (const [a, b] of pairs) {
      expect(working.workingDaysBetweenDates(new Date(a), new Date(b))).toBe(calendar.workingDaysBetween(new Date(a), new Date(b)));
    }
  });

  it('is an ordinal: durations add up across any split', () => {
    const a = '2026-01-02T03:04:05Z';
    const b = '2026-02-20T10:00:00Z';
    const c = '2026-03-15T23:00:00Z';
    expect(working.between(a, b) + working.between(b, c)).toBeCloseTo(working.between(a, c), 10);
  });

  it.each(['Asia/Ho_Chi_Minh', 'Africa/Cairo'])(
    'answers from its remembered day exactly as without it, in order and out of order, across clock changes (%s)',
    (zone) => {
      const calendar = loadCalendar(DEFAULT_CALENDAR_FILE, zone);
      const remembering = new WorkingTime(calendar);
      // The same computation from scratch: an instant of another year first makes it forget its day.
      const other = new WorkingTime(calendar);
      const fresh = () => (other.at(new Date('2001-06-01T00:00:00Z')), other);
      // Every 17 minutes through the days around Cairo's clock changes of 2026 (Thursday night to Friday, working days
      // in this calendar), forwards then backwards, then scattered instants.
      const instants: number[] = [];
      for (const around of ['2026-04-22T12:00:00Z', '2026-10-28T12:00:00Z']) {
        const days: number[] = [];
        for (let t = Date.parse(around); t < Date.parse(around) + 3 * 86_400_000; t += 17 * 60_000) days.push(t);
        instants.push(...days, ...days.reverse());
      }
      let seed = 7;
      for (let i = 0; i < 500; i++) instants.push(Date.parse('2025-01-01T00:00:00Z') + ((seed = (seed * 48_271) % 2_147_483_647) % (700 * 86_400_000)));
      for (const t of instants) expect([new Date(t).toISOString(), remembering.at(new Date(t))]).toEqual([new Date(t).toISOString(), fresh().at(new Date(t))]);
    },
  );
});
