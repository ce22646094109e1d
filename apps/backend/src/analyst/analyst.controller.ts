import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Put, Res, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { AnalystFieldsResponse, AnalystQueryResponse, SavedQuery } from '@jobportal/contracts';
import type { Response } from 'express';
import { AccountErrorsInterceptor, invalidField } from '../auth/auth-errors';
import type { User } from '../auth/entities/user.entity';
import { RequireRoles } from '../auth/roles.guard';
import { CurrentUser } from '../auth/session.guard';
import { AnalystService } from './analyst.service';
import { AnalystExportDto, AnalystQueryDto, SavedQueryDto } from './dto/analyst.dto';
import { SavedQueriesService } from './saved-queries/saved-queries.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => invalidField('id', 'must be a saved query id (a UUID)') });

/** The analyst's query tool (issue 11): KQL over an allowed field list, breakdowns, exports, saved queries. */
@ApiTags('analyst')
@Controller('analyst')
@RequireRoles('analyst')
export class AnalystController {
  constructor(@Inject(AnalystService) private readonly analyst: AnalystService) {}

  @Get('fields')
  @ApiOperation({ summary: 'The fields KQL, breakdowns, metrics and exports may use, with their type and top values' })
  @ApiOkResponse({ description: 'AnalystFieldsResponse (libs/contracts/src/analyst.ts)' })
  @ApiServiceUnavailableResponse({ description: '`search_unavailable`' })
  fields(): Promise<AnalystFieldsResponse> {
    return this.analyst.fields();
  }

  @Post('query')
  @HttpCode(200)
  @ApiOperation({ summary: 'A KQL query with a time range, up to two breakdowns and metrics: a table, series and sample hits' })
  @ApiOkResponse({ description: 'AnalystQueryResponse' })
  @ApiBadRequestResponse({ description: '`invalid_query` (with offset, line, column), `unknown_field`, `too_many_buckets` (with the limit), `validation_failed`' })
  @ApiServiceUnavailableResponse({ description: '`search_unavailable`' })
  query(@Body() body: AnalystQueryDto): Promise<AnalystQueryResponse> {
    return this.analyst.query(body as unknown as Record<string, unknown>);
  }

  @Post('export')
  @ApiOperation({ summary: 'Every matching posting (up to 100,000) as CSV or NDJSON, streamed with a point in time' })
  @ApiProduces('text/csv', 'application/x-ndjson')
  @ApiOkResponse({ description: 'Streamed rows; headers X-Export-Total, X-Export-Cap, X-Export-Truncated' })
  @ApiBadRequestResponse({ description: 'as POST /query' })
  async export(@Body() body: AnalystExportDto, @Res() res: Response): Promise<void> {
    await this.analyst.export(body as unknown as Record<string, unknown>, res);
  }
}

/** The caller's own saved queries; another account's id is a 404. */
@ApiTags('analyst')
@Controller('analyst/saved-queries')
@RequireRoles('analyst')
@UseInterceptors(AccountErrorsInterceptor)
export class SavedQueriesController {
  constructor(@Inject(SavedQueriesService) private readonly saved: SavedQueriesService) {}

  @Get()
  @ApiOperation({ summary: 'Saved queries, most recently changed first' })
  @ApiOkResponse({ description: 'SavedQuery[]' })
  list(@CurrentUser() user: User): Promise<SavedQuery[]> {
    return this.saved.list(user.id);
  }

  @Get(':id')
  @ApiOkResponse({ description: 'SavedQuery' })
  @ApiNotFoundResponse({ description: '`saved_query_not_found` (also for another account\'s)' })
  get(@CurrentUser() user: User, @Param('id', uuid) id: string): Promise<SavedQuery> {
    return this.saved.get(user.id, id);
  }

  @Post()
  @ApiCreatedResponse({ description: 'SavedQuery' })
  @ApiBadRequestResponse({ description: 'the name, or the query as POST /query checks it' })
  @ApiUnprocessableEntityResponse({ description: '`saved_query_limit`' })
  create(@CurrentUser() user: User, @Body() body: SavedQueryDto): Promise<SavedQuery> {
    return this.saved.create(user, body);
  }

  @Put(':id')
  @ApiOkResponse({ description: 'SavedQuery' })
  @ApiNotFoundResponse({ description: '`saved_query_not_found`' })
  update(@CurrentUser() user: User, @Param('id', uuid) id: string, @Body() body: SavedQueryDto): Promise<SavedQuery> {
    return this.saved.update(user.id, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: '`saved_query_not_found`' })
  remove(@CurrentUser() user: User, @Param('id', uuid) id: string): Promise<void> {
    return this.saved.remove(user.id, id);
  }
}
