import { DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '@jobportal/config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { RedisModule } from './redis/redis.module';
import { SearchModule } from './search/search.module';
import { StatsModule } from './stats/stats.module';

@Module({})
export class AppModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), SearchModule, RedisModule, DatabaseModule, HealthModule, StatsModule],
    };
  }
}
