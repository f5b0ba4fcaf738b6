import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { CALENDAR_DAY_KINDS, type CalendarDayKind } from '@mandate/domain';

export class DeclareCalendarDayDto {
  @ApiProperty({ example: '2026-09-01' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'date must be a date YYYY-MM-DD' })
  date: string;

  @ApiProperty({ enum: CALENDAR_DAY_KINDS, description: 'day_off: nobody works; working_day: a make-up Saturday, or a holiday worked after all' })
  @IsIn(CALENDAR_DAY_KINDS)
  kind: CalendarDayKind;

  @ApiProperty({ example: 'National Day bridge, Government Office letter …' })
  @IsString()
  @Length(1, 300)
  name: string;
}

export class CalendarYearQueryDto {
  @ApiPropertyOptional({ example: 2026, description: 'Defaults to the current year' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

/** A deadline to resolve now, as the secretariat would give it for a new task: one of the two. */
export class DeadlinePreviewQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, description: 'Working days from now (the business calendar in force)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  dueInWorkingDays?: number;

  @ApiPropertyOptional({ example: '2026-06-30', description: 'A date: the end of that day in the organisation time zone' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'dueDate must be a date YYYY-MM-DD' })
  dueDate?: string;
}
