import 'reflect-metadata';
import { ConfigError, loadConfig, type AppConfig } from '@jobportal/config';
import { MAINTENANCE_JOBS, QUEUES, type ReclassifyJob, type ReclassifyProgress, type ReclassifyReport } from '@jobportal/contracts';
import { initTensorflow, loadClassifier, ModelArtifactError } from '@jobportal/occupations';
import { createSearchClient, SearchUnavailableError } from '@jobportal/search';
import { Queue, QueueEvents } from 'bullmq';
import { CorrectionStore, HumanCodeGuard } from '../ingest/human-codes';
import { createPostingCoder } from '../ingest/posting-coder';
import { reclassifyPostings, ReclassifyError } from '../reclassify/reclassify-postings';
import { bullConnection, DEFAULT_JOB_OPTIONS } from '../queues';
import { parseCliArgs, runCli, UsageError } from './args';

const USAGE = `Usage: npm run reclassify [-- --inline] [--batch-size 1000] [--json]
Recodes every posting with the current occupation classifier into a new index version and swaps
the alias; searches keep answering throughout.
  (default)      enqueue a "${MAINTENANCE_JOBS.reclassifyPostings}" job on the "${QUEUES.maintenance}" queue and follow it;
                 a workers process (npm run start:workers) runs it
  --inline       run it in this process, without a worker
  --batch-size   postings read, coded and written per request (default 1000)
  --json         print the final report as JSON`;

/** Between two count lines: long copies always show they are moving. */
const PRINT_EVERY_MS = 2000;

function formatProgress(p: ReclassifyProgress, startedAt: number): string {
  const secs = (Date.now() - startedAt) / 1000;
  const pct = p.total > 0 ? ` (${Math.min(100, Math.floor((100 * p.copied) / p.total))}%)` : '';
  const rate = secs > 0 ? `, ${Math.round(p.copied / secs)}/s` : '';
  return `[reclassify] ${p.phase}: copied ${p.copied}/${p.total}${pct}, caught up ${p.caughtUp}, flagged ${p.needsReview}${rate}  ${p.fromIndex} -> ${p.toIndex}`;
}

function formatReport(r: ReclassifyReport): string {
  return [
    '',
    'Reclassify report',
    `  alias        ${r.alias}: ${r.fromIndex} -> ${r.toIndex}`,
    `  copied       ${r.copied} of ${r.total}`,
    `  caught up    ${r.caughtUp} (ingested into the old index during the copy)`,
    `  flagged      ${r.needsReview} postings need review`,
    `  seconds      ${(r.durationMs / 1000).toFixed(1)}`,
  ].join('\n');
}

function progressPrinter() {
  const startedAt = Date.now();
  let last = 0;
  let lastPhase = '';
  return (p: ReclassifyProgress) => {
    // Every phase change is printed; counts within a phase every PRINT_EVERY_MS.
    if (p.phase === lastPhase && Date.now() - last < PRINT_EVERY_MS) return;
    last = Date.now();
    lastPhase = p.phase;
    process.stderr.write(`${formatProgress(p, startedAt)}\n`);
  };
}

async function runInline(config: AppConfig, batchSize: number | undefined): Promise<ReclassifyReport> {
  await initTensorflow();
  const { classifier } = await loadClassifier(config.models.dir, { dataDir: config.data.dir });
  const es = createSearchClient({ node: config.elastic.node, requestTimeoutMs: 60_000, maxRetries: 0 });
  const corrections = new CorrectionStore(config.database.url);
  try {
    return await reclassifyPostings({
      es,
      prefix: config.elastic.indexPrefix,
      coder: createPostingCoder(classifier),
      humanCodes: new HumanCodeGuard({ store: corrections, es, warn: (m) => process.stderr.write(`[reclassify] ${m}\n`) }),
      batchSize,
      retry: { attempts: config.ingest.retryAttempts, initialDelayMs: config.ingest.retryInitialDelayMs },
      onProgress: progressPrinter(),
    });
  } finally {
    await es.close();
    await corrections.close();
  }
}

async function runQueued(config: AppConfig, batchSize: number | undefined): Promise<ReclassifyReport> {
  const connection = bullConnection(config);
  const queue = new Queue<ReclassifyJob, ReclassifyReport>(QUEUES.maintenance, { connection, prefix: config.redis.queuePrefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
  const events = new QueueEvents(QUEUES.maintenance, { connection, prefix: config.redis.queuePrefix });
  queue.on('error', (err) => process.stderr.write(`Queue error: ${err.message}\n`));
  events.on('error', (err) => process.stderr.write(`Queue events error: ${err.message}\n`));
  try {
    await events.waitUntilReady();
    // One rebuild at a time: while one is queued or running, a second request follows it instead.
    const job = await queue.add(MAINTENANCE_JOBS.reclassifyPostings, batchSize ? { batchSize } : {}, { deduplication: { id: MAINTENANCE_JOBS.reclassifyPostings } });
    process.stderr.write(`[reclassify] job ${job.id} on queue "${QUEUES.maintenance}"; following its progress (Ctrl-C stops following, not the job)\n`);
    const print = progressPrinter();
    events.on('progress', ({ jobId, data }) => {
      if (jobId === job.id && typeof data === 'object') print(data as unknown as ReclassifyProgress);
    });
    const waiting = setInterval(() => {
      void job.getState().then((state) => {
        if (state === 'waiting' || state === 'prioritized' || state === 'delayed') {
          process.stderr.write(`[reclassify] job ${job.id} is ${state}: is a workers process running (npm run start:workers)? Or run with --inline.\n`);
        }
      });
    }, 10_000);
    try {
      return await job.waitUntilFinished(events);
    } finally {
      clearInterval(waiting);
    }
  } finally {
    await events.close();
    await queue.close();
  }
}

async function main(): Promise<number> {
  const args = parseCliArgs(process.argv.slice(2), { inline: 'boolean', 'batch-size': 'string', json: 'boolean' }, USAGE, (a) => {
    let batchSize: number | undefined;
    if (typeof a['batch-size'] === 'string') {
      batchSize = Number(a['batch-size']);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
        throw new UsageError(`--batch-size must be an integer from 1 to 10000, got "${a['batch-size']}".`);
      }
    }
    return { inline: Boolean(a.inline), json: Boolean(a.json), batchSize };
  });
  if (typeof args === 'number') return args;
  const config = loadConfig();
  const report = args.inline ? await runInline(config, args.batchSize) : await runQueued(config, args.batchSize);
  if (args.json) console.log(JSON.stringify(report, null, 2));
  else console.log(formatReport(report));
  return 0;
}

runCli(main, [ConfigError, ModelArtifactError, ReclassifyError], (err) =>
  err instanceof SearchUnavailableError ? `\nReclassify stopped: ${err.message}` : `\nReclassify failed: ${err instanceof Error ? err.message : err}`,
);
