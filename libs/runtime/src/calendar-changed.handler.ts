import { Inject, Logger } from '@nestjs/common';
import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { CALENDAR_HOLDER, type CalendarHolder } from '@mandate/application';
import { CalendarDayDeclared } from '@mandate/domain';
import { ProjectionAdmin } from './projection-admin';

/**
 * A declared day moves every timer computed in working days: the calendar in force is
 * re-read and the timers projection rebuilt from the log with it. (A worker in another
 * process picks the change up when it restarts.)
 */
@EventsHandler(CalendarDayDeclared)
export class CalendarChangedHandler implements IEventHandler<CalendarDayDeclared> {
  private readonly logger = new Logger('Calendar');

  constructor(
    @Inject(CALENDAR_HOLDER) private readonly calendars: CalendarHolder,
    private readonly projections: ProjectionAdmin,
  ) {}

  async handle(event: CalendarDayDeclared): Promise<void> {
    const calendar = await this.calendars.refresh();
    this.logger.log(`${event.data.date} declared ${event.data.kind}: calendar ${calendar.version} in force`);
    if (!this.projections.runsInProcess) return;
    // Timers are due by working days, and the reports store working time: both follow the new calendar.
    await this.projections.rebuild('timers');
    await this.projections.rebuild('reports');
  }
}
