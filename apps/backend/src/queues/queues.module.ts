import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '@jobportal/config';
import { QUEUES, type QueueName } from '@jobportal/contracts';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { APP_CONFIG } from '../config/config.module';

/** Every BullMQ queue of the app by name (the same names and prefix the workers consume). */
export const BULL_QUEUES = Symbol('BULL_QUEUES');
export type BullQueues = Record<QueueName, Queue>;
/** The Redis connection the queues share. */
export const BULL_CONNECTION = Symbol('BULL_CONNECTION');

/** How long a queue command may wait for Redis before the request is answered 503. */
const QUEUE_TIMEOUT_MS = 3000;

export class QueueUnavailableError extends Error {
  override readonly name = 'QueueUnavailableError';
}

/**
 * Runs one queue operation only while Redis is connected, within QUEUE_TIMEOUT_MS. BullMQ waits for
 * a connection that is down instead of failing, so without the status check a request would hang
 * (and a late write could land after the caller gave up).
 */
@Injectable()
export class QueueGate {
  constructor(@Inject(BULL_CONNECTION) private readonly connection: Redis) {}

  async run<T>(op: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + QUEUE_TIMEOUT_MS;
    await this.connected(deadline);
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        op(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new QueueUnavailableError(`no answer from Redis within ${QUEUE_TIMEOUT_MS} ms`)), Math.max(deadline - Date.now(), 1));
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Resolves once the connection is ready (it may still be opening just after boot), or fails at the deadline. */
  private connected(deadline: number): Promise<void> {
    if (this.connection.status === 'ready') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.connection.off('ready', onReady);
        reject(new QueueUnavailableError(`Redis connection is ${this.connection.status}`));
      }, Math.max(deadline - Date.now(), 1));
      this.connection.once('ready', onReady);
    });
  }
}

@Injectable()
class QueuesCloser implements OnApplicationShutdown {
  constructor(
    @Inject(BULL_QUEUES) private readonly queues: BullQueues,
    @Inject(BULL_CONNECTION) private readonly connection: Redis,
  ) {}
  async onApplicationShutdown() {
    await Promise.all(Object.values(this.queues).map((q) => q.close().catch(() => undefined)));
    // The one connection they share is ours to end (BullMQ leaves a passed-in client open).
    this.connection.disconnect();
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
      provide: BULL_CONNECTION,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Redis => {
        const connection = new Redis(config.redis.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: (times) => Math.min(times * 200, 5000) });
        connection.on('error', () => undefined);
        return connection;
      },
    },
    {
      provide: BULL_QUEUES,
      inject: [APP_CONFIG, BULL_CONNECTION],
      useFactory: (config: AppConfig, connection: Redis): BullQueues => {
        const prefix = config.redis.queuePrefix;
        const entries = Object.values(QUEUES).map((name) => {
          const q = new Queue(name, { connection, prefix });
          q.on('error', () => undefined);
          return [name, q] as const;
        });
        return Object.fromEntries(entries) as BullQueues;
      },
    },
    QueueGate,
    QueuesCloser,
  ],
  exports: [BULL_QUEUES, QueueGate],
})
export class QueuesModule {}
