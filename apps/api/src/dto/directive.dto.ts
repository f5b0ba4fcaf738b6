import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PRIORITIES, type Priority } from '@mandate/domain';

/** The largest page offset a list takes: far past any list, and a whole number every database stores. */
export const MAX_OFFSET = 1_000_000_000;

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class TaskSpecDto {
  @ApiProperty({ example: 'Complete digitisation of civil status records' })
  @IsString()
  @Length(1, 500)
  title: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 5000)
  description?: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  leadUnitId: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  coordinatingUnitIds?: string[];

  @ApiPropertyOptional({ description: 'Deadline as an instant (ISO 8601)', example: '2026-06-30T10:00:00Z' })
  @IsOptional()
  @MaxLength(40)
  @IsISO8601({ strict: true })
  dueAt?: string;

  @ApiPropertyOptional({ description: 'Deadline as a date: the end of that day in the organisation time zone', example: '2026-06-30' })
  @IsOptional()
  @Matches(DATE, { message: 'dueDate must be a date YYYY-MM-DD' })
  dueDate?: string;

  @ApiPropertyOptional({ description: 'Deadline as working days after today (end of the N-th working day)', example: 10 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  dueInWorkingDays?: number;

  @ApiPropertyOptional({ enum: PRIORITIES, default: 'normal' })
  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  keyTask?: boolean;
}

export class IssueDirectiveDto {
  @ApiProperty({ example: '15-CT/TU' })
  @IsString()
  @Matches(/^[\p{L}\p{N}][\p{L}\p{N}./_-]{0,63}$/u, { message: 'code must be 1–64 letters, digits, dots, slashes or dashes, e.g. 15-CT/TU' })
  code: string;

  @ApiProperty({ example: 'On promoting the implementation of Project 06' })
  @IsString()
  @Length(1, 500)
  title: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 10000)
  summary?: string;

  @ApiPropertyOptional({ example: 'Standing Committee of the Provincial Party Committee' })
  @IsOptional()
  @IsString()
  @Length(0, 300)
  issuingBody?: string;

  @ApiPropertyOptional({ example: 'Nguyen Anh Tuan' })
  @IsOptional()
  @IsString()
  @Length(0, 200)
  signedBy?: string;

  @ApiPropertyOptional({ description: 'Date of signature (YYYY-MM-DD or ISO instant); defaults to today', example: '2026-07-13' })
  @IsOptional()
  @MaxLength(40)
  @IsISO8601({ strict: true })
  issuedAt?: string;

  @ApiProperty({ type: [TaskSpecDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => TaskSpecDto)
  tasks: TaskSpecDto[];
}

export class DirectiveChangesDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 500) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 10000) summary?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 300) issuingBody?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 200) signedBy?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(DATE, { message: 'issuedOn must be a date YYYY-MM-DD' }) issuedOn?: string;
}

export class AmendDirectiveDto {
  @ApiProperty({ type: DirectiveChangesDto })
  @IsObject()
  @ValidateNested()
  @Type(() => DirectiveChangesDto)
  changes: DirectiveChangesDto;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 2000) reason?: string;
}

export class AddTaskDto {
  @ApiProperty({ type: TaskSpecDto })
  @IsObject()
  @ValidateNested()
  @Type(() => TaskSpecDto)
  task: TaskSpecDto;
}

export class ListDirectivesQueryDto {
  @ApiPropertyOptional({ enum: ['active', 'cancelled', 'completed'] })
  @IsOptional()
  @IsIn(['active', 'cancelled', 'completed'])
  status?: 'active' | 'cancelled' | 'completed';

  @ApiPropertyOptional({ description: 'Matches code and title; Vietnamese accents are ignored' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;

  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional({ default: 0, maximum: MAX_OFFSET }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(MAX_OFFSET) offset?: number;
}
