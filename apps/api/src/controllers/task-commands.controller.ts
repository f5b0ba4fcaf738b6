import { Body, Controller, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  AcknowledgeTask,
  CancelTask,
  CommandGateway,
  DecideExtension,
  EscalateTask,
  GiveInstruction,
  ProvideExplanation,
  ReassignTask,
  ReportObstacle,
  ReportProgress,
  RequestExplanation,
  RequestExtension,
  ResolveObstacle,
  ReviewCompletion,
  SubmitCompletion,
  UrgeTask,
  type CommandMeta,
  type TaskCommand,
} from '@mandate/application';
import { newId } from '@mandate/event-store';
import {
  CompletionDto,
  ExplanationDto,
  ExplanationRequestDto,
  ExtensionDecisionDto,
  ExtensionRequestDto,
  InstructionDto,
  ObstacleDto,
  ProgressDto,
  ReassignDto,
  ReasonDto,
  ResolveObstacleDto,
  ReviewDto,
  UrgeDto,
} from '../dto/task.dto';
import { Meta } from '../http/command-meta.decorator';
import { answer } from './answer';
import { taskId } from './tasks.controller';

const obstacleIdPipe = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('No obstacle with that id') });

/** Task commands: each turns a validated body into one command; the domain decides who may. */
@ApiTags('task commands')
@ApiBearerAuth()
@Controller('tasks/:id')
export class TaskCommandsController {
  constructor(private readonly gateway: CommandGateway) {}

  private async send(res: Response, command: TaskCommand) {
    return answer(res, await this.gateway.send(command));
  }

  @Post('acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Acknowledge the task (lead unit)' })
  acknowledge(@Param('id', taskId) id: string, @Meta() meta: CommandMeta, @Res({ passthrough: true }) res: Response) {
    return this.send(res, new AcknowledgeTask({ taskId: id }, meta));
  }

  @Post('progress')
  @HttpCode(200)
  @ApiOperation({ summary: 'Report progress (lead unit: percent; coordinating unit: a note)' })
  progress(@Param('id', taskId) id: string, @Body() body: ProgressDto, @Meta() meta: CommandMeta, @Res({ passthrough: true }) res: Response) {
    return this.send(res, new ReportProgress({ taskId: id, ...body }, meta));
  }

  @Post('obstacles')
  @HttpCode(200)
  @ApiOperation({ summary: 'Report an obstacle (lead unit); answers its obstacleId' })
  obstacle(@Param('id', taskId) id: string, @Body() body: ObstacleDto, @Meta() meta: CommandMeta, @Res({ passthrough: true }) res: Response) {
    return this.send(res, new ReportObstacle({ taskId: id, obstacleId: newId(), ...body }, meta));
  }

  @Post('obstacles/:obstacleId/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark an obstacle resolved (lead unit or secretariat)' })
  resolveObstacle(
    @Param('id', taskId) id: string,
    @Param('obstacleId', obstacleIdPipe) obstacleId: string,
    @Body() body: ResolveObstacleDto,
    @Meta() meta: CommandMeta,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.send(res, new ResolveObstacle({ taskId: id, obstacleId, ...body }, meta));
  }

  @Post('extension-request')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ask for a later deadline (lead unit); one pending request at a time' })
  requestExtension(@Param('id', taskId) id: string, @Body() body: ExtensionRequestDto, @Meta() meta: CommandMeta, @Res({ passthrough: true }) res: Response) {
    return this.send(res, new RequestExtension({ taskId: id, requestId: newId(), ...body }, meta));
  }

  @Post('extension-decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Grant or deny the pending extension request (secretariat)' })
  decideExtension(@Param('id', taskId) id: string, @Body() body: ExtensionDecisionDto, @Meta() meta: CommandMeta, @Res({ passthrough: true }) res: Response) {
    return this.send(res, new DecideExtension({ taskId: id, ...body }, meta));
  }

  @Post('completion')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit the completion report (lead unit)' })
  complete(@Param('id', taskId) id: string, @Body() body: CompletionDto, @Meta() meta: CommandMeta, @Res({ passthrough: true }) res: Response) {
    return this.send(res, new SubmitCompletion({ taskId: id, ...body }, meta));
  }

  @Post('review')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept or return the completion report (secretariat)' })
  review(@Param('id', taskId) id: string, @Body() body: ReviewDto, @Meta() meta: CommandMeta, @Res({ passthrough: true }) res: Response) {
    return this.send(res, new ReviewCompletion({ taskId: id, ...body }, meta));
  }

  @Post('reassign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give the task to another lead unit (secretariat)' })
  reassign(@Param('id', taskId) id: string, @Body() body: ReassignDto, @Meta() meta: CommandMeta, @Res({ passthrough: true }) res: Response) {
    return this.send(res, new ReassignTask({ taskId: id, ...body }, meta));
  }

  @Post('cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel the task (secretariat)' })
  cancel(@Param('id', taskId) id: string, @Body() body: ReasonDto, @Meta() meta: CommandMeta, @Res({ passthrough: true }) res: Response) {
    return this.send(res, new CancelTask({ taskId: id, ...body }, meta));
  }

  @Post('urge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Urge the lead unit (secretariat)' })
  urge(@Param('id', taskId) id: string, @Body() body: UrgeDto, @Meta() meta: CommandMeta, @Res({ passthrough: true }) res: Response) {
    return this.send(res, new UrgeTask({ taskId: id, ...body }, meta));
  }

  @Post('escalate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Escalate by hand one level (leader)' })
  escalate(@Param('id', taskId) id: string, @Body() body: ReasonDto, @Meta() meta: CommandMeta, @Res({ passthrough: true }) res: Response) {
    return this.send(res, new EscalateTask({ taskId: id, escalationId: newId(), note: body.reason }, meta));
  }

  @Post('instructions')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add a leader’s instruction (leader)' })
  instruct(@Param('id', taskId) id: string, @Body() body: InstructionDto, @Meta() meta: CommandMeta, @Res({ passthrough: true }) res: Response) {
    return this.send(res, new GiveInstruction({ taskId: id, ...body }, meta));
  }

  @Post('explanation-request')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ask the lead unit to explain (leader)' })
  requestExplanation(@Param('id', taskId) id: string, @Body() body: ExplanationRequestDto, @Meta() meta: CommandMeta, @Res({ passthrough: true }) res: Response) {
    return this.send(res, new RequestExplanation({ taskId: id, requestId: newId(), ...body }, meta));
  }

  @Post('explanation')
  @HttpCode(200)
  @ApiOperation({ summary: 'Answer an explanation request (lead unit)' })
  explain(@Param('id', taskId) id: string, @Body() body: ExplanationDto, @Meta() meta: CommandMeta, @Res({ passthrough: true }) res: Response) {
    return this.send(res, new ProvideExplanation({ taskId: id, ...body }, meta));
  }
}
