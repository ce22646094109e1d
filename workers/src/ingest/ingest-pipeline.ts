import { access, constants } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import type { AppConfig } from '@jobportal/config';
import type { IngestReport, PostingDocument, RawPosting, RejectedRow, SourceName } from '@jobportal/contracts';
import {
  createPostingNormalizer,
  createQuarantineFile,
  getSourceAdapter,
  SourceFileError,
  loadTechnologySkills,
  preloadGazetteer,
  runImport,
  type ImportProgress,
  type PostingSink,
} from '@jobportal/postings';
import { initTensorflow, loadClassifier, type OccupationClassifier } from '@jobportal/occupations';
import { bulkIndexPostings, createSearchClient, ensureIndex, expiredFields, INDEX_VERSIONS, type Client, type RetryPolicy } from '@jobportal/search';
import { CorrectionStore, HumanCodeGuard } from './human-codes';
import { createPostingCoder } from './posting-coder';

/** The postings alias points at an index built from an older mapping version. */
export class OutdatedIndexError extends Error {
  override readonly name = 'OutdatedIndexError';
}

export interface ImportFileOptions {
  onProgress?: (p: ImportProgress) => void;
  onRetry?: RetryPolicy['onRetry'];
  /** Make the batch visible to search before returning (tests, demo). */
  refresh?: boolean;
  /**
   * Crawled postings: one whose validThrough (expires_at) is already past is written expired.
   * Never for dataset files, which are historical snapshots whose expiry dates have all passed.
   */
  expirePastValidThrough?: boolean;
  /** The clock for that check (tests). */
  now?: () => Date;
}

/**
 * Told when an import starts and when it has finished and been refreshed (saved-search alerts:
 * workers/src/notifications). Its failures are logged by the caller's hook, never fail an import.
 */
export interface ImportListener {
  importStarted(): Promise<string>;
  /** The import's postings are searchable (the pipeline refreshed); also called, with null, after a failed import. */
  importFinished(id: string, report: IngestReport | null): Promise<void>;
}

export interface IngestPipelineOptions {
  /**
   * Code every posting with the occupation classifier (default true). Off only to measure what
   * classification costs (bench:classify) or to load data before a model exists (`--no-classify`).
   */
  classify?: boolean;
  /** A classifier already loaded by the process (the workers share one between queues). */
  classifier?: OccupationClassifier;
}

/** Where the pipeline's time went so far (bench:crawl prints it); sums in ms. */
export interface IngestStageStats {
  postings: number;
  normalizeMs: number;
  /** Human-code guard and occupation coding of each batch. */
  classifyMs: number;
  /** bulkIndexPostings calls (create, then update for what existed), waited for. */
  bulkMs: number;
  bulkCalls: number;
}

export interface IngestPipeline {
  readonly es: Client;
  readonly alias: string;
  /** The classifier the pipeline codes with; null when created with classify: false. */
  readonly classifier: OccupationClassifier | null;
  importFile(source: string, path: string, opts?: ImportFileOptions): Promise<IngestReport>;
  /**
   * Postings that did not come from a file (the crawlers): the same normalize -> code -> bulk path.
   * `label` names the input in the report and the quarantine file (e.g. "crawl-greenhouse-acme").
   */
  importPostings(source: SourceName, label: string, rows: AsyncIterable<RawPosting | RejectedRow> | Iterable<RawPosting | RejectedRow>, opts?: ImportFileOptions): Promise<IngestReport>;
  stats(): IngestStageStats;
  close(): Promise<void>;
}

/** Marks the documents whose expires_at is before `now` expired (reason valid_through_passed); returns how many. */
export function expirePastValidThrough(docs: PostingDocument[], now: Date): number {
  let n = 0;
  for (const d of docs) {
    if (d.expires_at && Date.parse(d.expires_at) < now.getTime()) {
      Object.assign(d, expiredFields('valid_through_passed', now));
      n++;
    }
  }
  return n;
}

/**
 * Wires the pure pipeline of libs/postings to Elasticsearch. The CLI and the `ingest` queue
 * worker both call this, so a posting takes the same path from any entry point.
 */
export async function createIngestPipeline(config: AppConfig, listener?: ImportListener, opts: IngestPipelineOptions = {}): Promise<IngestPipeline> {
  // Loaded once, before anything is read: a missing model fails here with the ModelArtifactError
  // that names `npm run train:classifier`, not after the first batch.
  let classifier: OccupationClassifier | null = null;
  if (opts.classify !== false) {
    classifier = opts.classifier ?? null;
    if (!classifier) {
      await initTensorflow();
      classifier = (await loadClassifier(config.models.dir, { dataDir: config.data.dir })).classifier;
    }
  }
  const coder = classifier ? createPostingCoder(classifier) : null;
  // The client's own retries are off: bulkIndexPostings retries with backoff and says when it gives up.
  const es = createSearchClient({ node: config.elastic.node, requestTimeoutMs: 60_000, maxRetries: 0 });
  const skills = await loadTechnologySkills(config.data.technologySkillsCsv);
  const normalizer = createPostingNormalizer({ skills });
  // The city index (~135k places) is built here, once, not inside the first batch a worker
  // normalizes, where it stalled every page of a crawl waiting on that batch.
  preloadGazetteer();
  const stats: IngestStageStats = { postings: 0, normalizeMs: 0, classifyMs: 0, bulkMs: 0, bulkCalls: 0 };
  const timedNormalizer: typeof normalizer = (raw) => {
    const t = performance.now();
    const r = normalizer(raw);
    stats.normalizeMs += performance.now() - t;
    stats.postings++;
    return r;
  };
  const alias = `${config.elastic.indexPrefix}postings`;
  // A re-imported posting comes without its analyst's code: the guard gives it back before coding.
  const corrections = coder ? new CorrectionStore(config.database.url) : null;
  const humanCodes = coder ? new HumanCodeGuard({ store: corrections, es, warn: (m) => process.emitWarning(m) }) : null;
  let indexReady: Promise<string> | null = null;

  async function run(source: SourceName, filePath: string, stamp: string, rows: AsyncIterable<RawPosting | RejectedRow>, opts: ImportFileOptions): Promise<IngestReport> {
      indexReady ??= ensureIndex(es, 'postings', { prefix: config.elastic.indexPrefix }).then((r) => {
        // The mapping is strict: writing v3 fields into an older index would quarantine every posting.
        if (r.outdated) throw new OutdatedIndexError(`The ${alias} alias points at ${r.index}, an older postings mapping than v${INDEX_VERSIONS.postings} (which adds status / expired_at / expiry_reason). Run \`npm run reclassify\` to rebuild it into the current version without downtime, then import again.`);
        return r.index;
      });
      await indexReady.catch((err) => {
        indexReady = null;
        throw err;
      });
      const retry: RetryPolicy = {
        attempts: config.ingest.retryAttempts,
        initialDelayMs: config.ingest.retryInitialDelayMs,
        onRetry: opts.onRetry,
      };
      let needsReview = 0;
      let expired = 0;
      // Writes go through the alias, never a concrete index name resolved once: after reclassify
      // swaps the alias, the next batch lands in the new index. requireAlias: a missing alias is
      // an error, not an auto-created index with a guessed mapping.
      const sink: PostingSink = {
        write: async (docs) => {
          let t = performance.now();
          if (coder) needsReview += coder.code(await humanCodes!.apply(docs, alias, retry));
          stats.classifyMs += performance.now() - t;
          if (opts.expirePastValidThrough) expired += expirePastValidThrough(docs, (opts.now ?? (() => new Date()))());
          t = performance.now();
          try {
            return await bulkIndexPostings(es, alias, docs, { retry, requireAlias: true });
          } finally {
            stats.bulkMs += performance.now() - t;
            stats.bulkCalls++;
          }
        },
      };
      const importId = listener ? await listener.importStarted() : null;
      let report: IngestReport;
      try {
        report = await runImport({
          source,
          path: filePath,
          rows,
          normalize: timedNormalizer,
          sink,
          quarantine: createQuarantineFile(resolve(config.data.quarantineDir, `${source}-${stamp}.jsonl`)),
          batchSize: config.ingest.batchSize,
          onProgress: opts.onProgress,
        });
        // One refresh at the end rather than wait_for on every batch: a batch then costs no refresh cycle.
        // Alerts need it too: they look only at postings every finished import has made searchable.
        if (opts.refresh || listener) await es.indices.refresh({ index: alias });
      } catch (err) {
        if (importId) await listener!.importFinished(importId, null);
        throw err;
      }
      if (coder) report = { ...report, needsReview };
      if (opts.expirePastValidThrough) report = { ...report, expired };
      if (importId) await listener!.importFinished(importId, report);
      return report;
  }

  return {
    es,
    alias,
    classifier,
    async importFile(sourceName, path, opts = {}) {
      const adapter = getSourceAdapter(sourceName);
      const filePath = resolve(path);
      // Check the input before touching Elasticsearch: a wrong path fails fast with its own message.
      await access(filePath, constants.R_OK).catch((err: NodeJS.ErrnoException) => {
        throw new SourceFileError(
          err.code === 'ENOENT' ? 'file_not_found' : 'file_unreadable',
          err.code === 'ENOENT'
            ? `File not found: ${filePath}. Check the --path argument (relative paths are resolved from ${process.cwd()}).`
            : `Cannot read ${filePath} (${err.code}). Check its permissions.`,
          filePath,
        );
      });
      const rows = adapter.read(filePath, { warn: (m) => process.emitWarning(m) });
      return run(adapter.name as SourceName, filePath, basename(filePath, extname(filePath)), rows, opts);
    },
    importPostings(source, label, rows, opts = {}) {
      const iterable: AsyncIterable<RawPosting | RejectedRow> =
        Symbol.asyncIterator in rows
          ? (rows as AsyncIterable<RawPosting | RejectedRow>)
          : (async function* () {
              yield* rows as Iterable<RawPosting | RejectedRow>;
            })();
      return run(source, label, label, iterable, opts);
    },
    stats: () => ({ ...stats }),
    async close() {
      await es.close();
      await corrections?.close();
    },
  };
}
