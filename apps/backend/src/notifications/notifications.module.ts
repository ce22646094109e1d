import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '@jobportal/config';
import { ChannelDelivery, MESSAGE_DELIVERY, RedisOutbox } from '@jobportal/notify';
import type Redis from 'ioredis';
import { APP_CONFIG } from '../config/config.module';
import { REDIS } from '../redis/redis.module';
import { DevOutboxController } from './dev-outbox';

@Injectable()
class DeliveryCloser implements OnApplicationShutdown {
  constructor(@Inject(ChannelDelivery) private readonly delivery: ChannelDelivery) {}
  onApplicationShutdown() {
    this.delivery.close();
  }
}

/** The delivery port of libs/notify (shared with the workers), with the development outbox in Redis. */
@Global()
@Module({
  controllers: [DevOutboxController],
  providers: [
    {
      provide: RedisOutbox,
      inject: [APP_CONFIG, REDIS],
      useFactory: (config: AppConfig, redis: Redis) => new RedisOutbox(redis, config.app.env === 'development', config.redis.queuePrefix),
    },
    {
      provide: ChannelDelivery,
      inject: [APP_CONFIG, RedisOutbox],
      useFactory: (config: AppConfig, outbox: RedisOutbox) => new ChannelDelivery(config.notify, outbox),
    },
    { provide: MESSAGE_DELIVERY, useExisting: ChannelDelivery },
    DeliveryCloser,
  ],
  exports: [MESSAGE_DELIVERY],
})
export class NotificationsModule {}
