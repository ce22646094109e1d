import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CAREER_RADIUS_DEFAULT_KM,
  CAREER_RADIUS_MAX_KM,
  CAREER_TEXT_MAX_CHARS,
  CAREER_TEXT_MIN_CHARS,
  INTEREST_PROFILER_ITEM_COUNT,
  type RiasecProfile,
  type WorkValueRatings,
} from '@jobportal/contracts';

/*
 * OpenAPI descriptions of the careers request bodies, for /api/docs. They document only: the
 * bodies are checked by careers-validation.ts (one error per field, named as `answers[i]`), which
 * class-validator decorators here would duplicate with different messages.
 */

const LOCATION = { description: 'A place the location suggester knows (GET /api/locations/suggest); live postings are searched around it.', maxLength: 200, example: 'Austin, TX' };
const RADIUS = { description: `Search radius around the place, km (default ${CAREER_RADIUS_DEFAULT_KM}).`, minimum: 1, maximum: CAREER_RADIUS_MAX_KM, default: CAREER_RADIUS_DEFAULT_KM, example: 50 };

export class FromTextRequestDto {
  @ApiProperty({
    description: 'The resume text or a description of experience in the person\'s own words. Processed in memory only, never stored or logged.',
    minLength: CAREER_TEXT_MIN_CHARS,
    maxLength: CAREER_TEXT_MAX_CHARS,
    example: 'I worked as a line cook at a diner for four years: grill, prep, inventory and food safety.',
  })
  text!: string;

  @ApiPropertyOptional(LOCATION)
  location?: string;

  @ApiPropertyOptional(RADIUS)
  radiusKm?: number;
}

export class FromResumeRequestDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The resume: PDF, DOCX or plain text, at most 5 MB. Read in memory only, never written to disk.' })
  file!: unknown;

  @ApiPropertyOptional(LOCATION)
  location?: string;

  @ApiPropertyOptional({ ...RADIUS, type: 'string', description: `${RADIUS.description} A multipart field, so a decimal string.`, example: '50' })
  radiusKm?: string;
}

export class RiasecScoresDto implements RiasecProfile {
  @ApiProperty({ minimum: 0, maximum: 40, example: 32 }) realistic!: number;
  @ApiProperty({ minimum: 0, maximum: 40, example: 18 }) investigative!: number;
  @ApiProperty({ minimum: 0, maximum: 40, example: 4 }) artistic!: number;
  @ApiProperty({ minimum: 0, maximum: 40, example: 10 }) social!: number;
  @ApiProperty({ minimum: 0, maximum: 40, example: 12 }) enterprising!: number;
  @ApiProperty({ minimum: 0, maximum: 40, example: 25 }) conventional!: number;
}

const VALUE = { minimum: 1, maximum: 5, type: 'integer', description: '1 (not important) to 5 (very important)' } as const;

export class WorkValueRatingsDto implements WorkValueRatings {
  @ApiPropertyOptional(VALUE) achievement?: number;
  @ApiPropertyOptional(VALUE) workingConditions?: number;
  @ApiPropertyOptional(VALUE) recognition?: number;
  @ApiPropertyOptional(VALUE) relationships?: number;
  @ApiPropertyOptional(VALUE) support?: number;
  @ApiPropertyOptional(VALUE) independence?: number;
}

export class FromInterestsRequestDto {
  @ApiPropertyOptional({
    description: `The ${INTEREST_PROFILER_ITEM_COUNT} Interest Profiler answers in the order of GET /api/careers/interest-profiler, each 1 (strongly dislike) to 5 (strongly like). Give either answers or scores.`,
    type: 'integer',
    isArray: true,
    minItems: INTEREST_PROFILER_ITEM_COUNT,
    maxItems: INTEREST_PROFILER_ITEM_COUNT,
    minimum: 1,
    maximum: 5,
  })
  answers?: number[];

  @ApiPropertyOptional({ type: RiasecScoresDto, description: 'The six RIASEC area scores (0-40 each) instead of the answers.' })
  scores?: RiasecScoresDto;

  @ApiPropertyOptional({ type: 'integer', isArray: true, minimum: 1, maximum: 5, description: 'O*NET job zones to choose from (1-5); takes precedence over education.', example: [2, 3] })
  jobZones?: number[];

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 12, description: 'O*NET education level (1 less than high school .. 12 post-doctoral), mapped to job zones.' })
  education?: number;

  @ApiPropertyOptional({ type: WorkValueRatingsDto, description: 'How important each O*NET work value is; blended into the match when given.' })
  workValues?: WorkValueRatingsDto;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 20, default: 10, description: 'How many occupations to return.' })
  limit?: number;
}
