import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ClassifiedCode, ClassifyRequest, ClassifyResponse, ClassifyResult } from '@jobportal/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';

export const MAX_CLASSIFY_ITEMS = 1000;
export const MAX_TITLE_LENGTH = 300;
export const MAX_DESCRIPTION_LENGTH = 5000;

export class ClassifyItemDto {
  @ApiProperty({ description: 'A job title as a posting or a survey gives it', maxLength: MAX_TITLE_LENGTH, example: 'CDL-A Truck Driver' })
  @IsString({ message: 'must be text' })
  @IsNotEmpty({ message: 'is required' })
  @MaxLength(MAX_TITLE_LENGTH, { message: `must be at most ${MAX_TITLE_LENGTH} characters` })
  // A title without a single letter ("!!!", "12345") names no occupation: a caller error, not a guess.
  @Matches(/\p{L}/u, { message: 'must contain at least one letter' })
  title!: string;

  @ApiPropertyOptional({ description: 'The posting text; its first words help when the title is vague', maxLength: MAX_DESCRIPTION_LENGTH })
  @IsOptional()
  @IsString({ message: 'must be text' })
  @MaxLength(MAX_DESCRIPTION_LENGTH, { message: `must be at most ${MAX_DESCRIPTION_LENGTH} characters` })
  description?: string;
}

export class ClassifyTitlesDto implements ClassifyRequest {
  @ApiProperty({ type: [ClassifyItemDto], minItems: 1, maxItems: MAX_CLASSIFY_ITEMS })
  @IsArray({ message: `must be a list of 1 to ${MAX_CLASSIFY_ITEMS} { title, description? } items` })
  @ArrayMinSize(1, { message: 'must hold at least one item' })
  @ArrayMaxSize(MAX_CLASSIFY_ITEMS, { message: `must hold at most ${MAX_CLASSIFY_ITEMS} items; split larger batches (or use npm run classify for files)` })
  @ValidateNested({ each: true })
  @Type(() => ClassifyItemDto)
  items!: ClassifyItemDto[];
}

class ClassifiedCodeDto implements ClassifiedCode {
  @ApiProperty({ example: '53-3032', description: 'SOC 2018 detailed code' }) code!: string;
  @ApiProperty({ example: 'Heavy and Tractor-Trailer Truck Drivers' }) title!: string;
  @ApiProperty({ example: 0.93, description: 'Calibrated probability' }) probability!: number;
}

class ClassifyResultDto implements ClassifyResult {
  @ApiProperty({ type: [ClassifiedCodeDto], description: 'Top 5 SOC 2018 codes, most probable first' }) codes!: ClassifiedCodeDto[];
  @ApiProperty({ type: String, nullable: true, example: '53-3032.00', description: 'The most probable O*NET-SOC occupation (for GET /api/occupations/:code)' })
  onetCode!: string | null;
  @ApiProperty({ description: 'Calibrated probability that the first code is right' }) confidence!: number;
  @ApiProperty({ description: 'Below the confidence threshold, or no known word in the title: check it by hand' }) needsReview!: boolean;
  @ApiProperty({ type: String, nullable: true, enum: ['empty_input', 'unknown_words', 'below_threshold'] }) reason!: ClassifyResult['reason'];
}

export class ClassifyResponseDto implements ClassifyResponse {
  @ApiProperty({ type: [ClassifyResultDto], description: 'One result per item, in order' }) results!: ClassifyResultDto[];
  @ApiProperty({ description: 'Identifies the trained model (when it was trained and its seed)', example: '2026-11-22T00:58:00.000Z/seed-42' }) modelVersion!: string;
}
