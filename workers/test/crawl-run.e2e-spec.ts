import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { loadConfig } from '@jobportal/config';
import { CRAWL_JOBS } from '@jobportal/contracts';
import { createCrawler } from '../src/crawl/crawler';
import type { CrawlSource } from '@jobportal/postings';
import { createIngestPipeline, type IngestPipeline } from '../src/ingest/ingest-pipeline';
import { REPO_ROOT, waitFor } from '../../test/support/stack';

/**
 * A crawl run end to end: a local site serving a sitemap of real saved Indeed pages (DATA_DIR),
 * the `crawl` queue on real Redis, the one ingest pipeline into a real Elasticsearch node.
 */
const stamp = `${process.pid}-${Date.now()}`;
const env = {
  ...process.env,
  NODE_ENV: 'test',
  ES_INDEX_PREFIX: `e2e-crawl-${stamp}-`,
  QUEUE_PREFIX: `e2e-crawl-${stamp}`,
  CRAWL_HOST_RATE_PER_S: '1000',
  CRAWL_HOST_BURST: '100',
  CRAWL_MAX_RETRIES: '0',
  CRAWL_TIMEOUT_MS: '2000',
};
const config = loadConfig(env);
const PAGES_DIR = resolve(config.data.dir, 'html/indeed_posting_pages_2019');
const ALL_JKS = readdirSync(PAGES_DIR).filter((f) => f.endsWith('_fccid.html')).map((f) => f.replace('_fccid.html', ''));
const JKS = ALL_JKS.slice(0, 30);

interface Site {
  base: string;
  server: Server;
  sockets: Set<Socket>;
  lastmod: Map<string, string>;
  hits: string[];
  delayMs: number;
}

async function startSite(jks: string[] = JKS): Promise<Site> {
  const site: Site = { base: '', server: createServer(), sockets: new Set(), lastmod: new Map(jks.map((jk) => [jk, '2026-11-01'])), hits: [], delayMs: 0 };
  site.server.on('connection', (s) => {
    site.sockets.add(s);
    s.on('close', () => site.sockets.delete(s));
  });
  site.server.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    site.hits.push(url.pathname + url.search);
    if (url.pathname === '/robots.txt') return void res.writeHead(200).end('User-agent: *\nAllow: /\n');
    if (url.pathname === '/sitemap.xml') {
      const entries = [...site.lastmod.keys()].map((jk) => `<url><loc>${site.base}/viewjob?jk=${jk}&amp;utm_source=sitemap</loc><lastmod>${site.lastmod.get(jk)}</lastmod></url>`).join('');
      return void res.writeHead(200, { 'content-type': 'application/xml' }).end(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${entries}</urlset>`);
    }
    const jk = url.searchParams.get('jk');
    if (url.pathname === '/viewjob' && jk && site.lastmod.has(jk)) {
      const send = () => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(readFileSync(join(PAGES_DIR, `${jk}_fccid.html`)));
      return void (site.delayMs ? setTimeout(send, site.delayMs) : send());
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => site.server.listen(0, '127.0.0.1', r));
  site.base = `http://127.0.0.1:${(site.server.address() as AddressInfo).port}`;
  return site;
}

async function stopSite(site: Site): Promise<void> {
  for (const s of site.sockets) s.destroy();
  await new Promise((r) => site.server.close(r));
}

function source(site: Site, name: string): CrawlSource {
  return { name, adapter: 'sitemap', pageAdapter: 'indeed', startUrls: [`${site.base}/sitemap.xml`], cron: '0 * * * *', enabled: true };
}

let pipeline: IngestPipeline;
let redis: Redis;

async function countDocs(jks: string[] = JKS): Promise<number> {
  await pipeline.es.indices.refresh({ index: pipeline.alias });
  return (await pipeline.es.count({ index: pipeline.alias, query: { bool: { filter: [{ term: { source: 'crawl_indeed' } }, { terms: { source_id: jks } }] } } })).count;
}

beforeAll(async () => {
  pipeline = await createIngestPipeline(config, undefined, { classify: false });
  redis = new Redis(config.redis.url);
});

afterAll(async () => {
  await pipeline.es.indices.delete({ index: `${config.elastic.indexPrefix}*` }).catch(() => undefined);
  const keys = await redis.keys(`${config.redis.queuePrefix}*`);
  for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
  await redis.quit();
  await pipeline.close();
});

describe('crawl run (sitemap of real Indeed pages -> pipeline -> Elasticsearch)', () => {
  it('indexes every page once, then a rerun of an unchanged site costs no reindex, and a moved lastmod refetches only that page', async () => {
    const site = await startSite();
    const crawler = createCrawler({ config, pipeline, sources: [source(site, 'local-a')] });
    const worker = crawler.startWorker();
    try {
      const first = await crawler.waitForRun(await crawler.startRun('local-a'), undefined, 100);
      expect(first).toEqual(expect.objectContaining({ pages: 31, fetched: 31, new: 30, updated: 0, expired: 0, errors: 0 }));
      expect(await countDocs()).toBe(30);
      const doc = await pipeline.es.search({ index: pipeline.alias, query: { term: { source_id: JKS[0] } } });
      expect(doc.hits.hits[0]._source).toEqual(expect.objectContaining({ url: `${site.base}/viewjob?jk=${JKS[0]}` }));

      const again = await crawler.waitForRun(await crawler.startRun('local-a'), undefined, 100);
      expect(again).toEqual(expect.objectContaining({ fetched: 1, new: 0, updated: 0, unchanged: 1, errors: 0 }));

      site.lastmod.set(JKS[3], '2026-12-01');
      site.hits.length = 0;
      const moved = await crawler.waitForRun(await crawler.startRun('local-a'), undefined, 100);
      expect(site.hits.filter((h) => h.startsWith('/viewjob'))).toEqual([`/viewjob?jk=${JKS[3]}`]);
      // The page bytes did not change: fetched, recognised by its hash, not reindexed.
      // 29 links skipped by their lastmod, 1 page recognised by its hash.
      expect(moved).toEqual(expect.objectContaining({ fetched: 2, new: 0, updated: 0, unchanged: 30, errors: 0 }));
      expect(await countDocs()).toBe(30);
    } finally {
      await worker.close();
      await crawler.close();
      await stopSite(site);
    }
  });

  it('a sitemap larger than maxPages: the run fetches maxPages pages and counts every other link as max_pages, across link chunks', async () => {
    // Every saved page (1,337 links): more than one enqueue chunk (1,000), so the cap must hold
    // across chunks. Listed from the 300th on, so the pages fetched are none another test indexed.
    const site = await startSite([...ALL_JKS.slice(300), ...ALL_JKS.slice(0, 300)]);
    const crawler = createCrawler({ config, pipeline, sources: [{ ...source(site, 'local-max'), maxPages: 5 }] });
    const worker = crawler.startWorker();
    try {
      const report = await crawler.waitForRun(await crawler.startRun('local-max'), undefined, 100);
      // The sitemap is the first of the 5 pages; every URL seen counts in `pages`.
      expect(report).toEqual(expect.objectContaining({ pages: ALL_JKS.length + 1, fetched: 5, new: 4, errors: ALL_JKS.length - 4, errorsByReason: { max_pages: ALL_JKS.length - 4 } }));
      expect(site.hits.filter((h) => h.startsWith('/viewjob'))).toHaveLength(4);
      expect(await crawler.pending(report.runId)).toBe(0);
    } finally {
      await worker.close();
      await crawler.close();
      await stopSite(site);
    }
  });

  it('a site that disappears mid-crawl expires nothing; its pages are counted as errors by reason', async () => {
    const site = await startSite();
    site.delayMs = 50;
    const crawler = createCrawler({ config, pipeline, sources: [source(site, 'local-b')], concurrency: 2 });
    const worker = crawler.startWorker();
    try {
      const runId = await crawler.startRun('local-b');
      await waitFor(async () => (await crawler.report(runId)).fetched >= 5, 30_000, 20);
      await stopSite(site);
      const report = await crawler.waitForRun(runId, undefined, 100);
      expect(report.expired).toBe(0);
      expect(report.errors).toBeGreaterThan(0);
      expect(Object.keys(report.errorsByReason).filter((r) => !['network', 'robots_unreachable', 'timeout', 'circuit_open'].includes(r))).toEqual([]);
      expect(report.fetched).toBe(report.pages);
    } finally {
      await worker.close();
      await crawler.close();
    }
  });

  it('a worker killed mid-crawl (SIGKILL) leaves its pages to the next worker: every posting indexed, none twice', async () => {
    const jks = ALL_JKS.slice(100, 130);
    const site = await startSite(jks);
    site.delayMs = 150;
    const dir = mkdtempSync(join(tmpdir(), 'crawl-kill-'));
    const file = join(dir, 'sources.json');
    writeFileSync(file, JSON.stringify([source(site, 'local-c')]));
    const child = spawn(process.execPath, [resolve(REPO_ROOT, 'workers/dist/cli/crawl.js'), '--source', 'local-c', '--once', '--no-classify', '--concurrency', '2', '--sources-file', file], {
      env: { ...env, CRAWL_TIMEOUT_MS: '5000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((r) => child.on('exit', (_code, signal) => r(signal === 'SIGKILL' ? -9 : _code)));
    try {
      await waitFor(async () => site.hits.filter((h) => h.startsWith('/viewjob')).length >= 6, 60_000, 20);
      child.kill('SIGKILL');
      expect(await exited).toBe(-9);
      const before = await countDocs(jks);
      expect(before).toBeLessThan(30);
      // The killed run's jobs are still in the queue (active ones as stalled): a new worker finishes them.
      const crawler = createCrawler({ config, pipeline, sources: [source(site, 'local-c')] });
      const worker = crawler.startWorker();
      try {
        const runKeys = await redis.keys(`${config.redis.queuePrefix}:crawl:run:*:source`);
        const runs = (await Promise.all(runKeys.map(async (k) => ((await redis.get(k)) === 'local-c' ? k.split(':').at(-2)! : null)))).filter((x): x is string => x !== null);
        expect(runs).toHaveLength(1);
        const report = await crawler.waitForRun(runs[0], undefined, 200);
        expect(report.pages).toBe(31);
        expect(await countDocs(jks)).toBe(30);
      } finally {
        await worker.close();
        await crawler.close();
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await stopSite(site);
    }
  });

  it('schedules each enabled source (cron, UTC), removes a disabled one, and a scheduled tick runs the source', async () => {
    const jks = ALL_JKS.slice(200, 205);
    const site = await startSite(jks);
    const on = { ...source(site, 'sched-on'), cron: '*/30 * * * *' };
    const off = { ...source(site, 'sched-off'), enabled: false };
    const crawler = createCrawler({ config, pipeline, sources: [on, off] });
    try {
      await crawler.queue.upsertJobScheduler('crawl-sched-off', { pattern: '0 0 * * *', tz: 'UTC' }, { name: CRAWL_JOBS.source, data: { source: 'sched-off' } });
      expect(await crawler.scheduleSources()).toEqual(['sched-on']);
      const schedulers = await crawler.queue.getJobSchedulers();
      expect(schedulers.map((j) => [j.key, j.pattern, j.tz])).toEqual([['crawl-sched-on', '*/30 * * * *', 'UTC']]);
      expect(await crawler.lastRun('sched-on')).toBeNull();
      // What the scheduler enqueues at each tick, processed by the worker.
      await crawler.queue.add(CRAWL_JOBS.source, { source: 'sched-on' });
      const worker = crawler.startWorker();
      try {
        const report = await waitFor(async () => {
          // The report is read after pending is seen at zero: read before, it could miss the last pages' counts.
          const r = await crawler.lastRun('sched-on');
          return r && r.pages === 6 && (await crawler.pending(r.runId)) === 0 ? crawler.report(r.runId) : undefined;
        }, 60_000, 100);
        expect(report).toEqual(expect.objectContaining({ source: 'sched-on', new: 5, errors: 0 }));
        expect(await countDocs(jks)).toBe(5);
      } finally {
        await worker.close();
      }
      await crawler.queue.removeJobScheduler('crawl-sched-on');
    } finally {
      await crawler.close();
      await stopSite(site);
    }
  });
});
