import { Logger } from '@nestjs/common';
import type { AppConfig } from '@jobportal/config';
import { MAINTENANCE_JOBS, QUEUES, type ReclassifyJob, type ReclassifyReport } from '@jobportal/contracts';
import type { OccupationClassifier } from '@jobportal/occupations';
import type { Client } from '@jobportal/search';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { CorrectionStore, HumanCodeGuard } from '../ingest/human-codes';
import { createPostingCoder } from '../ingest/posting-coder';
import { bullConnection } from '../queues';
import { reclassifyPostings, ReclassifyError } from './reclassify-postings';

/**
 * One processor for the `maintenance` queue. Concurrency 1: two rebuilds of the same alias at
 * once would race for the swap (the second swap would fail on must_exist, after a full copy).
 */
export function createMaintenanceWorker(config: AppConfig, es: Client, classifier: OccupationClassifier): Worker<ReclassifyJob, ReclassifyReport> {
  const logger = new Logger('MaintenanceWorker');
  const coder = createPostingCoder(classifier);
  const worker = new Worker<ReclassifyJob, ReclassifyReport>(
    QUEUES.maintenance,
    async (job: Job<ReclassifyJob, ReclassifyReport>) => {
      switch (job.name) {
        case MAINTENANCE_JOBS.reclassifyPostings: {
          const corrections = new CorrectionStore(config.database.url);
          try {
            return await reclassifyPostings({
              es,
              prefix: config.elastic.indexPrefix,
              coder,
              humanCodes: new HumanCodeGuard({ store: corrections, es, warn: (m) => logger.warn(m) }),
              batchSize: job.data.batchSize,
              retry: { attempts: config.ingest.retryAttempts, initialDelayMs: config.ingest.retryInitialDelayMs },
              onProgress: (p) => void job.updateProgress(p).catch(() => undefined),
            });
          } catch (err) {
            if (err instanceof ReclassifyError) throw new UnrecoverableError(err.message);
            throw err;
          } finally {
            await corrections.close();
          }
        }
        default:
          throw new UnrecoverableError(`Unknown job "${job.name}" on queue ${QUEUES.maintenance}`);
      }
    },
    { connection: bullConnection(config), prefix: config.redis.queuePrefix, concurrency: 1 },
  );
  worker.on('error', (err) => logger.error(`Worker error: ${err.message}`));
  worker.on('failed', (job, err) => logger.warn(`Job ${job?.id} (${job?.name}) failed: ${err.message}`));
  worker.on('completed', (job, r) =>
    logger.log(`Job ${job.id} reclassified ${r.alias}: ${r.fromIndex} -> ${r.toIndex}, copied ${r.copied}, caught up ${r.caughtUp}, flagged ${r.needsReview}`),
  );
  return worker;
}
