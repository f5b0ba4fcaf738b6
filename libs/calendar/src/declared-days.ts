import { BusinessCalendar } from './business-calendar';
import type { CalendarDay } from './calendar-definition';
import { isoWeekday } from './local-date';

/** A day an admin declared after start-up: off (a holiday or extra day off) or a make-up working day. */
export interface DeclaredDay {
  date: string;
  kind: 'day_off' | 'working_day';
  name: string;
}

/**
 * The calendar with an admin's declared days applied over it: a declared date replaces
 * whatever the base said about that date. The version records how many declarations apply,
 * so a deadline resolved with it names exactly this calendar.
 */
export function withDeclaredDays(base: BusinessCalendar, declared: readonly DeclaredDay[]): BusinessCalendar {
  if (declared.length === 0) return base;
  const latest = new Map<string, DeclaredDay>();
  for (const day of declared) latest.set(day.date, day);
  const keep = (days: CalendarDay[]) => days.filter((d) => !latest.has(d.date));
  const def = base.definition;
  const declaredOff = [...latest.values()].filter((d) => d.kind === 'day_off');
  // A weekday declared working just stops being off; only a weekend day needs a make-up entry.
  const declaredWorking = [...latest.values()].filter((d) => d.kind === 'working_day' && base.definition.weekendDays.includes(isoWeekday(d.date)));
  const source = 'declared by an administrator';
  return new BusinessCalendar({
    version: `${def.version}+${declared.length}`,
    timeZone: def.timeZone,
    weekendDays: [...def.weekendDays],
    holidays: keep(def.holidays),
    extraDaysOff: [...keep(def.extraDaysOff), ...declaredOff.map(({ date, name }) => ({ date, name, source }))],
    makeUpWorkingDays: [...keep(def.makeUpWorkingDays), ...declaredWorking.map(({ date, name }) => ({ date, name, source }))],
  });
}
