import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '@jobportal/config';
import type Redis from 'ioredis';
import { ApiError } from '../common/error-envelope.filter';
import { APP_CONFIG } from '../config/config.module';
import { hitFixedWindow, redisReady } from '../redis/fixed-window';
import { REDIS } from '../redis/redis.module';
import { RateLimitedError, seconds } from './auth-errors';
import { identifierDigest } from './identifiers';

/**
 * Fixed-window counters and lockouts in Redis, shared by every backend process. Keys hold a digest
 * of the phone or e-mail, never the address itself. If Redis is unreachable, sign-in answers 503
 * rather than running without limits.
 */
@Injectable()
export class RateLimiter {
  private readonly prefix: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.prefix = `${config.redis.queuePrefix}:auth`;
  }

  /** Refuses while the identifier is locked out after too many wrong codes. */
  async assertNotLocked(identifier: string): Promise<void> {
    const ttl = await this.call(() => this.redis.ttl(this.key('lock', identifier)));
    if (ttl > 0) {
      throw new RateLimitedError('locked', `Too many wrong codes for this phone or e-mail; try again in ${seconds(ttl)}.`, ttl);
    }
  }

  /** Counts one code sent (or asked for) for this identifier and from this IP. */
  async countCodeRequest(identifier: string, ip: string): Promise<void> {
    const { ipLimit, identifierLimit, rateWindowS } = this.config.auth;
    await this.hit(this.key('ip', ip), ipLimit, rateWindowS, 'Too many code requests from this network');
    await this.hit(this.key('id', identifier), identifierLimit, rateWindowS, 'Too many codes for this phone or e-mail');
  }

  /** Counts one verification attempt from this IP (a 6-digit code must not be guessable across challenges). */
  async countVerifyAttempt(ip: string): Promise<void> {
    const { ipLimit, otpMaxAttempts, rateWindowS } = this.config.auth;
    await this.hit(this.key('verify-ip', ip), ipLimit * otpMaxAttempts, rateWindowS, 'Too many attempts from this network');
  }

  /** Records a wrong code; past the limit the identifier is locked out. Returns true when this locked it. */
  async recordFailure(identifier: string): Promise<boolean> {
    const { failureLimit, rateWindowS, lockoutS } = this.config.auth;
    const { count } = await this.call(() => hitFixedWindow(this.redis, this.key('fail', identifier), rateWindowS));
    if (count < failureLimit) return false;
    await this.call(() => this.redis.multi().set(this.key('lock', identifier), '1', 'EX', lockoutS).del(this.key('fail', identifier)).exec());
    return true;
  }

  async clearFailures(identifier: string): Promise<void> {
    await this.call(() => this.redis.del(this.key('fail', identifier)));
  }

  private async hit(key: string, limit: number, windowS: number, what: string): Promise<void> {
    const { count, ttl } = await this.call(() => hitFixedWindow(this.redis, key, windowS));
    if (count > limit) {
      const wait = ttl > 0 ? ttl : windowS;
      throw new RateLimitedError('rate_limited', `${what}; try again in ${seconds(wait)}.`, wait);
    }
  }

  private key(kind: string, value: string): string {
    return `${this.prefix}:${kind}:${kind.endsWith('ip') ? value : identifierDigest(value)}`;
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      await redisReady(this.redis);
      return await fn();
    } catch {
      throw new ApiError(503, 'auth_unavailable', 'Sign-in is temporarily unavailable; try again in a few seconds.');
    }
  }
}
