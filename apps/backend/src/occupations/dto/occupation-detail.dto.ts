import { ApiProperty } from '@nestjs/swagger';
import type { MonthlyCount, NamedCount, Occupation, OccupationDetailResponse, OccupationLiveData } from '@jobportal/contracts';

class MonthlyCountDto implements MonthlyCount {
  @ApiProperty({ example: '2024-03' }) month!: string;
  @ApiProperty() count!: number;
}

class NamedCountDto implements NamedCount {
  @ApiProperty() name!: string;
  @ApiProperty() count!: number;
}

class PostedPayDto {
  @ApiProperty({ description: 'Postings coded to the occupation that state pay' }) count!: number;
  @ApiProperty({ type: Number, nullable: true }) p25!: number | null;
  @ApiProperty({ type: Number, nullable: true }) median!: number | null;
  @ApiProperty({ type: Number, nullable: true }) p75!: number | null;
}

class LivePostingDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, nullable: true }) company!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Portland, OR' }) location!: string | null;
  @ApiProperty({ type: String, nullable: true }) postedAt!: string | null;
}

export class OccupationLiveDataDto implements OccupationLiveData {
  @ApiProperty({ description: 'Postings coded to the SOC 2018 code' }) postingCount!: number;
  @ApiProperty({ type: [MonthlyCountDto], description: 'Postings per month by posted date, oldest first' }) monthlyTrend!: MonthlyCountDto[];
  @ApiProperty({ type: [NamedCountDto], description: 'At most 10' }) topCompanies!: NamedCountDto[];
  @ApiProperty({ type: [NamedCountDto], description: 'At most 10; "City, RG" or a region' }) topPlaces!: NamedCountDto[];
  @ApiProperty({
    type: PostedPayDto,
    nullable: true,
    description:
      'Annualized pay in postings that state it: percentiles of the range midpoint, estimated as the mean of the percentiles of the range ends (Elasticsearch here has no scripting). Null when no posting states pay.',
  })
  postedPay!: PostedPayDto | null;
  @ApiProperty({ type: [LivePostingDto], description: 'The 10 newest postings' }) postings!: LivePostingDto[];
}

class SiblingDto {
  @ApiProperty({ example: '29-1141.01' }) onetCode!: string;
  @ApiProperty({ example: 'Acute Care Nurses' }) title!: string;
}

export class OccupationDetailResponseDto implements OccupationDetailResponse {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'The full O*NET 29.3 profile (type `Occupation` in libs/contracts/src/occupations.ts): SOC 2018 groups, description, alternate and reported titles, tasks, technology skills, skills, knowledge, RIASEC interests, work values, job zone, education, OEWS wages, BLS 2024-34 projections, related occupations.',
  })
  occupation!: Occupation;
  @ApiProperty({ type: [SiblingDto], description: 'The other O*NET-SOC occupations under the same SOC 2018 code' }) siblings!: SiblingDto[];
  @ApiProperty({ type: OccupationLiveDataDto }) live!: OccupationLiveDataDto;
}
