import { spawn, type ChildProcess } from 'node:child_process';
import * as os from 'node:os';
import { resolve } from 'node:path';
import { Agent, get } from 'node:http';
import autocannon from 'autocannon';
import { loadConfig, REPO_ROOT } from '@jobportal/config';
import { createRng, normalizeLocation } from '@jobportal/postings';
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
  --connections  connections available to keep the rate when answers slow down
  --generator    paced (default): each request sent at its own arrival time, open loop, latency
                 counted from that time; autocannon: autocannon's overallRate (for comparison)
  --arrivals     poisson (default: independent users, exponential gaps) or uniform (equal gaps)
  --warmup       seconds at the same rate before the measured ones (paced only; default 15): the
                 first requests meet a just-started API and cold caches`;

function usageError(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

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
    generator: { type: 'string', default: 'paced' },
    arrivals: { type: 'string', default: 'poisson' },
    warmup: { type: 'string', default: '15' },
  });
  const warmup = int('warmup', values.warmup!, 0);
  const generator = values.generator!;
  const arrivals = values.arrivals!;
  if (generator !== 'paced' && generator !== 'autocannon') usageError(`--generator must be paced or autocannon, got "${generator}"`);
  if (arrivals !== 'poisson' && arrivals !== 'uniform') usageError(`--arrivals must be poisson or uniform, got "${arrivals}"`);
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
    const paths = mix.map((q) => apiPath(q.params));
    const loadStart = os.loadavg()[0];
    const started = new Date();
    log(`bench:load: ${rate} req/s (${generator}${generator === 'paced' ? `, ${arrivals} arrivals` : ''}) for ${duration} s over ${mix.length} queries, ${dataset.count} postings in ${dataset.index}`);
    const result = generator === 'paced' ? await paced(paths, { rate, duration, warmup, connections, arrivals, seed }) : await withAutocannon(paths, { rate, duration, connections });
    const sorted = Float64Array.from(result.times).sort();
    const loadEnd = os.loadavg()[0];
    const lines = [
      '',
      `### bench:load, ${dataset.count} postings (${dataset.index})`,
      `Command: npm run bench:load -- --count ${count} --rate ${rate} --duration ${duration} --connections ${connections} --generator ${generator}${generator === 'paced' ? ` --arrivals ${arrivals} --warmup ${warmup}` : ''}; started ${started.toISOString()}; ${os.cpus().length} cores (shared); load average (1 min) ${loadStart.toFixed(2)} before, ${loadEnd.toFixed(2)} after`,
      '',
      '| generator | offered req/s | sent | answered | achieved req/s | p50 ms | p95 ms | p99 ms | max ms | errors + timeouts | non-2xx |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      `| ${generator === 'paced' ? `paced, ${arrivals}` : 'autocannon overallRate'} | ${rate} | ${result.sent} | ${result.times.length} | ${(result.times.length / result.seconds).toFixed(1)} | ${percentile(sorted, 50).toFixed(0)} | ${percentile(sorted, 95).toFixed(0)} | ${percentile(sorted, 99).toFixed(0)} | ${(sorted[sorted.length - 1] ?? 0).toFixed(0)} | ${result.errors} | ${result.non2xx} |`,
    ];
    console.log(lines.join('\n'));
  } finally {
    api.kill('SIGTERM');
  }
}

interface LoadResult {
  sent: number;
  /** Seconds from the first measured arrival to the last measured answer (longer than --duration when answers lag). */
  seconds: number;
  /** Milliseconds of each answered request (2xx or not). */
  times: number[];
  errors: number;
  non2xx: number;
}

/**
 * An open-loop generator at a fixed arrival rate: request k is due at its arrival time whether or
 * not earlier ones have been answered, and its latency counts from that time, so time spent
 * waiting for a free connection is counted (no coordinated omission, as in wrk2). autocannon's
 * overallRate is not that: each connection sends its share of the second back to back from the
 * start of every second (100 req/s over 32 connections is 32 requests at once, then the rest as
 * answers come), a burst the API and Elasticsearch then queue, and its latency starts when a
 * request is written. Arrivals are Poisson by default (independent users), or evenly spaced.
 */
async function paced(paths: string[], o: { rate: number; duration: number; warmup: number; connections: number; arrivals: string; seed: number }): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: o.connections });
  const rng = createRng(o.seed, 12);
  const meanGap = 1000 / o.rate;
  const gap = () => (o.arrivals === 'uniform' ? meanGap : -Math.log(1 - rng.next()) * meanGap);
  const result: LoadResult = { sent: 0, seconds: o.duration, times: [], errors: 0, non2xx: 0 };
  let answeredAll = 0;
  let lastAnswer = 0;
  let pending = 0;
  let sentAll = 0;
  let lastCount = 0;
  const t0 = performance.now();
  // Requests due in the warm-up are sent (they load the system) but not counted.
  const measuredFrom = t0 + o.warmup * 1000;
  const end = measuredFrom + o.duration * 1000;
  const progress = setInterval(() => {
    const phase = performance.now() < measuredFrom ? 'warm-up' : 'measured';
    log(`  ${phase}: ${answeredAll} answers (${((answeredAll - lastCount) / 10).toFixed(0)} req/s over the last 10 s), ${pending} in flight`);
    lastCount = answeredAll;
  }, 10_000);
  await new Promise<void>((done) => {
    let due = t0;
    const finish = () => {
      if (pending === 0 && due >= end) done();
    };
    const send = (at: number) => {
      const counted = at >= measuredFrom;
      const path = paths[sentAll++ % paths.length];
      if (counted) result.sent++;
      pending++;
      let settled = false;
      const settle = (status: number | null) => {
        if (settled) return;
        settled = true;
        pending--;
        answeredAll++;
        if (!counted) return finish();
        lastAnswer = performance.now();
        if (status === null) result.errors++;
        else {
          result.times.push(performance.now() - at);
          if (status < 200 || status > 299) result.non2xx++;
        }
        finish();
      };
      const req = get({ host: '127.0.0.1', port: API_PORT, path, agent, timeout: 30_000 }, (res) => {
        res.resume();
        res.once('end', () => settle(res.statusCode ?? 0));
        res.once('error', () => settle(null));
      });
      req.once('timeout', () => req.destroy(new Error('timeout')));
      req.once('error', () => settle(null));
    };
    const tick = () => {
      const now = performance.now();
      while (due <= now && due < end) {
        send(due);
        due += gap();
      }
      if (due < end) setTimeout(tick, Math.max(0, due - performance.now()));
      else finish();
    };
    tick();
  });
  clearInterval(progress);
  agent.destroy();
  result.seconds = Math.max(o.duration, (lastAnswer - measuredFrom) / 1000);
  return result;
}

/** autocannon's overallRate over the same paths, for comparison with earlier runs. */
async function withAutocannon(paths: string[], o: { rate: number; duration: number; connections: number }): Promise<LoadResult> {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((res, rej) => {
    const instance = autocannon(
      { url: `http://127.0.0.1:${API_PORT}`, connections: o.connections, overallRate: o.rate, duration: o.duration, timeout: 30, requests: paths.map((path) => ({ method: 'GET', path })) },
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
  return { sent: result.requests.sent, seconds: o.duration, times, errors: result.errors + result.timeouts, non2xx: result.non2xx };
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
