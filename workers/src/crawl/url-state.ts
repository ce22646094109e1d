import type { ChainableCommander, Redis } from 'ioredis';

/** What the crawler remembers of a URL between runs: enough to skip an unchanged page. */
export interface UrlState {
  etag: string | null;
  lastModified: string | null;
  /** sha1 of the body: a page that answers 200 with the same bytes costs no reindex. */
  hash: string | null;
  /** The sitemap lastmod it was last fetched at. */
  lastmod: string | null;
  fetchedAt: string;
  /** Document ids of the postings the URL last gave: what its 404/410 or "expired" page expires. */
  ids?: string[];
  /** The adapter that read it (a re-check reads it the same way). */
  adapter?: string;
  /** Its postings were expired; a later answer with postings makes them live again. */
  expired?: boolean;
}

/**
 * Absences in a row after which a listing member expires. Two, not one: a listing fetched while
 * the board was being edited, or cut short, must not expire what it happened to leave out.
 */
export const ABSENCES_TO_EXPIRE = 2;

/*
 * KEYS[1] presence hash (member -> absences in a row); ARGV[1] threshold, ARGV[2] '1' = the
 * listing is unchanged since the last fetch (members are those already known), ARGV[3..] members
 * present now. Absent members count one more; at the threshold they are removed and returned.
 * One script, so two workers reading the same listing cannot lose a count.
 */
const PRESENCE = `
local threshold = tonumber(ARGV[1])
local unchanged = ARGV[2] == '1'
local present = {}
for i = 3, #ARGV do present[ARGV[i]] = true end
local all = redis.call('HGETALL', KEYS[1])
local gone = {}
for i = 1, #all, 2 do
  local m = all[i]
  local n = tonumber(all[i + 1])
  local absent = (unchanged and n > 0) or ((not unchanged) and not present[m])
  if absent then
    n = n + 1
    if n >= threshold then table.insert(gone, m); redis.call('HDEL', KEYS[1], m) else redis.call('HSET', KEYS[1], m, n) end
  end
end
if not unchanged then for i = 3, #ARGV do redis.call('HSET', KEYS[1], ARGV[i], 0) end end
return gone
`;

/**
 * Per-URL state of one source, one Redis hash per source (field: canonical URL); the re-check
 * queue of live pages (a sorted set by last check); and the presence counts of each authoritative
 * listing (a hash per listing URL: member -> absences in a row).
 */
export function createUrlStateStore(redis: Redis, prefix: string) {
  const key = (source: string) => `${prefix}crawl:urls:${source}`;
  const recheckKey = (source: string) => `${prefix}crawl:recheck:${source}`;
  const presenceKey = (source: string, listing: string) => `${prefix}crawl:presence:${source}:${listing}`;
  function setIn(tx: ChainableCommander, source: string, url: string, state: UrlState): void {
    tx.hset(key(source), url, JSON.stringify(state));
    // Pages with live postings are re-checked, least recently checked first; others are not.
    if (state.ids?.length && !state.expired) tx.zadd(recheckKey(source), Date.parse(state.fetchedAt) || Date.now(), url);
    else tx.zrem(recheckKey(source), url);
  }
  return {
    async get(source: string, url: string): Promise<UrlState | null> {
      const v = await redis.hget(key(source), url);
      return v ? (JSON.parse(v) as UrlState) : null;
    },
    /** The states of many URLs in one round trip (a sitemap's links), null where none is kept. */
    async getMany(source: string, urls: string[]): Promise<Array<UrlState | null>> {
      if (urls.length === 0) return [];
      const vs = await redis.hmget(key(source), ...urls);
      return vs.map((v) => (v ? (JSON.parse(v) as UrlState) : null));
    },
    async set(source: string, url: string, state: UrlState): Promise<void> {
      const tx = redis.multi();
      setIn(tx, source, url, state);
      const failed = (await tx.exec())?.find(([err]) => err);
      if (failed) throw failed[0];
    },
    /** The same write queued on a MULTI, so a page's state lands together with its counts. */
    setIn,
    /** Marks a page checked now without changing what it holds (a 304 or the same bytes). */
    async checked(source: string, url: string, at: number = Date.now()): Promise<void> {
      await redis.zadd(recheckKey(source), 'XX', at, url);
    },
    /** The same mark queued on a MULTI. */
    checkedIn(tx: ChainableCommander, source: string, url: string, at: number = Date.now()): void {
      tx.zadd(recheckKey(source), 'XX', at, url);
    },
    async count(source: string): Promise<number> {
      return redis.hlen(key(source));
    },
    /** The live pages checked longest ago, at most `n`. */
    async dueForRecheck(source: string, n: number): Promise<string[]> {
      return redis.zrange(recheckKey(source), 0, n - 1);
    },
    /**
     * Records an authoritative listing's members (`id:<doc id>` for postings it holds, `url:<page>`
     * for pages it lists) and returns the members now absent ABSENCES_TO_EXPIRE times in a row.
     * `unchanged`: the listing answered 304 or the same bytes, so its members are the known ones.
     */
    async presence(source: string, listing: string, members: string[] | 'unchanged'): Promise<string[]> {
      const unchanged = members === 'unchanged';
      const args = unchanged ? [] : [...new Set(members)];
      return (await redis.eval(PRESENCE, 1, presenceKey(source, listing), ABSENCES_TO_EXPIRE, unchanged ? '1' : '0', ...args)) as string[];
    },
    async hasPresence(source: string, listing: string): Promise<boolean> {
      return (await redis.exists(presenceKey(source, listing))) === 1;
    },
  };
}
export type UrlStateStore = ReturnType<typeof createUrlStateStore>;
