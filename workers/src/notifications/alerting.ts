import { Logger } from '@nestjs/common';
import type { AppConfig } from '@jobportal/config';
import { ChannelDelivery, RedisOutbox, type MessageDelivery } from '@jobportal/notify';
import type { Client } from '@jobportal/search';
import type { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import type { ImportListener } from '../ingest/ingest-pipeline';
import { AlertStore } from './alert-store';
import { createNotificationsQueue, createNotificationsWorker, enqueueDigests, scheduleDigests } from './notifications.processor';
import { VisibleThrough } from './visible-through';

export interface Alerting {
  readonly store: AlertStore;
  readonly visible: VisibleThrough;
  readonly queue: Queue;
  /** For createIngestPipeline: after each refreshed import, the instant digests are enqueued. */
  readonly importListener: ImportListener;
  /** Starts consuming the notifications queue (and, with schedules, upserts the daily/weekly schedulers). */
  startWorker(es: Client, index: string, opts?: { schedules?: boolean }): Promise<Worker>;
  close(): Promise<void>;
}

/**
 * Saved-search alerts in the workers: PostgreSQL (AlertStore), the delivery port of libs/notify
 * (the development outbox in Redis, shared with the backend), and the `notifications` queue.
 */
export function createAlerting(config: AppConfig, opts: { delivery?: MessageDelivery } = {}): Alerting {
  const logger = new Logger('Alerts');
  const redis = new Redis(config.redis.url, { maxRetriesPerRequest: 2 });
  redis.on('error', (err) => logger.warn(`Redis: ${err.message}`));
  const store = new AlertStore(config.database.url);
  const visible = new VisibleThrough(redis, config.redis.queuePrefix);
  const channelDelivery = opts.delivery ? null : new ChannelDelivery(config.notify, new RedisOutbox(redis, config.app.env === 'development', config.redis.queuePrefix));
  const delivery = opts.delivery ?? channelDelivery!;
  const queue = createNotificationsQueue(config);
  let worker: Worker | null = null;

  const importListener: ImportListener = {
    importStarted: () => visible.importStarted(),
    async importFinished(id, report) {
      try {
        const through = await visible.importFinished(id);
        if (!report || report.indexed === 0) return;
        const n = await enqueueDigests(queue, store, 'instant', String(through.getTime()));
        logger.log(`Import of ${report.source} added ${report.indexed} postings: ${n} instant digest(s) enqueued`);
      } catch (err) {
        // Alerts must never fail an import; the next import or schedule picks the postings up (marks are per window).
        logger.warn(`Could not enqueue instant digests: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
  };

  return {
    store,
    visible,
    queue,
    importListener,
    async startWorker(es, index, startOpts = {}) {
      worker = createNotificationsWorker(config, { config, store, es, delivery, index, visibleThrough: () => visible.get() }, queue);
      if (startOpts.schedules) await scheduleDigests(queue);
      return worker;
    },
    async close() {
      await worker?.close();
      await queue.close();
      channelDelivery?.close();
      await store.close();
      redis.disconnect();
    },
  };
}
