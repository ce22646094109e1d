import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '@jobportal/config';
import type { IngestReport } from '@jobportal/contracts';
import { ModelArtifactError } from '@jobportal/occupations';
import { SAMPLE_SOURCES, SOURCE_ADAPTERS, SourceFileError, UnknownSourceError } from '@jobportal/postings';
import { SearchUnavailableError } from '@jobportal/search';
import { createIngestPipeline, type ImportListener } from '../ingest/ingest-pipeline';
import { createAlerting } from '../notifications/alerting';
import { parseCliArgs, runCli } from './args';
import { createProgress } from './progress';
import { formatReports } from './report';

const USAGE = `Usage:
  npm run ingest -- --source <name> --path <file>   import one file
  npm run ingest:samples                            import the six sample datasets from DATA_DIR
Options: --json (print the report as JSON), --refresh (make postings searchable before exiting),
         --no-classify (skip occupation coding: postings get no soc code; for benchmarks, or before
         a model is trained; npm run reclassify codes them later),
         --no-alerts (do not queue instant saved-search alerts for the new postings)
Sources: ${Object.keys(SOURCE_ADAPTERS).join(', ')}`;

async function main(): Promise<number> {
  const args = parseCliArgs(
    process.argv.slice(2),
    { source: 'string', path: 'string', samples: 'boolean', json: 'boolean', refresh: 'boolean', 'no-classify': 'boolean', 'no-alerts': 'boolean' },
    USAGE,
  );
  if (typeof args === 'number') return args;
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

  // A file imported from the command line alerts saved searches exactly like one sent to the
  // `ingest` queue: the running workers deliver the instant digests this enqueues.
  // The alerting code logs through Nest's Logger; here it goes to stderr, so stdout stays the report (--json).
  Logger.overrideLogger({
    log: (m: unknown, ctx?: string) => console.error(`[${ctx ?? 'ingest'}] ${String(m)}`),
    warn: (m: unknown, ctx?: string) => console.error(`[${ctx ?? 'ingest'}] ${String(m)}`),
    error: (m: unknown, ctx?: string) => console.error(`[${ctx ?? 'ingest'}] ${String(m)}`),
  });
  const alerting = args['no-alerts'] ? null : createAlerting(config);
  const pipeline = await createIngestPipeline(config, alerting ? tolerant(alerting.importListener) : undefined, { classify: !args['no-classify'] });
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
    await alerting?.close();
  }

  if (args.json) console.log(JSON.stringify({ reports, failures }, null, 2));
  else console.log(formatReports(reports, failures));
  // Non-zero only when nothing could be done.
  return reports.length === 0 ? 1 : 0;
}

/**
 * Alerts must never stop an import: when Redis cannot mark the import, the postings are imported
 * anyway and a later import or the daily/weekly schedule picks them up (windows are per posting time).
 */
function tolerant(listener: ImportListener): ImportListener {
  return {
    async importStarted() {
      try {
        return await listener.importStarted();
      } catch (err) {
        console.error(`[alerts] not queued for this import (${err instanceof Error ? err.message : String(err)}); check REDIS_URL, or pass --no-alerts`);
        // An empty id: the pipeline then does not report the end of the import either.
        return '';
      }
    },
    importFinished: (id, report) => listener.importFinished(id, report),
  };
}

runCli(main, [ConfigError, ModelArtifactError], (err) => (err instanceof SearchUnavailableError ? `\nImport stopped: ${err.message}` : undefined));
