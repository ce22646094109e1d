import type { IngestReport, PostingDocument, RawPosting, RejectedRow, SourceName } from '@jobportal/contracts';
import type { QuarantineWriter } from './quarantine';

/** Where normalized postings go. The CLI and the worker plug in the Elasticsearch bulk indexer. */
export interface PostingSink {
  write(docs: PostingDocument[]): Promise<{
    created: number;
    updated: number;
    unchanged: number;
    failed: Array<{ id: string; status: number; reason: string }>;
  }>;
}

export type NormalizeResult = { ok: true; doc: PostingDocument } | { ok: false; reject: RejectedRow };

export interface ImportProgress {
  read: number;
  indexed: number;
  updated: number;
  unchanged: number;
  duplicates: number;
  rejected: number;
}

export interface RunImportOptions {
  source: SourceName;
  path: string;
  rows: AsyncIterable<RawPosting | RejectedRow>;
  normalize: (raw: RawPosting) => NormalizeResult;
  sink: PostingSink;
  quarantine: QuarantineWriter;
  batchSize?: number;
  onProgress?: (p: ImportProgress) => void;
  /** Called with each batch after it is indexed (e.g. to percolate alerts). */
  onBatchIndexed?: (docs: PostingDocument[]) => Promise<void> | void;
  now?: () => number;
}

function isRejected(row: RawPosting | RejectedRow): row is RejectedRow {
  return (row as RejectedRow).reason !== undefined && (row as RawPosting).sourceId === undefined;
}

/**
 * The one import loop for every source: read -> normalize -> dedup -> bulk index, with every row
 * accounted for (indexed, updated, unchanged, duplicate or rejected with a reason).
 */
export async function runImport(opts: RunImportOptions): Promise<IngestReport> {
  const now = opts.now ?? Date.now;
  const started = now();
  const batchSize = opts.batchSize ?? 500;
  const progress: ImportProgress = { read: 0, indexed: 0, updated: 0, unchanged: 0, duplicates: 0, rejected: 0 };
  const rejectedByReason: Record<string, number> = {};
  // Same source + same source id = the same document; a second sighting in one file is a duplicate.
  const seen = new Set<string>();
  let batch: PostingDocument[] = [];

  const reject = async (row: RejectedRow) => {
    progress.rejected++;
    rejectedByReason[row.reason] = (rejectedByReason[row.reason] ?? 0) + 1;
    await opts.quarantine.write(row);
  };

  const send = async (docs: PostingDocument[]) => {
    const res = await opts.sink.write(docs);
    progress.indexed += res.created;
    progress.updated += res.updated;
    progress.unchanged += res.unchanged;
    for (const f of res.failed) {
      const doc = docs.find((d) => d.id === f.id);
      await reject({
        source: opts.source,
        rowNumber: -1,
        reason: 'invalid_value',
        detail: `Elasticsearch rejected the document (${f.status}): ${f.reason}`,
        raw: doc ?? { id: f.id },
      });
    }
    await opts.onBatchIndexed?.(docs);
    opts.onProgress?.({ ...progress });
  };

  // One batch is indexed while the next is read and normalized, so CPU work and the round trip
  // to Elasticsearch overlap; at most one request is in flight, which keeps memory bounded and
  // lets a failure stop the import before more is sent.
  let inFlight: Promise<void> | null = null;
  const flush = async () => {
    if (inFlight) await inFlight;
    inFlight = null;
    if (batch.length === 0) return;
    const docs = batch;
    batch = [];
    inFlight = send(docs);
    // Surface a failure at the next flush (or the final drain), not as an unhandled rejection.
    inFlight.catch(() => undefined);
  };
  const drain = async () => {
    await flush();
    if (inFlight) await inFlight;
    inFlight = null;
  };

  try {
    for await (const row of opts.rows) {
      progress.read++;
      if (isRejected(row)) {
        await reject(row);
        continue;
      }
      const result = opts.normalize(row);
      if (!result.ok) {
        await reject(result.reject);
        continue;
      }
      if (seen.has(result.doc.id)) {
        progress.duplicates++;
        continue;
      }
      seen.add(result.doc.id);
      batch.push(result.doc);
      if (batch.length >= batchSize) await flush();
      else if (progress.read % 100 === 0) opts.onProgress?.({ ...progress });
    }
    await drain();
  } finally {
    // On an error, let the request in flight settle so nothing writes after we return.
    if (inFlight) await (inFlight as Promise<void>).catch(() => undefined);
    await opts.quarantine.close();
  }
  opts.onProgress?.({ ...progress });

  return {
    source: opts.source,
    path: opts.path,
    read: progress.read,
    indexed: progress.indexed,
    updated: progress.updated,
    unchanged: progress.unchanged,
    duplicates: progress.duplicates,
    rejected: progress.rejected,
    rejectedByReason,
    quarantinePath: progress.rejected > 0 ? opts.quarantine.path : null,
    durationMs: now() - started,
  };
}
