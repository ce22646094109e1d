import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '@jobportal/config';
import { QUEUES, type QueueName } from '@jobportal/contracts';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { APP_CONFIG } from '../config/config.module';

/** Every BullMQ queue of the app by name (the same names and prefix the workers consume). */
export const BULL_QUEUES = Symbol('BULL_QUEUES');
export type BullQueues = Record<QueueName, Queue>;

@Injectable()
class QueuesCloser implements OnApplicationShutdown {
  constructor(@Inject(BULL_QUEUES) private readonly queues: BullQueues) {}
  async onApplicationShutdown() {
    await Promise.all(Object.values(this.queues).map((q) => q.close().catch(() => undefined)));
    // The one connection they share is ours to end (BullMQ leaves a passed-in client open).
    (await Object.values(this.queues)[0]?.client.catch(() => null))?.disconnect();
  }
}

/**
 * The backend's side of the queues: producers only (crawl schedules, run-now jobs) and the Bull
 * Board view; the workers process consumes them. One Redis connection for all, failing commands at
 * once while Redis is down (a 503 upstream) rather than queueing them.
 */
@Global()
@Module({
  providers: [
    {
      provide: BULL_QUEUES,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): BullQueues => {
        const connection = new Redis(config.redis.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: (times) => Math.min(times * 200, 5000) });
        connection.on('error', () => undefined);
        const prefix = config.redis.queuePrefix;
        const entries = Object.values(QUEUES).map((name) => {
          const q = new Queue(name, { connection, prefix });
          q.on('error', () => undefined);
          return [name, q] as const;
        });
        return Object.fromEntries(entries) as BullQueues;
      },
    },
    QueuesCloser,
  ],
  exports: [BULL_QUEUES],
})
export class QueuesModule {}
