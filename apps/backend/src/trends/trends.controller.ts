import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { TrendsResponse } from '@jobportal/contracts';
import { TrendsQueryDto } from './dto/trends-query.dto';
import { TrendsService } from './trends.service';

@ApiTags('trends')
@Controller('trends')
export class TrendsController {
  constructor(@Inject(TrendsService) private readonly trends: TrendsService) {}

  /** Every dashboard panel in one request (one Elasticsearch search behind it, plus one for the default range). */
  @Get()
  @ApiOkResponse({ description: 'TrendsResponse (libs/contracts/src/trends.ts)' })
  @ApiBadRequestResponse({ description: '`validation_failed` with the field and the reason' })
  @ApiServiceUnavailableResponse({ description: '`search_unavailable`: Elasticsearch is down or slow' })
  get(@Query() query: TrendsQueryDto): Promise<TrendsResponse> {
    return this.trends.trends(query);
  }
}
