import { ApiProperty } from '@nestjs/swagger';
import type { JobCategory } from '@jobportal/contracts';
import { JobSummaryDto } from './job-summary.dto';

class CategoryParamsDto {
  @ApiProperty({ required: false, example: 'remote' }) workMode?: string;
  @ApiProperty({ required: false, example: 'entry' }) experience?: string;
}

export class JobCategoryDto implements JobCategory {
  @ApiProperty({ example: 'remote' }) key!: string;
  @ApiProperty({ example: 'Remote' }) label!: string;
  @ApiProperty({ type: CategoryParamsDto, description: 'Search parameters that open this category' }) params!: CategoryParamsDto;
  @ApiProperty({ description: 'Postings in the category (equals the total of that search)' }) count!: number;
  @ApiProperty({ type: [JobSummaryDto], description: 'The three newest postings' }) top!: JobSummaryDto[];
}
