/** BullMQ queue and job names: the only way backend, CLI and workers meet besides libs. */
export const QUEUES = {
  ingest: 'ingest',
  /** Saved-search alerts: digests per user and frequency (issue 4). */
  notifications: 'notifications',
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
