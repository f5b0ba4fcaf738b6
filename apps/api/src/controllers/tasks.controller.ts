import { Controller, Get, NotFoundException, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { TimelineReader } from '@mandate/application';
import type { Actor } from '@mandate/domain';
import { GetTaskQuery, ListTasksQuery } from '@mandate/projections';
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
    private readonly timelines: TimelineReader,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Tasks visible to you, filterable by unit (lead or coordinator), status and directive' })
  find(@CurrentActor() viewer: Actor, @Query() query: ListTasksQueryDto) {
    return this.list.run(viewer, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A task; its ETag is the version to send in If-Match' })
  async get(@CurrentActor() viewer: Actor, @Param('id', taskId) id: string, @Res({ passthrough: true }) res: Response) {
    const task = await this.detail.run(viewer, id);
    if (!task) throw new NotFoundException(`No task with id ${id}`);
    res.setHeader('ETag', `"${task.version}"`);
    return task;
  }

  @Get(':id/timeline')
  @ApiOperation({ summary: 'Every event of the task, in order, with time, actor and escalation level' })
  timeline(@CurrentActor() viewer: Actor, @Param('id', taskId) id: string) {
    return this.timelines.forTask(viewer, id);
  }
}
