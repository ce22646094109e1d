import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '@jobportal/config';
import Redis from 'ioredis';
import { APP_CONFIG } from '../config/config.module';

export const REDIS = Symbol('REDIS');

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  onApplicationShutdown() {
    this.redis.disconnect();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const redis = new Redis(config.redis.url, {
          lazyConnect: true,
          // Fail commands at once while Redis is down (503 upstream) instead of queueing them;
          // the client keeps reconnecting in the background, so recovery needs no restart.
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          retryStrategy: (times) => Math.min(times * 200, 5000),
        });
        // Without a listener ioredis reports connection errors as unhandled; health reports them instead.
        redis.on('error', () => undefined);
        redis.connect().catch(() => undefined);
        return redis;
      },
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
