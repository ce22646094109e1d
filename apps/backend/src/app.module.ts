import { DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '@jobportal/config';
import { AlertsModule } from './alerts/alerts.module';
import { AnalystModule } from './analyst/analyst.module';
import { AuthModule } from './auth/auth.module';
import { CareersModule } from './careers/careers.module';
import { ClassifyModule } from './classify/classify.module';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { JobsModule } from './jobs/jobs.module';
import { LocationsModule } from './locations/locations.module';
import { MeModule } from './me/me.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OccupationsModule } from './occupations/occupations.module';
import { QueuesModule } from './queues/queues.module';
import { RedisModule } from './redis/redis.module';
import { ReviewModule } from './review/review.module';
import { CrawlAdminModule } from './crawl/crawl-admin.module';
import { SearchModule } from './search/search.module';
import { StatsModule } from './stats/stats.module';
import { TrendsModule } from './trends/trends.module';

@Module({})
export class AppModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        SearchModule,
        RedisModule,
        QueuesModule,
        DatabaseModule,
        HealthModule,
        StatsModule,
        JobsModule,
        LocationsModule,
        NotificationsModule,
        AuthModule,
        MeModule,
        AlertsModule,
        OccupationsModule,
        ClassifyModule,
        CrawlAdminModule,
        CareersModule,
        TrendsModule,
        AnalystModule,
        ReviewModule,
      ],
    };
  }
}
