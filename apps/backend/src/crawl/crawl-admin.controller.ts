import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { RequireRoles } from '../auth/roles.guard';
import { CreateCrawlSourceDto, UpdateCrawlSourceDto } from './crawl-source.dto';
import { CrawlSourcesService, type CrawlSourceView } from './crawl-sources.service';

/** The operator's crawl sources (issue 10): the table, its schedules and the last run of each. */
@ApiTags('admin')
@Controller('admin/crawl/sources')
@RequireRoles('operator')
@ApiServiceUnavailableResponse({ description: '`database_unavailable` (PostgreSQL) or `queue_unavailable` (Redis): nothing was changed.' })
export class CrawlAdminController {
  constructor(@Inject(CrawlSourcesService) private readonly sources: CrawlSourcesService) {}

  @Get()
  @ApiOperation({ summary: 'Every crawl source with its last run (counts fetched, new, updated, unchanged, expired, errors by reason)' })
  @ApiOkResponse({ description: 'The sources, by name.' })
  list(): Promise<CrawlSourceView[]> {
    return this.sources.list();
  }

  @Post()
  @ApiOperation({ summary: 'Add a source; when enabled, its schedule starts at once' })
  @ApiCreatedResponse({ description: 'The source as stored.' })
  @ApiBadRequestResponse({ description: '`validation_failed`, each bad field named.' })
  @ApiConflictResponse({ description: '`crawl_source_exists`: the name is taken.' })
  create(@Body() body: CreateCrawlSourceDto): Promise<CrawlSourceView> {
    return this.sources.create(body);
  }

  @Patch(':name')
  @ApiOperation({ summary: 'Change a source; its schedule follows at once (disabling removes it)' })
  @ApiOkResponse({ description: 'The source as stored.' })
  @ApiBadRequestResponse({ description: '`validation_failed`, each bad field named.' })
  @ApiNotFoundResponse({ description: '`crawl_source_not_found`' })
  update(@Param('name') name: string, @Body() body: UpdateCrawlSourceDto): Promise<CrawlSourceView> {
    return this.sources.update(name, body);
  }

  @Delete(':name')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a source and its schedule (its indexed postings stay)' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiNotFoundResponse({ description: '`crawl_source_not_found`' })
  async remove(@Param('name') name: string): Promise<void> {
    await this.sources.remove(name);
  }

  @Post(':name/run')
  @HttpCode(202)
  @ApiOperation({ summary: 'Queue one run of the source now (a disabled one too); the workers crawl it' })
  @ApiAcceptedResponse({ description: '{ source, jobId }: the crawl-source job on the crawl queue.' })
  @ApiNotFoundResponse({ description: '`crawl_source_not_found`' })
  run(@Param('name') name: string): Promise<{ source: string; jobId: string }> {
    return this.sources.runNow(name);
  }
}
