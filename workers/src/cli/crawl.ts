import 'reflect-metadata';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '@jobportal/config';
import type { CrawlReport } from '@jobportal/contracts';
import { ModelArtifactError } from '@jobportal/occupations';
import { SearchUnavailableError } from '@jobportal/search';
import { createCrawler } from '../crawl/crawler';
import { CrawlSourceStore, CrawlSourceStoreError } from '../crawl/source-store';
import { CrawlSourcesError, loadCrawlSources, type CrawlSource } from '@jobportal/postings';
import { createIngestPipeline } from '../ingest/ingest-pipeline';
import { UsageError, parseCliArgs, runCli } from './args';

const USAGE = `Usage:
  npm run crawl -- --source <name> --once      crawl one source now, print a report
The source comes from the crawl_sources table at DATABASE_URL (the operator API edits it), and the
run's report is stored there as the source's last run.
Options: --sources-file <path> (take the source from a JSON file instead; its report is not stored),
         --json (report as JSON on stdout), --no-classify (skip occupation coding),
         --concurrency <n> (pages fetched at once, default 8; the worker holds 4x as many jobs,
         pages whose postings wait for their batch)
The source need not be enabled: --once is how an operator tries a source before enabling it.`;

interface CrawlArgs {
  source: string;
  sourcesFile: string | null;
  json: boolean;
  classify: boolean;
  concurrency: number;
}

export function formatCrawlReport(r: CrawlReport): string {
  const reasons = Object.entries(r.errorsByReason).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
  return [
    `crawl ${r.source} (run ${r.runId}) in ${(r.durationMs / 1000).toFixed(1)} s`,
    `  pages ${r.pages}  fetched ${r.fetched}  new ${r.new}  updated ${r.updated}  unchanged ${r.unchanged}  expired ${r.expired}  errors ${r.errors}`,
    ...(reasons ? [`  errors by reason: ${reasons}`] : []),
  ].join('\n');
}

async function main(): Promise<number> {
  const args = parseCliArgs(
    process.argv.slice(2),
    { source: 'string', once: 'boolean', 'sources-file': 'string', json: 'boolean', 'no-classify': 'boolean', concurrency: 'string' },
    USAGE,
    (a): CrawlArgs => {
      if (typeof a.source !== 'string') throw new UsageError('Give --source, the name of a source in the sources file.');
      if (!a.once) throw new UsageError('Give --once: scheduled crawls run in the workers (npm run start:workers); this command runs one crawl now.');
      const concurrency = a.concurrency === undefined ? 8 : Number(a.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new UsageError('--concurrency must be a whole number from 1 to 64.');
      return { source: a.source, sourcesFile: typeof a['sources-file'] === 'string' ? resolve(a['sources-file']) : null, json: Boolean(a.json), classify: !a['no-classify'], concurrency };
    },
  );
  if (typeof args === 'number') return args;
  const config = loadConfig();
  const store = args.sourcesFile ? null : new CrawlSourceStore(config.database.url);
  let sources: CrawlSource[];
  try {
    sources = args.sourcesFile ? await loadCrawlSources(args.sourcesFile) : await store!.list();
  } catch (err) {
    await store?.close();
    throw err;
  }
  if (!sources.some((s) => s.name === args.source)) {
    console.error(`Unknown source "${args.source}". Sources in ${args.sourcesFile ?? 'the crawl_sources table'}: ${sources.map((s) => s.name).join(', ') || 'none'}.`);
    await store?.close();
    return 2;
  }
  const pipeline = await createIngestPipeline(config, undefined, { classify: args.classify });
  const crawler = createCrawler({ config, pipeline, sources: store ?? sources, runs: store ?? undefined, concurrency: args.concurrency });
  const worker = crawler.startWorker();
  let last = 0;
  try {
    const runId = await crawler.startRun(args.source);
    const report = await crawler.waitForRun(runId, (r) => {
      // Periodic counts on stderr; stdout stays the report.
      if (Date.now() - last < 2000) return;
      last = Date.now();
      const rate = r.fetched / Math.max(r.durationMs / 1000, 0.001);
      console.error(`[crawl ${r.source}] pages ${r.pages} fetched ${r.fetched} new ${r.new} upd ${r.updated} same ${r.unchanged} expired ${r.expired} errors ${r.errors} | ${rate.toFixed(1)} pages/s`);
    });
    await pipeline.es.indices.refresh({ index: pipeline.alias });
    if (args.json) console.log(JSON.stringify(report));
    else console.log(formatCrawlReport(report));
    return 0;
  } finally {
    await worker.close();
    await crawler.close();
    await store?.close();
    await pipeline.close();
  }
}

runCli(main, [ConfigError, CrawlSourcesError, CrawlSourceStoreError, ModelArtifactError, SearchUnavailableError]);
