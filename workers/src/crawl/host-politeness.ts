import type { Redis } from 'ioredis';

/**
 * Per-host politeness state, kept in Redis so every worker process shares it: a token bucket
 * with a minimum spacing (Crawl-delay), a "not before" time (Retry-After, backoff), a circuit
 * breaker, and the robots.txt cache. Keys are per host (host:port), so a 429 on one host never
 * slows another.
 */
export interface HostPoliteness {
  /** Milliseconds to wait before the next request to `host` may go (0: go now, a token was taken). */
  take(host: string, opts: { ratePerS: number; burst: number; minIntervalMs: number }): Promise<number>;
  /** Nothing goes to `host` before `untilMs` (Retry-After, backoff). Never moves the time earlier. */
  holdUntil(host: string, untilMs: number): Promise<void>;
  /** The breaker: open until this time (ms) or null when closed. */
  breakerOpenUntil(host: string): Promise<number | null>;
  /** A failure (429/5xx/time-out after retries): opens the breaker at `threshold` in a row. Returns the failures in a row. */
  recordFailure(host: string, threshold: number, cooldownMs: number): Promise<number>;
  recordSuccess(host: string): Promise<void>;
  getRobots(origin: string): Promise<string | null>;
  setRobots(origin: string, value: string, ttlMs: number): Promise<void>;
}

// KEYS[1] bucket hash; ARGV now, rate per ms, burst, min interval ms. Returns the wait in ms.
const TAKE = `
local now = tonumber(ARGV[1]); local rate = tonumber(ARGV[2]); local burst = tonumber(ARGV[3]); local gap = tonumber(ARGV[4])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'ts', 'next')
local tokens = tonumber(b[1]) or burst
local ts = tonumber(b[2]) or now
local nxt = tonumber(b[3]) or 0
tokens = math.min(burst, tokens + math.max(0, now - ts) * rate)
local wait = 0
if now < nxt then wait = nxt - now elseif tokens < 1 then wait = math.ceil((1 - tokens) / rate) end
if wait == 0 then tokens = tokens - 1; nxt = now + gap end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now), 'next', tostring(nxt))
redis.call('PEXPIRE', KEYS[1], 86400000)
return wait
`;

const HOLD = `
local nxt = tonumber(redis.call('HGET', KEYS[1], 'next')) or 0
if tonumber(ARGV[1]) > nxt then redis.call('HSET', KEYS[1], 'next', ARGV[1]) end
redis.call('PEXPIRE', KEYS[1], 86400000)
return 1
`;

export function createHostPoliteness(redis: Redis, prefix: string, now: () => number = Date.now): HostPoliteness {
  const bucket = (h: string) => `${prefix}crawl:host:${h}`;
  const breaker = (h: string) => `${prefix}crawl:breaker:${h}`;
  const robots = (o: string) => `${prefix}crawl:robots:${o}`;
  return {
    async take(host, { ratePerS, burst, minIntervalMs }) {
      return Number(await redis.eval(TAKE, 1, bucket(host), now(), ratePerS / 1000, burst, minIntervalMs));
    },
    async holdUntil(host, untilMs) {
      await redis.eval(HOLD, 1, bucket(host), Math.round(untilMs));
    },
    async breakerOpenUntil(host) {
      const until = Number(await redis.hget(breaker(host), 'openUntil'));
      return until && until > now() ? until : null;
    },
    async recordFailure(host, threshold, cooldownMs) {
      const failures = await redis.hincrby(breaker(host), 'failures', 1);
      if (failures >= threshold) await redis.hset(breaker(host), 'openUntil', String(now() + cooldownMs));
      await redis.pexpire(breaker(host), Math.max(cooldownMs * 4, 3_600_000));
      return failures;
    },
    async recordSuccess(host) {
      await redis.del(breaker(host));
    },
    getRobots: (origin) => redis.get(robots(origin)),
    async setRobots(origin, value, ttlMs) {
      await redis.set(robots(origin), value, 'PX', Math.max(1, Math.round(ttlMs)));
    },
  };
}
