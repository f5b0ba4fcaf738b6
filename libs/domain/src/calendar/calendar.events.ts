import { DomainEvent } from '../shared/domain-event';

export const CALENDAR_DAY_KINDS = ['day_off', 'working_day'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

/** An administrator declared a date a day off, or a (make-up) working day, over the calendar file. */
export class CalendarDayDeclared extends DomainEvent<{ date: string; kind: CalendarDayKind; name: string }> {
  static override readonly type = 'CalendarDayDeclared';
}

/** The organisation has one calendar stream. */
export const ORGANISATION_CALENDAR_ID = '5f1f3c1e-6a39-4f4e-9b8e-0c2d6a7e9c01';
export const calendarStreamId = (): string => `calendar-${ORGANISATION_CALENDAR_ID}`;
