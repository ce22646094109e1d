import { spawn, type ChildProcess } from 'node:child_process';
import * as os from 'node:os';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import { loadConfig, REPO_ROOT } from '@jobportal/config';
import { normalizeLocation } from '@jobportal/postings';
import { createSearchClient } from '@jobportal/search';
import { ensureGeneratedFile, ensureIndexedDataset, log } from './search/dataset';
import { apiPath, buildQueryMix, loadVocabulary } from './search/query-mix';
import { parseOptions as parseCommandLine, percentile } from './support';

/**
 * bench:load — a fixed arrival rate (not a fixed concurrency) of the mixed search workload against
 * the API on loopback, for a bounded time: the shape of issue 12's "100 req/s for 5 minutes"
 * (target p99 < 300 ms, 0 errors). Rate, duration and dataset size are options; the dataset is the
 * bench:search one (generated postings, imported once into bench-search-<size>-postings).
 */
const USAGE = `Usage: npm run bench:load -- [--count 100000] [--rate 100] [--duration 300] [--connections 32] [--seed 42] [--queries 40]
  --count        generated postings in the index (reuses bench:search's bench-search-<size> index)
  --rate         requests per second offered in total (autocannon overallRate)
  --duration     seconds measured (at most 900)
  --connections  connections available to keep the rate when answers slow down`;

const API_PORT = 3302;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const label = (count: number) => (count >= 1_000_000 ? `${count / 1_000_000}m` : `${Math.round(count / 1000)}k`);

async function main() {
  const { values, int } = parseCommandLine(USAGE, {
    count: { type: 'string', default: '100000' },
    rate: { type: 'string', default: '100' },
    duration: { type: 'string', default: '300' },
    connections: { type: 'string', default: '32' },
    seed: { type: 'string', default: '42' },
    queries: { type: 'string', default: '40' },
  });
  const count = int('count', values.count!, 1);
  const rate = int('rate', values.rate!, 1);
  const duration = Math.min(int('duration', values.duration!, 1), 900);
  const connections = int('connections', values.connections!, 1);
  const seed = int('seed', values.seed!, 0);
  const config = loadConfig();
  const es = createSearchClient({ node: config.elastic.node, requestTimeoutMs: 600_000, maxRetries: 0 });
  const file = await ensureGeneratedFile(config, count, seed);
  const prefix = `bench-search-${label(count)}-`;
  const dataset = await ensureIndexedDataset(es, config, file, prefix);
  const vocab = await loadVocabulary(es, dataset.alias);
  vocab.places = vocab.places.filter((p) => normalizeLocation(p).geo);
  const mix = buildQueryMix(vocab, seed, int('queries', values.queries!, 4));
  await es.close();

  const api: ChildProcess = spawn(process.execPath, [resolve(REPO_ROOT, 'apps/backend/dist/main.js')], {
    env: { ...process.env, ES_INDEX_PREFIX: prefix, PORT: String(API_PORT), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (let i = 0; ; i++) {
      if (api.exitCode !== null) throw new Error(`the API exited with code ${api.exitCode}`);
      if (await fetch(`http://127.0.0.1:${API_PORT}/api/jobs/search?size=1`).then((r) => r.ok).catch(() => false)) break;
      if (i > 480) throw new Error('the API did not answer within 120 s');
      await sleep(250);
    }
    const loadStart = os.loadavg()[0];
    const started = new Date();
    log(`bench:load: ${rate} req/s for ${duration} s over ${mix.length} queries, ${dataset.count} postings in ${dataset.index}`);
    const times: number[] = [];
    const result = await new Promise<autocannon.Result>((res, rej) => {
      const instance = autocannon(
        { url: `http://127.0.0.1:${API_PORT}`, connections, overallRate: rate, duration, timeout: 30, requests: mix.map((q) => ({ method: 'GET', path: apiPath(q.params) })) },
        (err, r) => (err ? rej(err) : res(r)),
      );
      instance.on('response', (_c, _s, _b, responseTime) => times.push(responseTime));
      let last = 0;
      const timer = setInterval(() => {
        log(`  ${times.length} answers (${((times.length - last) / 10).toFixed(0)} req/s over the last 10 s)`);
        last = times.length;
      }, 10_000);
      instance.once('done', () => clearInterval(timer));
    });
    const sorted = Float64Array.from(times).sort();
    const loadEnd = os.loadavg()[0];
    const lines = [
      '',
      `### bench:load, ${dataset.count} postings (${dataset.index})`,
      `Command: npm run bench:load -- --count ${count} --rate ${rate} --duration ${duration} --connections ${connections}; started ${started.toISOString()}; ${os.cpus().length} cores (shared); load average (1 min) ${loadStart.toFixed(2)} before, ${loadEnd.toFixed(2)} after`,
      '',
      '| offered req/s | answered | achieved req/s | p50 ms | p95 ms | p99 ms | max ms | errors + timeouts | non-2xx |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      `| ${rate} | ${result.requests.total} | ${(result.requests.total / duration).toFixed(1)} | ${percentile(sorted, 50).toFixed(0)} | ${percentile(sorted, 95).toFixed(0)} | ${percentile(sorted, 99).toFixed(0)} | ${(sorted[sorted.length - 1] ?? 0).toFixed(0)} | ${result.errors + result.timeouts} | ${result.non2xx} |`,
    ];
    console.log(lines.join('\n'));
  } finally {
    api.kill('SIGTERM');
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
