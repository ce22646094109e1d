import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

/** An import running longer than this is taken for dead (crashed worker) and stops holding alerts back. */
const STALE_IMPORT_MS = 6 * 3600_000;

/**
 * "Visible through": the newest `ingested_at` that alerts may look at. A posting's ingested_at is
 * stamped when it is normalized, before it is written and long before the import's final refresh,
 * so an alert window ending at "now" could pass over postings that become searchable later. The
 * window therefore ends at the start of the oldest import still running (every posting stamped
 * before it belongs to a finished, refreshed import), or at the end of the last refresh when none
 * runs. Shared through Redis so every worker process agrees.
 */
export class VisibleThrough {
  private readonly runningKey: string;
  private readonly visibleKey: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.runningKey = `${prefix}:alerts:imports-running`;
    this.visibleKey = `${prefix}:alerts:visible-through`;
  }

  /** Call before the first posting of an import is stamped; returns the id to finish it with. */
  async importStarted(): Promise<string> {
    const id = randomUUID();
    await this.redis.zadd(this.runningKey, Date.now(), id);
    return id;
  }

  /** Call after the import's final refresh (or its failure); returns the new visible-through time. */
  async importFinished(id: string): Promise<Date> {
    await this.redis.zrem(this.runningKey, id);
    const through = await this.compute();
    // Never move back: a later, shorter import may have finished first.
    const current = Number(await this.redis.get(this.visibleKey)) || 0;
    if (through.getTime() > current) await this.redis.set(this.visibleKey, String(through.getTime()));
    return through;
  }

  async get(): Promise<Date> {
    const [stored, computed] = [Number(await this.redis.get(this.visibleKey)) || 0, await this.compute()];
    // Without a running import, everything stamped before the last refresh is visible; with one, its start bounds it.
    return new Date(Math.min(computed.getTime(), Math.max(stored, 0) || computed.getTime()));
  }

  private async compute(): Promise<Date> {
    const now = Date.now();
    await this.redis.zremrangebyscore(this.runningKey, '-inf', now - STALE_IMPORT_MS);
    const oldest = await this.redis.zrange(this.runningKey, 0, 0, 'WITHSCORES');
    return new Date(oldest.length === 2 ? Math.min(Number(oldest[1]), now) : now);
  }
}
