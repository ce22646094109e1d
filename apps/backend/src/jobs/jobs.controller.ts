import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { JobCategoryDto } from './dto/job-category.dto';
import { JobDetailDto, JobSummaryDto } from './dto/job-summary.dto';
import { JobSearchResponseDto, SearchJobsDto } from './dto/search-jobs.dto';
import { SuggestJobsDto, SuggestResponseDto } from './dto/suggest-jobs.dto';
import { JobsService } from './jobs.service';

const UNAVAILABLE = { description: '`search_unavailable`: Elasticsearch is down or slow (Retry-After: 5)' };

@ApiTags('jobs')
@Controller('jobs')
export class JobsController {
  constructor(@Inject(JobsService) private readonly jobs: JobsService) {}

  @Get('search')
  @ApiOperation({
    summary: 'Search job postings',
    description:
      'Text, place and filters; facets are disjunctive (each counts with every other filter but its own). ' +
      'Multi-valued filters: repeat the key (`workMode=remote&workMode=hybrid`); enum-valued ones also take comma lists. ' +
      'Reposts of one job (same fingerprint) show once. Page with `page`/`size` up to 10,000 results, or with `after` = `nextCursor` without limit.',
  })
  @ApiOkResponse({ type: JobSearchResponseDto })
  @ApiBadRequestResponse({ description: '`validation_failed` with `errors: [{ field, reason }]` (unknown parameter, bad value, unknown place, bad cursor, ...)' })
  @ApiServiceUnavailableResponse(UNAVAILABLE)
  search(@Query() query: SearchJobsDto): Promise<JobSearchResponseDto> {
    return this.jobs.search(query);
  }

  @Get('suggest')
  @ApiOperation({ summary: 'Titles, companies and skills starting with what the user typed (at most 10 each)' })
  @ApiOkResponse({ type: SuggestResponseDto })
  @ApiBadRequestResponse({ description: '`validation_failed`: q missing or too long' })
  @ApiServiceUnavailableResponse(UNAVAILABLE)
  suggest(@Query() query: SuggestJobsDto): Promise<SuggestResponseDto> {
    return this.jobs.suggest(query.q);
  }

  @Get('categories')
  @ApiOperation({ summary: 'Browse tiles: each work mode and experience level with its count and three newest postings' })
  @ApiOkResponse({ type: [JobCategoryDto] })
  @ApiServiceUnavailableResponse(UNAVAILABLE)
  categories(): Promise<JobCategoryDto[]> {
    return this.jobs.categories();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One posting with its description (text and sanitized HTML) and apply link' })
  @ApiParam({ name: 'id', example: '0cba2fb823d3476296fb' })
  @ApiOkResponse({ type: JobDetailDto })
  @ApiNotFoundResponse({ description: '`job_not_found`' })
  @ApiServiceUnavailableResponse(UNAVAILABLE)
  byId(@Param('id') id: string): Promise<JobDetailDto> {
    return this.jobs.byId(id);
  }

  @Get(':id/similar')
  @ApiOperation({ summary: 'Up to six similar postings, never a repost of this one' })
  @ApiParam({ name: 'id', example: '0cba2fb823d3476296fb' })
  @ApiOkResponse({ type: [JobSummaryDto] })
  @ApiNotFoundResponse({ description: '`job_not_found`' })
  @ApiServiceUnavailableResponse(UNAVAILABLE)
  similar(@Param('id') id: string): Promise<JobSummaryDto[]> {
    return this.jobs.similar(id);
  }
}
