import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { ReviewDecisionResponse, ReviewQueueResponse } from '@jobportal/contracts';
import { AccountErrorsInterceptor } from '../auth/auth-errors';
import type { User } from '../auth/entities/user.entity';
import { RequireRoles } from '../auth/roles.guard';
import { CurrentUser } from '../auth/session.guard';
import { JobIdPipe } from '../me/job-id.pipe';
import { ReviewDecisionDto, ReviewDecisionResponseDto, ReviewQueueDto, ReviewQueueResponseDto } from './dto/review.dto';
import { ReviewService } from './review.service';

@ApiTags('review')
@Controller('review')
@RequireRoles('analyst')
@UseInterceptors(AccountErrorsInterceptor)
export class ReviewController {
  constructor(@Inject(ReviewService) private readonly review: ReviewService) {}

  @Get('postings')
  @ApiOperation({ summary: 'Postings the classifier flagged for review and no analyst has coded, least confident first' })
  @ApiOkResponse({ type: ReviewQueueResponseDto })
  @ApiBadRequestResponse({ description: '`validation_failed` naming the field (source, occupation, minConfidence, maxConfidence, page, size)' })
  @ApiServiceUnavailableResponse({ description: '`search_unavailable`' })
  queue(@Query() query: ReviewQueueDto): Promise<ReviewQueueResponse> {
    return this.review.queue(query);
  }

  @Post('postings/:id')
  @HttpCode(200)
  @ApiOperation({
    summary: "Confirm the posting's code or correct it; stored as a correction and applied to the index at once",
    description: 'The posting leaves the queue and is searchable by its new code as soon as this answers. Ingest and reclassify keep the human code.',
  })
  @ApiOkResponse({ type: ReviewDecisionResponseDto })
  @ApiBadRequestResponse({ description: '`validation_failed` naming the field: action, code (format, unknown occupation, missing to correct), note, jobId' })
  @ApiNotFoundResponse({ description: '`posting_not_found`' })
  @ApiServiceUnavailableResponse({ description: '`search_unavailable`, `database_unavailable` or `occupations_not_indexed`' })
  decide(@Param('id', JobIdPipe) id: string, @Body() dto: ReviewDecisionDto, @CurrentUser() user: User): Promise<ReviewDecisionResponse> {
    return this.review.decide(id, dto, user);
  }
}
