import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '@jobportal/config';
import type { Response } from 'express';
import type Redis from 'ioredis';
import { ApiError } from '../common/error-envelope.filter';
import { APP_CONFIG } from '../config/config.module';
import { REDIS } from '../redis/redis.module';

const HIT_SCRIPT = `
local c = redis.call('INCR', KEYS[1])
if c == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return {c, redis.call('TTL', KEYS[1])}`;

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

  /** Commands fail at once while the client (re)connects (no offline queue); give it a moment first. */
  private ready(timeoutMs = 2000): Promise<void> {
    if (this.redis.status === 'ready') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onReady = () => (clearTimeout(timer), resolve());
      const timer = setTimeout(() => {
        this.redis.off('ready', onReady);
        reject(new Error(`Redis connection is ${this.redis.status}`));
      }, timeoutMs);
      this.redis.once('ready', onReady);
    });
  }

  async hit(ip: string, res?: Response): Promise<void> {
    const { ipLimit, rateWindowS } = this.config.careers;
    let count: number;
    let ttl: number;
    try {
      await this.ready();
      [count, ttl] = (await this.redis.eval(HIT_SCRIPT, 1, `${this.config.redis.queuePrefix}:careers:ip:${ip}`, rateWindowS)) as [number, number];
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
