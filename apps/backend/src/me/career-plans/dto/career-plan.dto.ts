import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CAREER_PLAN_KINDS,
  CAREER_PLAN_LIMITS,
  CAREER_RADIUS_MAX_KM,
  type CareerAlsoConsider,
  type CareerMatch,
  type CareerPlan,
  type CareerPlanInputs,
  type CareerPlanKind,
  type CareerPlanSummary,
  type CreateCareerPlanRequest,
  type InterestMatch,
  type WorkValueRatings,
} from '@jobportal/contracts';
import type { RiasecProfile } from '@jobportal/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const NO_CONTROL = /^[^\p{Cc}]*$/u;

function score(min: number, max: number) {
  return function (target: object, key: string) {
    IsInt({ message: `must be a whole number from ${min} to ${max}` })(target, key);
    Min(min, { message: `must be a whole number from ${min} to ${max}` })(target, key);
    Max(max, { message: `must be a whole number from ${min} to ${max}` })(target, key);
  };
}

export class RiasecScoresDto implements RiasecProfile {
  @ApiProperty() @score(0, 40) realistic!: number;
  @ApiProperty() @score(0, 40) investigative!: number;
  @ApiProperty() @score(0, 40) artistic!: number;
  @ApiProperty() @score(0, 40) social!: number;
  @ApiProperty() @score(0, 40) enterprising!: number;
  @ApiProperty() @score(0, 40) conventional!: number;
}

export class WorkValueRatingsDto implements WorkValueRatings {
  @ApiPropertyOptional() @IsOptional() @score(1, 5) achievement?: number;
  @ApiPropertyOptional() @IsOptional() @score(1, 5) workingConditions?: number;
  @ApiPropertyOptional() @IsOptional() @score(1, 5) recognition?: number;
  @ApiPropertyOptional() @IsOptional() @score(1, 5) relationships?: number;
  @ApiPropertyOptional() @IsOptional() @score(1, 5) support?: number;
  @ApiPropertyOptional() @IsOptional() @score(1, 5) independence?: number;
}

export class CareerPlanInputsDto implements CareerPlanInputs {
  @ApiPropertyOptional({ example: 'Austin, TX', maxLength: 200 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  @Matches(NO_CONTROL, { message: 'must not contain control characters' })
  location?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: CAREER_RADIUS_MAX_KM })
  @IsOptional()
  @score(1, CAREER_RADIUS_MAX_KM)
  radiusKm?: number;

  @ApiPropertyOptional({ type: RiasecScoresDto })
  @IsOptional()
  @IsObject({ message: 'must be an object of the six area scores' })
  @ValidateNested()
  @Type(() => RiasecScoresDto)
  scores?: RiasecScoresDto;

  @ApiPropertyOptional({ type: [Number], example: [2, 3] })
  @IsOptional()
  @IsArray({ message: 'must be a list of job zones 1-5' })
  @ArrayMaxSize(5, { message: 'must have at most 5 job zones' })
  @IsInt({ each: true, message: 'must be a whole number from 1 to 5' })
  @Min(1, { each: true, message: 'must be a whole number from 1 to 5' })
  @Max(5, { each: true, message: 'must be a whole number from 1 to 5' })
  jobZones?: number[];

  @ApiPropertyOptional({ minimum: 1, maximum: 12 })
  @IsOptional()
  @score(1, 12)
  education?: number;

  @ApiPropertyOptional({ type: WorkValueRatingsDto })
  @IsOptional()
  @IsObject({ message: 'must be an object of work value ratings' })
  @ValidateNested()
  @Type(() => WorkValueRatingsDto)
  workValues?: WorkValueRatingsDto;
}

export class CreateCareerPlanDto implements CreateCareerPlanRequest {
  @ApiProperty({ enum: CAREER_PLAN_KINDS })
  @IsIn(CAREER_PLAN_KINDS, { message: `must be one of: ${CAREER_PLAN_KINDS.join(', ')}` })
  kind!: CareerPlanKind;

  @ApiProperty({ example: 'Nursing, from my resume', maxLength: CAREER_PLAN_LIMITS.nameMax })
  @Transform(trim)
  @IsString()
  @Length(1, CAREER_PLAN_LIMITS.nameMax, { message: `must be 1 to ${CAREER_PLAN_LIMITS.nameMax} characters` })
  @Matches(NO_CONTROL, { message: 'must not contain control characters' })
  name!: string;

  // Each match's shape is checked in checkCareerPlanResult (it differs by kind); here only the list.
  @ApiProperty({ description: 'The matches of the result: CareerMatch[] (resume/text) or InterestMatch[] (interests)', type: 'array', items: { type: 'object' } })
  @IsArray({ message: 'must be the list of matches of the result' })
  @ArrayMinSize(1, { message: 'must have at least one match' })
  @ArrayMaxSize(CAREER_PLAN_LIMITS.matchesMax, { message: `must have at most ${CAREER_PLAN_LIMITS.matchesMax} matches` })
  @IsObject({ each: true, message: 'each match must be an object' })
  matches!: CareerMatch[] | InterestMatch[];

  @ApiPropertyOptional({ type: 'array', items: { type: 'object' } })
  @IsOptional()
  @IsArray({ message: 'must be a list' })
  @ArrayMaxSize(CAREER_PLAN_LIMITS.alsoConsiderMax, { message: `must have at most ${CAREER_PLAN_LIMITS.alsoConsiderMax} occupations` })
  @IsObject({ each: true, message: 'each entry must be an object' })
  alsoConsider?: CareerAlsoConsider[];

  @ApiPropertyOptional({ type: [String], example: ['Microsoft Excel', 'Patient care'] })
  @IsOptional()
  @IsArray({ message: 'must be a list of skills' })
  @ArrayMaxSize(CAREER_PLAN_LIMITS.skillsMax, { message: `must have at most ${CAREER_PLAN_LIMITS.skillsMax} skills` })
  @IsString({ each: true, message: 'each skill must be text' })
  @MaxLength(CAREER_PLAN_LIMITS.skillMax, { each: true, message: `each skill must be at most ${CAREER_PLAN_LIMITS.skillMax} characters` })
  skills?: string[];

  @ApiPropertyOptional({ type: CareerPlanInputsDto })
  @IsOptional()
  @IsObject({ message: 'must be an object of the inputs' })
  @ValidateNested()
  @Type(() => CareerPlanInputsDto)
  inputs?: CareerPlanInputsDto;
}

export class CareerPlanSummaryDto implements CareerPlanSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CAREER_PLAN_KINDS }) kind!: CareerPlanKind;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String] }) topTitles!: string[];
  @ApiProperty() matchCount!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class CareerPlanDto extends CareerPlanSummaryDto implements CareerPlan {
  @ApiProperty({ type: 'array', items: { type: 'object' } }) matches!: CareerMatch[] | InterestMatch[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) alsoConsider!: CareerAlsoConsider[];
  @ApiProperty({ type: [String] }) skills!: string[];
  @ApiProperty({ type: CareerPlanInputsDto }) inputs!: CareerPlanInputs;
}
