import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LocationSuggestionDto, SuggestLocationsDto } from './dto/suggest-locations.dto';
import { LocationsService } from './locations.service';

@ApiTags('locations')
@Controller('locations')
export class LocationsController {
  constructor(@Inject(LocationsService) private readonly locations: LocationsService) {}

  @Get('suggest')
  @ApiOperation({ summary: 'Places starting with what the user typed (at most 10; US first, then by population)' })
  @ApiOkResponse({ type: [LocationSuggestionDto] })
  @ApiBadRequestResponse({ description: '`validation_failed`: q missing or longer than 100 characters' })
  suggest(@Query() query: SuggestLocationsDto): LocationSuggestionDto[] {
    return this.locations.suggest(query.q);
  }
}
