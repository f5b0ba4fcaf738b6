import { Controller, Get, Inject, NotFoundException, Param, ParseUUIDPipe, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CALENDAR, CLOCK } from '@mandate/application';
import type { BusinessCalendar } from '@mandate/calendar';
import type { Actor, Clock } from '@mandate/domain';
import {
  ReportQueries,
  bottlenecksCsv,
  directiveProgressCsv,
  overdueCsv,
  parseAsOf,
  rankingWindow,
  reportWindow,
  statusSummaryCsv,
  unitRankingCsv,
  type ParamContext,
} from '@mandate/reports';
import { BottlenecksQueryDto, OverdueQueryDto, ReportAsOfQueryDto, ReportWindowQueryDto, UnitRankingQueryDto, type ReportFormat } from '../dto/reports.dto';
import { CurrentActor } from '../http/current-actor.decorator';
import { ReportsReadyGuard } from '../http/reports-ready.guard';

const directiveId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('No directive with that id') });
const DEFAULT_LIMIT = 100;

/** JSON as is, or CSV as a download named `<name>-<asOf>.csv`. */
function answerReport<T extends { asOf: string }>(res: Response, format: ReportFormat | undefined, name: string, report: T, csv: (report: T) => string): T | string {
  if (format !== 'csv') return report;
  const stamp = report.asOf.replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '');
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${name}-${stamp}.csv"`);
  return csv(report);
}

const CSV_NOTE = ' With format=csv: a CSV download (UTF-8 with a byte-order mark, one header row). Definitions: docs/reports.md.';

@ApiTags('reports')
@ApiBearerAuth()
@ApiProduces('application/json', 'text/csv')
@ApiOkResponse({ description: 'The report as JSON (fields defined in docs/reports.md), or a CSV file with format=csv' })
@ApiBadRequestResponse({ description: 'A parameter is invalid: `fields` names it (an asOf after now, from after to, a period with from/to …)' })
@ApiServiceUnavailableResponse({ description: 'The reports projection is being rebuilt or is catching up with the log: try again in a moment' })
@UseGuards(ReportsReadyGuard)
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportQueries,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CALENDAR) private readonly calendar: BusinessCalendar,
  ) {}

  private context(): ParamContext {
    return { now: this.clock.now(), calendar: this.calendar };
  }

  @Get('overdue')
  @ApiOperation({
    summary: 'Overdue tasks as of a moment: days overdue, escalation level, last progress',
    description: 'Open tasks whose deadline in force had passed at asOf, most overdue first. A department sees its own unit’s tasks only.' + CSV_NOTE + ' The CSV has every matching row (no paging).',
  })
  async overdue(@CurrentActor() viewer: Actor, @Query() q: OverdueQueryDto, @Res({ passthrough: true }) res: Response) {
    const asOf = parseAsOf(q.asOf, this.context());
    const csv = q.format === 'csv';
    const report = await this.reports.overdue(viewer, {
      asOf,
      unitId: q.unitId,
      directiveId: q.directiveId,
      sort: q.sort,
      ...(csv ? {} : { limit: q.limit ?? DEFAULT_LIMIT, offset: q.offset ?? 0 }),
    });
    return answerReport(res, q.format, 'overdue', report, overdueCsv);
  }

  @Get('status-summary')
  @ApiOperation({
    summary: 'Tasks by status (on time, late, overdue…), overall and per unit, with the overdue ratio',
    description: 'Tasks first assigned between from and to, each counted by its status as of asOf.' + CSV_NOTE + ' The CSV has the overall row (unit columns empty), then one per unit.',
  })
  async statusSummary(@CurrentActor() viewer: Actor, @Query() q: ReportWindowQueryDto, @Res({ passthrough: true }) res: Response) {
    const report = await this.reports.statusSummary(viewer, reportWindow(q, this.context()));
    return answerReport(res, q.format, 'status-summary', report, statusSummaryCsv);
  }

  @Get('bottlenecks')
  @ApiOperation({
    summary: 'Where work is stuck: per unit, per stage (unit working, secretariat reviewing, extension deciding), the worst ranked',
    description: 'Tasks first assigned between from and to, as of asOf.' + CSV_NOTE + ' A CSV holds one table: table=units (default), stages or worst.',
  })
  async bottlenecks(@CurrentActor() viewer: Actor, @Query() q: BottlenecksQueryDto, @Res({ passthrough: true }) res: Response) {
    const report = await this.reports.bottlenecks(viewer, reportWindow(q, this.context()));
    const table = q.table ?? 'units';
    return answerReport(res, q.format, table === 'units' ? 'bottlenecks' : `bottlenecks-${table}`, report, (r) => bottlenecksCsv(r, table));
  }

  @Get('directives/:id/progress')
  @ApiParam({ name: 'id', format: 'uuid', description: 'The directive' })
  @ApiOperation({
    summary: 'A directive’s tasks by status, with traffic lights and percent complete',
    description: 'Every task of the directive as of asOf; 404 for a directive issued after asOf.' + CSV_NOTE + ' The CSV has one row per task.',
  })
  async directiveProgress(@CurrentActor() viewer: Actor, @Param('id', directiveId) id: string, @Query() q: ReportAsOfQueryDto, @Res({ passthrough: true }) res: Response) {
    const report = await this.reports.directiveProgress(viewer, id, parseAsOf(q.asOf, this.context()));
    return answerReport(res, q.format, 'directive-progress', report, directiveProgressCsv);
  }

  @Get('unit-ranking')
  @ApiOperation({
    summary: 'Units ranked by on-time completion for a year, half-year or quarter, with overdue count and update rate',
    description: 'Give period (2026, 2026-H1, 2026-Q2) or from/to. asOf defaults to the end of the period, or now if that is earlier.' + CSV_NOTE,
  })
  async unitRanking(@CurrentActor() viewer: Actor, @Query() q: UnitRankingQueryDto, @Res({ passthrough: true }) res: Response) {
    const report = await this.reports.unitRanking(viewer, rankingWindow(q, this.context()));
    return answerReport(res, q.format, 'unit-ranking', report, unitRankingCsv);
  }
}
