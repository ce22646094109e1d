import type { AppConfig } from '@jobportal/config';
import type { ConnectionOptions, DefaultJobOptions } from 'bullmq';

/** BullMQ connection from REDIS_URL. maxRetriesPerRequest must be null for blocking worker commands. */
export function bullConnection(config: AppConfig): ConnectionOptions {
  const u = new URL(config.redis.url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

/** Retries with backoff; failed jobs are kept (the dead-letter view) and completed ones trimmed. */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5000 },
  removeOnComplete: { count: 1000 },
  removeOnFail: false,
};
