import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ANALYST_BREAKDOWN_TYPES,
  ANALYST_EXPORT_FORMATS,
  ANALYST_LIMITS,
  ANALYST_METRIC_TYPES,
  type AnalystBreakdown,
  type AnalystExportFormat,
  type AnalystExportRequest,
  type AnalystMetric,
  type AnalystQueryRequest,
  type AnalystTimeRange,
  type SavedQueryInput,
} from '@jobportal/contracts';
import { Transform } from 'class-transformer';
import { Allow, IsString, Length, Matches } from 'class-validator';

/*
 * The nested parts (time, breakdowns, metrics, fields) are checked by libs/search's
 * checkAnalystQuery / checkAnalystExport, which name every problem by its path
 * (`breakdowns[1].interval`) and give KQL errors their position; the DTOs only list the accepted
 * top-level fields, so the global pipe refuses any other (forbidNonWhitelisted).
 */

const TIME = { type: 'object', properties: { from: { type: 'string', format: 'date-time' }, to: { type: 'string', format: 'date-time' } } } as const;

export class AnalystQueryDto implements AnalystQueryRequest {
  @ApiProperty({ example: 'work_mode:remote and skills:(python or sql) and salary.annual_min >= 80000', maxLength: ANALYST_LIMITS.queryLength })
  @Allow()
  query!: string;

  @ApiPropertyOptional(TIME)
  @Allow()
  time?: AnalystTimeRange;

  @ApiPropertyOptional({ type: 'array', maxItems: ANALYST_LIMITS.breakdowns, items: { type: 'object', properties: { type: { enum: [...ANALYST_BREAKDOWN_TYPES] }, field: { type: 'string' } } } })
  @Allow()
  breakdowns?: AnalystBreakdown[];

  @ApiPropertyOptional({ type: 'array', maxItems: ANALYST_LIMITS.metrics, items: { type: 'object', properties: { type: { enum: [...ANALYST_METRIC_TYPES] }, field: { type: 'string' } } } })
  @Allow()
  metrics?: AnalystMetric[];

  @ApiPropertyOptional({ minimum: 0, maximum: ANALYST_LIMITS.hits, default: 20 })
  @Allow()
  size?: number;
}

export class AnalystExportDto implements AnalystExportRequest {
  @ApiProperty({ example: 'work_mode:remote' })
  @Allow()
  query!: string;

  @ApiPropertyOptional(TIME)
  @Allow()
  time?: AnalystTimeRange;

  @ApiProperty({ enum: ANALYST_EXPORT_FORMATS })
  @Allow()
  format!: AnalystExportFormat;

  @ApiPropertyOptional({ type: [String], maxItems: ANALYST_LIMITS.exportFields })
  @Allow()
  fields?: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: ANALYST_LIMITS.exportRows })
  @Allow()
  limit?: number;
}

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class SavedQueryDto implements SavedQueryInput {
  @ApiProperty({ example: 'Remote data jobs by state', maxLength: ANALYST_LIMITS.savedQueryName })
  @Transform(trim)
  @IsString({ message: 'must be text' })
  @Length(1, ANALYST_LIMITS.savedQueryName, { message: `must be 1 to ${ANALYST_LIMITS.savedQueryName} characters` })
  @Matches(/^[^\p{Cc}]*$/u, { message: 'must not contain control characters' })
  name!: string;

  @ApiProperty({ maxLength: ANALYST_LIMITS.queryLength })
  @Allow()
  query!: string;

  @ApiPropertyOptional(TIME)
  @Allow()
  time?: AnalystTimeRange;

  @ApiPropertyOptional({ type: 'array', items: { type: 'object' } })
  @Allow()
  breakdowns?: AnalystBreakdown[];

  @ApiPropertyOptional({ type: 'array', items: { type: 'object' } })
  @Allow()
  metrics?: AnalystMetric[];
}
