import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { MAX_OFFSET } from './directive.dto';
import { BOTTLENECK_TABLES, type BottleneckTable } from '@mandate/reports';

export const REPORT_FORMATS = ['json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const OVERDUE_SORTS = ['daysOverdue', 'escalationLevel'] as const;

/** A date or an ISO 8601 instant; the report parameters parse it further (real date, not in the future). */
const INSTANT_OR_DATE = /^\d{4}-\d{2}-\d{2}(T.+)?$/;
const instantMessage = (field: string) => `${field} must be a date YYYY-MM-DD or an ISO 8601 instant, e.g. 2026-05-06 or 2026-05-06T09:00:00+07:00`;

const AS_OF_DOC =
  'The instant the report is taken at: an ISO 8601 instant (with an offset, or read in the organisation’s time zone without one) ' +
  'or a date YYYY-MM-DD, meaning the end of that local day. Default: now. An instant after now is refused.';

/** `asOf` and `format`: every report takes them. */
export class ReportAsOfQueryDto {
  @ApiPropertyOptional({ description: AS_OF_DOC, example: '2026-05-06T09:00:00+07:00', maxLength: 40 })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @Matches(INSTANT_OR_DATE, { message: instantMessage('asOf') })
  asOf?: string;

  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json', description: 'csv: UTF-8 with a byte-order mark, one header row, as a file download' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}

/** asOf, format and the period of assignment. */
export class ReportWindowQueryDto extends ReportAsOfQueryDto {
  @ApiPropertyOptional({ description: 'Count tasks first assigned at or after this instant (a date: the start of that local day). Default: the beginning.', example: '2026-01-01', maxLength: 40 })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @Matches(INSTANT_OR_DATE, { message: instantMessage('from') })
  from?: string;

  @ApiPropertyOptional({ description: 'Count tasks first assigned at or before this instant (a date: the end of that local day). Default: asOf.', example: '2026-06-30', maxLength: 40 })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @Matches(INSTANT_OR_DATE, { message: instantMessage('to') })
  to?: string;
}

export class OverdueQueryDto extends ReportAsOfQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only tasks this unit leads' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only tasks of this directive' })
  @IsOptional()
  @IsUUID()
  directiveId?: string;

  @ApiPropertyOptional({ enum: OVERDUE_SORTS, default: 'daysOverdue', description: 'Descending, then by deadline and task id' })
  @IsOptional()
  @IsIn(OVERDUE_SORTS)
  sort?: (typeof OVERDUE_SORTS)[number];

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100, description: 'Page size (JSON only: CSV gives every row)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_OFFSET, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_OFFSET)
  offset?: number;
}

export class BottlenecksQueryDto extends ReportWindowQueryDto {
  @ApiPropertyOptional({ enum: BOTTLENECK_TABLES, default: 'units', description: 'Which table a CSV holds: per unit, per stage, or the worst bottlenecks ranked' })
  @IsOptional()
  @IsIn(BOTTLENECK_TABLES)
  table?: BottleneckTable;
}

export class UnitRankingQueryDto extends ReportWindowQueryDto {
  @ApiPropertyOptional({ description: 'A year, half-year or quarter, instead of from/to', example: '2026-Q2', maxLength: 7 })
  @IsOptional()
  @IsString()
  @MaxLength(7)
  @Matches(/^\d{4}(-(H[12]|Q[1-4]))?$/, { message: 'period must be a year (2026), a half-year (2026-H1) or a quarter (2026-Q2)' })
  period?: string;
}

export class TimelineQueryDto {
  @ApiPropertyOptional({ description: 'Only the events that occurred by then (an ISO 8601 instant, or a date: the end of that local day). Default: every event.', maxLength: 40 })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @Matches(INSTANT_OR_DATE, { message: instantMessage('asOf') })
  asOf?: string;
}
