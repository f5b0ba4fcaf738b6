import Holidays from 'date-holidays';
import { CalendarDay } from './calendar-definition';
import { addDays, isoWeekday } from './local-date';

/**
 * Viet Nam's statutory public holidays, generated for any year from the law alone.
 *
 * Labour Code 2019 (Law 45/2019/QH14) Art. 112(1): New Year 1 Jan; Tết 5 days; 30 April;
 * 1 May; National Day 2 Sep plus one adjacent day (1 or 3 Sep); Hùng Kings'
 * Commemoration, 10th day of the 3rd lunar month. Art. 111(3): when a weekly rest day
 * coincides with one of these holidays, the day off is compensated (nghỉ bù) on the
 * next working day.
 *
 * This is what the law guarantees, not what the government announces. Each year the
 * Prime Minister fixes which 5 days are Tết, which day goes with 2 September, and often
 * swaps a working day for a Saturday. A generated year is therefore an approximation:
 * - Tết = the last day of the lunar year and days 1-4 of the new one;
 * - National Day's second day = 3 Sep when 2 Sep is a Monday, Thursday or Sunday
 *   (so it touches the weekend), else 1 Sep (as announced for 2024, 2025 and 2026);
 * - a holiday on a weekend day (or on another holiday) gets a compensatory day.
 * Announced schedules are data (config/calendar/vn-holidays.json) and replace the
 * generated year entirely.
 *
 * Lunar dates come from date-holidays' Vietnamese calendar (new moons at UTC+7, which
 * is why Tết 2030 is 2 February in Viet Nam but 3 February in China). Only the lunar
 * dates are taken from it: its VN country data does not give National Day's second day
 * nor compensatory days, so its holiday list is not used.
 */
export const STATUTORY_SOURCE = 'statutory-generated: Labour Code 2019 Art. 112(1)';
export const COMPENSATION_SOURCE = 'statutory-generated: Labour Code 2019 Art. 111(3), compensatory day off';

export interface LunarDates {
  lunarNewYear: string;
  hungKings: string;
}

/** date-holidays' lunar arithmetic takes tens of milliseconds a year, so results are kept. */
const lunarCache = new Map<number, LunarDates>();
let lunar: Holidays | undefined;
function lunarCalendar(): Holidays {
  if (!lunar) {
    lunar = new Holidays();
    lunar.setHoliday('vietnamese 1-0-1', { name: { en: 'tet' }, type: 'public' });
    lunar.setHoliday('vietnamese 3-0-10', { name: { en: 'hung' }, type: 'public' });
  }
  return lunar;
}

/** Solar dates of the lunar new year (Tết, mùng 1) and of Hùng Kings' day (10/3 lunar) in a year. */
export function vnLunarDates(year: number): LunarDates {
  const cached = lunarCache.get(year);
  if (cached) return { ...cached };
  const found = lunarCalendar().getHolidays(year, 'en');
  const dateOf = (name: string) => found.find((h) => h.name === name)?.date.slice(0, 10);
  const lunarNewYear = dateOf('tet');
  const hungKings = dateOf('hung');
  // The lunar new year is the second new moon after the winter solstice: 21 Jan - 20 Feb.
  const tetOk = lunarNewYear && lunarNewYear >= `${year}-01-21` && lunarNewYear <= `${year}-02-20`;
  const gap = lunarNewYear && hungKings ? (Date.parse(hungKings) - Date.parse(lunarNewYear)) / 86_400_000 : 0;
  // Two lunar months and nine days, or three months and nine days when a leap month intervenes.
  if (!tetOk || gap < 66 || gap > 100) {
    throw new RangeError(`Implausible lunar dates for ${year}: Tết ${lunarNewYear}, Hùng Kings ${hungKings}.`);
  }
  const dates = { lunarNewYear: lunarNewYear as string, hungKings: hungKings as string };
  lunarCache.set(year, dates);
  return { ...dates };
}

function nationalDayPartner(year: number): string {
  const weekday = isoWeekday(`${year}-09-02`);
  return [1, 4, 7].includes(weekday) ? `${year}-09-03` : `${year}-09-01`;
}

/** The statutory holidays of one year, before compensation. */
export function vnStatutoryDays(year: number): CalendarDay[] {
  const { lunarNewYear, hungKings } = vnLunarDates(year);
  const tet = (offset: number, label: string): CalendarDay => ({
    date: addDays(lunarNewYear, offset),
    name: `Tết Nguyên Đán (Lunar New Year): ${label}`,
  });
  const days: CalendarDay[] = [
    { date: `${year}-01-01`, name: 'Tết Dương lịch (New Year)' },
    tet(-1, 'last day of the lunar year'),
    tet(0, 'day 1'),
    tet(1, 'day 2'),
    tet(2, 'day 3'),
    tet(3, 'day 4'),
    { date: hungKings, name: "Giỗ Tổ Hùng Vương (Hùng Kings' Commemoration)" },
    { date: `${year}-04-30`, name: 'Ngày Chiến thắng (Reunification Day)' },
    { date: `${year}-05-01`, name: 'Quốc tế Lao động (International Labour Day)' },
    { date: `${year}-09-02`, name: 'Quốc khánh (National Day)' },
    { date: nationalDayPartner(year), name: 'Quốc khánh (National Day), adjacent day' },
  ];
  return days.map((d) => ({ ...d, source: STATUTORY_SOURCE })).sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * Statutory holidays of one year with Art. 111(3) compensation: each holiday falling on
 * a weekend day, or on the same date as another holiday, adds the next day that is
 * neither a weekend day nor already off.
 */
export function vnStatutoryHolidays(year: number, weekendDays: readonly number[] = [6, 7]): CalendarDay[] {
  const statutory = vnStatutoryDays(year);
  const off = new Set(statutory.map((d) => d.date));
  const isWeekend = (date: string) => weekendDays.includes(isoWeekday(date));
  const result: CalendarDay[] = [];
  const listed = new Set<string>();
  for (const day of statutory) {
    const clash = listed.has(day.date);
    listed.add(day.date);
    if (!clash) result.push(day);
    if (!clash && !isWeekend(day.date)) continue;
    let comp = addDays(day.date, 1);
    while (isWeekend(comp) || off.has(comp)) comp = addDays(comp, 1);
    off.add(comp);
    result.push({ date: comp, name: `Nghỉ bù (compensatory day off) for ${day.name}, ${day.date}`, source: COMPENSATION_SOURCE });
  }
  return result.sort((a, b) => a.date.localeCompare(b.date));
}
