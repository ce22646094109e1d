import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { loadConfig } from '@jobportal/config';
import { extractPage } from '@jobportal/postings';
import { deleteIndex, ensureIndex, type Client } from '@jobportal/search';
import { createCrawler } from '@jobportal/workers/dist/crawl/crawler';
import { createHostPoliteness } from '@jobportal/workers/dist/crawl/host-politeness';
import { createPoliteFetcher } from '@jobportal/workers/dist/crawl/polite-fetcher';
import { createIngestPipeline } from '@jobportal/workers/dist/ingest/ingest-pipeline';

/**
 * bench:crawl — pages/s from a local HTTP server serving the real saved Indeed pages (DATA_DIR),
 * (a) fetch + extraction only and (b) the whole crawl: the `crawl` queue, fetch, extraction, the
 * one ingest pipeline into Elasticsearch. Politeness is off (our own server), so the figure is
 * the crawler's own cost; (b)/(a) says what queue + pipeline + indexing take of it. On a shared
 * machine the CPU per page it prints (this process, Elasticsearch) is the steadier figure.
 * --concurrency is pages fetched at once in both (the crawl worker holds 4x as many jobs).
 */
const USAGE = `Usage: npm run bench:crawl -- [--pages 2000] [--concurrency 16] [--no-classify]`;

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : def;
}

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

/** CPU the Elasticsearch node's process has used, in ms (node stats). */
async function esCpuMs(es: Client): Promise<number> {
  const r = await es.nodes.stats({ metric: 'process' });
  return Object.values(r.nodes).reduce((a, n) => a + (n.process?.cpu?.total_in_millis ?? 0), 0);
}

async function main() {
  if (process.argv.includes('--help')) return void console.log(USAGE);
  const pages = Number(arg('pages', '2000'));
  const concurrency = Number(arg('concurrency', '16'));
  const classify = !process.argv.includes('--no-classify');
  const loadAtStart = os.loadavg()[0];
  const stamp = Date.now();
  const config = loadConfig({ ...process.env, ES_INDEX_PREFIX: `bench-crawl-${stamp}-`, QUEUE_PREFIX: `bench-crawl-${stamp}` });
  const dir = resolve(config.data.dir, 'html/indeed_posting_pages_2019');
  const files = readdirSync(dir).filter((f) => f.endsWith('_fccid.html'));
  const bodies = files.map((f) => readFileSync(join(dir, f)));

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/sitemap.xml') {
      const locs = Array.from({ length: pages }, (_, i) => `<url><loc>${base}/viewjob?jk=p${i}</loc></url>`).join('');
      return void res.writeHead(200, { 'content-type': 'application/xml' }).end(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs}</urlset>`);
    }
    const i = Number((url.searchParams.get('jk') ?? 'p0').slice(1));
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(bodies[i % bodies.length]);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // (a) fetch + extract, no queue, no Elasticsearch.
  const redis = new Redis(config.redis.url);
  const fetcher = createPoliteFetcher({ politeness: createHostPoliteness(redis, `${config.redis.queuePrefix}:`), polite: false, ...config.crawl });
  let next = 0;
  let extracted = 0;
  const cpuA = process.cpuUsage();
  const ta = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < pages) {
      const i = next++;
      const r = await fetcher.fetch(`${base}/viewjob?jk=p${i}`);
      if (r.kind === 'ok') extracted += extractPage('indeed', { url: r.url, body: r.body, contentType: r.contentType }).postings.length;
    }
  }));
  const aSeconds = (performance.now() - ta) / 1000;
  const aCpuMs = cpuMs(process.cpuUsage(cpuA));
  await fetcher.close();

  // (b) the whole crawl into Elasticsearch.
  const pipeline = await createIngestPipeline(config, undefined, { classify });
  // The index exists before (b) is timed, as it does for any running crawler: creating it (mapping,
  // synonym files) is a one-off cost that the first batch would otherwise carry.
  await ensureIndex(pipeline.es, 'postings', { prefix: config.elastic.indexPrefix });
  const crawler = createCrawler({
    config,
    pipeline,
    polite: false,
    concurrency,
    sources: [{ name: 'bench', adapter: 'sitemap', pageAdapter: 'indeed', startUrls: [`${base}/sitemap.xml`], cron: '0 * * * *', enabled: true, maxPages: pages + 10 }],
  });
  const worker = crawler.startWorker();
  const esCpuB = await esCpuMs(pipeline.es);
  const cpuB = process.cpuUsage();
  const tb = performance.now();
  let lastLog = 0;
  const report = await crawler.waitForRun(await crawler.startRun('bench'), (r) => {
    if (Date.now() - lastLog > 2000) {
      lastLog = Date.now();
      console.error(`[bench:crawl] fetched ${r.fetched}/${pages + 1} new ${r.new}`);
    }
  }, 50);
  const bSeconds = (performance.now() - tb) / 1000;
  const bCpuMs = cpuMs(process.cpuUsage(cpuB));
  const bEsCpuMs = (await esCpuMs(pipeline.es)) - esCpuB;
  await worker.close();
  await pipeline.es.indices.refresh({ index: pipeline.alias });
  const indexed = (await pipeline.es.count({ index: pipeline.alias })).count;

  const a = pages / aSeconds;
  const b = (report.fetched - 1) / bSeconds;
  console.log(`bench:crawl  pages ${pages}  concurrency ${concurrency}  classify ${classify}  cpus ${os.cpus().length}  load average at start ${loadAtStart.toFixed(2)}, at end ${os.loadavg()[0].toFixed(2)}`);
  console.log(`(a) fetch + extract          ${a.toFixed(1)} pages/s  (${extracted} postings, ${aSeconds.toFixed(2)} s)`);
  console.log(`(b) crawl queue -> ES        ${b.toFixed(1)} pages/s  (${report.new} new, ${indexed} in the index, errors ${report.errors}, ${bSeconds.toFixed(2)} s)`);
  console.log(`(b)/(a)                      ${(b / a).toFixed(2)}`);
  // CPU per page, which the other engineers' load does not inflate: this process (fetch, extraction,
  // queue client, pipeline) and the Elasticsearch node (indexing); Redis is shared, so not counted.
  console.log(`CPU per page: (a) ${(aCpuMs / pages).toFixed(2)} ms; (b) ${(bCpuMs / pages).toFixed(2)} ms here + ${(bEsCpuMs / pages).toFixed(2)} ms in Elasticsearch`);
  // Per-page means of each stage of (b) (they overlap: pages run side by side), and the pipeline calls.
  const st = crawler.stats();
  const per = (ms: number) => (ms / Math.max(st.pages, 1)).toFixed(1);
  console.log(`(b) per page: fetch ${per(st.fetchMs)} ms, extract ${per(st.extractMs)} ms, wait for index ${per(st.indexWaitMs)} ms, redis ${per(st.redisMs)} ms`);
  const ps = pipeline.stats();
  const perPosting = (ms: number) => (ms / Math.max(ps.postings, 1)).toFixed(2);
  console.log(`(b) pipeline per posting: normalize ${perPosting(ps.normalizeMs)} ms, classify ${perPosting(ps.classifyMs)} ms; bulk ${ps.bulkCalls} calls, ${(ps.bulkMs / Math.max(ps.bulkCalls, 1)).toFixed(1)} ms each`);
  console.log(`(b) pipeline: ${st.pipelineCalls} calls, ${(st.pipelinePostings / Math.max(st.pipelineCalls, 1)).toFixed(1)} postings each, ${(st.pipelineMs / Math.max(st.pipelineCalls, 1)).toFixed(1)} ms each`);

  await crawler.close();
  await deleteIndex(pipeline.es, 'postings', { prefix: config.elastic.indexPrefix }).catch(() => undefined);
  await pipeline.close();
  const keys = await redis.keys(`${config.redis.queuePrefix}*`);
  for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
  await redis.quit();
  server.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
