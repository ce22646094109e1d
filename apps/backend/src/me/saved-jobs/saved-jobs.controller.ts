import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Put, Query, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiCookieAuth, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SavedJob } from '@jobportal/contracts';
import type { Response } from 'express';
import { AccountErrorsInterceptor } from '../../auth/auth-errors';
import type { User } from '../../auth/entities/user.entity';
import { CurrentUser, SessionGuard } from '../../auth/session.guard';
import { JobIdPipe } from '../job-id.pipe';
import { ListSavedJobsDto, SaveJobDto, SavedJobDto } from './dto/saved-job.dto';
import { SavedJobsService } from './saved-jobs.service';

@ApiTags('me')
@ApiCookieAuth('jp_session')
@Controller('me/saved-jobs')
@UseGuards(SessionGuard)
@UseInterceptors(AccountErrorsInterceptor)
export class SavedJobsController {
  constructor(@Inject(SavedJobsService) private readonly savedJobs: SavedJobsService) {}

  @Get()
  @ApiOperation({ summary: 'Saved jobs, most recently changed first; filter by status' })
  @ApiOkResponse({ type: [SavedJobDto] })
  list(@CurrentUser() user: User, @Query() query: ListSavedJobsDto): Promise<SavedJob[]> {
    return this.savedJobs.list(user.id, query.status);
  }

  @Get(':jobId')
  @ApiOkResponse({ type: SavedJobDto })
  @ApiNotFoundResponse({ description: 'Not saved by this user' })
  get(@CurrentUser() user: User, @Param('jobId', JobIdPipe) jobId: string): Promise<SavedJob> {
    return this.savedJobs.get(user.id, jobId);
  }

  @Put(':jobId')
  @ApiOperation({ summary: 'Save a job (201) or change its status and note (200)', description: 'Saving keeps a snapshot of the posting; an id not in the index is a 404.' })
  @ApiOkResponse({ type: SavedJobDto })
  @ApiCreatedResponse({ type: SavedJobDto })
  async put(
    @CurrentUser() user: User,
    @Param('jobId', JobIdPipe) jobId: string,
    @Body() dto: SaveJobDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SavedJob> {
    const { job, created } = await this.savedJobs.put(user.id, jobId, dto);
    res.status(created ? 201 : 200);
    return job;
  }

  @Delete(':jobId')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'Not saved by this user' })
  remove(@CurrentUser() user: User, @Param('jobId', JobIdPipe) jobId: string): Promise<void> {
    return this.savedJobs.remove(user.id, jobId);
  }
}
