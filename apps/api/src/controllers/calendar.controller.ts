import { Body, Controller, Get, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CALENDAR_HOLDER, CLOCK, CommandGateway, DeclareCalendarDay, type CalendarHolder, type CommandMeta } from '@mandate/application';
import type { Clock } from '@mandate/domain';
import { CalendarYearQueryDto, DeclareCalendarDayDto } from '../dto/calendar.dto';
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

  @Post('days')
  @HttpCode(200)
  @ApiOperation({ summary: 'Declare a day off or a make-up working day (admin); new deadlines and every reminder and escalation follow it' })
  async declare(@Body() body: DeclareCalendarDayDto, @Meta() meta: CommandMeta, @Res({ passthrough: true }) res: Response) {
    return answer(res, await this.gateway.send(new DeclareCalendarDay(body, meta)));
  }
}
