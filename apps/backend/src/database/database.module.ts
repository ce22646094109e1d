import { Global, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '@jobportal/config';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ApiError } from '../common/error-envelope.filter';
import { APP_CONFIG } from '../config/config.module';
import { MIGRATIONS } from './migrations';

/** Any number, the same in every process: serializes migrations across backends starting together. */
const MIGRATION_LOCK_ID = 4_004_004;

/**
 * initialize() is single-flight (the health check, the boot-time attempt and a request may all ask
 * at once) and brings the schema up to date before it resolves, under an advisory lock so that two
 * processes starting together do not run the same migration twice.
 */
class MigratingDataSource extends DataSource {
  private initializing?: Promise<this>;

  override initialize(): Promise<this> {
    if (this.isInitialized && !this.initializing) return Promise.resolve(this);
    this.initializing ??= this.connectAndMigrate().catch(async (err) => {
      this.initializing = undefined;
      if (this.isInitialized) await super.destroy().catch(() => undefined);
      throw err;
    });
    return this.initializing;
  }

  override async destroy(): Promise<void> {
    await this.initializing?.catch(() => undefined);
    this.initializing = undefined;
    if (this.isInitialized) await super.destroy();
  }

  private async connectAndMigrate(): Promise<this> {
    await super.initialize();
    const runner = this.createQueryRunner();
    try {
      await runner.connect();
      await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
      try {
        await this.runMigrations({ transaction: 'each' });
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]);
      }
    } finally {
      await runner.release();
    }
    this.initializing = undefined;
    return this;
  }
}

/** Connects (and migrates) at boot without holding boot up: the API serves search while PostgreSQL is down. */
@Injectable()
class DatabaseConnector implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  onApplicationBootstrap() {
    this.db.initialize().catch((err: unknown) => {
      this.logger.warn(`PostgreSQL is not available yet (${err instanceof Error ? err.message : String(err)}); accounts answer 503 until it is.`);
    });
  }

  /** @nestjs/typeorm only closes a connection that has finished opening; this also ends one still opening or migrating. */
  async onApplicationShutdown() {
    await this.db.destroy();
  }
}

import { isDatabaseUnavailable } from './database-errors';

export { isDatabaseUnavailable };

export function databaseUnavailable(): ApiError {
  return new ApiError(503, 'database_unavailable', 'The account database is temporarily unavailable; try again in a few seconds.');
}

/** What feature code awaits before touching a repository: connected and migrated, or a 503. */
@Injectable()
export class DatabaseGate {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async ready(): Promise<void> {
    try {
      await this.db.initialize();
    } catch (err) {
      throw isDatabaseUnavailable(err) || !this.db.isInitialized ? databaseUnavailable() : err;
    }
  }
}

/**
 * PostgreSQL holds user data (accounts, saved jobs and searches). The connection is opened and the
 * migrations run in the background at boot and again on first use if that failed
 * (manualInitialization), so the API starts and serves search while PostgreSQL is down and
 * reconnects when it returns. Feature code awaits `DataSource.initialize()` (see DatabaseGate).
 */
@Global()
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
        migrations: MIGRATIONS,
        migrationsTableName: 'migrations',
        extra: { connectionTimeoutMillis: 3000, max: 10 },
      }),
      dataSourceFactory: async (options?: DataSourceOptions) => new MigratingDataSource(options!),
    }),
  ],
  providers: [DatabaseConnector, DatabaseGate],
  exports: [DatabaseGate],
})
export class DatabaseModule {}
