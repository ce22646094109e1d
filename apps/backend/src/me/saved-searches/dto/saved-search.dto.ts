import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  ACCOUNT_LIMITS,
  ALERT_CHANNELS,
  ALERT_FREQUENCIES,
  type AlertChannel,
  type AlertFrequency,
  type CreateSavedSearchRequest,
  type SavedSearch,
  type SavedSearchParams,
} from '@jobportal/contracts';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { SearchJobsDto } from '../../../jobs/dto/search-jobs.dto';

const oneOf = (values: readonly string[]) => `must be one of: ${values.join(', ')}`;

/** Exactly the search endpoint's filters and their rules, without paging and sorting. */
export class SavedSearchParamsDto extends OmitType(SearchJobsDto, ['sort', 'page', 'size', 'after'] as const) implements SavedSearchParams {}

export class CreateSavedSearchDto implements CreateSavedSearchRequest {
  @ApiProperty({ example: 'Remote nursing jobs', maxLength: ACCOUNT_LIMITS.savedSearchNameMax })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, ACCOUNT_LIMITS.savedSearchNameMax, { message: `must be 1 to ${ACCOUNT_LIMITS.savedSearchNameMax} characters` })
  @Matches(/^[^\p{Cc}]*$/u, { message: 'must not contain control characters' })
  name!: string;

  @ApiProperty({ type: SavedSearchParamsDto, description: 'The parameters of GET /api/jobs/search (without sort, page, size, after)' })
  @IsDefined({ message: 'is required' })
  @IsObject({ message: 'must be an object of search parameters' })
  @ValidateNested()
  @Type(() => SavedSearchParamsDto)
  params!: SavedSearchParamsDto;

  @ApiProperty({ enum: ALERT_FREQUENCIES })
  @IsIn(ALERT_FREQUENCIES, { message: oneOf(ALERT_FREQUENCIES) })
  frequency!: AlertFrequency;

  @ApiProperty({ enum: ALERT_CHANNELS })
  @IsIn(ALERT_CHANNELS, { message: oneOf(ALERT_CHANNELS) })
  channel!: AlertChannel;
}

export class UpdateSavedSearchDto extends PartialType(CreateSavedSearchDto) {
  /** false resumes alerts paused by an unsubscribe link; true pauses them. */
  @ApiPropertyOptional() @IsOptional() @IsBoolean() paused?: boolean;
}

export class SavedSearchDto implements SavedSearch {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: SavedSearchParamsDto }) params!: SavedSearchParamsDto;
  @ApiProperty({ enum: ALERT_FREQUENCIES }) frequency!: AlertFrequency;
  @ApiProperty({ enum: ALERT_CHANNELS }) channel!: AlertChannel;
  @ApiProperty() paused!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) updatedAt!: string;
}
