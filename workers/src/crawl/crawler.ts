import { createHash, randomUUID } from 'node:crypto';
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
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
  concurrency?: number;
}

const DEFAULT_MAX_PAGES = 10_000;
/** How long a page's postings wait for others to share a bulk request. */
const BATCH_WAIT_MS = 200;
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

  async function count(runId: string, field: string, by = 1): Promise<void> {
    if (by) await redis.hincrby(runKey(runId, 'counts'), field, by);
  }

  /** Queues a URL once per run; returns whether it was new to the run. */
  async function enqueue(job: CrawlPageJob): Promise<boolean> {
    const source = await sourceOf(job.source);
    const added = await redis.sadd(runKey(job.runId, 'seen'), job.url);
    if (!added) return false;
    const pages = await redis.scard(runKey(job.runId, 'seen'));
    if (pages > (source?.maxPages ?? DEFAULT_MAX_PAGES)) {
      await count(job.runId, 'errors:max_pages');
      return false;
    }
    await redis.incr(runKey(job.runId, 'pending'));
    const id = createHash('sha1').update(`${job.source}\n${job.runId}\n${job.url}`).digest('hex');
    await queue.add(CRAWL_JOBS.page, job, { jobId: id, attempts: 3, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: { count: 1000 }, removeOnFail: { count: 1000 } });
    return true;
  }

  /*
   * Postings of many pages go to the pipeline in one batch (one bulk request instead of one per
   * page). A page's job completes only once its batch is indexed, so a killed worker loses no posting.
   */
  const batches = new Map<string, { runId: string; name: string; source: SourceName; postings: RawPosting[]; waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }>; timer: NodeJS.Timeout }>();

  async function flush(key: string): Promise<void> {
    const b = batches.get(key);
    if (!b) return;
    batches.delete(key);
    clearTimeout(b.timer);
    try {
      const report = await opts.pipeline.importPostings(b.source, `crawl-${b.name}`, b.postings, { expirePastValidThrough: true });
      await count(b.runId, 'new', report.indexed);
      await count(b.runId, 'updated', report.updated);
      await count(b.runId, 'unchanged', report.unchanged);
      await count(b.runId, 'expired', report.expired ?? 0);
      for (const [reason, n] of Object.entries(report.rejectedByReason)) await count(b.runId, `errors:${reason}`, n);
      for (const w of b.waiters) w.resolve();
    } catch (err) {
      for (const w of b.waiters) w.reject(err);
    }
  }

  function indexPostings(runId: string, name: string, source: SourceName, postings: RawPosting[]): Promise<void> {
    const key = `${runId}\n${source}`;
    return new Promise<void>((resolve, reject) => {
      let b = batches.get(key);
      if (!b) {
        b = { runId, name, source, postings: [], waiters: [], timer: setTimeout(() => void flush(key), BATCH_WAIT_MS) };
        batches.set(key, b);
      }
      b.postings.push(...postings);
      b.waiters.push({ resolve, reject });
      if (b.postings.length >= config.ingest.batchSize) void flush(key);
    });
  }

  async function startRun(name: string, runId: string = randomUUID()): Promise<string> {
    const source = await sourceOf(name, true);
    if (!source) throw new Error(`Unknown crawl source "${name}". Configured: ${fixed ? [...fixed.keys()].join(', ') || 'none' : 'see GET /api/admin/crawl/sources'}.`);
    const startedAt = new Date();
    await redis.set(runKey(runId, 'started'), String(startedAt.getTime()));
    await redis.set(runKey(runId, 'source'), name);
    await redis.set(keys.lastRun(name), runId);
    await opts.runs?.runStarted(name, runId, startedAt);
    for (const u of source.startUrls) {
      const url = canonicalUrl(u);
      if (url) await enqueue({ source: name, runId, url, adapter: source.adapter });
    }
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

  async function processPage(job: Job<CrawlPageJob>): Promise<void> {
    try {
      await handlePage(job);
    } catch (err) {
      // Pending drops only once per page: after the last attempt, never per retry.
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        await count(job.data.runId, 'errors:failed');
        await pageDone(job.data.runId);
      }
      throw err;
    }
    await pageDone(job.data.runId);
  }

  /** One page of the run is done; the page that brings pending to zero finishes the run (DECR is atomic, so one page does). */
  async function pageDone(runId: string): Promise<void> {
    if ((await redis.decr(runKey(runId, 'pending'))) <= 0) await finishRun(runId);
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

  /** Expires postings by id (partial bulk updates) and counts what actually changed. */
  async function expire(runId: string | null, ids: string[], reason: ExpiryReason): Promise<number> {
    if (ids.length === 0) return 0;
    const n = await expirePostings(opts.pipeline.es, opts.pipeline.alias, ids, reason, new Date());
    if (runId) await count(runId, 'expired', n);
    return n;
  }

  /** A page's postings are gone (404/410, or the page says so): expire them and remember it. */
  async function expirePage(runId: string, name: string, url: string, state: UrlState | null, reason: ExpiryReason): Promise<void> {
    const ids = state?.ids ?? [];
    if (!state?.expired) await expire(runId, ids, reason);
    // No validators kept: if the page comes back, its bytes are read again and its postings revived.
    await states.set(name, url, { ...(state ?? { lastmod: null }), etag: null, lastModified: null, hash: null, ids, expired: true, fetchedAt: new Date().toISOString() });
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

  async function handlePage(job: Job<CrawlPageJob>): Promise<void> {
    const { source: name, runId, url, adapter } = job.data;
    const source = await sourceOf(name);
    if (!source) return void (await count(runId, 'errors:unknown_source'));
    const state = await states.get(name, url);
    // An expired page is asked without validators: a 304 would hide that it is back.
    const validators = state && !state.expired ? state : {};
    const r = await fetcher.fetch(url, { ...validators, render: source.render === true });
    await count(runId, 'fetched');
    if (r.kind === 'not_modified') {
      await states.checked(name, url);
      await listingPresence(runId, name, url, 'unchanged');
      return void (await count(runId, 'unchanged'));
    }
    if (r.kind === 'gone') {
      if (!state) return void (await count(runId, 'errors:not_found'));
      return expirePage(runId, name, url, state, 'gone');
    }
    // 401/403/429/5xx, time-outs, network errors, robots: never a reason to expire anything.
    if (r.kind === 'error') return void (await count(runId, `errors:${r.reason}`));
    const hash = createHash('sha1').update(r.body).digest('hex');
    const fetchedAt = new Date().toISOString();
    if (state?.hash === hash && !state.expired) {
      await states.set(name, url, { ...state, etag: r.etag, lastModified: r.lastModified, fetchedAt });
      await listingPresence(runId, name, url, 'unchanged');
      return void (await count(runId, 'unchanged'));
    }
    const ex = extractPage(adapter as CrawlAdapterName, { url: r.url, body: r.body, contentType: r.contentType, fetchedAt });
    if (r.invalidEncoding) await count(runId, 'errors:invalid_encoding');
    for (const p of ex.problems) await count(runId, `errors:${p.reason}`);
    if (ex.expired) return expirePage(runId, name, url, state, 'page_expired');
    const linkAdapter: CrawlAdapterName = adapter === 'sitemap' ? (source.pageAdapter ?? 'jsonld') : (adapter as CrawlAdapterName);
    const linked: string[] = [];
    for (const link of ex.links) {
      const u = canonicalUrl(link.url, r.url);
      if (!u) continue;
      linked.push(u);
      // A re-check looks at known pages only: what they link to waits for the next full run.
      if (job.data.recheck) continue;
      // A sitemap entry whose lastmod has not moved since we fetched it is not fetched again.
      if (link.lastmod) {
        const known = await states.get(name, u);
        if (known?.lastmod === link.lastmod && !known.expired) {
          await count(runId, 'unchanged');
          continue;
        }
      }
      await enqueue({ source: name, runId, url: u, adapter: linkAdapter, lastmod: link.lastmod ?? null });
    }
    const postingSource = CRAWL_SOURCE_NAMES[adapter as keyof typeof CRAWL_SOURCE_NAMES];
    const ids = ex.postings.map((p) => postingId(p.source, p.sourceId));
    if (ex.postings.length) await indexPostings(runId, name, postingSource, ex.postings);
    // An empty extraction expires nothing: the page keeps the postings it last gave.
    await states.set(name, url, { etag: r.etag, lastModified: r.lastModified, hash, lastmod: job.data.lastmod ?? state?.lastmod ?? null, fetchedAt, adapter, ids: ids.length ? ids : (state?.ids ?? []), expired: false });
    // Absence counts only from a listing read cleanly: one with a problem or nothing in it proves nothing.
    const members = [...ids.map((id) => `id:${id}`), ...linked.map((u) => `url:${u}`)];
    if (ex.authoritative && ex.problems.length === 0 && members.length > 0) await listingPresence(runId, name, url, members);
  }

  /** Queues the source's live pages checked longest ago (at most recheckBatch) as a run of their own. */
  async function startRecheck(name: string, runId: string = `recheck-${name}-${randomUUID()}`): Promise<string> {
    const source = await sourceOf(name, true);
    // The scheduler of a source deleted or disabled since the workers started: nothing to re-check.
    if (!source || !source.enabled) return runId;
    await redis.set(runKey(runId, 'started'), String(Date.now()));
    await redis.set(runKey(runId, 'source'), name);
    await redis.set(keys.lastRecheck(name), runId);
    for (const url of await states.dueForRecheck(name, config.crawl.recheckBatch)) {
      const st = await states.get(name, url);
      await enqueue({ source: name, runId, url, adapter: st?.adapter ?? source.adapter, lastmod: st?.lastmod ?? null, recheck: true });
    }
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
    /** A worker for the `crawl` queue (the workers process, or `--once` in the CLI). */
    startWorker(concurrency = opts.concurrency ?? 8): Worker<CrawlPageJob | CrawlSourceJob> {
      return new Worker<CrawlPageJob | CrawlSourceJob>(QUEUES.crawl, processJob, { connection, prefix, concurrency, stalledInterval: 5000, lockDuration: 30_000 });
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
        const r = await report(runId);
        onProgress?.(r);
        if ((await this.pending(runId)) <= 0) return r;
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
