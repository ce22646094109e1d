import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CrawlAdminController } from './crawl-admin.controller';
import { CrawlSourcesService } from './crawl-sources.service';

/** The operator's view of the crawlers (issue 10): sources in PostgreSQL, their schedules, their last run. */
@Module({ imports: [AuthModule], controllers: [CrawlAdminController], providers: [CrawlSourcesService] })
export class CrawlAdminModule {}
