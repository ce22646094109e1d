import { rm } from 'node:fs/promises';
import * as os from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@jobportal/config';
import type { PostingDocument } from '@jobportal/contracts';
import {
  createPostingNormalizer,
  createQuarantineFile,
  generatedAdapter,
  isRejectedRow,
  loadTechnologySkills,
  runImport,
  type PostingSink,
} from '@jobportal/postings';
import { bulkIndexPostings, createSearchClient, deleteIndex, ensureIndex, type Client, type RetryPolicy } from '@jobportal/search';
import { ensureGeneratedFile, log, ticker } from './search/dataset';
import { median, parseGeneratedInputOptions } from './support';

/**
 * bench:ingest — postings/s for (a) reading + normalizing a generated file, (b) the production
 * path file -> Elasticsearch (runImport + bulkIndexPostings, as workers/src/ingest does), and
 * (c) a plain `_bulk` of the same final documents, in one run, so (b)/(c) says how much of the
 * engine's raw indexing speed the pipeline keeps.
 */

const USAGE = `Usage: npm run bench:ingest -- [--count 100000] [--seed 42] [--runs 1] [--normalize-only]
  --count           postings to generate (or reuse from data/generated/) and ingest
  --seed            generator seed
  --runs            repeat phases a-c and report the median of each
  --normalize-only  run phase (a) alone, without Elasticsearch (for profiling with node --cpu-prof)`;

const PREFIX_PIPELINE = 'bench-';
const PREFIX_RAW = 'bench-raw-';
const PREFIX_WARMUP = 'bench-warmup-';

interface PhaseResult {
  phase: string;
  postings: number;
  seconds: number;
  /** Phase (b): time spent inside bulkIndexPostings (create, then update for postings that exist). Overlaps normalization. */
  bulkSeconds?: number;
}

const rate = (r: PhaseResult) => r.postings / r.seconds;

function parseOptions() {
  const { flag, ...opts } = parseGeneratedInputOptions(USAGE, '100000', 'normalize-only');
  return { ...opts, normalizeOnly: flag };
}

async function main() {
  const opts = parseOptions();
  // Other work on the machine skews every figure: say how busy it was.
  const loadAtStart = os.loadavg()[0];
  const config = loadConfig();

  // The input: the generator's file for this count and seed, made once and reused.
  const file = await ensureGeneratedFile(config, opts.count, opts.seed, 2000);

  const t = performance.now();
  const skills = await loadTechnologySkills(config.data.technologySkillsCsv);
  const normalize = createPostingNormalizer({ skills });
  log(`Setup: normalizer ready in ${((performance.now() - t) / 1000).toFixed(1)} s (not counted in any phase)`);

  /** (a) Read + normalize; keeps the documents the pipeline would index, for phase (c). */
  const phaseA = async (): Promise<{ result: PhaseResult; docs: PostingDocument[]; rejected: number }> => {
    log('(a) read + normalize');
    const docs: PostingDocument[] = [];
    const seen = new Set<string>();
    let read = 0;
    let rejected = 0;
    const tick = ticker('a', opts.count, 2000);
    const started = performance.now();
    for await (const row of generatedAdapter.read(file)) {
      read++;
      if (isRejectedRow(row)) {
        rejected++;
        continue;
      }
      const res = normalize(row);
      if (!res.ok) rejected++;
      else if (!seen.has(res.doc.id)) {
        seen.add(res.doc.id);
        docs.push(res.doc);
      }
      if (read % 1000 === 0) tick(read);
    }
    return { result: { phase: '(a) read + normalize', postings: read, seconds: (performance.now() - started) / 1000 }, docs, rejected };
  };

  if (opts.normalizeOnly) {
    const results: PhaseResult[] = [];
    for (let run = 0; run < opts.runs; run++) results.push((await phaseA()).result);
    printTable(results, null);
    return;
  }

  // The client as the ingest pipeline builds it: its own retries off, bulkIndexPostings retries.
  const es = createSearchClient({ node: config.elastic.node, requestTimeoutMs: 120_000, maxRetries: 0 });
  let esVersion: string;
  try {
    // GET / is missing from the minimal distribution used here; the nodes API has the version too.
    const nodes = await es.nodes.info({ node_id: '_local', metric: '_none' });
    esVersion = Object.values(nodes.nodes)[0]?.version ?? 'unknown';
  } catch (err) {
    console.error(`Elasticsearch is not reachable at ${config.elastic.node} (${err instanceof Error ? err.message : err}). Start it with npm run stack:up.`);
    await es.close();
    process.exit(1);
  }
  const retry: RetryPolicy = {
    attempts: config.ingest.retryAttempts,
    initialDelayMs: config.ingest.retryInitialDelayMs,
    onRetry: (attempt, delay, err) => log(`  Elasticsearch busy (${err instanceof Error ? err.message : err}); retry ${attempt} in ${delay} ms`),
  };
  const batchSize = config.ingest.batchSize;
  const quarantineDir = join(os.tmpdir(), `bench-quarantine-${process.pid}`);
  const dropAll = () =>
    Promise.all([PREFIX_PIPELINE, PREFIX_RAW, PREFIX_WARMUP].map((prefix) => deleteIndex(es, 'postings', { prefix })));

  /** (b) The production path, composed as workers/src/ingest/ingest-pipeline.ts composes it. */
  const phaseB = async (): Promise<PhaseResult> => {
    log('(b) file -> Elasticsearch (runImport + bulkIndexPostings)');
    await deleteIndex(es, 'postings', { prefix: PREFIX_PIPELINE });
    const { index } = await ensureIndex(es, 'postings', { prefix: PREFIX_PIPELINE });
    let bulkMs = 0;
    const sink: PostingSink = {
      write: async (docs) => {
        const t0 = performance.now();
        try {
          return await bulkIndexPostings(es, index, docs, { retry });
        } finally {
          bulkMs += performance.now() - t0;
        }
      },
    };
    const tick = ticker('b', opts.count, 2000);
    const started = performance.now();
    const report = await runImport({
      source: 'generated',
      path: file,
      rows: generatedAdapter.read(file),
      normalize,
      sink,
      quarantine: createQuarantineFile(join(quarantineDir, 'generated.jsonl')),
      batchSize,
      onProgress: (p) => tick(p.read),
    });
    const seconds = (performance.now() - started) / 1000;
    await checkCount(es, index, report.indexed);
    log(`  read ${report.read}, indexed ${report.indexed}, duplicates ${report.duplicates}, rejected ${report.rejected}`);
    await deleteIndex(es, 'postings', { prefix: PREFIX_PIPELINE });
    return { phase: '(b) file -> Elasticsearch', postings: report.read, seconds, bulkSeconds: bulkMs / 1000 };
  };

  /** (c) Plain `index` operations of the final documents, same batch size and mapping; only the bulk calls are timed. */
  const phaseC = async (docs: PostingDocument[], prefix = PREFIX_RAW, label = '(c) raw _bulk'): Promise<PhaseResult> => {
    log(`${label}: ${docs.length} documents in batches of ${batchSize}`);
    await deleteIndex(es, 'postings', { prefix });
    const { index } = await ensureIndex(es, 'postings', { prefix });
    const tick = ticker('c', docs.length, 2000);
    const started = performance.now();
    for (let i = 0; i < docs.length; i += batchSize) {
      const operations: object[] = [];
      for (const doc of docs.slice(i, i + batchSize)) operations.push({ index: { _index: index, _id: doc.id } }, doc);
      const res = await es.bulk({ operations, refresh: false });
      if (res.errors) {
        const failed = res.items.find((item) => item.index?.error);
        throw new Error(`raw _bulk: an item failed: ${JSON.stringify(failed?.index?.error)}`);
      }
      tick(i + batchSize);
    }
    const seconds = (performance.now() - started) / 1000;
    await checkCount(es, index, docs.length);
    await deleteIndex(es, 'postings', { prefix });
    return { phase: label, postings: docs.length, seconds };
  };

  const all: PhaseResult[][] = [];
  try {
    await dropAll();
    for (let run = 1; run <= opts.runs; run++) {
      if (opts.runs > 1) log(`Run ${run}/${opts.runs}`);
      const a = await phaseA();
      log(`  read ${a.result.postings}, documents ${a.docs.length}, rejected ${a.rejected}`);
      if (run === 1) {
        // The first requests after Elasticsearch starts run on a cold JVM; warm it so (b) is not charged for it.
        const warm = await phaseC(a.docs.slice(0, Math.min(10_000, a.docs.length)), PREFIX_WARMUP, 'warm-up (not reported)');
        log(`  warm-up: ${Math.round(rate(warm))} docs/s`);
      }
      const b = await phaseB();
      const c = await phaseC(a.docs);
      all.push([a.result, b, c]);
    }
  } finally {
    await dropAll().catch((err) => log(`Could not delete the bench indices: ${err}`));
    await rm(quarantineDir, { recursive: true, force: true });
    await es.close();
  }

  const results = [0, 1, 2].map((p) => {
    const runs = all.map((r) => r[p]);
    const seconds = median(runs.map((r) => r.seconds));
    const bulk = runs.map((r) => r.bulkSeconds).filter((x): x is number => x !== undefined);
    return { phase: runs[0].phase, postings: runs[0].postings, seconds, bulkSeconds: bulk.length ? median(bulk) : undefined };
  });
  printTable(results, esVersion);
  const ratios = all.map(([, b, c]) => rate(b) / rate(c));
  if (opts.runs > 1) {
    console.log(`\nPer run, postings/s (a) / (b) / (c) and (b)/(c):`);
    all.forEach((r, i) => console.log(`  #${i + 1}: ${r.map((x) => Math.round(rate(x))).join(' / ')}  ratio ${ratios[i].toFixed(2)}`));
  }
  const [, b, c] = results;
  // Within one run (b) and (c) share the machine's conditions, so the ratio is taken per run.
  console.log(`\n(b)/(c) throughput ratio: ${median(ratios).toFixed(2)}${opts.runs > 1 ? ' (median of the per-run ratios)' : ''}`);
  console.log(
    `Of (b)'s ${b.seconds.toFixed(1)} s, bulk requests (create, then update for existing postings) were in flight ${b.bulkSeconds!.toFixed(1)} s; ` +
      `runImport normalizes the next batch meanwhile, so the two overlap (phase (a) alone: ${results[0].seconds.toFixed(1)} s; (c)'s plain index: ${c.seconds.toFixed(1)} s).`,
  );

  function printTable(rows: PhaseResult[], es: string | null) {
    const cpus = os.cpus();
    console.log('');
    console.log(`Ingest benchmark: ${opts.count} generated postings (seed ${opts.seed}), batch size ${config.ingest.batchSize}${opts.runs > 1 ? `, median of ${opts.runs} runs` : ''}`);
    console.log(`Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM; Node ${process.version}${es ? `; Elasticsearch ${es}` : ''}; ${new Date().toISOString()}`);
    console.log(`Load average (1 min): ${loadAtStart.toFixed(2)} at start, ${os.loadavg()[0].toFixed(2)} at end`);
    console.log('');
    console.log('| phase | postings | seconds | postings/s |');
    console.log('| --- | ---: | ---: | ---: |');
    for (const r of rows) console.log(`| ${r.phase} | ${r.postings} | ${r.seconds.toFixed(2)} | ${Math.round(rate(r))} |`);
  }
}

async function checkCount(es: Client, index: string, expected: number): Promise<void> {
  await es.indices.refresh({ index });
  const { count } = await es.count({ index });
  if (count !== expected) throw new Error(`${index} holds ${count} documents, expected ${expected}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
