import { createHash, randomUUID } from 'node:crypto';
import { Queue, Worker, type Job } from 'bullmq';
import { Redis, type ChainableCommander } from 'ioredis';
import type { AppConfig } from '@jobportal/config';
import { CRAWL_JOBS, QUEUES, type CrawlPageJob, type CrawlReport, type CrawlSourceJob, crawlRunKeys, type ExpiryReason, type RawPosting, type SourceName } from '@jobportal/contracts';
import { canonicalUrl, CRAWL_SOURCE_NAMES, extractPage, postingId, type CrawlAdapterName } from '@jobportal/postings';
import { expirePostings, sweepValidThrough } from '@jobportal/search';
import type { IngestPipeline } from '../ingest/ingest-pipeline';
import { bullConnection } from '../queues';
import { syncCrawlSchedules, type CrawlSource } from '@jobportal/postings';
import { createHostPoliteness } from './host-politeness';
import { createPoliteFetcher, type PoliteFetcher } from './polite-fetcher';
import { createRenderer } from './renderer';
import { createUrlStateStore, type UrlState, type UrlStateStore } from './url-state';

/** Where the crawler finds a source by name: the crawl_sources table (CrawlSourceStore) in the workers. */
export interface CrawlSourceLookup {
  get(name: string): Promise<CrawlSource | null>;
}

/** Told when a run starts and when its last page is done (the store writes the source's last run). */
export interface CrawlRunRecorder {
  runStarted(source: string, runId: string, startedAt: Date): Promise<void>;
  runFinished(report: CrawlReport, finishedAt: Date): Promise<void>;
}

/** Liveness schedulers are not `crawl-<name>` ids (source names have no ':'), so syncing sources never removes them. */
export const recheckSchedulerId = (source: string) => `recheck:${source}`;
export const SWEEP_SCHEDULER_ID = 'sweep:valid-through';

export interface CrawlerOptions {
  config: AppConfig;
  pipeline: IngestPipeline;
  /** A fixed list (tests, the benchmark, --sources-file) or a lookup read again as sources change. */
  sources: CrawlSource[] | CrawlSourceLookup;
  runs?: CrawlRunRecorder;
  /** Politeness off: only for the benchmark against our own local server. */
  polite?: boolean;
  /** Pages fetched and extracted at once (default 8). */
  concurrency?: number;
}

const DEFAULT_MAX_PAGES = 10_000;
/**
 * How long the first page's postings wait for others before an idle lane sends them. While a
 * pipeline call is in flight, postings of the pages that finish meanwhile gather for the next
 * call (group commit), so the batch grows with the load instead of waiting on a fixed timer.
 */
const LINGER_MS = 20;
/** URLs per enqueue script call and per addBulk (a sitemap holds up to 50,000). */
const ENQUEUE_CHUNK = 1000;
/**
 * Jobs a worker holds per page it fetches at once. A page whose postings wait for their batch to
 * be indexed holds its job (so a killed worker loses nothing) but no connection and no CPU; extra
 * slots let the next pages be fetched meanwhile, and the batch grow, instead of every slot
 * waiting on Elasticsearch.
 */
const JOBS_PER_FETCH = 4;
const PAGE_JOB_OPTS = { attempts: 3, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: { count: 1000 }, removeOnFail: { count: 1000 } } as const;

/*
 * Marks URLs seen for the run and counts them pending in one round trip: KEYS seen set, pending
 * counter, counts hash; ARGV max pages, then the URLs. Returns the 1-based positions of the URLs
 * to queue. A URL past max pages stays in the seen set (the report's `pages`) and is counted as
 * `max_pages`, as one SADD/SCARD per URL did before.
 */
const ENQUEUE = `
local max = tonumber(ARGV[1]); local accepted = {}; local over = 0
for i = 2, #ARGV do
  if redis.call('SADD', KEYS[1], ARGV[i]) == 1 then
    if redis.call('SCARD', KEYS[1]) > max then over = over + 1 else accepted[#accepted + 1] = i - 1 end
  end
end
if over > 0 then redis.call('HINCRBY', KEYS[3], 'errors:max_pages', over) end
if #accepted > 0 then redis.call('INCRBY', KEYS[2], #accepted) end
return accepted
`;

/** A page's counts, written with its URL state and its pending decrement in one MULTI at the end. */
type Tally = Map<string, number>;
const bump = (t: Tally, field: string, by = 1) => {
  if (by) t.set(field, (t.get(field) ?? 0) + by);
};

/** What a page leaves of its own URL state, written in its final MULTI: a new state, a re-check mark, or nothing. */
type StateWrite = { set: UrlState } | 'checked' | null;

/** Where a crawl's time goes (bench:crawl prints it): sums over pages and over pipeline calls. */
export interface CrawlStageStats {
  pages: number;
  fetchMs: number;
  extractMs: number;
  /** From handing a page's postings to the batch until they are indexed. */
  indexWaitMs: number;
  /** Per-URL state reads, link enqueues and the page's final MULTI. */
  redisMs: number;
  pipelineCalls: number;
  pipelinePostings: number;
  pipelineMs: number;
}
/** How long a looked-up source is reused by page jobs: an operator's edit is seen within this. */
const SOURCE_CACHE_MS = 5000;

/**
 * The crawl side of the one ingest pipeline: a BullMQ `crawl` queue with one job per page
 * (jobId from source, run and URL, so a page is queued once per run and a job left behind by a
 * killed worker is picked up again as stalled), per-URL state for incremental runs, and counts
 * per run in Redis for the report.
 */
export function createCrawler(opts: CrawlerOptions) {
  const { config } = opts;
  const prefix = config.redis.queuePrefix;
  const redis = new Redis(config.redis.url, { maxRetriesPerRequest: 3 });
  const connection = bullConnection(config);
  const queue = new Queue<CrawlPageJob | CrawlSourceJob>(QUEUES.crawl, { connection, prefix });
  const states: UrlStateStore = createUrlStateStore(redis, `${prefix}:`);
  const fixed = Array.isArray(opts.sources) ? new Map(opts.sources.map((s) => [s.name, s])) : null;
  const lookup = Array.isArray(opts.sources) ? null : opts.sources;
  const cache = new Map<string, { at: number; source: Promise<CrawlSource | null> }>();
  /** The source as configured now (a run start always reads it afresh; page jobs reuse it briefly). */
  function sourceOf(name: string, fresh = false): Promise<CrawlSource | null> {
    if (fixed) return Promise.resolve(fixed.get(name) ?? null);
    const hit = cache.get(name);
    if (!fresh && hit && Date.now() - hit.at < SOURCE_CACHE_MS) return hit.source;
    const source = lookup!.get(name);
    cache.set(name, { at: Date.now(), source });
    source.catch(() => cache.delete(name));
    return source;
  }
  const { recheckCron: _rc, recheckBatch: _rb, sweepCron: _sc, chromiumPath, renderPages, sourcesFile: _sf, ...fetchSettings } = config.crawl;
  // The browser starts on the first render (createRenderer launches lazily); a fixed list without
  // a `render` source never needs one. Sources read from the table may gain `render` at any time.
  const renderer = !fixed || [...fixed.values()].some((s) => s.render === true)
    ? createRenderer({ executablePath: chromiumPath, pages: renderPages, timeoutMs: config.crawl.timeoutMs, maxBodyBytes: config.crawl.maxBodyBytes, userAgent: `${config.crawl.userAgent} (+${config.crawl.contactUrl})` })
    : undefined;
  const fetcher: PoliteFetcher = createPoliteFetcher({ politeness: createHostPoliteness(redis, `${prefix}:`), polite: opts.polite, renderer, ...fetchSettings });
  const keys = crawlRunKeys(prefix);
  const runKey = keys.run;
  const fetchConcurrency = opts.concurrency ?? 8;
  // Fetch + extract gate: at most fetchConcurrency pages at once, whatever the worker's job slots.
  let fetching = 0;
  const gateQueue: Array<() => void> = [];
  async function gated<T>(fn: () => Promise<T>): Promise<T> {
    if (fetching >= fetchConcurrency) await new Promise<void>((r) => gateQueue.push(r));
    else fetching++;
    try {
      return await fn();
    } finally {
      const next = gateQueue.shift();
      if (next) next();
      else fetching--;
    }
  }
  const stats: CrawlStageStats = { pages: 0, fetchMs: 0, extractMs: 0, indexWaitMs: 0, redisMs: 0, pipelineCalls: 0, pipelinePostings: 0, pipelineMs: 0 };

  /** Runs a MULTI and throws its first failed command, so a half-applied page is retried, not finished; returns the replies. */
  async function exec(tx: ChainableCommander): Promise<unknown[]> {
    const results = (await tx.exec()) ?? [];
    const failed = results.find(([err]) => err);
    if (failed) throw failed[0];
    return results.map(([, v]) => v);
  }

  function addCounts(tx: ChainableCommander, runId: string, tally: Tally): void {
    for (const [field, n] of tally) tx.hincrby(runKey(runId, 'counts'), field, n);
  }

  /** Queues each URL once per run (one script call and one addBulk per chunk); returns how many were new to the run. */
  async function enqueue(jobs: CrawlPageJob[]): Promise<number> {
    let queued = 0;
    for (let i = 0; i < jobs.length; i += ENQUEUE_CHUNK) {
      const chunk = jobs.slice(i, i + ENQUEUE_CHUNK);
      const { runId, source } = chunk[0];
      const max = (await sourceOf(source))?.maxPages ?? DEFAULT_MAX_PAGES;
      const accepted = (await redis.eval(ENQUEUE, 3, runKey(runId, 'seen'), runKey(runId, 'pending'), runKey(runId, 'counts'), max, ...chunk.map((j) => j.url))) as number[];
      if (accepted.length === 0) continue;
      await queue.addBulk(
        accepted.map((pos) => {
          const job = chunk[pos - 1];
          const jobId = createHash('sha1').update(`${job.source}\n${job.runId}\n${job.url}`).digest('hex');
          return { name: CRAWL_JOBS.page, data: job, opts: { ...PAGE_JOB_OPTS, jobId } };
        }),
      );
      queued += accepted.length;
    }
    return queued;
  }

  /*
   * Postings of many pages go to the pipeline in one call (one classifier batch, one bulk request
   * instead of one per page). A page's job completes only once its batch is indexed, so a killed
   * worker loses no posting. One call in flight per run and source: what arrives meanwhile is the
   * next call.
   */
  interface Batch { runId: string; name: string; source: SourceName; postings: RawPosting[]; waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> }
  const lanes = new Map<string, { open: Batch | null }>();

  async function flush(b: Batch): Promise<void> {
    const t0 = performance.now();
    try {
      const report = await opts.pipeline.importPostings(b.source, `crawl-${b.name}`, b.postings, { expirePastValidThrough: true });
      const tally: Tally = new Map();
      bump(tally, 'new', report.indexed);
      bump(tally, 'updated', report.updated);
      bump(tally, 'unchanged', report.unchanged);
      bump(tally, 'expired', report.expired ?? 0);
      for (const [reason, n] of Object.entries(report.rejectedByReason)) bump(tally, `errors:${reason}`, n);
      const tx = redis.multi();
      addCounts(tx, b.runId, tally);
      await exec(tx);
      for (const w of b.waiters) w.resolve();
    } catch (err) {
      for (const w of b.waiters) w.reject(err);
    } finally {
      stats.pipelineCalls++;
      stats.pipelinePostings += b.postings.length;
      stats.pipelineMs += performance.now() - t0;
    }
  }

  async function drive(key: string, lane: { open: Batch | null }): Promise<void> {
    await new Promise((r) => setTimeout(r, LINGER_MS));
    while (lane.open) {
      const b = lane.open;
      lane.open = null;
      await flush(b);
    }
    lanes.delete(key);
  }

  function indexPostings(runId: string, name: string, source: SourceName, postings: RawPosting[]): Promise<void> {
    const key = `${runId}\n${source}`;
    let lane = lanes.get(key);
    const idle = !lane;
    if (!lane) {
      lane = { open: null };
      lanes.set(key, lane);
    }
    const b = (lane.open ??= { runId, name, source, postings: [], waiters: [] });
    for (const p of postings) b.postings.push(p);
    const done = new Promise<void>((resolve, reject) => b.waiters.push({ resolve, reject }));
    if (idle) void drive(key, lane);
    return done;
  }

  async function startRun(name: string, runId: string = randomUUID()): Promise<string> {
    const source = await sourceOf(name, true);
    if (!source) throw new Error(`Unknown crawl source "${name}". Configured: ${fixed ? [...fixed.keys()].join(', ') || 'none' : 'see GET /api/admin/crawl/sources'}.`);
    const startedAt = new Date();
    await redis.set(runKey(runId, 'started'), String(startedAt.getTime()));
    await redis.set(runKey(runId, 'source'), name);
    await redis.set(keys.lastRun(name), runId);
    await opts.runs?.runStarted(name, runId, startedAt);
    const urls = source.startUrls.map((u) => canonicalUrl(u)).filter((u): u is string => Boolean(u));
    await enqueue(urls.map((url) => ({ source: name, runId, url, adapter: source.adapter })));
    // No page queued (no start URL survived canonicalization): the run is over already.
    if (Number((await redis.get(runKey(runId, 'pending'))) ?? 0) <= 0) await finishRun(runId);
    return runId;
  }

  async function processJob(job: Job<CrawlPageJob | CrawlSourceJob>): Promise<void> {
    if (job.name === CRAWL_JOBS.source) {
      // A scheduled run: one run per scheduler tick, its pages are jobs of their own.
      await startRun((job.data as CrawlSourceJob).source, `${job.data.source}-${job.id ?? randomUUID()}`);
      return;
    }
    if (job.name === CRAWL_JOBS.recheck) {
      await startRecheck((job.data as CrawlSourceJob).source, `recheck-${job.data.source}-${job.id ?? randomUUID()}`);
      return;
    }
    if (job.name === CRAWL_JOBS.sweep) {
      await sweep();
      return;
    }
    await processPage(job as Job<CrawlPageJob>);
  }

  /*
   * A page's counts, its own new URL state and its pending decrement are one MULTI after
   * everything else: an attempt that fails (or a worker killed mid-page) leaves no count behind,
   * so the retry counts the page once; pending drops only once per page, after the last attempt.
   */
  async function processPage(job: Job<CrawlPageJob>): Promise<void> {
    const tally: Tally = new Map();
    let write: StateWrite;
    try {
      write = await handlePage(job, tally);
    } catch (err) {
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        bump(tally, 'errors:failed');
        await pageDone(job.data, tally, null);
      }
      throw err;
    }
    const t0 = performance.now();
    await pageDone(job.data, tally, write);
    stats.redisMs += performance.now() - t0;
    stats.pages++;
  }

  /** One page of the run is done; the page that brings pending to zero finishes the run (DECR is atomic, so one page does). */
  async function pageDone({ runId, source: name, url }: CrawlPageJob, tally: Tally, write: StateWrite): Promise<void> {
    const tx = redis.multi();
    addCounts(tx, runId, tally);
    if (write === 'checked') states.checkedIn(tx, name, url);
    else if (write) states.setIn(tx, name, url, write.set);
    tx.decr(runKey(runId, 'pending'));
    const replies = await exec(tx);
    // Counts landed in the same MULTI, so the report finishRun reads holds this page's.
    if (Number(replies.at(-1)) <= 0) await finishRun(runId);
  }

  async function finishRun(runId: string): Promise<void> {
    if (!opts.runs) return;
    const r = await report(runId);
    try {
      await opts.runs.runFinished(r, new Date());
    } catch (err) {
      // The counts stay in Redis; failing the page job would only crawl the page again.
      console.warn(`crawl ${r.source}: the report of run ${runId} was not stored (${(err as Error).message})`);
    }
  }

  async function report(runId: string): Promise<CrawlReport> {
    const started = Number((await redis.get(runKey(runId, 'started'))) ?? Date.now());
    return { source: (await redis.get(runKey(runId, 'source'))) ?? '', runId, ...(await counts(runId)), durationMs: Date.now() - started };
  }

  /**
   * Expires postings by id (partial bulk updates) and counts what actually changed. The count is
   * written at once, not with the page's MULTI: it counts a change already made in Elasticsearch,
   * and a retry of the page finds those postings expired and counts 0, so it lands exactly once.
   */
  async function expire(runId: string | null, ids: string[], reason: ExpiryReason): Promise<number> {
    if (ids.length === 0) return 0;
    const n = await expirePostings(opts.pipeline.es, opts.pipeline.alias, ids, reason, new Date());
    if (runId && n) await redis.hincrby(runKey(runId, 'counts'), 'expired', n);
    return n;
  }

  /** A page's postings are gone (404/410, or the page says so): expire them; returns the state that remembers it. */
  async function expirePage(runId: string, state: UrlState | null, reason: ExpiryReason): Promise<StateWrite> {
    const ids = state?.ids ?? [];
    if (!state?.expired) await expire(runId, ids, reason);
    // No validators kept: if the page comes back, its bytes are read again and its postings revived.
    return { set: { ...(state ?? { lastmod: null }), etag: null, lastModified: null, hash: null, ids, expired: true, fetchedAt: new Date().toISOString() } };
  }

  /**
   * An authoritative listing was read (or answered unchanged): members absent from it twice in a
   * row expire. A member is a posting the listing holds (`id:`) or a page it lists (`url:`, whose
   * postings the URL state knows).
   */
  async function listingPresence(runId: string, name: string, listing: string, members: string[] | 'unchanged'): Promise<void> {
    if (members === 'unchanged' && !(await states.hasPresence(name, listing))) return;
    const gone = await states.presence(name, listing, members);
    const ids: string[] = [];
    for (const m of gone) {
      if (m.startsWith('id:')) ids.push(m.slice(3));
      else if (m.startsWith('url:')) {
        const page = m.slice(4);
        const st = await states.get(name, page);
        if (st && !st.expired) {
          ids.push(...(st.ids ?? []));
          await states.set(name, page, { ...st, etag: null, lastModified: null, hash: null, expired: true });
        }
      }
    }
    await expire(runId, ids, 'absent_from_listing');
  }

  /** What a page's fetch and extraction leave for the rest of its work (the body is dropped with them). */
  type PageRead =
    | { kind: 'done' }
    | { kind: 'not_modified' }
    | { kind: 'gone'; state: UrlState | null }
    | { kind: 'same'; state: UrlState; etag: string | null; lastModified: string | null; fetchedAt: string }
    | { kind: 'read'; state: UrlState | null; ex: ReturnType<typeof extractPage>; etag: string | null; lastModified: string | null; hash: string; fetchedAt: string; pageUrl: string };

  /** The page's state, fetch and extraction (under the fetch gate); counts what it saw. */
  async function readPage(job: Job<CrawlPageJob>, source: CrawlSource, tally: Tally): Promise<PageRead> {
    const { source: name, url, adapter } = job.data;
    let t = performance.now();
    const state = await states.get(name, url);
    stats.redisMs += performance.now() - t;
    // An expired page is asked without validators: a 304 would hide that it is back.
    const validators = state && !state.expired ? state : {};
    t = performance.now();
    const r = await fetcher.fetch(url, { ...validators, render: source.render === true });
    stats.fetchMs += performance.now() - t;
    bump(tally, 'fetched');
    if (r.kind === 'not_modified') return { kind: 'not_modified' };
    if (r.kind === 'gone') return { kind: 'gone', state };
    // 401/403/429/5xx, time-outs, network errors, robots: never a reason to expire anything.
    if (r.kind === 'error') return bump(tally, `errors:${r.reason}`), { kind: 'done' };
    const hash = createHash('sha1').update(r.body).digest('hex');
    const fetchedAt = new Date().toISOString();
    if (state?.hash === hash && !state.expired) return { kind: 'same', state, etag: r.etag, lastModified: r.lastModified, fetchedAt };
    t = performance.now();
    const ex = extractPage(adapter as CrawlAdapterName, { url: r.url, body: r.body, contentType: r.contentType, fetchedAt });
    stats.extractMs += performance.now() - t;
    if (r.invalidEncoding) bump(tally, 'errors:invalid_encoding');
    for (const p of ex.problems) bump(tally, `errors:${p.reason}`);
    return { kind: 'read', state, ex, etag: r.etag, lastModified: r.lastModified, hash, fetchedAt, pageUrl: r.url };
  }

  /** Fetches, extracts and indexes one page; returns what to write of its own URL state. */
  async function handlePage(job: Job<CrawlPageJob>, tally: Tally): Promise<StateWrite> {
    const { source: name, runId, url, adapter } = job.data;
    const source = await sourceOf(name);
    if (!source) return bump(tally, 'errors:unknown_source'), null;
    // Only fetch + extraction hold a fetch slot: a page waiting for its batch holds its job alone.
    const page = await gated(() => readPage(job, source, tally));
    if (page.kind === 'done') return null;
    if (page.kind === 'not_modified') {
      await listingPresence(runId, name, url, 'unchanged');
      bump(tally, 'unchanged');
      return 'checked';
    }
    if (page.kind === 'gone') {
      if (!page.state) return bump(tally, 'errors:not_found'), null;
      return expirePage(runId, page.state, 'gone');
    }
    if (page.kind === 'same') {
      await listingPresence(runId, name, url, 'unchanged');
      bump(tally, 'unchanged');
      return { set: { ...page.state, etag: page.etag, lastModified: page.lastModified, fetchedAt: page.fetchedAt } };
    }
    const { ex, state } = page;
    if (ex.expired) return expirePage(runId, state, 'page_expired');
    const linkAdapter: CrawlAdapterName = adapter === 'sitemap' ? (source.pageAdapter ?? 'jsonld') : (adapter as CrawlAdapterName);
    const links = ex.links.flatMap((link) => {
      const u = canonicalUrl(link.url, page.pageUrl);
      return u ? [{ url: u, lastmod: link.lastmod ?? null }] : [];
    });
    const linked = links.map((l) => l.url);
    // A re-check looks at known pages only: what they link to waits for the next full run.
    if (links.length && !job.data.recheck) {
      const t = performance.now();
      // A sitemap entry whose lastmod has not moved since we fetched it is not fetched again.
      const dated = links.filter((l) => l.lastmod);
      const known = new Map<string, UrlState | null>();
      (await states.getMany(name, dated.map((l) => l.url))).forEach((st, i) => known.set(dated[i].url, st));
      const moved = links.filter((l) => {
        const k = l.lastmod ? known.get(l.url) : null;
        return !(k && k.lastmod === l.lastmod && !k.expired);
      });
      bump(tally, 'unchanged', links.length - moved.length);
      await enqueue(moved.map((l) => ({ source: name, runId, url: l.url, adapter: linkAdapter, lastmod: l.lastmod })));
      stats.redisMs += performance.now() - t;
    }
    const postingSource = CRAWL_SOURCE_NAMES[adapter as keyof typeof CRAWL_SOURCE_NAMES];
    const ids = ex.postings.map((p) => postingId(p.source, p.sourceId));
    if (ex.postings.length) {
      const t = performance.now();
      await indexPostings(runId, name, postingSource, ex.postings);
      stats.indexWaitMs += performance.now() - t;
    }
    // An empty extraction expires nothing: the page keeps the postings it last gave.
    const next: UrlState = { etag: page.etag, lastModified: page.lastModified, hash: page.hash, lastmod: job.data.lastmod ?? state?.lastmod ?? null, fetchedAt: page.fetchedAt, adapter, ids: ids.length ? ids : (state?.ids ?? []), expired: false };
    // Absence counts only from a listing read cleanly: one with a problem or nothing in it proves nothing.
    const members = [...ids.map((id) => `id:${id}`), ...linked.map((u) => `url:${u}`)];
    if (ex.authoritative && ex.problems.length === 0 && members.length > 0) await listingPresence(runId, name, url, members);
    return { set: next };
  }

  /** Queues the source's live pages checked longest ago (at most recheckBatch) as a run of their own. */
  async function startRecheck(name: string, runId: string = `recheck-${name}-${randomUUID()}`): Promise<string> {
    const source = await sourceOf(name, true);
    // The scheduler of a source deleted or disabled since the workers started: nothing to re-check.
    if (!source || !source.enabled) return runId;
    await redis.set(runKey(runId, 'started'), String(Date.now()));
    await redis.set(runKey(runId, 'source'), name);
    await redis.set(keys.lastRecheck(name), runId);
    const due = await states.dueForRecheck(name, config.crawl.recheckBatch);
    const known = await states.getMany(name, due);
    await enqueue(due.map((url, i) => ({ source: name, runId, url, adapter: known[i]?.adapter ?? source.adapter, lastmod: known[i]?.lastmod ?? null, recheck: true })));
    return runId;
  }

  /** Crawled postings past their validThrough expire, whether or not their page was fetched again. */
  function sweep(now: Date = new Date()): Promise<number> {
    return sweepValidThrough(opts.pipeline.es, opts.pipeline.alias, now, Object.values(CRAWL_SOURCE_NAMES));
  }

  async function counts(runId: string): Promise<Omit<CrawlReport, 'source' | 'runId' | 'durationMs'>> {
    const h = await redis.hgetall(runKey(runId, 'counts'));
    const n = (k: string) => Number(h[k] ?? 0);
    const errorsByReason: Record<string, number> = {};
    for (const [k, v] of Object.entries(h)) if (k.startsWith('errors:')) errorsByReason[k.slice(7)] = Number(v);
    return {
      pages: await redis.scard(runKey(runId, 'seen')),
      fetched: n('fetched'), new: n('new'), updated: n('updated'), unchanged: n('unchanged'), expired: n('expired'),
      errors: Object.values(errorsByReason).reduce((a, b) => a + b, 0),
      errorsByReason,
    };
  }

  return {
    queue,
    states,
    /** Where this process's crawl time went so far (bench:crawl). */
    stats: (): CrawlStageStats => ({ ...stats }),
    /** A worker for the `crawl` queue (the workers process, or `--once` in the CLI): `concurrency` fetches at once, 4x as many jobs held. */
    startWorker(): Worker<CrawlPageJob | CrawlSourceJob> {
      return new Worker<CrawlPageJob | CrawlSourceJob>(QUEUES.crawl, processJob, { connection, prefix, concurrency: fetchConcurrency * JOBS_PER_FETCH, stalledInterval: 5000, lockDuration: 30_000 });
    },
    /** Starts a run of one source: queues its start URLs. */
    startRun,
    /** Starts a liveness re-check of one source: its least recently checked live pages, bounded. */
    startRecheck,
    /** Expires crawled postings whose validThrough has passed; returns how many. */
    sweep,
    /**
     * The liveness schedulers: a re-check per enabled source (`recheck:<name>`, CRAWL_RECHECK_CRON)
     * and one validThrough sweep (`sweep:valid-through`, CRAWL_SWEEP_CRON), all UTC; a disabled or
     * deleted source's re-check is removed. `list`: the sources as stored now; by default the fixed list.
     */
    async scheduleLiveness(list: CrawlSource[] = [...(fixed?.values() ?? [])]): Promise<string[]> {
      const scheduled: string[] = [];
      const wanted = new Set<string>();
      for (const s of list) {
        const id = recheckSchedulerId(s.name);
        if (s.enabled) {
          await queue.upsertJobScheduler(id, { pattern: config.crawl.recheckCron, tz: 'UTC' }, { name: CRAWL_JOBS.recheck, data: { source: s.name } });
          scheduled.push(id);
          wanted.add(id);
        } else {
          await queue.removeJobScheduler(id);
        }
      }
      for (const j of await queue.getJobSchedulers(0, -1)) {
        if (j.key.startsWith(recheckSchedulerId('')) && !wanted.has(j.key)) await queue.removeJobScheduler(j.key);
      }
      await queue.upsertJobScheduler(SWEEP_SCHEDULER_ID, { pattern: config.crawl.sweepCron, tz: 'UTC' }, { name: CRAWL_JOBS.sweep, data: { source: '' } });
      scheduled.push(SWEEP_SCHEDULER_ID);
      return scheduled;
    },
    /**
     * One repeatable job scheduler per enabled source (its cron, UTC); a disabled source's scheduler
     * is removed, and so is one whose source no longer exists. `list`: the sources as stored now
     * (the workers pass the table's); by default the fixed list.
     */
    async scheduleSources(list: CrawlSource[] = [...(fixed?.values() ?? [])]): Promise<string[]> {
      return syncCrawlSchedules(queue, list);
    },
    /** The latest run of a source, or null before its first. */
    async lastRun(name: string): Promise<CrawlReport | null> {
      const runId = await redis.get(keys.lastRun(name));
      return runId ? report(runId) : null;
    },
    async pending(runId: string): Promise<number> {
      return Number((await redis.get(runKey(runId, 'pending'))) ?? 0);
    },
    report,
    /** Resolves when every page queued for the run has been processed. */
    async waitForRun(runId: string, onProgress?: (r: CrawlReport) => void, pollMs = 500): Promise<CrawlReport> {
      for (;;) {
        // Pending first: a page's counts land with its pending decrement, so a report read after
        // pending reached 0 holds every page's counts.
        const pending = await this.pending(runId);
        const r = await report(runId);
        onProgress?.(r);
        if (pending <= 0) return r;
        await new Promise((r) => setTimeout(r, pollMs));
      }
    },
    async close(): Promise<void> {
      await queue.close();
      await fetcher.close();
      await redis.quit();
    },
  };
}
export type Crawler = ReturnType<typeof createCrawler>;
