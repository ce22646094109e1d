import * as os from 'node:os';
import type { estypes } from '@elastic/elasticsearch';
import { loadConfig } from '@jobportal/config';
import { TREND_PANELS, type JobSearchParams } from '@jobportal/contracts';
import {
  buildGrowthCellsRequest,
  buildGrowthCoverageRequest,
  buildTrendsExtentRequest,
  buildTrendsRequest,
  createSearchClient,
  defaultInterval,
  mapGrowthCoverage,
  mapTrendsExtent,
  sourceWindows,
} from '@jobportal/search';
import { ensureGeneratedFile, ensureIndexedDataset, log } from './search/dataset';
import { parseOptions, percentile } from './support';

/**
 * bench:trends — the trends dashboard's requests (the default-range search, all ten panels (the heat map rows included) in one
 * search, and growth's coverage + cells searches) with the exact bodies the backend sends, timed
 * sequentially as one dashboard load, over generated postings (the bench:search datasets).
 */
const USAGE = `Usage: npm run bench:trends -- [--count 100000] [--runs 30] [--seed 42]
  --count  generated postings (index bench-search-<100k|1m>-postings, shared with bench:search; imported on first use)
  --runs   dashboard loads measured, after 3 not measured`;

async function main() {
  const { values, int } = parseOptions(USAGE, { count: { type: 'string', default: '100000' }, runs: { type: 'string', default: '30' }, seed: { type: 'string', default: '42' } });
  const count = int('count', values.count, 1);
  const runs = int('runs', values.runs, 1);
  const config = loadConfig();
  const es = createSearchClient({ node: config.elastic.node, requestTimeoutMs: 600_000, maxRetries: 0 });
  try {
    const file = await ensureGeneratedFile(config, count, int('seed', values.seed, 0));
    const ds = await ensureIndexedDataset(es, config, file, `bench-search-${count >= 1_000_000 ? `${count / 1_000_000}m` : `${count / 1000}k`}-`);
    const ctx = { index: ds.alias, now: new Date() };
    const filters: JobSearchParams[] = [{}, { workMode: ['remote'] }, { occupation: ['15'] }, { experience: ['entry'] }];
    // The shard request cache would answer every repeat of a size-0 body: measure the work, not the cache.
    const search = (req: estypes.SearchRequest) => es.search({ ...req, request_cache: false });
    const load = async (params: JobSearchParams) => {
      const started = performance.now();
      const latest = mapTrendsExtent(await search(buildTrendsExtentRequest(params, ctx))) ?? new Date();
      const to = new Date(Math.floor(latest.getTime() / 86_400_000) * 86_400_000 + 86_400_000);
      const from = new Date(Date.UTC(to.getUTCFullYear() - 1, to.getUTCMonth(), to.getUTCDate()));
      const w = { from, to, interval: defaultInterval(from, to), panels: TREND_PANELS, top: 10 };
      const coverage = search(buildGrowthCoverageRequest(ds.alias)).then(async (res) => {
        const sources = sourceWindows(mapGrowthCoverage(res), 90, null);
        if (sources.some((s) => s.included)) await search(buildGrowthCellsRequest(ds.alias, sources, 'state', '15'));
      });
      // The dashboard sends /api/trends and /api/trends/growth side by side.
      await Promise.all([search(buildTrendsRequest(params, ctx, w)), coverage]);
      return performance.now() - started;
    };
    for (let i = 0; i < 3; i++) await load(filters[i % filters.length]);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      times.push(await load(filters[i % filters.length]));
      if ((i + 1) % 10 === 0) log(`${i + 1}/${runs} loads`);
    }
    times.sort((a, b) => a - b);
    const fmt = (x: number) => x.toFixed(1);
    console.log(`bench:trends  postings=${ds.count}  runs=${runs}  cores=${os.cpus().length}  load=${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    console.log(`dashboard load (extent + 9 panels + growth coverage + cells), ms: p50=${fmt(percentile(times, 50))} p95=${fmt(percentile(times, 95))} max=${fmt(times[times.length - 1])}  target p95 <= 500`);
  } finally {
    await es.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
