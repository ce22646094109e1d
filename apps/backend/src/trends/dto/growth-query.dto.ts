import { ApiPropertyOptional } from '@nestjs/swagger';
import { GROWTH_LEVELS, GROWTH_SORTS, GROWTH_WINDOWS, SOURCE_NAMES, type GrowthLevel, type GrowthParams, type GrowthSort, type GrowthWindow, type SourceName } from '@jobportal/contracts';
import { isOccupationValue } from '@jobportal/search';
import { Transform } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString } from 'class-validator';
import { Check, integer, list, trimmed, wholeNumber } from '../../jobs/dto/query-transforms';

const oneOf = (values: readonly string[]) => `must be one of: ${values.join(', ')}`;

export class GrowthQueryDto implements GrowthParams {
  @ApiPropertyOptional({ description: 'SOC major group ("15") or detailed code ("15-1252").', example: '15-1252' })
  @IsOptional()
  @Transform(trimmed)
  @IsString({ message: 'must be a single text value' })
  @Check('occupationValue', (v) => typeof v !== 'string' || isOccupationValue(v), 'must be a SOC major group ("15") or a detailed SOC code ("15-1252")')
  occupation?: string;

  @ApiPropertyOptional({ enum: GROWTH_LEVELS, default: 'state' })
  @IsOptional()
  @IsIn(GROWTH_LEVELS, { message: oneOf(GROWTH_LEVELS) })
  level?: GrowthLevel;

  @ApiPropertyOptional({ enum: GROWTH_WINDOWS, default: '90d' })
  @IsOptional()
  @IsIn(GROWTH_WINDOWS, { message: oneOf(GROWTH_WINDOWS) })
  window?: GrowthWindow;

  @ApiPropertyOptional({ description: 'ISO date the recent window ends on (exclusive). Default: each source its own last posting day.' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO date (2024-01-31)' })
  end?: string;

  @ApiPropertyOptional({ enum: SOURCE_NAMES, isArray: true })
  @IsOptional()
  @Transform(list(true))
  @IsIn(SOURCE_NAMES, { each: true, message: oneOf(SOURCE_NAMES) })
  source?: SourceName[];

  @ApiPropertyOptional({ enum: GROWTH_SORTS, default: 'rising' })
  @IsOptional()
  @IsIn(GROWTH_SORTS, { message: oneOf(GROWTH_SORTS) })
  sort?: GrowthSort;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Transform(integer)
  @Check('sizeRange', wholeNumber(1, 500), 'must be a whole number from 1 to 500')
  size?: number;
}
