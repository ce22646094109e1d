import type Redis from 'ioredis';

/** INCR with the window set on the first hit; returns [count, seconds left in the window]. */
const HIT_SCRIPT = `
local c = redis.call('INCR', KEYS[1])
if c == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return {c, redis.call('TTL', KEYS[1])}`;

/**
 * Waits (briefly) for the client to be ready: commands fail at once while it (re)connects, since
 * the offline queue is off so that a Redis outage is a quick 503 rather than a hung request.
 */
export function redisReady(redis: Redis, timeoutMs = 2000): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onReady = () => (clearTimeout(timer), resolve());
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      reject(new Error(`Redis connection is ${redis.status}`));
    }, timeoutMs);
    redis.once('ready', onReady);
  });
}

/** One hit on a fixed-window counter shared by every backend process: { count, ttl } after it. */
export async function hitFixedWindow(redis: Redis, key: string, windowS: number): Promise<{ count: number; ttl: number }> {
  const [count, ttl] = (await redis.eval(HIT_SCRIPT, 1, key, windowS)) as [number, number];
  return { count, ttl };
}
