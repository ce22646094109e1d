import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import { loadConfig } from '@jobportal/config';
import type { PostingDocument } from '@jobportal/contracts';
import { postingId, type CrawlSource } from '@jobportal/postings';
import { createCrawler, type Crawler } from '../src/crawl/crawler';
import { createIngestPipeline, type IngestPipeline } from '../src/ingest/ingest-pipeline';

/**
 * Liveness end to end: local sites (JSON-LD pages behind a sitemap, a Greenhouse board API, a
 * Craigslist posting, a page whose JSON-LD a script writes), the `crawl` queue on real Redis and the
 * one ingest pipeline into a real Elasticsearch node. Each expiry rule expires; nothing else does.
 */
const stamp = `${process.pid}-${Date.now()}`;
const env = {
  ...process.env,
  NODE_ENV: 'test',
  ES_INDEX_PREFIX: `e2e-live-${stamp}-`,
  QUEUE_PREFIX: `e2e-live-${stamp}`,
  CRAWL_HOST_RATE_PER_S: '1000',
  CRAWL_HOST_BURST: '100',
  CRAWL_MAX_RETRIES: '0',
  CRAWL_TIMEOUT_MS: '1500',
  // The failing pages of one host must not open its breaker and hide what each answer does.
  CRAWL_BREAKER_THRESHOLD: '100',
};
const config = loadConfig(env);
const FIXTURES = resolve(__dirname, '../../libs/postings/src/crawl/fixtures');
const fixture = (name: string) => readFileSync(resolve(FIXTURES, name), 'utf8');

type Mode = 'ok' | 'empty' | 'hang' | number;

interface Site {
  base: string;
  host: string;
  server: Server;
  sockets: Set<Socket>;
  /** Path -> what it answers. */
  pages: Map<string, { mode: Mode; body: () => string; type?: string }>;
  /** Paths listed in /sitemap.xml, and their lastmod when not the default. */
  sitemap: string[];
  lastmod: Map<string, string>;
  robots: string;
}

async function startSite(): Promise<Site> {
  const site: Site = { base: '', host: '', server: createServer(), sockets: new Set(), pages: new Map(), sitemap: [], lastmod: new Map(), robots: 'User-agent: *\nAllow: /\n' };
  site.server.on('connection', (s) => {
    site.sockets.add(s);
    s.on('close', () => site.sockets.delete(s));
  });
  site.server.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end(site.robots);
    if (url.pathname === '/sitemap.xml') {
      const entries = site.sitemap.map((p) => `<url><loc>${site.base}${p}</loc><lastmod>${site.lastmod.get(p) ?? '2026-11-20'}</lastmod></url>`).join('');
      return void res.writeHead(200, { 'content-type': 'application/xml' }).end(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${entries}</urlset>`);
    }
    const page = site.pages.get(url.pathname + url.search);
    if (!page) return void res.writeHead(404).end();
    if (page.mode === 'hang') return; // never answers: the fetcher's time-out
    if (typeof page.mode === 'number') return void res.writeHead(page.mode, page.mode === 429 ? { 'retry-after': '0' } : {}).end('no');
    const body = page.mode === 'empty' ? '<!doctype html><html><body><p>Loading…</p></body></html>' : page.body();
    res.writeHead(200, { 'content-type': page.type ?? 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise<void>((r) => site.server.listen(0, '127.0.0.1', r));
  const port = (site.server.address() as AddressInfo).port;
  site.base = `http://127.0.0.1:${port}`;
  site.host = `127.0.0.1:${port}`;
  return site;
}

async function stopSite(site: Site): Promise<void> {
  for (const s of site.sockets) s.destroy();
  await new Promise((r) => site.server.close(r));
}

function jobLd(tag: string, n: number, validThrough: string | null = '2027-06-30'): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'JobPosting',
    identifier: { '@type': 'PropertyValue', value: `${tag}-${n}` },
    title: `Liveness Engineer ${n}`,
    description: `<p>Keep crawled job posting number ${n} honest: expire it only when its source says it is gone.</p>`,
    datePosted: '2026-11-20',
    ...(validThrough ? { validThrough } : {}),
    hiringOrganization: { '@type': 'Organization', name: 'Acme Liveness' },
    jobLocation: { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'Austin', addressRegion: 'TX', addressCountry: 'US' } },
  };
}

function jobPage(ld: Record<string, unknown>): string {
  return `<!doctype html><html><head><title>${String(ld.title)}</title><script type="application/ld+json">${JSON.stringify(ld)}</script></head><body><h1>${String(ld.title)}</h1></body></html>`;
}

/** The document id the pipeline gives a JSON-LD posting of `tag`-`n` from this site. */
const ldId = (tag: string, n: number) => postingId('crawl_jsonld', `127.0.0.1:${tag}-${n}`);

let pipeline: IngestPipeline;
let redis: Redis;

async function docs(ids: string[]): Promise<Map<string, PostingDocument>> {
  await pipeline.es.indices.refresh({ index: pipeline.alias });
  const res = await pipeline.es.mget<PostingDocument>({ index: pipeline.alias, ids });
  return new Map(res.docs.flatMap((d) => ('found' in d && d.found && d._source ? [[d._id, d._source] as const] : [])));
}

async function statuses(ids: string[]): Promise<Array<[string | undefined, string | null | undefined]>> {
  const found = await docs(ids);
  return ids.map((id) => [found.get(id)?.status, found.get(id)?.expiry_reason]);
}

async function run(crawler: Crawler, runId: Promise<string>) {
  return crawler.waitForRun(await runId, undefined, 100);
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

describe('crawl liveness (local sites -> crawl queue -> pipeline -> Elasticsearch)', () => {
  it('a re-check expires on 404, 410 and a past validThrough, never on 401/403/429/500, a time-out, an empty page or robots', async () => {
    const site = await startSite();
    const tag = 'rules';
    const N = 10;
    const validThrough = new Map<number, string>();
    for (let n = 1; n <= N; n++) {
      site.pages.set(`/jobs/${n}`, { mode: 'ok', body: () => jobPage(jobLd(tag, n, validThrough.get(n) ?? '2027-06-30')) });
      site.sitemap.push(`/jobs/${n}`);
    }
    const src: CrawlSource = { name: 'live-rules', adapter: 'sitemap', pageAdapter: 'jsonld', startUrls: [`${site.base}/sitemap.xml`], cron: '0 * * * *', enabled: true };
    const ids = Array.from({ length: N }, (_, i) => ldId(tag, i + 1));
    let crawler = createCrawler({ config, pipeline, sources: [src] });
    let worker = crawler.startWorker();
    try {
      const first = await run(crawler, crawler.startRun(src.name));
      expect(first).toEqual(expect.objectContaining({ new: N, expired: 0, errors: 0 }));
      // Every imported posting starts live, without expiry fields.
      expect(await statuses(ids)).toEqual(ids.map(() => ['live', null]));

      site.pages.get('/jobs/1')!.mode = 404;
      site.pages.get('/jobs/2')!.mode = 410;
      site.pages.get('/jobs/3')!.mode = 401;
      site.pages.get('/jobs/4')!.mode = 403;
      site.pages.get('/jobs/5')!.mode = 429;
      site.pages.get('/jobs/6')!.mode = 500;
      site.pages.get('/jobs/7')!.mode = 'hang';
      site.pages.get('/jobs/8')!.mode = 'empty';
      site.robots = 'User-agent: *\nDisallow: /jobs/9\n';
      validThrough.set(10, '2026-01-31');
      // robots.txt is cached (Redis 24 h, a minute in process): a new day's copy, read by a new process.
      await worker.close();
      await crawler.close();
      await redis.del(`${config.redis.queuePrefix}:crawl:robots:${site.base}`);
      crawler = createCrawler({ config, pipeline, sources: [src] });
      worker = crawler.startWorker();

      // The scheduled re-check: every live page of the source (the batch is larger than 10).
      const recheck = await run(crawler, crawler.startRecheck(src.name));
      expect(recheck.pages).toBe(N);
      expect(recheck.expired).toBe(3);
      expect(recheck.errorsByReason).toEqual(expect.objectContaining({ forbidden: 2, rate_limited: 1, server_error: 1, timeout: 1, robots_disallowed: 1, no_posting: 1 }));
      expect(await statuses(ids)).toEqual([
        ['expired', 'gone'],
        ['expired', 'gone'],
        ['live', null],
        ['live', null],
        ['live', null],
        ['live', null],
        ['live', null],
        ['live', null],
        ['live', null],
        ['expired', 'valid_through_passed'],
      ]);
      const gone = (await docs([ids[0]])).get(ids[0])!;
      expect(Date.parse(gone.expired_at!)).toBeGreaterThan(Date.now() - 120_000);

      // A page that answers again brings its posting back to life.
      site.pages.get('/jobs/1')!.mode = 'ok';
      const back = await run(crawler, crawler.startRecheck(src.name));
      // Expired pages are not re-checked (only pages with live postings are): it comes back when the
      // sitemap lists it as changed.
      expect(back.pages).toBe(8);
      expect(back.expired).toBe(0);
      expect((await statuses([ids[0]]))[0]).toEqual(['expired', 'gone']);
      site.lastmod.set('/jobs/1', '2026-12-01');
      const full = await run(crawler, crawler.startRun(src.name));
      expect(full.expired).toBe(0);
      expect((await statuses([ids[0]]))[0]).toEqual(['live', null]);
    } finally {
      await worker.close();
      await crawler.close();
      await stopSite(site);
    }
  });

  it('a page absent once from the sitemap stays live; absent from two sitemaps in a row it expires', async () => {
    const site = await startSite();
    const tag = 'absent';
    for (let n = 1; n <= 3; n++) {
      site.pages.set(`/a/${n}`, { mode: 'ok', body: () => jobPage(jobLd(tag, n)) });
      site.sitemap.push(`/a/${n}`);
    }
    const src: CrawlSource = { name: 'live-absent', adapter: 'sitemap', pageAdapter: 'jsonld', startUrls: [`${site.base}/sitemap.xml`], cron: '0 * * * *', enabled: true };
    const ids = [1, 2, 3].map((n) => ldId(tag, n));
    const crawler = createCrawler({ config, pipeline, sources: [src] });
    const worker = crawler.startWorker();
    try {
      expect(await run(crawler, crawler.startRun(src.name))).toEqual(expect.objectContaining({ new: 3, expired: 0 }));
      site.sitemap = ['/a/1', '/a/2'];
      expect((await run(crawler, crawler.startRun(src.name))).expired).toBe(0);
      expect(await statuses(ids)).toEqual([['live', null], ['live', null], ['live', null]]);
      // The same sitemap again (same bytes): the second listing in a row without /a/3.
      expect((await run(crawler, crawler.startRun(src.name))).expired).toBe(1);
      expect(await statuses(ids)).toEqual([['live', null], ['live', null], ['expired', 'absent_from_listing']]);
    } finally {
      await worker.close();
      await crawler.close();
      await stopSite(site);
    }
  });

  it('a Greenhouse board: a posting absent once stays, absent twice expires; a 500 or an empty listing counts no absence', async () => {
    const site = await startSite();
    const board = JSON.parse(fixture('greenhouse-jobs.json')) as { jobs: unknown[] };
    let listing: { jobs: unknown[] } = board;
    const path = '/v1/boards/acme/jobs?content=true';
    site.pages.set(path, { mode: 'ok', type: 'application/json', body: () => JSON.stringify(listing) });
    const src: CrawlSource = { name: 'live-gh', adapter: 'greenhouse', startUrls: [`${site.base}${path}`], cron: '0 * * * *', enabled: true };
    const [a, b] = ['acme:4012345', 'acme:4012399'].map((id) => postingId('crawl_greenhouse', id));
    const crawler = createCrawler({ config, pipeline, sources: [src] });
    const worker = crawler.startWorker();
    try {
      expect(await run(crawler, crawler.startRun(src.name))).toEqual(expect.objectContaining({ new: 2, expired: 0 }));
      listing = { jobs: [board.jobs[0]] };
      expect((await run(crawler, crawler.startRun(src.name))).expired).toBe(0);
      // A board down for a run, then a listing that holds nothing: neither is a second absence.
      site.pages.get(path)!.mode = 500;
      expect((await run(crawler, crawler.startRun(src.name))).expired).toBe(0);
      site.pages.get(path)!.mode = 'ok';
      listing = { jobs: [] };
      expect((await run(crawler, crawler.startRun(src.name))).expired).toBe(0);
      expect(await statuses([a, b])).toEqual([['live', null], ['live', null]]);
      listing = { jobs: [board.jobs[0]] };
      const second = await run(crawler, crawler.startRun(src.name));
      expect(second.expired).toBe(1);
      expect(await statuses([a, b])).toEqual([['live', null], ['expired', 'absent_from_listing']]);
    } finally {
      await worker.close();
      await crawler.close();
      await stopSite(site);
    }
  });

  it('a Craigslist posting whose page now says it expired is expired; a site that disappears expires nothing', async () => {
    const site = await startSite();
    const path = '/sfc/sof/d/x/7812345678.html';
    let html = fixture('craigslist-posting-current.html');
    site.pages.set(path, { mode: 'ok', body: () => html });
    const src: CrawlSource = { name: 'live-cl', adapter: 'craigslist', startUrls: [`${site.base}${path}`], cron: '0 * * * *', enabled: true };
    const id = postingId('crawl_craigslist', '7812345678');
    const crawler = createCrawler({ config, pipeline, sources: [src] });
    const worker = crawler.startWorker();
    try {
      expect(await run(crawler, crawler.startRun(src.name))).toEqual(expect.objectContaining({ new: 1, expired: 0 }));
      await stopSite(site);
      const down = await run(crawler, crawler.startRecheck(src.name));
      expect(down).toEqual(expect.objectContaining({ pages: 1, expired: 0 }));
      expect(down.errors).toBe(1);
      expect(await statuses([id])).toEqual([['live', null]]);

      await new Promise<void>((r) => site.server.listen(Number(new URL(site.base).port), '127.0.0.1', r));
      html = fixture('craigslist-expired.html');
      const gone = await run(crawler, crawler.startRecheck(src.name));
      expect(gone.expired).toBe(1);
      expect(await statuses([id])).toEqual([['expired', 'page_expired']]);
    } finally {
      await worker.close();
      await crawler.close();
      if (site.server.listening) await stopSite(site);
    }
  });

  it('the validThrough sweep expires crawled postings whose date passed since their page was read', async () => {
    const site = await startSite();
    const tag = 'sweep';
    const soon = new Date(Date.now() + 2500).toISOString();
    site.pages.set('/s/1', { mode: 'ok', body: () => jobPage(jobLd(tag, 1, soon)) });
    site.pages.set('/s/2', { mode: 'ok', body: () => jobPage(jobLd(tag, 2, '2027-06-30')) });
    site.sitemap.push('/s/1', '/s/2');
    const src: CrawlSource = { name: 'live-sweep', adapter: 'sitemap', pageAdapter: 'jsonld', startUrls: [`${site.base}/sitemap.xml`], cron: '0 * * * *', enabled: true };
    const ids = [ldId(tag, 1), ldId(tag, 2)];
    const crawler = createCrawler({ config, pipeline, sources: [src] });
    const worker = crawler.startWorker();
    try {
      expect(await run(crawler, crawler.startRun(src.name))).toEqual(expect.objectContaining({ new: 2, expired: 0 }));
      expect(await statuses(ids)).toEqual([['live', null], ['live', null]]);
      await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(soon) - Date.now()) + 100));
      await pipeline.es.indices.refresh({ index: pipeline.alias });
      expect(await crawler.sweep()).toBe(1);
      expect(await statuses(ids)).toEqual([['expired', 'valid_through_passed'], ['live', null]]);
      // Nothing more to sweep: an expired posting is not expired again.
      await pipeline.es.indices.refresh({ index: pipeline.alias });
      expect(await crawler.sweep()).toBe(0);
    } finally {
      await worker.close();
      await crawler.close();
      await stopSite(site);
    }
  });

  it('render: true reads JSON-LD that a script writes into the page; the same page without render yields none', async () => {
    const site = await startSite();
    const ld = jobLd('render', 1);
    // The posting's markup exists only after the page's JavaScript ran.
    const page = `<!doctype html><html><head><title>Loading</title></head><body><div id="app">Loading…</div><script>
      setTimeout(function () {
        var s = document.createElement('script'); s.type = 'application/ld+json';
        s.textContent = ${JSON.stringify(JSON.stringify(ld))};
        document.head.appendChild(s);
        document.getElementById('app').textContent = ${JSON.stringify(String(ld.title))};
      }, 50);
    </script></body></html>`;
    site.pages.set('/r/1', { mode: 'ok', body: () => page });
    const plain: CrawlSource = { name: 'live-plain', adapter: 'jsonld', startUrls: [`${site.base}/r/1`], cron: '0 * * * *', enabled: true };
    const rendered: CrawlSource = { ...plain, name: 'live-render', render: true };
    const crawler = createCrawler({ config, pipeline, sources: [plain, rendered] });
    const worker = crawler.startWorker();
    try {
      const without = await run(crawler, crawler.startRun(plain.name));
      expect(without).toEqual(expect.objectContaining({ fetched: 1, new: 0 }));
      expect(without.errorsByReason).toEqual({ no_posting: 1 });
      const withBrowser = await run(crawler, crawler.startRun(rendered.name));
      expect(withBrowser).toEqual(expect.objectContaining({ fetched: 1, new: 1, errors: 0 }));
      const doc = (await docs([ldId('render', 1)])).get(ldId('render', 1));
      expect(doc).toEqual(expect.objectContaining({ title: 'Liveness Engineer 1', company: 'Acme Liveness', status: 'live' }));
      // A render:true page that answers 404 is gone like any other.
      site.pages.get('/r/1')!.mode = 404;
      expect((await run(crawler, crawler.startRecheck(rendered.name))).expired).toBe(1);
    } finally {
      await worker.close();
      await crawler.close();
      await stopSite(site);
    }
  });
});
