import { ApiPropertyOptional } from '@nestjs/swagger';
import { TREND_INTERVALS, TREND_PANELS, type TrendInterval, type TrendPanel, type TrendsParams } from '@jobportal/contracts';
import { TREND_TOP_MAX } from '@jobportal/search';
import { Transform } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { SearchJobsDto } from '../../jobs/dto/search-jobs.dto';
import { Check, integer, list, wholeNumber } from '../../jobs/dto/query-transforms';

const oneOf = (values: readonly string[]) => `must be one of: ${values.join(', ')}`;

/**
 * GET /api/trends: every job-search filter (the same DTO, so the same validation and the same
 * meaning) plus the range, the interval and the panels to compute.
 */
export class TrendsQueryDto extends SearchJobsDto implements TrendsParams {
  @ApiPropertyOptional({ description: 'ISO date, inclusive. Default: `to` minus 12 months.', example: '2023-06-01' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO date (2024-01-31)' })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO date, exclusive. Default: just after the latest matching posting.', example: '2024-06-01' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO date (2024-01-31)' })
  @Check<TrendsQueryDto>('rangeOrder', (v, dto) => typeof v !== 'string' || typeof dto.from !== 'string' || Date.parse(dto.from) < Date.parse(v), 'must be after `from`')
  to?: string;

  @ApiPropertyOptional({ enum: TREND_INTERVALS })
  @IsOptional()
  @IsIn(TREND_INTERVALS, { message: oneOf(TREND_INTERVALS) })
  interval?: TrendInterval;

  @ApiPropertyOptional({ enum: TREND_PANELS, isArray: true, description: 'Default: all. Comma list or repeated.' })
  @IsOptional()
  @Transform(list(true))
  @IsIn(TREND_PANELS, { each: true, message: oneOf(TREND_PANELS) })
  panels?: TrendPanel[];

  @ApiPropertyOptional({ minimum: 1, maximum: TREND_TOP_MAX, default: 10 })
  @IsOptional()
  @Transform(integer)
  @Check('topRange', wholeNumber(1, TREND_TOP_MAX), `must be a whole number from 1 to ${TREND_TOP_MAX}`)
  top?: number;
}
