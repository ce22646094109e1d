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

/** First pass: `create` each posting. New postings cost what a plain index costs. */
export function buildPostingsCreateBody(index: string, docs: PostingDocument[]): object[] {
  return docs.flatMap((doc) => [{ create: { _index: index, _id: doc.id } }, doc]);
}

/**
 * Second pass, for the postings that already exist (409 on create): `update` with detect_noop,
 * so a replay of an unchanged posting is reported "unchanged" and writes nothing, and
 * `ingested_at` keeps the first time we saw the posting.
 */
export function buildPostingsUpdateBody(index: string, docs: PostingDocument[]): object[] {
  return docs.flatMap((doc) => {
    const { ingested_at: _firstSeen, ...content } = doc;
    return [{ update: { _index: index, _id: doc.id, retry_on_conflict: 3 } }, { doc: content, detect_noop: true }];
  });
}

/** Plain `index` operations: a whole document replaces whatever has its id (copies between index versions). */
export function buildPostingsIndexBody(index: string, docs: PostingDocument[]): object[] {
  return docs.flatMap((doc) => [{ index: { _index: index, _id: doc.id } }, doc]);
}

type Op = 'create' | 'update' | 'index';

export interface BulkOptions {
  retry?: RetryPolicy;
  refresh?: boolean;
  /**
   * `index` is an alias: refuse to write rather than let Elasticsearch auto-create a concrete
   * index of that name with a guessed mapping when the alias is missing.
   */
  requireAlias?: boolean;
}

/**
 * Indexes a batch: create first, then update what already existed. While Elasticsearch is
 * unavailable the request is retried with exponential backoff, and items rejected with 429 are
 * resent; other item errors (a mapping conflict) are returned in `failed` for the quarantine.
 */
export async function bulkIndexPostings(
  client: Client,
  index: string,
  docs: PostingDocument[],
  opts: BulkOptions = {},
): Promise<BulkIndexResult> {
  const result: BulkIndexResult = { created: 0, updated: 0, unchanged: 0, failed: [] };
  const existing = await sendWithRetry(client, index, 'create', docs, result, opts);
  if (existing.length > 0) await sendWithRetry(client, index, 'update', existing, result, opts);
  return result;
}

/**
 * Writes whole documents, with the same retries: `index` replaces what has the id; `create`
 * leaves an existing document alone and counts it `unchanged` (a catch-up that must not overwrite
 * a newer write).
 */
export async function bulkWritePostings(
  client: Client,
  index: string,
  docs: PostingDocument[],
  op: 'index' | 'create',
  opts: BulkOptions = {},
): Promise<BulkIndexResult> {
  const result: BulkIndexResult = { created: 0, updated: 0, unchanged: 0, failed: [] };
  const existing = await sendWithRetry(client, index, op, docs, result, opts);
  result.unchanged += existing.length;
  return result;
}

const BODY_BUILDERS: Record<Op, (index: string, docs: PostingDocument[]) => object[]> = {
  create: buildPostingsCreateBody,
  update: buildPostingsUpdateBody,
  index: buildPostingsIndexBody,
};

/** Sends one kind of operation for `docs`; returns the docs that already existed (create only). */
async function sendWithRetry(
  client: Client,
  index: string,
  op: Op,
  docs: PostingDocument[],
  result: BulkIndexResult,
  opts: BulkOptions,
): Promise<PostingDocument[]> {
  const retry = opts.retry ?? DEFAULT_RETRY;
  const existing: PostingDocument[] = [];
  let pending = docs;
  let attempt = 1;
  while (pending.length > 0) {
    let response;
    try {
      const operations = BODY_BUILDERS[op](index, pending);
      response = await client.bulk({ operations, refresh: opts.refresh ? 'wait_for' : false, ...(opts.requireAlias ? { require_alias: true } : {}) });
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
      const res = item[op]!;
      if (res.error) {
        if (res.status === 429) again.push(pending[i]);
        else if (op === 'create' && res.status === 409) existing.push(pending[i]);
        else result.failed.push({ id: String(res._id), status: res.status, reason: `${res.error.type}: ${res.error.reason ?? ''}` });
      } else if (res.result === 'created') result.created++;
      else if (res.result === 'updated') result.updated++;
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
  return existing;
}
