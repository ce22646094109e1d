import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '@jobportal/config';
import { APP_CONFIG } from '../config/config.module';

/**
 * PostgreSQL holds user data (accounts, saved jobs and searches). The connection is opened on
 * first use rather than at boot (manualInitialization), so the API starts and serves search while
 * PostgreSQL is down and reconnects when it returns.
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        type: 'postgres' as const,
        url: config.database.url,
        autoLoadEntities: true,
        synchronize: false,
        manualInitialization: true,
        extra: { connectionTimeoutMillis: 3000, max: 10 },
      }),
    }),
  ],
})
export class DatabaseModule {}
