import type { CommandContext } from '../shared/actor';
import { EventSourcedAggregate } from '../shared/event-sourced-aggregate';
import { requireDate, requireOneOf, requireRole, requireText } from '../shared/guards';
import { CALENDAR_DAY_KINDS, CalendarDayDeclared, ORGANISATION_CALENDAR_ID, calendarStreamId, type CalendarDayKind } from './calendar.events';

/** The days an administrator declared over the calendar file, in order. */
export class OrganisationCalendar extends EventSourcedAggregate {
  private readonly _declared: { date: string; kind: CalendarDayKind; name: string }[] = [];

  declareDay(ctx: CommandContext, p: { date: string; kind: CalendarDayKind; name: string }): void {
    requireRole(ctx.actor, ['admin'], 'change the business calendar');
    const date = requireDate(p.date, 'date');
    const kind = requireOneOf(p.kind, CALENDAR_DAY_KINDS, 'kind');
    const name = requireText(p.name, 'name');
    this.raise(CalendarDayDeclared, { date, kind, name }, ctx);
  }

  get id(): string {
    return ORGANISATION_CALENDAR_ID;
  }

  get streamId(): string {
    return calendarStreamId();
  }

  get declared(): readonly { date: string; kind: CalendarDayKind; name: string }[] {
    return this._declared;
  }

  protected onCalendarDayDeclared({ data }: CalendarDayDeclared): void {
    this._declared.push({ ...data });
  }
}
