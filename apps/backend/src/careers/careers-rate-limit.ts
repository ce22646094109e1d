import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '@jobportal/config';
import type { Response } from 'express';
import type Redis from 'ioredis';
import { ApiError } from '../common/error-envelope.filter';
import { APP_CONFIG } from '../config/config.module';
import { hitFixedWindow, redisReady } from '../redis/fixed-window';
import { REDIS } from '../redis/redis.module';

/**
 * Fixed-window count of matching requests per client IP, in Redis (shared by every backend
 * process), as the sign-in limiter counts code requests. The key holds the IP only, never
 * anything of the request.
 */
@Injectable()
export class CareersRateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async hit(ip: string, res?: Response): Promise<void> {
    const { ipLimit, rateWindowS } = this.config.careers;
    let count: number;
    let ttl: number;
    try {
      await redisReady(this.redis);
      ({ count, ttl } = await hitFixedWindow(this.redis, `${this.config.redis.queuePrefix}:careers:ip:${ip}`, rateWindowS));
    } catch {
      throw new ApiError(503, 'rate_limit_unavailable', 'Resume matching is temporarily unavailable; try again in a few seconds.');
    }
    if (count > ipLimit) {
      const wait = ttl > 0 ? ttl : rateWindowS;
      res?.setHeader('Retry-After', String(wait));
      throw new ApiError(429, 'rate_limited', `Too many resume matches from this network; try again in ${wait} s.`);
    }
  }
}
