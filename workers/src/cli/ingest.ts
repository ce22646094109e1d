import 'reflect-metadata';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '@jobportal/config';
import type { IngestReport } from '@jobportal/contracts';
import { SAMPLE_SOURCES, SOURCE_ADAPTERS, SourceFileError, UnknownSourceError } from '@jobportal/postings';
import { SearchUnavailableError } from '@jobportal/search';
import { createIngestPipeline } from '../ingest/ingest-pipeline';
import { parseArgs, UsageError } from './args';
import { createProgress } from './progress';
import { formatReports } from './report';

const USAGE = `Usage:
  npm run ingest -- --source <name> --path <file>   import one file
  npm run ingest:samples                            import the six sample datasets from DATA_DIR
Options: --json (print the report as JSON), --refresh (make postings searchable before exiting)
Sources: ${Object.keys(SOURCE_ADAPTERS).join(', ')}`;

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs(process.argv.slice(2), { source: 'string', path: 'string', samples: 'boolean', json: 'boolean', refresh: 'boolean', help: 'boolean' });
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig();

  let jobs: Array<{ source: string; path: string }>;
  if (args.samples) {
    jobs = SAMPLE_SOURCES.map((s) => ({ source: s, path: resolve(config.data.dir, SOURCE_ADAPTERS[s].samplePath!) }));
  } else if (typeof args.source === 'string' && typeof args.path === 'string') {
    jobs = [{ source: args.source, path: args.path }];
  } else {
    console.error(`Give --source and --path, or --samples.\n\n${USAGE}`);
    return 2;
  }

  const pipeline = await createIngestPipeline(config);
  const reports: IngestReport[] = [];
  const failures: Array<{ source: string; path: string; message: string }> = [];
  try {
    for (const job of jobs) {
      const progress = createProgress(job.source, null);
      try {
        const report = await pipeline.importFile(job.source, job.path, {
          refresh: Boolean(args.refresh),
          onProgress: (p) => progress.update(p),
          onRetry: (attempt, delay, err) =>
            console.error(`\n[${job.source}] Elasticsearch unavailable (${err instanceof Error ? err.message : err}); retry ${attempt} in ${delay} ms`),
        });
        progress.stop();
        reports.push(report);
      } catch (err) {
        progress.stop();
        // A source that cannot be read is reported and the others still run; losing Elasticsearch stops everything.
        if (err instanceof SourceFileError || err instanceof UnknownSourceError) {
          failures.push({ source: job.source, path: job.path, message: err.message });
          continue;
        }
        throw err;
      }
    }
  } finally {
    await pipeline.close();
  }

  if (args.json) console.log(JSON.stringify({ reports, failures }, null, 2));
  else console.log(formatReports(reports, failures));
  // Non-zero only when nothing could be done.
  return reports.length === 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof ConfigError) console.error(err.message);
    else if (err instanceof SearchUnavailableError) console.error(`\nImport stopped: ${err.message}`);
    else console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
