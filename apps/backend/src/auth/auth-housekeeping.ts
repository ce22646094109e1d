import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';

const EVERY_MS = 60 * 60 * 1000;

/**
 * Deletes what no request can use any more: challenges a day past expiry, and sessions a month
 * after they expired or were revoked (kept that long for the account page's history and audits).
 */
@Injectable()
export class AuthHousekeeping implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Auth');
  private timer?: NodeJS.Timeout;

  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  onApplicationBootstrap() {
    this.timer = setInterval(() => void this.sweep(), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown() {
    clearInterval(this.timer);
  }

  async sweep(): Promise<void> {
    if (!this.db.isInitialized) return;
    try {
      await this.db.query(`DELETE FROM otp_challenges WHERE expires_at < now() - interval '1 day'`);
      await this.db.query(`DELETE FROM sessions WHERE coalesce(revoked_at, expires_at) < now() - interval '30 days'`);
    } catch (err) {
      this.logger.warn(`Housekeeping failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
