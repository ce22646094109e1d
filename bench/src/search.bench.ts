import { fork, spawn, type ChildProcess } from 'node:child_process';
import * as os from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { loadConfig, REPO_ROOT } from '@jobportal/config';
import type { JobSearchParams } from '@jobportal/contracts';
import { normalizeLocation } from '@jobportal/postings';
import { buildJobSearchRequests, createSearchClient, toMsearchBody, type Client, type ResolvedPlace } from '@jobportal/search';
import { ensureGeneratedFile, ensureIndexedDataset, log, type IndexedDataset } from './search/dataset';
import { apiPath, buildQueryMix, loadVocabulary, type MixQuery, type QueryKind } from './search/query-mix';
import { parseOptions as parseCommandLine, percentile } from './support';

/**
 * bench:search — latency and throughput of GET /api/jobs/search under a fixed query mix, side by
 * side with (b) the identical request bodies sent straight to Elasticsearch and (c) a seed-style
 * in-memory scan (what a pandas/Flask app does), at fixed concurrency, for 100k and 1M postings.
 */

const USAGE = `Usage: npm run bench:search -- [--counts 100000,1000000] [--seed 42] [--queries 40]
       [--connections 8] [--duration 20] [--warmup 5] [--reimport] [--only a,b,c]
  --counts       generated postings per dataset; each gets its own index bench-search-<100k|1m>-postings
                 (generated and imported on the first run, reused while it holds a complete import)
  --connections  autocannon connections (fixed concurrency) for every target
  --duration     seconds measured per target; --warmup seconds before each, not measured
  --reimport     drop and re-import the bench indices`;

const API_PORT = 3300;
const BASELINE_PORT = 3301;

interface TargetResult {
  target: string;
  requests: number;
  errors: number;
  non2xx: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const label = (count: number) => (count >= 1_000_000 ? `${count / 1_000_000}m` : `${Math.round(count / 1000)}k`);

function parseOptions() {
  const { values, int } = parseCommandLine(USAGE, {
    counts: { type: 'string', default: '100000,1000000' },
    seed: { type: 'string', default: '42' },
    queries: { type: 'string', default: '40' },
    connections: { type: 'string', default: '8' },
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    only: { type: 'string', default: 'a,b,c' },
    reimport: { type: 'boolean', default: false },
  });
  return {
    counts: values.counts!.split(',').map((c) => int('counts', c.trim(), 1)),
    seed: int('seed', values.seed!, 0),
    queries: int('queries', values.queries!, 4),
    connections: int('connections', values.connections!, 1),
    duration: int('duration', values.duration!, 1),
    warmup: int('warmup', values.warmup!, 0),
    only: new Set(values.only!.split(',').map((s) => s.trim())),
    reimport: values.reimport!,
  };
}

/** The place the backend's LocationsService.resolve gives the `location` text (same gazetteer code). */
function resolvePlace(text: string | undefined): ResolvedPlace | null {
  if (!text) return null;
  const { location, geo } = normalizeLocation(text);
  return { city: location.city, region: location.region, regionCode: location.region_code, countryCode: location.country_code, geo };
}

/** (b)'s request: exactly the _msearch JobsService.search sends for these params (hits + facets), as NDJSON. */
function esBody(params: JobSearchParams, index: string, now: Date): string {
  const { hits, facets } = buildJobSearchRequests(params, { index, now, place: resolvePlace(params.location) });
  return `${toMsearchBody([hits, facets]).map((line) => JSON.stringify(line)).join('\n')}\n`;
}

async function waitFor(url: string, child: ChildProcess, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`${what} did not answer ${url} within ${timeoutMs / 1000} s`);
}

function startApi(prefix: string): ChildProcess {
  const child = spawn(process.execPath, [resolve(REPO_ROOT, 'apps/backend/dist/main.js')], {
    env: { ...process.env, ES_INDEX_PREFIX: prefix, PORT: String(API_PORT), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

async function startBaseline(alias: string): Promise<{ child: ChildProcess; info: { rows: number; loadSeconds: number; heapMiB: number; rssMiB: number } }> {
  const child = fork(join(__dirname, 'search/baseline-server.js'), [alias, String(BASELINE_PORT)], { execArgv: ['--max-old-space-size=6144', '--expose-gc'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const info = await new Promise<{ rows: number; loadSeconds: number; heapMiB: number; rssMiB: number }>((res, rej) => {
    child.once('message', (m) => res(m as never));
    child.once('exit', (code) => rej(new Error(`baseline server exited with code ${code}`)));
  });
  return { child, info };
}

async function stop(child: ChildProcess | null) {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(5000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** One autocannon run over the request list; latency percentiles from every response's own time. */
async function drive(target: string, url: string, requests: autocannon.Request[], connections: number, duration: number): Promise<TargetResult> {
  const times: number[] = [];
  let instance!: autocannon.Instance;
  const result = await new Promise<autocannon.Result>((res, rej) => {
    instance = autocannon({ url, connections, duration, requests, timeout: 30 }, (err, r) => (err ? rej(err) : res(r)));
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  const sorted = Float64Array.from(times).sort();
  return {
    target,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    rps: result.requests.total / duration,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}

async function checkIdentity(es: Client, index: string, mix: MixQuery[], now: Date): Promise<void> {
  // Before the load: every query answers 200 from all three, and (a) and (b) agree on the total.
  for (const q of mix) {
    const path = apiPath(q.params);
    const api = await fetch(`http://127.0.0.1:${API_PORT}${path}`);
    if (!api.ok) throw new Error(`API ${path}: ${api.status} ${await api.text()}`);
    const apiJson = (await api.json()) as { total: { value: number } };
    const direct = (await es.transport.request<{ responses: Array<{ hits: { total: { value: number } } }> }>({ method: 'POST', path: '/_msearch', bulkBody: esBody(q.params, index, now) })).responses[0];
    if (direct.hits.total.value !== apiJson.total.value) log(`  note: ${path} total API ${apiJson.total.value} vs ES ${direct.hits.total.value}`);
    const base = await fetch(`http://127.0.0.1:${BASELINE_PORT}${path}`);
    if (!base.ok) throw new Error(`baseline ${path}: ${base.status}`);
  }
}

async function main() {
  const opts = parseOptions();
  const config = loadConfig();
  const es = createSearchClient({ node: config.elastic.node, requestTimeoutMs: 600_000, maxRetries: 0 });
  const nodes = await es.nodes.info({ node_id: '_local', metric: ['jvm'] });
  const node = Object.values(nodes.nodes)[0];
  const esVersion = node?.version ?? 'unknown';
  const heapGiB = ((node?.jvm?.mem?.heap_max_in_bytes ?? 0) / 2 ** 30).toFixed(1);
  const sections: string[] = [];
  let mix: MixQuery[] | null = null;

  for (const count of opts.counts) {
    const file = await ensureGeneratedFile(config, count, opts.seed);
    const prefix = `bench-search-${label(count)}-`;
    const dataset: IndexedDataset = await ensureIndexedDataset(es, config, file, prefix, { reimport: opts.reimport });
    // One mix for every dataset: built from the first (the smaller one by default).
    mix ??= buildQueryMix(await loadVocabularyResolvable(es, dataset.alias), opts.seed, opts.queries);
    // Rounded to the minute as JobsService rounds it, so (b) sends the bodies the API sends.
    const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const apiRequests: autocannon.Request[] = mix.map((q) => ({ method: 'GET', path: apiPath(q.params) }));
    const esRequests: autocannon.Request[] = mix.map((q) => ({
      method: 'POST',
      path: '/_msearch',
      headers: { 'content-type': 'application/x-ndjson' },
      body: esBody(q.params, dataset.alias, now),
    }));

    let api: ChildProcess | null = null;
    let baseline: ChildProcess | null = null;
    try {
      api = startApi(prefix);
      await waitFor(`http://127.0.0.1:${API_PORT}/api/jobs/search?size=1`, api, 'the API');
      const b = await startBaseline(dataset.alias);
      baseline = b.child;
      log(`Baseline (c): ${b.info.rows} rows in memory (loaded in ${b.info.loadSeconds.toFixed(0)} s; heap ${b.info.heapMiB.toFixed(0)} MiB, RSS ${b.info.rssMiB.toFixed(0)} MiB)`);
      await checkIdentity(es, dataset.alias, mix, now);

      const loadStart = os.loadavg()[0];
      const started = new Date();
      const targets: Array<[string, string, string, autocannon.Request[]]> = [
        ['a', '(a) API GET /api/jobs/search', `http://127.0.0.1:${API_PORT}`, apiRequests],
        ['b', '(b) Elasticsearch POST _msearch (same bodies)', config.elastic.node, esRequests],
        ['c', '(c) in-memory scan (seed-style)', `http://127.0.0.1:${BASELINE_PORT}`, apiRequests],
      ];
      const results: Record<string, TargetResult> = {};
      for (const [key, name, url, requests] of targets) {
        if (!opts.only.has(key)) continue;
        if (opts.warmup > 0) {
          log(`${name}: warm-up ${opts.warmup} s`);
          await drive(name, url, requests, opts.connections, opts.warmup);
        }
        log(`${name}: ${opts.duration} s at ${opts.connections} connections`);
        results[key] = await drive(name, url, requests, opts.connections, opts.duration);
        log(`  p95 ${results[key].p95.toFixed(1)} ms, ${results[key].rps.toFixed(1)} req/s`);
      }
      const loadEnd = os.loadavg()[0];
      sections.push(report(count, dataset, results, loadStart, loadEnd, started, b.info));
    } finally {
      await stop(api);
      await stop(baseline);
    }
  }
  await es.close();

  const cpus = os.cpus();
  console.log('');
  console.log(`Search benchmark: fixed mix of ${opts.queries} queries (seed ${opts.seed}), ${opts.connections} connections, ${opts.warmup} s warm-up + ${opts.duration} s per target`);
  console.log(`Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM; Node ${process.version}; Elasticsearch ${esVersion} (${heapGiB} GiB heap, same machine)`);
  console.log('');
  console.log('Query mix:');
  const byKind = new Map<QueryKind, number>();
  for (const q of mix ?? []) byKind.set(q.kind, (byKind.get(q.kind) ?? 0) + 1);
  console.log(`  ${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  for (const q of (mix ?? []).slice(0, 8)) console.log(`  [${q.kind}] ${apiPath(q.params)}`);
  for (const s of sections) console.log(s);
}

/** The vocabulary, keeping only the places the gazetteer resolves to a point (as the API requires). */
async function loadVocabularyResolvable(es: Client, index: string) {
  const vocab = await loadVocabulary(es, index);
  vocab.places = vocab.places.filter((p) => resolvePlace(p)?.geo);
  return vocab;
}

function report(count: number, dataset: IndexedDataset, r: Record<string, TargetResult>, loadStart: number, loadEnd: number, started: Date, base: { loadSeconds: number; rssMiB: number }): string {
  const lines: string[] = [];
  lines.push('');
  lines.push(`### ${count} postings (${dataset.count} documents in ${dataset.index}${dataset.importSeconds === null ? ', reused' : `, imported in ${dataset.importSeconds.toFixed(0)} s`})`);
  lines.push(`Started ${started.toISOString()}; load average (1 min) ${loadStart.toFixed(2)} before, ${loadEnd.toFixed(2)} after; baseline (c) loaded in ${base.loadSeconds.toFixed(0)} s, RSS ${base.rssMiB.toFixed(0)} MiB`);
  lines.push('');
  lines.push('| target | requests | req/s | p50 ms | p95 ms | p99 ms | errors | non-2xx |');
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const t of Object.values(r)) {
    lines.push(`| ${t.target} | ${t.requests} | ${t.rps.toFixed(1)} | ${t.p50.toFixed(1)} | ${t.p95.toFixed(1)} | ${t.p99.toFixed(1)} | ${t.errors} | ${t.non2xx} |`);
  }
  lines.push('');
  const { a, b, c } = r;
  if (a && b) lines.push(`a/b: p50 ${(a.p50 / b.p50).toFixed(2)}, p95 ${(a.p95 / b.p95).toFixed(2)}, p99 ${(a.p99 / b.p99).toFixed(2)}; throughput b/a ${(b.rps / a.rps).toFixed(2)}`);
  if (a && c) lines.push(`c/a: p50 ${(c.p50 / a.p50).toFixed(2)}, p95 ${(c.p95 / a.p95).toFixed(2)}, p99 ${(c.p99 / a.p99).toFixed(2)}; throughput a/c ${(a.rps / c.rps).toFixed(2)}`);
  return lines.join('\n');
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
