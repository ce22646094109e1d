import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { AnalystController, SavedQueriesController } from './analyst.controller';
import { AnalystService } from './analyst.service';
import { SavedQueriesService } from './saved-queries/saved-queries.service';
import { SavedQueryRow } from './saved-queries/saved-query.entity';

/** Issue 11, deliverable 3: the analyst query tool behind the analyst role. */
@Module({
  imports: [AuthModule, TypeOrmModule.forFeature([SavedQueryRow])],
  controllers: [AnalystController, SavedQueriesController],
  providers: [AnalystService, SavedQueriesService],
})
export class AnalystModule {}
