import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { StatsService } from './stats.service';
import { OverviewDto } from './dto/overview.dto';

@ApiTags('stats')
@Controller('stats')
export class StatsController {
  constructor(@Inject(StatsService) private readonly stats: StatsService) {}

  @Get('overview')
  @ApiOkResponse({ type: OverviewDto })
  @ApiServiceUnavailableResponse({ description: '`search_unavailable`: Elasticsearch is down or slow' })
  overview(): Promise<OverviewDto> {
    return this.stats.overview();
  }
}
