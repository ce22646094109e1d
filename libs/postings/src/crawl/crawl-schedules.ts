import { CRAWL_JOBS, CRAWL_SCHEDULER_PREFIX, crawlSchedulerId, type CrawlSourceJob } from '@jobportal/contracts';
import type { CrawlSource } from './crawl-sources';

/**
 * The part of a BullMQ Queue (the `crawl` queue) that schedules sources. Structural, so this library
 * needs no BullMQ of its own: the backend and the workers pass their Queue.
 */
export interface CrawlScheduleQueue {
  upsertJobScheduler(id: string, repeat: { pattern: string; tz: string }, template: { name: string; data: CrawlSourceJob }): Promise<unknown>;
  removeJobScheduler(id: string): Promise<unknown>;
  getJobSchedulers(start?: number, end?: number, asc?: boolean): Promise<Array<{ key: string }>>;
}

/** One source's schedule as it should be: its cron in UTC when enabled, none when disabled. */
export async function applyCrawlSchedule(queue: CrawlScheduleQueue, source: Pick<CrawlSource, 'name' | 'cron' | 'enabled'>): Promise<void> {
  const id = crawlSchedulerId(source.name);
  if (source.enabled) await queue.upsertJobScheduler(id, { pattern: source.cron, tz: 'UTC' }, { name: CRAWL_JOBS.source, data: { source: source.name } });
  else await queue.removeJobScheduler(id);
}

/**
 * Makes the queue's crawl schedulers match the sources: enabled ones upserted, disabled ones
 * removed, and a scheduler whose source is gone (deleted while this process was down) removed too.
 * Returns the names scheduled.
 */
export async function syncCrawlSchedules(queue: CrawlScheduleQueue, sources: Array<Pick<CrawlSource, 'name' | 'cron' | 'enabled'>>): Promise<string[]> {
  const wanted = new Set(sources.map((s) => crawlSchedulerId(s.name)));
  for (const s of sources) await applyCrawlSchedule(queue, s);
  for (const j of await queue.getJobSchedulers(0, -1)) {
    if (j.key.startsWith(CRAWL_SCHEDULER_PREFIX) && !wanted.has(j.key)) await queue.removeJobScheduler(j.key);
  }
  return sources.filter((s) => s.enabled).map((s) => s.name);
}
