import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  EMPLOYMENT_TYPES,
  EXPERIENCE_LEVELS,
  EXPIRY_REASONS,
  PAY_PERIODS,
  POSTING_STATUSES,
  SOURCE_NAMES,
  WORK_MODES,
  type EmploymentType,
  type ExperienceLevel,
  type ExpiryReason,
  type PostingStatus,
  type JobDetail,
  type JobLocation,
  type JobOccupation,
  type JobPay,
  type JobSummary,
  type PayPeriod,
  type SourceName,
  type WorkMode,
} from '@jobportal/contracts';

export class JobLocationDto implements JobLocation {
  @ApiProperty({ type: String, nullable: true, description: 'As the source wrote it' }) text!: string | null;
  @ApiProperty({ type: String, nullable: true }) city!: string | null;
  @ApiProperty({ type: String, nullable: true }) region!: string | null;
  @ApiProperty({ type: String, nullable: true }) regionCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) country!: string | null;
  @ApiProperty({ type: String, nullable: true }) countryCode!: string | null;
}

export class JobPayDto implements JobPay {
  @ApiProperty({ type: Number, nullable: true }) min!: number | null;
  @ApiProperty({ type: Number, nullable: true }) max!: number | null;
  @ApiProperty({ enum: PAY_PERIODS }) period!: PayPeriod;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ type: Number, nullable: true }) annualMin!: number | null;
  @ApiProperty({ type: Number, nullable: true }) annualMax!: number | null;
}

export class JobOccupationDto implements JobOccupation {
  @ApiProperty({ example: '15-1252', description: 'SOC 2018 detailed code' }) code!: string;
  @ApiProperty({ example: '15-1252.00', description: 'O*NET-SOC code (links to /api/occupations/:code)' }) onetCode!: string;
  @ApiProperty({ example: 'Software Developers' }) title!: string;
  @ApiProperty({ example: '15', description: 'SOC major group' }) major!: string;
  @ApiProperty({ example: 'Computer and Mathematical Occupations' }) majorTitle!: string;
  @ApiProperty({ description: "The classifier's calibrated probability, 0-1" }) confidence!: number;
  @ApiProperty({ description: 'Below the confidence threshold: shown, but flagged for an analyst' }) needsReview!: boolean;
}

class HighlightsDto {
  @ApiPropertyOptional({ description: 'HTML: <mark> around matches, everything else escaped' }) title?: string;
  @ApiPropertyOptional({ type: [String], description: 'HTML fragments: <mark> around matches, everything else escaped' }) description?: string[];
}

export class JobSummaryDto implements JobSummary {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, nullable: true }) company!: string | null;
  @ApiProperty({ type: JobLocationDto }) location!: JobLocationDto;
  @ApiProperty({ enum: WORK_MODES, nullable: true }) workMode!: WorkMode | null;
  @ApiProperty({ enum: EXPERIENCE_LEVELS, nullable: true }) experience!: ExperienceLevel | null;
  @ApiProperty({ enum: EMPLOYMENT_TYPES, nullable: true }) employmentType!: EmploymentType | null;
  @ApiProperty({ type: JobPayDto, nullable: true }) pay!: JobPayDto | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) postedAt!: string | null;
  @ApiProperty({ type: [String] }) skills!: string[];
  @ApiProperty({ enum: SOURCE_NAMES }) source!: SourceName;
  @ApiProperty({ type: JobOccupationDto, nullable: true, description: 'The SOC occupation the posting was coded to' }) occupation!: JobOccupationDto | null;
  @ApiProperty({ type: HighlightsDto }) highlights!: HighlightsDto;
  @ApiPropertyOptional({ description: "Distance from the search's location, in the radius unit (miles without one)" }) distance?: number;
}

export class JobDetailDto extends JobSummaryDto implements JobDetail {
  @ApiProperty({ description: 'Plain text' }) description!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Sanitized HTML, safe to render; null when the source had plain text' }) descriptionHtml!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The posting on its source site' }) url!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Where to apply (the posting page when the source gave no separate link)' }) applyUrl!: string | null;
  @ApiProperty({ type: [String] }) industries!: string[];
  @ApiProperty({ type: [String] }) benefits!: string[];
  @ApiProperty({ type: String, nullable: true }) education!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) expiresAt!: string | null;
  @ApiProperty({ description: 'Shared by reposts of the same job' }) fingerprint!: string;
  @ApiProperty({ enum: POSTING_STATUSES, description: '`expired`: gone from its source (it still opens, e.g. from a saved job); search shows live postings only' }) status!: PostingStatus;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'When the crawler found it gone' }) expiredAt!: string | null;
  @ApiProperty({ enum: EXPIRY_REASONS, nullable: true, description: 'Why it expired' }) expiryReason!: ExpiryReason | null;
}
