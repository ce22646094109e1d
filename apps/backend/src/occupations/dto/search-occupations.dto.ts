import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { OccupationSearchHit, OccupationSearchResponse, SocGroup } from '@jobportal/contracts';
import { DEFAULT_OCCUPATION_PAGE_SIZE, MAX_OCCUPATION_PAGE_SIZE, MAX_OCCUPATION_QUERY_LENGTH, MAX_RESULT_WINDOW } from '@jobportal/search';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Check, integer, trimmed, wholeNumber } from '../../jobs/dto/query-transforms';

export class SearchOccupationsDto {
  @ApiProperty({ description: 'Words of a job title or of the work (job-title synonyms such as "rn" apply).', maxLength: MAX_OCCUPATION_QUERY_LENGTH, example: 'registered nurse' })
  @Transform(trimmed)
  @IsString({ message: 'must be a single text value' })
  @IsNotEmpty({ message: 'is required' })
  @MaxLength(MAX_OCCUPATION_QUERY_LENGTH, { message: `must be at most ${MAX_OCCUPATION_QUERY_LENGTH} characters` })
  q!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_OCCUPATION_PAGE_SIZE, default: DEFAULT_OCCUPATION_PAGE_SIZE })
  @IsOptional()
  @Transform(integer)
  @Check('pageSize', wholeNumber(1, MAX_OCCUPATION_PAGE_SIZE), `must be a whole number from 1 to ${MAX_OCCUPATION_PAGE_SIZE}`)
  size?: number;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Transform(integer)
  @Check('pageNumber', wholeNumber(1, Number.MAX_SAFE_INTEGER), 'must be a whole number, 1 or more')
  @Check<SearchOccupationsDto>(
    'resultWindow',
    (v, dto) => typeof v !== 'number' || v * (typeof dto.size === 'number' ? dto.size : DEFAULT_OCCUPATION_PAGE_SIZE) <= MAX_RESULT_WINDOW,
    `page * size must be at most ${MAX_RESULT_WINDOW}`,
  )
  page?: number;
}

export class SocGroupDto implements SocGroup {
  @ApiProperty({ example: '29-0000' }) code!: string;
  @ApiProperty({ example: 'Healthcare Practitioners and Technical Occupations' }) title!: string;
}

export class OccupationSearchHitDto implements OccupationSearchHit {
  @ApiProperty({ example: '29-1141.00' }) onetCode!: string;
  @ApiProperty({ example: '29-1141', description: 'SOC 2018 detailed code' }) socCode!: string;
  @ApiProperty({ example: 'Registered Nurses' }) title!: string;
  @ApiProperty({ description: 'First sentence or two of the O*NET description' }) description!: string;
  @ApiProperty({ type: SocGroupDto }) major!: SocGroupDto;
  @ApiProperty({ type: Number, nullable: true, description: 'O*NET job zone, 1 (little preparation) to 5 (extensive)' }) jobZone!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'OEWS May 2024 annual median, US dollars' }) medianAnnualWage!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'BLS 2024-34 projected employment change, percent' }) projectedGrowthPercent!: number | null;
  @ApiProperty({ type: String, nullable: true, enum: ['title', 'alternate_title', 'reported_title', 'task', 'description'] }) matchedOn!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The alternate title, reported title or task that matched: HTML, <mark> around the matched words, everything else escaped' })
  matchedText!: string | null;
}

export class OccupationSearchResponseDto implements OccupationSearchResponse {
  @ApiProperty({ type: [OccupationSearchHitDto] }) hits!: OccupationSearchHitDto[];
  @ApiProperty({ description: 'Occupations matching' }) total!: number;
}
