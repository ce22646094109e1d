import { Logger } from '@nestjs/common';
import type { AppConfig } from '@jobportal/config';
import { ALERT_FREQUENCIES, NOTIFICATION_JOBS, QUEUES, type AlertFrequency, type DigestFanoutJob, type DigestJob } from '@jobportal/contracts';
import { Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { DEFAULT_JOB_OPTIONS, bullConnection } from '../queues';
import type { AlertStore } from './alert-store';
import { runDigest, type DigestDeps, type DigestResult } from './digest.service';

type NotificationJob = DigestJob | DigestFanoutJob;
type NotificationResult = DigestResult | { enqueued: number };

/** Daily at 08:00 UTC, weekly on Mondays at 08:00 UTC (BullMQ job schedulers, one per frequency). */
export const DIGEST_SCHEDULES: Record<'daily' | 'weekly', string> = { daily: '0 8 * * *', weekly: '0 8 * * 1' };

export function createNotificationsQueue(config: AppConfig): Queue<NotificationJob, NotificationResult> {
  const logger = new Logger('NotificationsQueue');
  // Digests are idempotent per window, so a completed job need not be kept to deduplicate.
  const queue = new Queue<NotificationJob, NotificationResult>(QUEUES.notifications, {
    connection: bullConnection(config),
    prefix: config.redis.queuePrefix,
    defaultJobOptions: { ...DEFAULT_JOB_OPTIONS, removeOnComplete: true },
  });
  queue.on('error', (err) => logger.error(`Queue error: ${err.message}`));
  return queue;
}

/** One digest job per user with active searches of that frequency; the job id dedupes a repeated fan-out. */
export async function enqueueDigests(queue: Queue<NotificationJob, NotificationResult>, store: AlertStore, frequency: AlertFrequency, stamp: string): Promise<number> {
  const users = await store.usersWithSearches(frequency);
  await queue.addBulk(users.map((userId) => ({ name: NOTIFICATION_JOBS.digest, data: { userId, frequency }, opts: { jobId: `digest-${frequency}-${userId}-${stamp}` } })));
  return users.length;
}

export async function scheduleDigests(queue: Queue<NotificationJob, NotificationResult>): Promise<void> {
  for (const frequency of ['daily', 'weekly'] as const) {
    await queue.upsertJobScheduler(`digests-${frequency}`, { pattern: DIGEST_SCHEDULES[frequency], tz: 'UTC' }, { name: NOTIFICATION_JOBS.fanout, data: { frequency } });
  }
}

/** One processor for the `notifications` queue: switches on job.name and hands off to the digest service. */
export function createNotificationsWorker(
  config: AppConfig,
  deps: DigestDeps,
  queue: Queue<NotificationJob, NotificationResult>,
): Worker<NotificationJob, NotificationResult> {
  const logger = new Logger('NotificationsWorker');
  const worker = new Worker<NotificationJob, NotificationResult>(
    QUEUES.notifications,
    async (job: Job<NotificationJob, NotificationResult>) => {
      switch (job.name) {
        case NOTIFICATION_JOBS.digest: {
          const { userId, frequency } = job.data as DigestJob;
          if (typeof userId !== 'string' || !ALERT_FREQUENCIES.includes(frequency)) throw new UnrecoverableError(`Bad digest job data: ${JSON.stringify(job.data)}`);
          return runDigest(deps, userId, frequency);
        }
        case NOTIFICATION_JOBS.fanout: {
          const { frequency } = job.data as DigestFanoutJob;
          if (frequency !== 'daily' && frequency !== 'weekly') throw new UnrecoverableError(`Bad fan-out job data: ${JSON.stringify(job.data)}`);
          return { enqueued: await enqueueDigests(queue, deps.store, frequency, String(job.timestamp)) };
        }
        default:
          throw new UnrecoverableError(`Unknown job "${job.name}" on queue ${QUEUES.notifications}`);
      }
    },
    { connection: bullConnection(config), prefix: config.redis.queuePrefix, concurrency: 4 },
  );
  worker.on('error', (err) => logger.error(`Worker error: ${err.message}`));
  worker.on('failed', (job, err) => logger.warn(`Job ${job?.id} (${job?.name}) failed: ${err.message}`));
  return worker;
}
