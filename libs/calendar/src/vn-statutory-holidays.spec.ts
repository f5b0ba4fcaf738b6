import { isoWeekday } from './local-date';
import { COMPENSATION_SOURCE, vnLunarDates, vnStatutoryDays, vnStatutoryHolidays } from './vn-statutory-holidays';

/**
 * Lunar new year (mùng 1 Tết) and Hùng Kings' day (10/3 lunar) in Viet Nam. Written
 * independently of date-holidays and cross-checked against astronomical new moons at
 * UTC+7 (Meeus). 2030 differs from the Chinese calendar (3 Feb): that new moon falls at
 * about 23:06 on 2 Feb at UTC+7 but after midnight at UTC+8.
 */
const KNOWN: Record<number, [string, string]> = {
  2020: ['2020-01-25', '2020-04-02'],
  2021: ['2021-02-12', '2021-04-21'],
  2022: ['2022-02-01', '2022-04-10'],
  2023: ['2023-01-22', '2023-04-29'], // leap 2nd month
  2024: ['2024-02-10', '2024-04-18'],
  2025: ['2025-01-29', '2025-04-07'],
  2026: ['2026-02-17', '2026-04-26'],
  2027: ['2027-02-06', '2027-04-16'],
  2028: ['2028-01-26', '2028-04-04'],
  2029: ['2029-02-13', '2029-04-23'],
  2030: ['2030-02-02', '2030-04-12'],
  2031: ['2031-01-23', '2031-04-01'],
  2032: ['2032-02-11', '2032-04-19'],
  2033: ['2033-01-31', '2033-04-09'],
  2034: ['2034-02-19', '2034-04-28'],
  2035: ['2035-02-08', '2035-04-17'],
};

const dates = (year: number) => vnStatutoryHolidays(year).map((d) => d.date);

describe('Vietnamese statutory holidays', () => {
  it.each(Object.entries(KNOWN))('lunar dates of %s', (year, [tet, hung]) => {
    expect(vnLunarDates(Number(year))).toEqual({ lunarNewYear: tet, hungKings: hung });
  });

  it('lists the 11 days of Labour Code 2019 Art. 112(1) each year', () => {
    for (let year = 2020; year <= 2040; year++) expect(vnStatutoryDays(year)).toHaveLength(11);
  });

  it('generates Tết 2026 as Mon 16 - Fri 20 Feb (the announced days) and Hùng Kings with a compensatory Monday', () => {
    expect(dates(2026)).toEqual([
      '2026-01-01',
      '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20',
      '2026-04-26', '2026-04-27', // Sunday + compensatory Monday
      '2026-04-30', '2026-05-01',
      '2026-09-01', '2026-09-02',
    ]);
  });

  it('compensates a fixed-date holiday on a weekend with the next working day', () => {
    // 2027: 1 May is a Saturday -> Monday 3 May.
    expect(dates(2027)).toEqual(expect.arrayContaining(['2027-04-30', '2027-05-01', '2027-05-03']));
    expect(vnStatutoryHolidays(2027).find((d) => d.date === '2027-05-03')?.source).toBe(COMPENSATION_SOURCE);
    // 2022: 1 Jan is a Saturday -> Monday 3 Jan.
    expect(dates(2022)).toContain('2022-01-03');
    // 2023: 30 Apr Sunday and Hùng Kings Saturday 29 Apr -> Tue 2 and Wed 3 May (after Labour Day on Monday).
    expect(dates(2023)).toEqual(expect.arrayContaining(['2023-04-29', '2023-04-30', '2023-05-01', '2023-05-02', '2023-05-03']));
    // 2023: 2 Sep Saturday -> Fri 1 Sep adjacent day, compensatory Mon 4 Sep.
    expect(dates(2023)).toEqual(expect.arrayContaining(['2023-09-01', '2023-09-02', '2023-09-04']));
  });

  it('compensates Tết days on a weekend after the Tết block', () => {
    // 2027: Tết Fri 5 - Tue 9 Feb covers a weekend -> Wed 10, Thu 11.
    expect(dates(2027).filter((d) => d.startsWith('2027-02'))).toEqual([
      '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11',
    ]);
  });

  it('gives every year 11 statutory days off on working days', () => {
    for (let year = 2020; year <= 2040; year++) {
      const weekdays = vnStatutoryHolidays(year).filter((d) => isoWeekday(d.date) <= 5);
      expect(new Set(weekdays.map((d) => d.date)).size).toBe(11);
    }
  });

  it('picks the National Day adjacent day next to the weekend', () => {
    expect(dates(2024)).toEqual(expect.arrayContaining(['2024-09-02', '2024-09-03'])); // Monday -> Tuesday
    expect(dates(2025)).toEqual(expect.arrayContaining(['2025-09-01', '2025-09-02'])); // Tuesday -> Monday
    expect(dates(2027)).toEqual(expect.arrayContaining(['2027-09-02', '2027-09-03'])); // Thursday -> Friday
  });
});
