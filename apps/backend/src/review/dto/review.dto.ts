import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  REVIEW_ACTIONS,
  REVIEW_PAGE_SIZE_DEFAULT,
  REVIEW_PAGE_SIZE_MAX,
  SOC_DETAILED_CODE,
  SOURCE_NAMES,
  type PostingSoc,
  type ReviewAction,
  type ReviewDecisionRequest,
  type ReviewDecisionResponse,
  type ReviewQueueItem,
  type ReviewQueueParams,
  type ReviewQueueResponse,
  type SourceName,
} from '@jobportal/contracts';
import { MAX_RESULT_WINDOW, isOccupationValue } from '@jobportal/search';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { Check, integer, list, trimmed, wholeNumber } from '../../jobs/dto/query-transforms';

const oneOf = (values: readonly string[]) => `must be one of: ${values.join(', ')}`;
const MAX_VALUES = 20;

/** A decimal parameter; anything that is not one stays as given so the range check reports it. */
function decimal({ value }: { value: unknown }): unknown {
  if (typeof value !== 'string') return value;
  const t = value.trim();
  if (t === '') return undefined;
  return /^-?(\d+(\.\d*)?|\.\d+)$/.test(t) ? Number(t) : value;
}

const confidence = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1;

export class ReviewQueueDto implements ReviewQueueParams {
  @ApiPropertyOptional({ enum: SOURCE_NAMES, isArray: true, description: 'Repeat the key or use a comma list; OR within.' })
  @IsOptional()
  @Transform(list(true))
  @ArrayMaxSize(MAX_VALUES)
  @IsIn(SOURCE_NAMES, { each: true, message: oneOf(SOURCE_NAMES) })
  source?: SourceName[];

  @ApiPropertyOptional({ isArray: true, description: 'The machine code: SOC 2018 detailed codes ("15-1252") or major groups ("15"); OR within.', example: ['15'] })
  @IsOptional()
  @Transform(list(true))
  @ArrayMaxSize(MAX_VALUES)
  @Check('occupationCode', (v) => Array.isArray(v) && v.every((x) => typeof x === 'string' && isOccupationValue(x)), 'must be SOC codes like 15-1252 or major groups like 15')
  occupation?: string[];

  @ApiPropertyOptional({ minimum: 0, maximum: 1, description: 'Only codes at least this confident', example: 0.2 })
  @IsOptional()
  @Transform(decimal)
  @Check('confidenceRange', confidence, 'must be a number from 0 to 1')
  minConfidence?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, description: 'Only codes at most this confident', example: 0.5 })
  @IsOptional()
  @Transform(decimal)
  @Check('confidenceRange', confidence, 'must be a number from 0 to 1')
  @Check<ReviewQueueDto>('confidenceOrder', (v, dto) => typeof v !== 'number' || typeof dto.minConfidence !== 'number' || v >= dto.minConfidence, 'must be at least minConfidence')
  maxConfidence?: number;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Transform(integer)
  @Check('pageNumber', wholeNumber(1, Number.MAX_SAFE_INTEGER), 'must be a whole number, 1 or more')
  @Check<ReviewQueueDto>(
    'resultWindow',
    (v, dto) => typeof v !== 'number' || v * (typeof dto.size === 'number' ? dto.size : REVIEW_PAGE_SIZE_DEFAULT) <= MAX_RESULT_WINDOW,
    `page * size must be at most ${MAX_RESULT_WINDOW}`,
  )
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: REVIEW_PAGE_SIZE_MAX, default: REVIEW_PAGE_SIZE_DEFAULT })
  @IsOptional()
  @Transform(integer)
  @Check('pageSize', wholeNumber(1, REVIEW_PAGE_SIZE_MAX), `must be a whole number from 1 to ${REVIEW_PAGE_SIZE_MAX}`)
  size?: number;
}

export class ReviewDecisionDto implements ReviewDecisionRequest {
  @ApiProperty({ enum: REVIEW_ACTIONS, description: 'confirm: the machine code is right; correct: replace it with `code`' })
  @IsIn(REVIEW_ACTIONS, { message: oneOf(REVIEW_ACTIONS) })
  action!: ReviewAction;

  @ApiPropertyOptional({ description: 'SOC 2018 detailed code; required to correct, left out to confirm', example: '15-1252' })
  @ValidateIf((dto: ReviewDecisionDto) => dto.action === 'correct' || dto.code !== undefined)
  @IsNotEmpty({ message: 'is required to correct a code' })
  @IsString({ message: 'must be a single text value' })
  @Check<ReviewDecisionDto>('codeWithConfirm', (_v, dto) => dto.action !== 'confirm', 'must be left out to confirm (confirm keeps the machine code)')
  @Matches(SOC_DETAILED_CODE, { message: 'must be a SOC 2018 detailed code like 15-1252' })
  code?: string;

  @ApiPropertyOptional({ maxLength: 500, description: 'Why, for the other analysts' })
  @IsOptional()
  @Transform(trimmed)
  @IsString({ message: 'must be a single text value' })
  @MaxLength(500, { message: 'must be at most 500 characters' })
  note?: string;
}

class ReviewOccupationDto {
  @ApiProperty({ example: '15-1252' }) code!: string;
  @ApiProperty({ example: '15-1252.00' }) onetCode!: string;
  @ApiProperty({ example: 'Software Developers' }) title!: string;
  @ApiProperty({ example: '15' }) major!: string;
  @ApiProperty({ example: 'Computer and Mathematical Occupations' }) majorTitle!: string;
  @ApiProperty({ example: 0.31 }) confidence!: number;
}

export class ReviewQueueItemDto implements ReviewQueueItem {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: SOURCE_NAMES }) source!: SourceName;
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, nullable: true }) company!: string | null;
  @ApiProperty({ type: String, nullable: true }) location!: string | null;
  @ApiProperty({ type: String, nullable: true }) postedAt!: string | null;
  @ApiProperty({ type: ReviewOccupationDto, description: "The machine's code" }) occupation!: ReviewOccupationDto;
}

export class ReviewQueueResponseDto implements ReviewQueueResponse {
  @ApiProperty({ type: [ReviewQueueItemDto] }) items!: ReviewQueueItemDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() size!: number;
}

export class ReviewDecisionResponseDto implements ReviewDecisionResponse {
  @ApiProperty() correctionId!: string;
  @ApiProperty() postingId!: string;
  @ApiProperty({ enum: REVIEW_ACTIONS }) action!: ReviewAction;
  @ApiProperty({ description: 'The code before: { code, confidence, codedBy }' }) before!: ReviewDecisionResponse['before'];
  @ApiProperty({ description: 'The soc object the posting now has in the index (coded_by "human", confidence 1)' }) soc!: PostingSoc;
  @ApiProperty() createdAt!: string;
}
