import { ApiProperty } from '@nestjs/swagger';
import type { SuggestResponse } from '@jobportal/contracts';
import { MAX_SUGGEST_QUERY_LENGTH } from '@jobportal/search';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { trimmed } from './query-transforms';

export class SuggestJobsDto {
  @ApiProperty({ description: 'What the user typed so far; the last word counts as a prefix', example: 'nur', maxLength: MAX_SUGGEST_QUERY_LENGTH })
  @Transform(trimmed)
  @IsString({ message: 'must be a single text value' })
  @IsNotEmpty({ message: 'is required' })
  @MaxLength(MAX_SUGGEST_QUERY_LENGTH, { message: `must be at most ${MAX_SUGGEST_QUERY_LENGTH} characters` })
  q!: string;
}

export class SuggestResponseDto implements SuggestResponse {
  @ApiProperty({ type: [String], description: 'At most 10 job titles, most frequent first' }) titles!: string[];
  @ApiProperty({ type: [String], description: 'At most 10 companies' }) companies!: string[];
  @ApiProperty({ type: [String], description: 'At most 10 skills' }) skills!: string[];
}
