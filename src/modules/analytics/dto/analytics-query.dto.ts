import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';
import { GROUP_BY_VALUES, type GroupBy } from '../analytics-query.types';

export const MAX_PAGE_SIZE = 1000;

export class AnalyticsQueryDto {
  @ApiPropertyOptional({ description: 'Start of the window, ISO 8601, inclusive. Default: `to` minus 30 days', example: '2026-01-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'End of the window, ISO 8601, exclusive. Default: now', example: '2026-02-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ enum: GROUP_BY_VALUES, description: 'Dimension; each report accepts a subset (400 otherwise)' })
  @IsOptional()
  @IsIn(GROUP_BY_VALUES)
  group_by?: GroupBy;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;
}
