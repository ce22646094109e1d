import { Logger } from '@nestjs/common';
import type { AppConfig } from '@jobportal/config';
import { INGEST_JOBS, QUEUES, type IngestFileJob, type IngestReport } from '@jobportal/contracts';
import { SourceFileError, UnknownSourceError } from '@jobportal/postings';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { bullConnection } from '../queues';
import type { IngestPipeline } from './ingest-pipeline';

/** One processor for the `ingest` queue: switches on job.name and hands off to the pipeline. */
export function createIngestWorker(config: AppConfig, pipeline: IngestPipeline): Worker<IngestFileJob, IngestReport> {
  const logger = new Logger('IngestWorker');
  const worker = new Worker<IngestFileJob, IngestReport>(
    QUEUES.ingest,
    async (job: Job<IngestFileJob, IngestReport>) => {
      switch (job.name) {
        case INGEST_JOBS.importFile: {
          try {
            return await pipeline.importFile(job.data.source, job.data.path, {
              onProgress: (p) => void job.updateProgress(p).catch(() => undefined),
            });
          } catch (err) {
            // A bad file or source name will fail the same way on every retry.
            if (err instanceof SourceFileError || err instanceof UnknownSourceError) throw new UnrecoverableError(err.message);
            throw err;
          }
        }
        default:
          throw new UnrecoverableError(`Unknown job "${job.name}" on queue ${QUEUES.ingest}`);
      }
    },
    {
      connection: bullConnection(config),
      prefix: config.redis.queuePrefix,
      concurrency: config.ingest.concurrency,
      // A worker killed mid-file stops renewing its lock: after lockMs another worker takes the job
      // over and imports the file again (ids are deterministic, so a replay never duplicates). A
      // job may stall a few times (several crashes) before it is failed rather than one, the default.
      lockDuration: config.ingest.lockMs,
      stalledInterval: config.ingest.lockMs,
      maxStalledCount: 5,
    },
  );
  worker.on('error', (err) => logger.error(`Worker error: ${err.message}`));
  worker.on('failed', (job, err) => logger.warn(`Job ${job?.id} (${job?.name}) failed: ${err.message}`));
  worker.on('completed', (job, r) => logger.log(`Job ${job.id} imported ${r.source}: read ${r.read}, new ${r.indexed}, updated ${r.updated}, rejected ${r.rejected}`));
  return worker;
}
