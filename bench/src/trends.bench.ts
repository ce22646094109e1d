import * as os from 'node:os';
import type { estypes } from '@elastic/elasticsearch';
import { loadConfig } from '@jobportal/config';
import { TREND_PANELS, type JobSearchParams } from '@jobportal/contracts';
import {
  buildGrowthCellsRequest,
  buildGrowthCoverageRequest,
  buildTrendsExtentRequest,
  buildTrendsRequest,
  buildTrendsRequests,
  createSearchClient,
  defaultInterval,
  mapGrowthCoverage,
  searchTogether,
  toMsearchBody,
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
    // current: the panels as the backend sends them (buildTrendsRequests, two searches in one
    // _msearch); one-search: all panels in one search, as before the split. Measured interleaved.
    type Mode = 'current' | 'one-search';
    const load = async (params: JobSearchParams, mode: Mode) => {
      const started = performance.now();
      const latest = mapTrendsExtent(await search(buildTrendsExtentRequest(params, ctx))) ?? new Date();
      const to = new Date(Math.floor(latest.getTime() / 86_400_000) * 86_400_000 + 86_400_000);
      const from = new Date(Date.UTC(to.getUTCFullYear() - 1, to.getUTCMonth(), to.getUTCDate()));
      const w = { from, to, interval: defaultInterval(from, to), panels: TREND_PANELS, top: 10 };
      const coverage = search(buildGrowthCoverageRequest(ds.alias)).then(async (res) => {
        const sources = sourceWindows(mapGrowthCoverage(res), 90, null);
        if (sources.some((s) => s.included)) await search(buildGrowthCellsRequest(ds.alias, sources, 'state', '15'));
      });
      const panels =
        mode === 'current'
          ? searchTogether(es, toMsearchBody(buildTrendsRequests(params, ctx, w).map((r) => ({ ...r, request_cache: false }))))
          : search(buildTrendsRequest(params, ctx, w));
      // The dashboard sends /api/trends and /api/trends/growth side by side.
      await Promise.all([panels, coverage]);
      return performance.now() - started;
    };
    const modes: Mode[] = ['current', 'one-search'];
    for (let i = 0; i < 3; i++) for (const mode of modes) await load(filters[i % filters.length], mode);
    const times: Record<Mode, number[]> = { current: [], 'one-search': [] };
    for (let i = 0; i < runs; i++) {
      for (const mode of i % 2 === 0 ? modes : [...modes].reverse()) times[mode].push(await load(filters[i % filters.length], mode));
      if ((i + 1) % 10 === 0) log(`${i + 1}/${runs} loads of each`);
    }
    const fmt = (x: number) => x.toFixed(1);
    console.log(`bench:trends  postings=${ds.count}  runs=${runs} of each, interleaved  cores=${os.cpus().length}  load=${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    console.log('| dashboard load (extent + 10 panels + growth coverage + cells) | p50 ms | p95 ms | max ms |');
    console.log('| --- | ---: | ---: | ---: |');
    for (const mode of modes) {
      const t = times[mode].sort((a, b) => a - b);
      console.log(`| ${mode === 'current' ? 'current: panels in two searches side by side' : 'one search with every panel (before)'} | ${fmt(percentile(t, 50))} | ${fmt(percentile(t, 95))} | ${fmt(t[t.length - 1])} |`);
    }
    const p95 = (m: Mode) => percentile(times[m], 95);
    console.log(`one-search / current p95: ${(p95('one-search') / p95('current')).toFixed(2)}; target p95 <= 500 ms`);
  } finally {
    await es.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
