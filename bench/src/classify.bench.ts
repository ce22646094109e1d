import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import * as os from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig, type AppConfig } from '@jobportal/config';
import type { PostingDocument } from '@jobportal/contracts';
import { initTensorflow, loadClassifier, type ClassifyItem, type OccupationClassifier } from '@jobportal/occupations';
import {
  createPostingNormalizer,
  generatedAdapter,
  isRejectedRow,
  loadTechnologySkills,
  SAMPLE_SOURCES,
  SOURCE_ADAPTERS,
} from '@jobportal/postings';
import { createSearchClient, deleteIndex } from '@jobportal/search';
// The pipeline itself, not a copy of it: the with/without comparison must measure what ingest runs.
import { createIngestPipeline } from '@jobportal/workers/dist/ingest/ingest-pipeline';
import { createPostingCoder } from '@jobportal/workers/dist/ingest/posting-coder';
import { ensureGeneratedFile, log } from './search/dataset';
import { median, parseGeneratedInputOptions } from './support';

/**
 * bench:classify — (1) occupation classifier throughput, titles/s, for batch sizes 1, 100 and
 * 1000, on real sample titles and on generated postings (title + start of description); (2) the
 * ingest pipeline's throughput on the same generated file with and without classification, in
 * one run, and their ratio.
 */

const USAGE = `Usage: npm run bench:classify -- [--count 50000] [--seed 42] [--runs 1] [--predict-only]
  --count         postings to generate (or reuse from data/generated/) and ingest
  --seed          generator seed
  --runs          repeat the ingest pair (without, with) and report the median of each
  --predict-only  measure prediction alone, without Elasticsearch`;

/** Its own prefix: `bench-classify-postings-v*` never matches another benchmark's indices. */
const PREFIX = 'bench-classify-';
const BATCH_SIZES = [1, 100, 1000];
/** Batch size 1 costs a model call per title; this many calls say enough. */
const SINGLE_ITEMS = 2000;
/** Items per larger-batch measurement (the inputs are cycled to reach it). */
const BATCHED_ITEMS = 20_000;

function parseOptions() {
  const { flag, ...opts } = parseGeneratedInputOptions(USAGE, '50000', 'predict-only');
  return { ...opts, predictOnly: flag };
}

interface PredictResult {
  input: string;
  batchSize: number;
  items: number;
  seconds: number;
  /** This process's CPU time (user + system): on a shared machine, wall time also counts the waits for a core. */
  cpuSeconds: number;
}

/** Runs `fn` and measures wall and CPU seconds. */
function timed(fn: () => void): { seconds: number; cpuSeconds: number } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  fn();
  const used = process.cpuUsage(cpu);
  return { seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
}

/** `count` items cycled from `items`, predicted `batchSize` at a time, top 5 as the API returns. */
function timePredict(classifier: OccupationClassifier, input: string, items: ClassifyItem[], batchSize: number, count: number): PredictResult {
  const all = Array.from({ length: count }, (_, i) => items[i % items.length]);
  const t = timed(() => {
    for (let i = 0; i < all.length; i += batchSize) classifier.predict(all.slice(i, i + batchSize), 5);
  });
  return { input, batchSize, items: all.length, ...t };
}

async function sampleTitles(config: AppConfig): Promise<ClassifyItem[]> {
  const items: ClassifyItem[] = [];
  for (const source of SAMPLE_SOURCES) {
    const adapter = SOURCE_ADAPTERS[source];
    for await (const row of adapter.read(resolve(config.data.dir, adapter.samplePath!), { warn: () => undefined })) {
      if (!isRejectedRow(row) && row.title) items.push({ title: row.title });
    }
  }
  return items;
}

async function generatedDocs(file: string, limit: number, config: AppConfig): Promise<PostingDocument[]> {
  const normalize = createPostingNormalizer({ skills: await loadTechnologySkills(config.data.technologySkillsCsv) });
  const docs: PostingDocument[] = [];
  for await (const row of generatedAdapter.read(file)) {
    if (isRejectedRow(row)) continue;
    const res = normalize(row);
    if (res.ok) docs.push(res.doc);
    if (docs.length >= limit) break;
  }
  return docs;
}

async function main() {
  const opts = parseOptions();
  const loadAtStart = os.loadavg()[0];
  const config = loadConfig();
  const file = await ensureGeneratedFile(config, opts.count, opts.seed, null);

  const backend = await initTensorflow();
  const t0 = performance.now();
  // What production codes with: the model blended with the O*NET title dictionary (issue 13).
  const { classifier, metadata } = await loadClassifier(config.models.dir, { dataDir: config.data.dir });
  const modelAlone = classifier.withTitleIndex(null);
  log(`Model: ${config.models.dir} (trained ${metadata.trainedAt}, ${classifier.labels.length} O*NET occupations), loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s; backend ${backend}`);

  // (1) Prediction alone.
  const titles = await sampleTitles(config);
  const postings = await generatedDocs(file, 10_000, config);
  const withDescription = postings.map((d) => ({ title: d.title, description: d.description }));
  log(`Inputs: ${titles.length} real sample titles; ${postings.length} generated postings (title + description)`);
  timePredict(classifier, 'warm-up', withDescription, 1000, 2000);
  const predictions: PredictResult[] = [];
  for (const [input, items] of [
    ['sample titles', titles],
    ['generated title + description', withDescription],
  ] as const) {
    for (const batchSize of BATCH_SIZES) {
      const count = batchSize === 1 ? SINGLE_ITEMS : BATCHED_ITEMS;
      // Side by side in one run: the ensemble's cost over the model alone, as a ratio.
      const alone = timePredict(modelAlone, `${input} (model alone)`, items, batchSize, count);
      const r = timePredict(classifier, `${input} (ensemble)`, items, batchSize, count);
      log(
        `  ${input}, batch ${batchSize}: ensemble ${Math.round(r.items / r.seconds)}/s, model alone ${Math.round(alone.items / alone.seconds)}/s ` +
          `(ensemble / alone ${(alone.seconds / r.seconds).toFixed(2)}x)`,
      );
      predictions.push(alone, r);
    }
  }
  // What the pipeline's sink does per batch: predict top 1 and set doc.soc.
  const coder = createPostingCoder(classifier);
  const batch = config.ingest.batchSize;
  const copies = postings.map((d) => ({ ...d }));
  const coded = timed(() => {
    for (let i = 0; i < copies.length; i += batch) coder.code(copies.slice(i, i + batch));
  });
  const coderResult: PredictResult = { input: 'pipeline coder (top 1 + soc)', batchSize: batch, items: copies.length, ...coded };

  // (2) Ingest with and without classification, through createIngestPipeline.
  const ingest: Array<{ without: number; with: number; read: number; withSeconds: number; withoutSeconds: number; flagged: number }> = [];
  let esVersion = '';
  if (!opts.predictOnly) {
    const quarantine = mkdtempSync(join(os.tmpdir(), 'bench-classify-'));
    const benchConfig = loadConfig({ ...process.env, ES_INDEX_PREFIX: PREFIX, QUARANTINE_DIR: quarantine });
    const es = createSearchClient({ node: config.elastic.node, requestTimeoutMs: 120_000, maxRetries: 0 });
    try {
      const nodes = await es.nodes.info({ node_id: '_local', metric: '_none' });
      esVersion = Object.values(nodes.nodes)[0]?.version ?? 'unknown';
    } catch (err) {
      console.error(`Elasticsearch is not reachable at ${config.elastic.node} (${err instanceof Error ? err.message : err}). Start it with npm run stack:up.`);
      process.exit(1);
    }
    const importOnce = async (label: string, classify: boolean) => {
      await deleteIndex(es, 'postings', { prefix: PREFIX });
      // A fresh pipeline per import: a pipeline creates its index once, and the index was just dropped.
      // Setup (skills table; the model is loaded once above) is outside the import's durationMs.
      const pipeline = await createIngestPipeline(benchConfig, undefined, classify ? { classifier } : { classify: false });
      let last = 0;
      const report = await pipeline
        .importFile('generated', file, {
          onProgress: (p) => {
            if (Date.now() - last < 5000) return;
            last = Date.now();
            log(`  [${label}] ${p.read}/${opts.count}`);
          },
        })
        .finally(() => pipeline.close());
      await es.indices.refresh({ index: `${PREFIX}postings` });
      const { count } = await es.count({ index: `${PREFIX}postings` });
      if (count !== report.indexed) throw new Error(`${PREFIX}postings holds ${count} postings, expected ${report.indexed}`);
      log(`  [${label}] read ${report.read}, indexed ${report.indexed} in ${(report.durationMs / 1000).toFixed(1)} s`);
      return report;
    };
    try {
      for (let run = 1; run <= opts.runs; run++) {
        log(`Ingest run ${run}/${opts.runs}`);
        // Alternate which goes first, so a machine getting busier does not favour one side.
        const order = run % 2 === 1 ? [false, true] : [true, false];
        const reports: Record<string, Awaited<ReturnType<typeof importOnce>>> = {};
        for (const classify of order) reports[String(classify)] = await importOnce(classify ? 'with classification' : 'without', classify);
        const w = reports['true'];
        const wo = reports['false'];
        ingest.push({
          read: w.read,
          with: w.read / (w.durationMs / 1000),
          without: wo.read / (wo.durationMs / 1000),
          withSeconds: w.durationMs / 1000,
          withoutSeconds: wo.durationMs / 1000,
          flagged: w.needsReview ?? 0,
        });
      }
    } finally {
      await deleteIndex(es, 'postings', { prefix: PREFIX }).catch((err) => log(`Could not delete the bench indices: ${err}`));
      await es.close();
      await rm(quarantine, { recursive: true, force: true });
    }
  }

  const cpus = os.cpus();
  console.log('');
  console.log(`Classifier benchmark: model of ${classifier.labels.length} O*NET occupations (backend ${backend}); ingest of ${opts.count} generated postings (seed ${opts.seed}), batch size ${batch}${opts.runs > 1 ? `, median of ${opts.runs} runs` : ''}`);
  console.log(`Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM; Node ${process.version}${esVersion ? `; Elasticsearch ${esVersion}` : ''}; ${new Date().toISOString()}`);
  console.log(`Load average (1 min): ${loadAtStart.toFixed(2)} at start, ${os.loadavg()[0].toFixed(2)} at end`);
  console.log('');
  console.log('| prediction input | batch size | items | seconds | titles/s | CPU seconds | titles per CPU second |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of [...predictions, coderResult]) {
    console.log(
      `| ${r.input} | ${r.batchSize} | ${r.items} | ${r.seconds.toFixed(2)} | ${Math.round(r.items / r.seconds)} | ${r.cpuSeconds.toFixed(2)} | ${Math.round(r.items / r.cpuSeconds)} |`,
    );
  }
  if (ingest.length > 0) {
    const ratios = ingest.map((r) => r.with / r.without);
    console.log('');
    console.log('| ingest (createIngestPipeline, file -> Elasticsearch) | postings | seconds | postings/s |');
    console.log('| --- | ---: | ---: | ---: |');
    console.log(`| without classification (--no-classify) | ${ingest[0].read} | ${median(ingest.map((r) => r.withoutSeconds)).toFixed(1)} | ${Math.round(median(ingest.map((r) => r.without)))} |`);
    console.log(`| with classification | ${ingest[0].read} | ${median(ingest.map((r) => r.withSeconds)).toFixed(1)} | ${Math.round(median(ingest.map((r) => r.with)))} |`);
    if (opts.runs > 1) ingest.forEach((r, i) => console.log(`  #${i + 1}: without ${Math.round(r.without)}/s, with ${Math.round(r.with)}/s, ratio ${ratios[i].toFixed(2)}`));
    // Within one run both imports share the machine's conditions, so the ratio is taken per run.
    console.log(`\nwith/without throughput ratio: ${median(ratios).toFixed(2)}${opts.runs > 1 ? ' (median of the per-run ratios)' : ''}; flagged for review: ${ingest[0].flagged} of ${ingest[0].read}`);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
