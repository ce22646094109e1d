import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { GrowthResponse, TrendsResponse } from '@jobportal/contracts';
import { GrowthQueryDto } from './dto/growth-query.dto';
import { GrowthService } from './growth.service';
import { TrendsQueryDto } from './dto/trends-query.dto';
import { TrendsService } from './trends.service';

@ApiTags('trends')
@Controller('trends')
export class TrendsController {
  constructor(
    @Inject(TrendsService) private readonly trends: TrendsService,
    @Inject(GrowthService) private readonly growthService: GrowthService,
  ) {}

  /** Every dashboard panel in one request (one Elasticsearch search behind it, plus one for the default range). */
  @Get()
  @ApiOkResponse({ description: 'TrendsResponse (libs/contracts/src/trends.ts)' })
  @ApiBadRequestResponse({ description: '`validation_failed` with the field and the reason' })
  @ApiServiceUnavailableResponse({ description: '`search_unavailable`: Elasticsearch is down or slow' })
  get(@Query() query: TrendsQueryDto): Promise<TrendsResponse> {
    return this.trends.trends(query);
  }

  /** Growth by state or metro: per-source like-with-like windows, rate-ratio intervals, too-small cells. */
  @Get('growth')
  @ApiOkResponse({ description: 'GrowthResponse (libs/contracts/src/trends.ts)' })
  @ApiBadRequestResponse({ description: '`validation_failed` with the field and the reason' })
  growth(@Query() query: GrowthQueryDto): Promise<GrowthResponse> {
    return this.growthService.growth(query);
  }
}
