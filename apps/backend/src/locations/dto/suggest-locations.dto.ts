import { ApiProperty } from '@nestjs/swagger';
import type { LocationSuggestion } from '@jobportal/contracts';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class SuggestLocationsDto {
  @ApiProperty({ description: 'What the user typed; a part after a comma narrows by state or country ("portland, or").', example: 'portl', maxLength: 100 })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'must be a single text value' })
  @IsNotEmpty({ message: 'is required' })
  @MaxLength(100, { message: 'must be at most 100 characters' })
  q!: string;
}

export class LocationSuggestionDto implements LocationSuggestion {
  @ApiProperty({ example: 'Portland, OR', description: 'Send this back as the search `location`: it resolves to this place.' }) label!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Portland', description: 'null for a state' }) city!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Oregon' }) region!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'OR' }) regionCode!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'US' }) countryCode!: string | null;
  @ApiProperty({ example: 45.52345 }) lat!: number;
  @ApiProperty({ example: -122.67621 }) lon!: number;
}
