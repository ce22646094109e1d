import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ACCOUNT_LIMITS, POSTING_STATUSES, SAVED_JOB_STATUSES, type PostingStatus, type SaveJobRequest, type SavedJob, type SavedJobSnapshot, type SavedJobStatus } from '@jobportal/contracts';
import { IsIn, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { JobPayDto } from '../../../jobs/dto/job-summary.dto';

const oneOf = (values: readonly string[]) => `must be one of: ${values.join(', ')}`;

export class SaveJobDto implements SaveJobRequest {
  @ApiPropertyOptional({ enum: SAVED_JOB_STATUSES, default: 'saved' })
  @IsOptional()
  @IsIn(SAVED_JOB_STATUSES, { message: oneOf(SAVED_JOB_STATUSES) })
  status?: SavedJobStatus;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: ACCOUNT_LIMITS.noteMax, description: 'null clears it' })
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsString()
  @MaxLength(ACCOUNT_LIMITS.noteMax, { message: `must be at most ${ACCOUNT_LIMITS.noteMax} characters` })
  note?: string | null;
}

export class ListSavedJobsDto {
  @ApiPropertyOptional({ enum: SAVED_JOB_STATUSES })
  @IsOptional()
  @IsIn(SAVED_JOB_STATUSES, { message: oneOf(SAVED_JOB_STATUSES) })
  status?: SavedJobStatus;
}

export class SavedJobSnapshotDto implements SavedJobSnapshot {
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, nullable: true }) company!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Austin, TX' }) location!: string | null;
  @ApiProperty({ type: JobPayDto, nullable: true }) pay!: JobPayDto | null;
  @ApiProperty({ type: String, nullable: true }) url!: string | null;
}

export class SavedJobDto implements SavedJob {
  @ApiProperty() jobId!: string;
  @ApiProperty({ enum: SAVED_JOB_STATUSES }) status!: SavedJobStatus;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ type: SavedJobSnapshotDto }) job!: SavedJobSnapshotDto;
  @ApiProperty({ enum: POSTING_STATUSES, nullable: true, description: "The posting's liveness now: `expired` once gone from its source (it still opens); null when the index no longer holds it or search is unavailable" })
  postingStatus!: PostingStatus | null;
  @ApiProperty({ format: 'date-time' }) savedAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}
