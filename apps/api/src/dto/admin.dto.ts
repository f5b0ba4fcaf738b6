import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches, MaxLength } from 'class-validator';

export class ClockDto {
  @ApiPropertyOptional({ description: 'Pin the clock at this instant', example: '2026-04-28T02:00:00Z' })
  @IsOptional()
  @MaxLength(40)
  @IsISO8601({ strict: true })
  pinTo?: string;

  @ApiPropertyOptional({ description: 'Advance the clock by an ISO 8601 duration', example: 'P1D' })
  @IsOptional()
  @MaxLength(40)
  @Matches(/^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/, {
    message: 'advanceBy must be an ISO 8601 duration such as PT1H, P1D or P1DT2H',
  })
  advanceBy?: string;
}
