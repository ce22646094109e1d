import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  EMPLOYMENT_TYPES,
  EXPERIENCE_LEVELS,
  FACET_KEYS,
  POSTED_WITHIN,
  SEARCH_SORTS,
  SOURCE_NAMES,
  WORK_MODES,
  type EmploymentType,
  type ExperienceLevel,
  type Facet,
  type FacetBucket,
  type FacetKey,
  type JobSearchParams,
  type JobSearchResponse,
  type PostedWithin,
  type ResolvedLocation,
  type SearchSort,
  type SourceName,
  type WorkMode,
} from '@jobportal/contracts';
import { MAX_PAGE_SIZE, MAX_RESULT_WINDOW, decodeCursor, isOccupationValue, parsePlaceValue, parseRadius } from '@jobportal/search';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { JobSummaryDto } from './job-summary.dto';
import { Check, integer, list, trimmed, wholeNumber } from './query-transforms';

const MAX_VALUES = 20;
const MAX_PAY = 10_000_000;
const oneOf = (values: readonly string[]) => `must be one of: ${values.join(', ')}`;
const each = { each: true };

export class SearchJobsDto implements JobSearchParams {
  @ApiPropertyOptional({ description: 'Words to find in title, skills, company, location and description (job-title synonyms and typos are handled).', maxLength: 256, example: 'registered nurse' })
  @IsOptional()
  @Transform(trimmed)
  @IsString({ message: 'must be a single text value' })
  @MaxLength(256, { message: 'must be at most 256 characters' })
  q?: string;

  @ApiPropertyOptional({ description: 'A place: city ("Portland, OR"), state ("Texas") or country. Use /api/locations/suggest labels. Unknown places are a 400.', maxLength: 200, example: 'New York, NY' })
  @IsOptional()
  @Transform(trimmed)
  @IsString({ message: 'must be a single text value' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  location?: string;

  @ApiPropertyOptional({ description: 'Distance around a city `location`: a number and mi or km, at most 500 (e.g. 25mi, 40km). Needs `location`; around a state or a country the place itself filters.', example: '25mi' })
  @IsOptional()
  @Transform(trimmed)
  @IsString({ message: 'must be a single text value' })
  @Check<SearchJobsDto>('radiusFormat', (v) => typeof v !== 'string' || parseRadius(v) !== null, 'must be a number followed by mi or km, at most 500 (e.g. 25mi, 40km)')
  @Check<SearchJobsDto>('radiusNeedsLocation', (_v, dto) => dto.location !== undefined, 'needs a location')
  radius?: string;

  @ApiPropertyOptional({ enum: WORK_MODES, isArray: true, description: 'Repeat the key or use a comma list; OR within.' })
  @IsOptional()
  @Transform(list(true))
  @ArrayMaxSize(MAX_VALUES)
  @IsIn(WORK_MODES, { ...each, message: oneOf(WORK_MODES) })
  workMode?: WorkMode[];

  @ApiPropertyOptional({ enum: EXPERIENCE_LEVELS, isArray: true, description: 'Repeat the key or use a comma list; OR within.' })
  @IsOptional()
  @Transform(list(true))
  @ArrayMaxSize(MAX_VALUES)
  @IsIn(EXPERIENCE_LEVELS, { ...each, message: oneOf(EXPERIENCE_LEVELS) })
  experience?: ExperienceLevel[];

  @ApiPropertyOptional({ enum: EMPLOYMENT_TYPES, isArray: true, description: 'Repeat the key or use a comma list; OR within.' })
  @IsOptional()
  @Transform(list(true))
  @ArrayMaxSize(MAX_VALUES)
  @IsIn(EMPLOYMENT_TYPES, { ...each, message: oneOf(EMPLOYMENT_TYPES) })
  employmentType?: EmploymentType[];

  @ApiPropertyOptional({ description: 'Annual pay at least this: postings whose range reaches it (annual max >= payMin).', minimum: 0, example: 60000 })
  @IsOptional()
  @Transform(integer)
  @Check('payAmount', wholeNumber(0, MAX_PAY), `must be a whole number from 0 to ${MAX_PAY}`)
  payMin?: number;

  @ApiPropertyOptional({ description: 'Annual pay at most this: postings whose range starts at or below it (annual min <= payMax).', minimum: 0, example: 90000 })
  @IsOptional()
  @Transform(integer)
  @Check('payAmount', wholeNumber(0, MAX_PAY), `must be a whole number from 0 to ${MAX_PAY}`)
  @Check<SearchJobsDto>('payRange', (v, dto) => typeof v !== 'number' || typeof dto.payMin !== 'number' || v >= dto.payMin, 'must be at least payMin')
  payMax?: number;

  @ApiPropertyOptional({ enum: POSTED_WITHIN, description: 'Posted within the last day, 3 days, week or 30 days.' })
  @IsOptional()
  @IsIn(POSTED_WITHIN, { message: oneOf(POSTED_WITHIN) })
  postedWithin?: PostedWithin;

  @ApiPropertyOptional({ type: [String], description: 'Company names as the company facet gives them; repeat the key (names may contain commas).' })
  @IsOptional()
  @Transform(list(false))
  @ArrayMaxSize(MAX_VALUES)
  @MaxLength(256, { ...each, message: 'each value must be at most 256 characters' })
  company?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Skills as the skills facet gives them; repeat the key.' })
  @IsOptional()
  @Transform(list(false))
  @ArrayMaxSize(MAX_VALUES)
  @MaxLength(256, { ...each, message: 'each value must be at most 256 characters' })
  skills?: string[];

  @ApiPropertyOptional({ type: [String], description: 'SOC major groups ("15") or detailed codes ("15-1252"); repeat the key or use a comma list.' })
  @IsOptional()
  @Transform(list(true))
  @ArrayMaxSize(MAX_VALUES)
  @Check<SearchJobsDto>('occupationCode', (v) => !Array.isArray(v) || v.every((x) => typeof x === 'string' && isOccupationValue(x)), 'each value must be a SOC major group ("15") or detailed code ("15-1252")')
  occupation?: string[];

  @ApiPropertyOptional({ enum: SOURCE_NAMES, isArray: true, description: 'Repeat the key or use a comma list.' })
  @IsOptional()
  @Transform(list(true))
  @ArrayMaxSize(MAX_VALUES)
  @IsIn(SOURCE_NAMES, { ...each, message: oneOf(SOURCE_NAMES) })
  source?: SourceName[];

  @ApiPropertyOptional({ type: [String], description: 'Location facet values ("NY|New York", "|London"); repeat the key.', example: ['NY|New York'] })
  @IsOptional()
  @Transform(list(false))
  @ArrayMaxSize(MAX_VALUES)
  @Check<SearchJobsDto>('placeValue', (v) => !Array.isArray(v) || v.every((x) => typeof x === 'string' && x.length <= 256 && parsePlaceValue(x) !== null), 'each value must be "REGION|City" as the location facet gives it')
  place?: string[];

  @ApiPropertyOptional({ enum: SEARCH_SORTS, default: 'relevance' })
  @IsOptional()
  @IsIn(SEARCH_SORTS, { message: oneOf(SEARCH_SORTS) })
  sort?: SearchSort;

  @ApiPropertyOptional({ minimum: 1, default: 1, description: `page * size may not pass ${MAX_RESULT_WINDOW}; go deeper with \`after\`.` })
  @IsOptional()
  @Transform(integer)
  @Check('pageNumber', wholeNumber(1, Number.MAX_SAFE_INTEGER), 'must be a whole number, 1 or more')
  @Check<SearchJobsDto>(
    'resultWindow',
    (v, dto) => typeof v !== 'number' || v * (typeof dto.size === 'number' && dto.size <= MAX_PAGE_SIZE ? dto.size : 20) <= MAX_RESULT_WINDOW,
    `page * size must be at most ${MAX_RESULT_WINDOW}; use \`after\` (nextCursor) to go deeper`,
  )
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @IsOptional()
  @Transform(integer)
  @Check('pageSize', wholeNumber(1, MAX_PAGE_SIZE), `must be a whole number from 1 to ${MAX_PAGE_SIZE}`)
  size?: number;

  @ApiPropertyOptional({ description: "The previous page's `nextCursor`, with the same query and sort. Goes past the 10,000-result window; `page` is not used with it." })
  @IsOptional()
  @IsString({ message: 'must be a single text value' })
  @Check<SearchJobsDto>(
    'cursor',
    (v, dto) => typeof v !== 'string' || decodeCursor(v, SEARCH_SORTS.includes(dto.sort as SearchSort) ? dto.sort : 'relevance') !== null,
    'is not a cursor of this search (send nextCursor as given, with the same sort)',
  )
  @Check<SearchJobsDto>('cursorWithPage', (_v, dto) => dto.page === undefined || dto.page === 1, 'cannot be combined with page; a cursor already says where to continue')
  after?: string;
}

export class FacetBucketDto implements FacetBucket {
  @ApiProperty({ description: 'Send this back as the facet parameter (see the facet key table in docs/api.md)', example: 'remote' }) value!: string;
  @ApiProperty({ example: 'Remote' }) label!: string;
  @ApiProperty({ description: 'Postings matching every other active filter and this value' }) count!: number;
  @ApiProperty() selected!: boolean;
}

export class FacetDto implements Facet {
  @ApiProperty({ enum: FACET_KEYS }) key!: FacetKey;
  @ApiProperty({ type: [FacetBucketDto] }) buckets!: FacetBucketDto[];
}

export class ResolvedLocationDto implements ResolvedLocation {
  @ApiProperty({ example: 'New York, NY' }) label!: string;
  @ApiProperty({ type: String, nullable: true }) city!: string | null;
  @ApiProperty({ type: String, nullable: true }) region!: string | null;
  @ApiProperty({ type: String, nullable: true }) regionCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) countryCode!: string | null;
  @ApiProperty({ type: Number, nullable: true }) lat!: number | null;
  @ApiProperty({ type: Number, nullable: true }) lon!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'The radius applied; null when the place itself filtered' }) radius!: string | null;
}

class TotalDto {
  @ApiProperty({ description: 'Postings (documents) matching; reposts of one job count each, as in the facets' }) value!: number;
  @ApiProperty({ enum: ['eq', 'gte'], description: 'gte: at least this many (counting stops at 10,000)' }) relation!: 'eq' | 'gte';
}

export class JobSearchResponseDto implements JobSearchResponse {
  @ApiProperty({ type: [JobSummaryDto], description: 'One posting per job: reposts (same fingerprint) show once' }) hits!: JobSummaryDto[];
  @ApiProperty({ type: TotalDto }) total!: TotalDto;
  @ApiProperty() page!: number;
  @ApiProperty() size!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Send as `after` for the next page; null on the last one' }) nextCursor!: string | null;
  @ApiProperty({ type: [FacetDto] }) facets!: FacetDto[];
  @ApiProperty() tookMs!: number;
  @ApiPropertyOptional({ type: ResolvedLocationDto, nullable: true }) resolvedLocation?: ResolvedLocationDto | null;
}
