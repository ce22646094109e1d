/** BullMQ queue and job names: the only way backend, CLI and workers meet besides libs. */
export const QUEUES = {
  ingest: 'ingest',
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
