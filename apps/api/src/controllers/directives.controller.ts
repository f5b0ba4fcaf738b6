import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, ParseUUIDPipe, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  AddTaskToDirective,
  AmendDirective,
  CALENDAR,
  CLOCK,
  CancelDirective,
  CommandGateway,
  IssueDirective,
  type CommandMeta,
} from '@mandate/application';
import type { BusinessCalendar } from '@mandate/calendar';
import type { Actor, Clock } from '@mandate/domain';
import { GetDirectiveQuery, ListDirectivesQuery } from '@mandate/projections';
import { ReportQueries, parseAsOf } from '@mandate/reports';
import { AddTaskDto, AmendDirectiveDto, IssueDirectiveDto, ListDirectivesQueryDto } from '../dto/directive.dto';
import { TimelineQueryDto } from '../dto/reports.dto';
import { ReasonDto } from '../dto/task.dto';
import { Meta } from '../http/command-meta.decorator';
import { CurrentActor } from '../http/current-actor.decorator';
import { ReportsReadyGuard } from '../http/reports-ready.guard';
import { answer } from './answer';

const uuid = new ParseUUIDPipe({ version: undefined, exceptionFactory: () => new NotFoundException('No directive with that id') });

@ApiTags('directives')
@ApiBearerAuth()
@Controller('directives')
export class DirectivesController {
  constructor(
    private readonly gateway: CommandGateway,
    private readonly list: ListDirectivesQuery,
    private readonly detail: GetDirectiveQuery,
    private readonly reports: ReportQueries,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CALENDAR) private readonly calendar: BusinessCalendar,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Issue a directive with its tasks (secretariat)' })
  async issue(@Body() body: IssueDirectiveDto, @Meta(201) meta: CommandMeta, @Res({ passthrough: true }) res: Response) {
    return answer(res, await this.gateway.send(new IssueDirective(body, meta), 201));
  }

  @Get()
  @ApiOperation({ summary: 'Directives, with progress; q ignores Vietnamese accents' })
  find(@CurrentActor() viewer: Actor, @Query() query: ListDirectivesQueryDto) {
    return this.list.run(viewer, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A directive, its tasks and progress' })
  async get(@CurrentActor() viewer: Actor, @Param('id', uuid) id: string) {
    const directive = await this.detail.run(viewer, id);
    if (!directive) throw new NotFoundException(`No directive with id ${id}`);
    return directive;
  }

  @Get(':id/timeline')
  @UseGuards(ReportsReadyGuard)
  @ApiOperation({ summary: 'Every event of the directive and its tasks, in order; asOf keeps those that occurred by then' })
  timeline(@CurrentActor() viewer: Actor, @Param('id', uuid) id: string, @Query() q: TimelineQueryDto) {
    const asOf = q.asOf === undefined ? undefined : parseAsOf(q.asOf, { now: this.clock.now(), calendar: this.calendar });
    return this.reports.directiveTimeline(viewer, id, asOf);
  }

  @Post(':id/amend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Amend the directive’s details (secretariat)' })
  async amend(@Param('id', uuid) id: string, @Body() body: AmendDirectiveDto, @Meta() meta: CommandMeta, @Res({ passthrough: true }) res: Response) {
    return answer(res, await this.gateway.send(new AmendDirective({ directiveId: id, ...body }, meta)));
  }

  @Post(':id/tasks')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a task to the directive (secretariat)' })
  async addTask(@Param('id', uuid) id: string, @Body() body: AddTaskDto, @Meta(201) meta: CommandMeta, @Res({ passthrough: true }) res: Response) {
    return answer(res, await this.gateway.send(new AddTaskToDirective({ directiveId: id, task: body.task }, meta), 201));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel the directive and its open tasks (secretariat)' })
  async cancel(@Param('id', uuid) id: string, @Body() body: ReasonDto, @Meta() meta: CommandMeta, @Res({ passthrough: true }) res: Response) {
    return answer(res, await this.gateway.send(new CancelDirective({ directiveId: id, reason: body.reason }, meta)));
  }
}
