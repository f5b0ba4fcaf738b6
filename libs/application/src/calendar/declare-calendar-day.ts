import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OrganisationCalendar, calendarStreamId, type CalendarDayKind, type Clock } from '@mandate/domain';
import { CLOCK } from '../clock/controllable-clock';
import { AggregateRepository } from '../shared/aggregate-repository';
import { Command, type CommandResult } from '../shared/command-meta';
import type { HandlerOutcome } from '../shared/command-gateway';
import { CALENDAR_HOLDER, type CalendarHolder } from './calendar-holder';

export class DeclareCalendarDay extends Command<{ date: string; kind: CalendarDayKind; name: string }> {}

/** An admin declares a day off or a make-up working day; new deadlines and every timer follow it. */
@CommandHandler(DeclareCalendarDay)
export class DeclareCalendarDayHandler implements ICommandHandler<DeclareCalendarDay, HandlerOutcome> {
  constructor(
    private readonly repository: AggregateRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CALENDAR_HOLDER) private readonly calendars: CalendarHolder,
  ) {}

  async execute({ payload, meta }: DeclareCalendarDay): Promise<HandlerOutcome> {
    const calendar = (await this.repository.tryLoad(() => new OrganisationCalendar(), calendarStreamId())) ?? new OrganisationCalendar();
    this.repository.checkExpectedVersion(calendar, meta);
    calendar.declareDay({ actor: meta.actor, now: this.clock.now() }, payload);
    const result: CommandResult = { id: calendar.id, version: calendar.version };
    const { position } = await this.repository.save([calendar], meta, result);
    await this.calendars.refresh();
    return { result, position };
  }
}
