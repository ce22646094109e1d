import { ApiProperty } from '@nestjs/swagger';

export class SourceCountDto {
  @ApiProperty({ example: 'indeed_2019' }) source!: string;
  @ApiProperty({ example: 'Indeed 2019 (data science)' }) label!: string;
  @ApiProperty({ example: 412 }) count!: number;
}

export class WorkModeCountDto {
  @ApiProperty({ enum: ['remote', 'hybrid', 'onsite', 'unknown'] }) workMode!: string;
  @ApiProperty() count!: number;
}

export class OverviewDto {
  @ApiProperty({ description: 'Postings in the index' }) postings!: number;
  @ApiProperty({ type: [SourceCountDto] }) sources!: SourceCountDto[];
  @ApiProperty({ type: [WorkModeCountDto] }) workModes!: WorkModeCountDto[];
  @ApiProperty({ description: 'Share of postings known to be remote (0..1)' }) remoteShare!: number;
  @ApiProperty({ nullable: true, type: String, description: 'Last time a posting was first indexed' }) updatedAt!: string | null;
}
