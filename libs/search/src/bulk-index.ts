import type { Client } from '@elastic/elasticsearch';
import type { PostingDocument } from '@jobportal/contracts';
import { SearchUnavailableError, isUnavailable } from './client';

export interface BulkIndexResult {
  created: number;
  updated: number;
  /** Replays of a document that is already indexed as it is now (detect_noop). */
  unchanged: number;
  failed: Array<{ id: string; status: number; reason: string }>;
}

export interface RetryPolicy {
  attempts: number;
  /** Delay before the second attempt; doubles each time. */
  initialDelayMs: number;
  onRetry?: (attempt: number, delayMs: number, err: unknown) => void;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, initialDelayMs: 1000 };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The bulk body for a batch: one `update` with `doc_as_upsert` per posting. Update rather than
 * index so that a replay of an unchanged posting is a no-op (detect_noop) and reported as
 * "unchanged", and so that `ingested_at` keeps the first time we saw the posting.
 */
export function buildPostingsBulkBody(index: string, docs: PostingDocument[]): object[] {
  const body: object[] = [];
  for (const doc of docs) {
    const { ingested_at, ...content } = doc;
    body.push({ update: { _index: index, _id: doc.id, retry_on_conflict: 3 } });
    body.push({ doc: content, upsert: { ...content, ingested_at }, detect_noop: true });
  }
  return body;
}

/**
 * Sends one batch, retrying the whole request while Elasticsearch is unavailable and the items it
 * rejected with 429, with exponential backoff. Other item errors (a mapping conflict) are returned
 * in `failed` so the caller can quarantine them.
 */
export async function bulkIndexPostings(
  client: Client,
  index: string,
  docs: PostingDocument[],
  opts: { retry?: RetryPolicy; refresh?: boolean } = {},
): Promise<BulkIndexResult> {
  const retry = opts.retry ?? DEFAULT_RETRY;
  const result: BulkIndexResult = { created: 0, updated: 0, unchanged: 0, failed: [] };
  let pending = docs;
  let attempt = 1;
  while (pending.length > 0) {
    let response;
    try {
      response = await client.bulk({ operations: buildPostingsBulkBody(index, pending), refresh: opts.refresh ? 'wait_for' : false });
    } catch (err) {
      if (!isUnavailable(err) || attempt >= retry.attempts) {
        if (isUnavailable(err)) {
          const detail = err instanceof Error ? err.message : String(err);
          throw new SearchUnavailableError(
            `Elasticsearch did not accept the batch after ${attempt} attempts (${detail}). Check that it is running (npm run stack:up) and run the same import again: it resumes without duplicates.`,
            err,
          );
        }
        throw err;
      }
      const delay = retry.initialDelayMs * 2 ** (attempt - 1);
      retry.onRetry?.(attempt, delay, err);
      await sleep(delay);
      attempt++;
      continue;
    }
    const again: PostingDocument[] = [];
    response.items.forEach((item, i) => {
      const op = item.update!;
      if (op.error) {
        if (op.status === 429) again.push(pending[i]);
        else result.failed.push({ id: String(op._id), status: op.status, reason: `${op.error.type}: ${op.error.reason ?? ''}` });
      } else if (op.result === 'created') result.created++;
      else if (op.result === 'updated') result.updated++;
      else result.unchanged++;
    });
    if (again.length > 0) {
      if (attempt >= retry.attempts) {
        throw new SearchUnavailableError(`Elasticsearch kept rejecting ${again.length} postings as overloaded (429) after ${attempt} attempts; run the import again later.`);
      }
      const delay = retry.initialDelayMs * 2 ** (attempt - 1);
      retry.onRetry?.(attempt, delay, new Error(`${again.length} items rejected with 429`));
      await sleep(delay);
      attempt++;
    }
    pending = again;
  }
  return result;
}
