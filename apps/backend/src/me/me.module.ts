import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { CareerPlanRow } from './career-plans/career-plan.entity';
import { CareerPlansController } from './career-plans/career-plans.controller';
import { CareerPlansService } from './career-plans/career-plans.service';
import { MeController } from './me.controller';
import { SavedJobRow } from './saved-jobs/saved-job.entity';
import { SavedJobsController } from './saved-jobs/saved-jobs.controller';
import { SavedJobsService } from './saved-jobs/saved-jobs.service';
import { NotificationMark, SavedSearchRow } from './saved-searches/saved-search.entity';
import { SavedSearchesController } from './saved-searches/saved-searches.controller';
import { SavedSearchesService } from './saved-searches/saved-searches.service';
import { TotpService } from './totp.service';

/** Everything under /api/me: the account, its authenticator app and sessions, saved jobs and searches, career plans. */
@Module({
  imports: [AuthModule, TypeOrmModule.forFeature([SavedJobRow, SavedSearchRow, NotificationMark, CareerPlanRow])],
  controllers: [MeController, SavedJobsController, SavedSearchesController, CareerPlansController],
  providers: [TotpService, SavedJobsService, SavedSearchesService, CareerPlansService],
})
export class MeModule {}
