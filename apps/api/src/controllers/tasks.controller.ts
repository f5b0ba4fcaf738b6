import { Controller, Get, Inject, NotFoundException, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CALENDAR, CLOCK } from '@mandate/application';
import type { BusinessCalendar } from '@mandate/calendar';
import type { Actor, Clock } from '@mandate/domain';
import { GetTaskQuery, ListTasksQuery } from '@mandate/projections';
import { ReportQueries, parseAsOf } from '@mandate/reports';
import { TimelineQueryDto } from '../dto/reports.dto';
import { ListTasksQueryDto } from '../dto/task.dto';
import { CurrentActor } from '../http/current-actor.decorator';

export const taskId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('No task with that id') });

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly list: ListTasksQuery,
    private readonly detail: GetTaskQuery,
    private readonly reports: ReportQueries,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CALENDAR) private readonly calendar: BusinessCalendar,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Tasks visible to you, filterable by unit (lead or coordinator), status and directive' })
  find(@CurrentActor() viewer: Actor, @Query() query: ListTasksQueryDto) {
    const { extensionPending, ...filter } = query;
    return this.list.run(viewer, { ...filter, ...(extensionPending ? { extensionPending: extensionPending === 'true' } : {}) });
  }

  @Get(':id')
  @ApiOperation({ summary: 'A task; its ETag is the version to send in If-Match' })
  async get(@CurrentActor() viewer: Actor, @Param('id', taskId) id: string, @Res({ passthrough: true }) res: Response) {
    const task = await this.detail.run(viewer, id);
    if (!task) throw new NotFoundException(`No task with id ${id}`);
    res.setHeader('ETag', `"${task.version}"`);
    return task;
  }

  // Read from the task's stream: no projection to wait for.
  @Get(':id/timeline')
  @ApiOperation({ summary: 'Every event of the task, in order, with time, actor and escalation level; asOf keeps those that occurred by then' })
  timeline(@CurrentActor() viewer: Actor, @Param('id', taskId) id: string, @Query() q: TimelineQueryDto) {
    const asOf = q.asOf === undefined ? undefined : parseAsOf(q.asOf, { now: this.clock.now(), calendar: this.calendar });
    return this.reports.taskTimeline(viewer, id, asOf);
  }
}
