import 'reflect-metadata';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '@jobportal/config';
import type { CrawlReport } from '@jobportal/contracts';
import { ModelArtifactError } from '@jobportal/occupations';
import { SearchUnavailableError } from '@jobportal/search';
import { createCrawler } from '../crawl/crawler';
import { CrawlSourcesError, loadCrawlSources } from '@jobportal/postings';
import { createIngestPipeline } from '../ingest/ingest-pipeline';
import { UsageError, parseCliArgs, runCli } from './args';

const USAGE = `Usage:
  npm run crawl -- --source <name> --once      crawl one configured source now, print a report
Options: --sources-file <path> (default data/crawl-sources.json), --json (report as JSON on stdout),
         --no-classify (skip occupation coding), --concurrency <n> (pages in flight, default 8)
The source need not be enabled: --once is how an operator tries a source before enabling it.`;

interface CrawlArgs {
  source: string;
  sourcesFile: string;
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
      return { source: a.source, sourcesFile: resolve(typeof a['sources-file'] === 'string' ? a['sources-file'] : 'data/crawl-sources.json'), json: Boolean(a.json), classify: !a['no-classify'], concurrency };
    },
  );
  if (typeof args === 'number') return args;
  const config = loadConfig();
  const sources = await loadCrawlSources(args.sourcesFile);
  if (!sources.some((s) => s.name === args.source)) {
    console.error(`Unknown source "${args.source}". Sources in ${args.sourcesFile}: ${sources.map((s) => s.name).join(', ') || 'none'}.`);
    return 2;
  }
  const pipeline = await createIngestPipeline(config, undefined, { classify: args.classify });
  const crawler = createCrawler({ config, pipeline, sources, concurrency: args.concurrency });
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
    await pipeline.close();
  }
}

runCli(main, [ConfigError, CrawlSourcesError, ModelArtifactError, SearchUnavailableError]);
