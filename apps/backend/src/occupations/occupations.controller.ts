import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { OccupationDetailResponseDto } from './dto/occupation-detail.dto';
import { OccupationSearchResponseDto, SearchOccupationsDto } from './dto/search-occupations.dto';
import { OccupationsService } from './occupations.service';

const UNAVAILABLE = {
  description: '`search_unavailable`: Elasticsearch is down or slow (Retry-After: 5); `occupations_not_indexed`: run `npm run index:occupations`',
};

@ApiTags('occupations')
@Controller('occupations')
export class OccupationsController {
  constructor(@Inject(OccupationsService) private readonly occupations: OccupationsService) {}

  @Get()
  @ApiOperation({
    summary: 'Search the O*NET occupations',
    description:
      "Like O*NET's keyword search: occupations whose title, alternate title or abbreviation (\"RN\") is what was typed come first, then title phrases, reported titles, and occupations that only mention the words in their tasks or description.",
  })
  @ApiOkResponse({ type: OccupationSearchResponseDto })
  @ApiBadRequestResponse({ description: '`validation_failed` with `errors: [{ field, reason }]` (q missing or too long, bad size or page, unknown parameter)' })
  @ApiServiceUnavailableResponse(UNAVAILABLE)
  search(@Query() query: SearchOccupationsDto): Promise<OccupationSearchResponseDto> {
    return this.occupations.search(query);
  }

  @Get(':code')
  @ApiOperation({
    summary: 'One occupation: the O*NET profile, its sibling O*NET occupations and live data from the postings',
    description: 'An O*NET-SOC code ("29-1141.00") names that occupation; a SOC 2018 code ("29-1141") names its ".00" occupation, or the first one under it.',
  })
  @ApiParam({ name: 'code', example: '29-1141' })
  @ApiOkResponse({ type: OccupationDetailResponseDto })
  @ApiBadRequestResponse({ description: '`validation_failed`: the code is not shaped like "29-1141" or "29-1141.00"' })
  @ApiNotFoundResponse({ description: '`occupation_not_found`' })
  @ApiServiceUnavailableResponse(UNAVAILABLE)
  byCode(@Param('code') code: string): Promise<OccupationDetailResponseDto> {
    return this.occupations.byCode(code);
  }
}
