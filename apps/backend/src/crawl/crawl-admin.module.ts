import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CrawlAdminController, CrawlAdminService } from './crawl-admin.controller';

/** The operator's view of the crawlers (issue 10): sources and their last run. */
@Module({ imports: [AuthModule], controllers: [CrawlAdminController], providers: [CrawlAdminService] })
export class CrawlAdminModule {}
