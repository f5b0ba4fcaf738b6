import { Body, Controller, Get, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CALENDAR_HOLDER, CLOCK, CommandGateway, DeclareCalendarDay, type CalendarHolder, type CommandMeta } from '@mandate/application';
import type { Clock } from '@mandate/domain';
import { CalendarYearQueryDto, DeadlinePreviewQueryDto, DeclareCalendarDayDto } from '../dto/calendar.dto';
import { InvalidInput } from '../http/validation';
import { Meta } from '../http/command-meta.decorator';
import { answer } from './answer';

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(
    private readonly gateway: CommandGateway,
    @Inject(CALENDAR_HOLDER) private readonly calendars: CalendarHolder,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The business calendar in force for a year: days off and make-up working days, with their sources' })
  async year(@Query() query: CalendarYearQueryDto) {
    const calendar = await this.calendars.refresh();
    const year = String(query.year ?? Number(calendar.localDateOf(this.clock.now()).slice(0, 4)));
    const def = calendar.definition;
    const inYear = <T extends { date: string }>(days: T[]) => days.filter((d) => d.date.startsWith(`${year}-`));
    return {
      version: calendar.version,
      timeZone: def.timeZone,
      weekendDays: def.weekendDays,
      year: Number(year),
      holidays: inYear(def.holidays),
      extraDaysOff: inYear(def.extraDaysOff),
      makeUpWorkingDays: inYear(def.makeUpWorkingDays),
    };
  }

  @Get('deadline')
  @ApiOperation({
    summary: 'The deadline a new task would get now: from working days or a date, on the business calendar in force',
    description: 'Give dueInWorkingDays or dueDate. Issuing resolves the same way at the instant it is recorded.',
  })
  async deadline(@Query() query: DeadlinePreviewQueryDto) {
    const { dueInWorkingDays, dueDate } = query;
    if ((dueInWorkingDays === undefined) === (dueDate === undefined)) {
      throw new InvalidInput([{ field: 'dueInWorkingDays', messages: ['give dueInWorkingDays or dueDate (one of them)'] }]);
    }
    const calendar = await this.calendars.refresh();
    try {
      const spec = dueDate !== undefined ? { kind: 'dueDate' as const, dueDate } : { kind: 'dueInWorkingDays' as const, dueInWorkingDays: dueInWorkingDays! };
      return calendar.resolveDeadline(spec, this.clock.now());
    } catch (error) {
      if (error instanceof RangeError) throw new InvalidInput([{ field: dueDate !== undefined ? 'dueDate' : 'dueInWorkingDays', messages: [error.message] }]);
      throw error;
    }
  }

  @Post('days')
  @HttpCode(200)
  @ApiOperation({ summary: 'Declare a day off or a make-up working day (admin); new deadlines and every reminder and escalation follow it' })
  async declare(@Body() body: DeclareCalendarDayDto, @Meta() meta: CommandMeta, @Res({ passthrough: true }) res: Response) {
    return answer(res, await this.gateway.send(new DeclareCalendarDay(body, meta)));
  }
}
