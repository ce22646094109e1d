import type { Redis } from 'ioredis';

/** What the crawler remembers of a URL between runs: enough to skip an unchanged page. */
export interface UrlState {
  etag: string | null;
  lastModified: string | null;
  /** sha1 of the body: a page that answers 200 with the same bytes costs no reindex. */
  hash: string | null;
  /** The sitemap lastmod it was last fetched at. */
  lastmod: string | null;
  fetchedAt: string;
}

/** Per-URL state of one source, one Redis hash per source (field: canonical URL). */
export function createUrlStateStore(redis: Redis, prefix: string) {
  const key = (source: string) => `${prefix}crawl:urls:${source}`;
  return {
    async get(source: string, url: string): Promise<UrlState | null> {
      const v = await redis.hget(key(source), url);
      return v ? (JSON.parse(v) as UrlState) : null;
    },
    async set(source: string, url: string, state: UrlState): Promise<void> {
      await redis.hset(key(source), url, JSON.stringify(state));
    },
    async count(source: string): Promise<number> {
      return redis.hlen(key(source));
    },
  };
}
export type UrlStateStore = ReturnType<typeof createUrlStateStore>;
