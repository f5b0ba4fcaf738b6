import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { MAX_OFFSET } from './directive.dto';
import { OBSTACLE_CATEGORIES, TASK_STATUSES, type ObstacleCategory, type TaskStatus } from '@mandate/domain';

const instantMessage = (field: string) => `${field} must be an ISO 8601 instant with a time zone, e.g. 2026-06-30T16:59:59Z`;

export class ProgressDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: 'Required from the lead unit; coordinating units send only a note' })
  @ValidateIf((o: ProgressDto) => o.percent !== undefined)
  @IsInt()
  @Min(0)
  @Max(100)
  percent?: number;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  note?: string;
}

export class ObstacleDto {
  @ApiProperty({ enum: OBSTACLE_CATEGORIES })
  @IsIn(OBSTACLE_CATEGORIES)
  category: ObstacleCategory;

  @ApiProperty({ example: 'No specific guidance for each public service' })
  @IsString()
  @Length(1, 5000)
  description: string;
}

export class ResolveObstacleDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 5000) resolution?: string;
}

export class ExtensionRequestDto {
  @ApiProperty({ example: '2026-07-31T16:59:59.999Z' })
  @MaxLength(40)
  @IsISO8601({ strict: true }, { message: instantMessage('requestedDueAt') })
  @Type(() => String)
  requestedDueAt: string;

  @ApiProperty() @IsString() @Length(1, 2000) reason: string;
}

export class ExtensionDecisionDto {
  @ApiProperty() @IsBoolean() approve: boolean;

  @ApiPropertyOptional({ description: 'Defaults to the requested deadline when approving' })
  @IsOptional()
  @MaxLength(40)
  @IsISO8601({ strict: true }, { message: instantMessage('newDueAt') })
  newDueAt?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 2000) reason?: string;
}

export class CompletionDto {
  @ApiProperty({ example: 'All 25 essential public services deployed' }) @IsString() @Length(1, 10000) report: string;
}

export class ReviewDto {
  @ApiProperty() @IsBoolean() accept: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 5000) comment?: string;
}

export class ReassignDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() leadUnitId: string;
  @ApiProperty() @IsString() @Length(1, 2000) reason: string;
}

export class ReasonDto {
  @ApiProperty() @IsString() @Length(1, 2000) reason: string;
}

export class UrgeDto {
  @ApiProperty() @IsString() @Length(1, 2000) message: string;
}

export class InstructionDto {
  @ApiProperty() @IsString() @Length(1, 5000) text: string;
}

export class ExplanationRequestDto {
  @ApiProperty() @IsString() @Length(1, 5000) question: string;
}

export class ExplanationDto {
  @ApiProperty() @IsString() @Length(1, 10000) answer: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Which request it answers; defaults to the oldest open one' })
  @IsOptional()
  @IsUUID()
  requestId?: string;
}

export class ListTasksQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() unitId?: string;
  @ApiPropertyOptional({ enum: TASK_STATUSES }) @IsOptional() @IsIn(TASK_STATUSES) status?: TaskStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() directiveId?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only tasks with (true) or without (false) an extension request awaiting its decision' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'extensionPending must be true or false' })
  extensionPending?: 'true' | 'false';
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional({ default: 0, maximum: MAX_OFFSET }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(MAX_OFFSET) offset?: number;
}

