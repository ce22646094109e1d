/** BullMQ queue and job names: the only way backend, CLI and workers meet besides libs. */
export const QUEUES = {
  ingest: 'ingest',
  /** Saved-search alerts: digests per user and frequency (issue 4). */
  notifications: 'notifications',
  /** Whole-index work run one at a time: reclassify (issue 5). */
  maintenance: 'maintenance',
  /** Crawlers: one job per page of a configured source (issue 10). */
  crawl: 'crawl',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const INGEST_JOBS = {
  /** Import one file of one source. Payload: IngestFileJob. */
  importFile: 'import-file',
} as const;

export interface IngestFileJob {
  source: string;
  path: string;
}

export interface IngestReport {
  source: string;
  path: string;
  read: number;
  indexed: number;
  updated: number;
  unchanged: number;
  duplicates: number;
  rejected: number;
  rejectedByReason: Record<string, number>;
  quarantinePath: string | null;
  durationMs: number;
  /** Postings whose occupation code is flagged for review (low confidence, unknown words, nothing to read); absent when the import did not classify. */
  needsReview?: number;
  /** Crawled postings that arrived with their validThrough already past, written as expired (crawl imports only). */
  expired?: number;
}

export const NOTIFICATION_JOBS = {
  /** Send one user's digest of new matches for one frequency. Payload: DigestJob (ids only, never codes). */
  digest: 'digest',
  /** Enqueue a digest per user with active saved searches of one frequency (job schedulers). Payload: DigestFanoutJob. */
  fanout: 'fanout',
} as const;

export interface DigestFanoutJob {
  frequency: 'daily' | 'weekly';
}

export interface DigestJob {
  userId: string;
  frequency: 'instant' | 'daily' | 'weekly';
}

export const MAINTENANCE_JOBS = {
  /** Recode every posting with the current classifier into a new index version, then swap the alias. Payload: ReclassifyJob. */
  reclassifyPostings: 'reclassify-postings',
} as const;

export interface ReclassifyJob {
  /** Postings read, coded and written per request. */
  batchSize?: number;
}

export type ReclassifyPhase = 'copy' | 'swap' | 'catch-up' | 'cleanup' | 'done';

/** Reported through job.updateProgress and returned as the job's result. */
export interface ReclassifyProgress {
  phase: ReclassifyPhase;
  alias: string;
  fromIndex: string;
  toIndex: string;
  /** Postings in the old index when the copy started. */
  total: number;
  copied: number;
  /** Postings ingested into the old index during the copy, carried over after the swap. */
  caughtUp: number;
  needsReview: number;
}

export interface ReclassifyReport extends ReclassifyProgress {
  durationMs: number;
}

export const CRAWL_JOBS = {
  /** Fetch one URL of one source, extract, index, enqueue the links it holds. Payload: CrawlPageJob. */
  page: 'crawl-page',
  /** Start a run of one source (the job schedulers, one per enabled source). Payload: CrawlSourceJob. */
  source: 'crawl-source',
  /** Re-check a bounded batch of a source's live pages, least recently checked first. Payload: CrawlSourceJob. */
  recheck: 'crawl-recheck',
  /** Expire crawled postings whose validThrough has passed (all sources). No payload. */
  sweep: 'crawl-sweep',
} as const;

export interface CrawlSourceJob {
  source: string;
}

/**
 * The BullMQ job scheduler of one source (`crawl` queue): the operator API upserts it on every change
 * and removes it when the source is disabled or deleted; the workers reconcile all of them at start.
 */
export const CRAWL_SCHEDULER_PREFIX = 'crawl-';
export function crawlSchedulerId(source: string): string {
  return `${CRAWL_SCHEDULER_PREFIX}${source}`;
}

export interface CrawlPageJob {
  source: string;
  runId: string;
  url: string;
  /** The adapter that reads this page (a sitemap's links are read by the source's page adapter). */
  adapter: string;
  /** Sitemap lastmod of the link, when it came from one. */
  lastmod?: string | null;
  /** A liveness re-check of a known page: its links are not followed (the batch stays bounded). */
  recheck?: boolean;
}

/** A crawl run's counts (the operator view and `npm run crawl` print them). */
export interface CrawlReport {
  source: string;
  runId: string;
  pages: number;
  fetched: number;
  new: number;
  updated: number;
  unchanged: number;
  expired: number;
  errors: number;
  errorsByReason: Record<string, number>;
  durationMs: number;
}

/** Where a crawl run's counts live in Redis (the crawler writes them, the operator API reads them). */
export function crawlRunKeys(queuePrefix: string) {
  return {
    lastRun: (source: string) => `${queuePrefix}:crawl:last-run:${source}`,
    /** The latest liveness re-check run of a source (kept apart so the last full run stays in view). */
    lastRecheck: (source: string) => `${queuePrefix}:crawl:last-recheck:${source}`,
    run: (runId: string, what: 'counts' | 'seen' | 'pending' | 'started' | 'source') => `${queuePrefix}:crawl:run:${runId}:${what}`,
  };
}
