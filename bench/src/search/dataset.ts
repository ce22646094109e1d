import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import * as os from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT, type AppConfig } from '@jobportal/config';
import {
  createPostingNormalizer,
  createQuarantineFile,
  generatedAdapter,
  loadGeneratorCorpus,
  loadTechnologySkills,
  runImport,
  writeGeneratedPostings,
  type PostingSink,
} from '@jobportal/postings';
import { bulkIndexPostings, deleteIndex, ensureIndex, INDEX_VERSIONS, indexVersionOf, type Client, type RetryPolicy } from '@jobportal/search';

export const log = (line: string) => process.stderr.write(`${line}\n`);

/** A progress callback that logs `done/total` and the rate at most once every `everyMs`. */
export function ticker(label: string, total: number, everyMs = 5000) {
  const started = performance.now();
  let last = 0;
  return (done: number) => {
    const now = performance.now();
    if (now - last < everyMs) return;
    last = now;
    log(`  [${label}] ${done}/${total} (${Math.floor((100 * done) / total)}%), ${Math.round(done / ((now - started) / 1000))}/s`);
  };
}

/**
 * The generator's file for this count and seed (data/generated/postings-<count>-<seed>.jsonl), made
 * once and reused. While it is made, progress is logged every `progressEveryMs` (never with null).
 */
export async function ensureGeneratedFile(config: AppConfig, count: number, seed: number, progressEveryMs: number | null = 5000): Promise<string> {
  const file = resolve(REPO_ROOT, 'data/generated', `postings-${count}-${seed}.jsonl`);
  if (existsSync(file)) {
    log(`Input: reusing ${file}`);
    return file;
  }
  log(`Input: generating ${count} postings (seed ${seed}) -> ${file}`);
  const corpus = await loadGeneratorCorpus(config.data.dir);
  await writeGeneratedPostings(file, { corpus, seed, count, onProgress: progressEveryMs === null ? undefined : ticker('generate', count, progressEveryMs) });
  return file;
}

/** The index prefix of the generated dataset of `count` postings (`bench-search-20k-`, `bench-search-1m-`), shared by every bench that reads it. */
export function datasetPrefix(count: number): string {
  return `bench-search-${count >= 1_000_000 ? `${count / 1_000_000}m` : `${count / 1000}k`}-`;
}

export interface IndexedDataset {
  /** The alias the API searches (`<prefix>postings`). */
  alias: string;
  index: string;
  count: number;
  /** Seconds spent importing in this run; null when an existing index was reused. */
  importSeconds: number | null;
}

/**
 * The generated postings in `<prefix>postings`, imported through the production path (runImport +
 * bulkIndexPostings, as workers/src/ingest does). An index that already holds a completed import
 * of this file (marked in the index's _meta) is reused, so only the first run pays the import.
 */
export async function ensureIndexedDataset(es: Client, config: AppConfig, file: string, prefix: string, opts: { reimport?: boolean } = {}): Promise<IndexedDataset> {
  const marker = `${file.split('/').pop()}`;
  const alias = `${prefix}postings`;
  let outdated = false;
  if (!opts.reimport && (await es.indices.existsAlias({ name: alias }))) {
    const current = await es.indices.getAlias({ name: alias });
    const index = Object.keys(current)[0];
    // An index of an older mapping version is measured with the old mapping and cannot take the
    // current documents (strict mapping): it is rebuilt.
    outdated = (indexVersionOf('postings', index, prefix) ?? INDEX_VERSIONS.postings) < INDEX_VERSIONS.postings;
  }
  if (outdated) {
    log(`Index: ${alias} is an older postings mapping than v${INDEX_VERSIONS.postings}; importing again into a new index`);
    await deleteIndex(es, 'postings', { prefix });
  } else if (!opts.reimport && (await es.indices.existsAlias({ name: alias }))) {
    const current = await es.indices.getAlias({ name: alias });
    const index = Object.keys(current)[0];
    const mapping = await es.indices.getMapping({ index });
    const meta = (mapping[index]?.mappings?._meta ?? {}) as Record<string, unknown>;
    if (meta.bench_source === marker && typeof meta.bench_count === 'number') {
      await es.indices.refresh({ index });
      const { count } = await es.count({ index });
      if (count === meta.bench_count) {
        log(`Index: reusing ${index} (${count} documents imported from ${marker})`);
        return { alias, index, count, importSeconds: null };
      }
    }
    // An interrupted import: upserts are idempotent (detect_noop), so importing the file again completes it.
    log(`Index: ${index} exists but is not a complete import of ${marker}; importing the file again over it`);
  } else if (opts.reimport) {
    await deleteIndex(es, 'postings', { prefix });
  }
  const { index } = await ensureIndex(es, 'postings', { prefix });
  // Bulk-load settings: no refresh while loading; restored afterwards.
  const refresh = '1s'; // elastic/indices/postings.json
  await es.indices.putSettings({ index, settings: { index: { refresh_interval: '-1' } } });

  const skills = await loadTechnologySkills(config.data.technologySkillsCsv);
  const normalize = createPostingNormalizer({ skills });
  const retry: RetryPolicy = {
    // More patience than production: a shared Elasticsearch may be restarted by other work mid-import.
    attempts: Math.max(config.ingest.retryAttempts, 10),
    initialDelayMs: config.ingest.retryInitialDelayMs,
    onRetry: (attempt, delay, err) => log(`  Elasticsearch busy (${err instanceof Error ? err.message : err}); retry ${attempt} in ${delay} ms`),
  };
  const sink: PostingSink = { write: (docs) => bulkIndexPostings(es, index, docs, { retry }) };
  const quarantineDir = join(os.tmpdir(), `bench-search-quarantine-${process.pid}`);
  const total = Number(/postings-(\d+)-/.exec(marker)?.[1] ?? 0);
  const tick = ticker(`import ${prefix}`, total);
  log(`Index: importing ${marker} into ${index} (runImport + bulkIndexPostings, refresh_interval -1 while loading)`);
  const started = performance.now();
  let report;
  try {
    report = await runImport({
      source: 'generated',
      path: file,
      rows: generatedAdapter.read(file),
      normalize,
      sink,
      quarantine: createQuarantineFile(join(quarantineDir, 'generated.jsonl')),
      batchSize: config.ingest.batchSize,
      onProgress: (p) => tick(p.read),
    });
  } finally {
    await es.indices.putSettings({ index, settings: { index: { refresh_interval: refresh } } });
    await rm(quarantineDir, { recursive: true, force: true });
  }
  await es.indices.refresh({ index });
  // No force-merge: the index is searched with the segments the import left, as production would be.
  const importSeconds = (performance.now() - started) / 1000;
  const { count } = await es.count({ index });
  if (count !== report.indexed) throw new Error(`${index} holds ${count} documents, expected ${report.indexed}`);
  await es.indices.putMapping({ index, _meta: { bench_source: marker, bench_count: count } });
  log(`  imported ${count} documents in ${importSeconds.toFixed(0)} s (read ${report.read}, rejected ${report.rejected}, duplicates ${report.duplicates})`);
  return { alias, index, count, importSeconds };
}
