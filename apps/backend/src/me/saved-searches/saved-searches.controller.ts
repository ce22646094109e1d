import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Patch, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiCookieAuth, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { SavedSearch } from '@jobportal/contracts';
import { AccountErrorsInterceptor, invalidField } from '../../auth/auth-errors';
import type { User } from '../../auth/entities/user.entity';
import { CurrentUser, SessionGuard } from '../../auth/session.guard';
import { CreateSavedSearchDto, SavedSearchDto, UpdateSavedSearchDto } from './dto/saved-search.dto';
import { SavedSearchesService } from './saved-searches.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => invalidField('id', 'must be a saved search id (a UUID)') });

@ApiTags('me')
@ApiCookieAuth('jp_session')
@Controller('me/saved-searches')
@UseGuards(SessionGuard)
@UseInterceptors(AccountErrorsInterceptor)
export class SavedSearchesController {
  constructor(@Inject(SavedSearchesService) private readonly savedSearches: SavedSearchesService) {}

  @Get()
  @ApiOperation({ summary: 'Saved searches, oldest first' })
  @ApiOkResponse({ type: [SavedSearchDto] })
  list(@CurrentUser() user: User): Promise<SavedSearch[]> {
    return this.savedSearches.list(user.id);
  }

  @Get(':id')
  @ApiOkResponse({ type: SavedSearchDto })
  @ApiNotFoundResponse()
  get(@CurrentUser() user: User, @Param('id', uuid) id: string): Promise<SavedSearch> {
    return this.savedSearches.get(user.id, id);
  }

  @Post()
  @ApiOperation({ summary: 'Save a search with a name, alert frequency and channel (at most 10 per account)' })
  @ApiCreatedResponse({ type: SavedSearchDto })
  @ApiUnprocessableEntityResponse({ description: '`saved_search_limit` (the 11th), or a channel the account cannot receive' })
  create(@CurrentUser() user: User, @Body() dto: CreateSavedSearchDto): Promise<SavedSearch> {
    return this.savedSearches.create(user, dto);
  }

  @Patch(':id')
  @ApiOkResponse({ type: SavedSearchDto })
  @ApiNotFoundResponse()
  update(@CurrentUser() user: User, @Param('id', uuid) id: string, @Body() dto: UpdateSavedSearchDto): Promise<SavedSearch> {
    return this.savedSearches.update(user, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  remove(@CurrentUser() user: User, @Param('id', uuid) id: string): Promise<void> {
    return this.savedSearches.remove(user.id, id);
  }
}
