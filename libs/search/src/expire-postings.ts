import type { Client } from '@elastic/elasticsearch';
import type { ExpiryReason, SourceName } from '@jobportal/contracts';
import { SearchUnavailableError, isUnavailable, toSearchError } from './client';
import { DEFAULT_RETRY, type RetryPolicy } from './bulk-index';
import { buildExpireBody, buildLiveIdsRequest, buildValidThroughSweepQuery } from './requests/liveness';
import { scanIndex } from './scan-index';

export interface ExpireOptions {
  retry?: RetryPolicy;
  /** Make the change visible to search before returning (tests). */
  refresh?: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function withRetry<T>(what: string, retry: RetryPolicy, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!isUnavailable(err)) throw toSearchError(err, what);
      if (attempt >= retry.attempts) throw new SearchUnavailableError(`Elasticsearch did not answer "${what}" after ${attempt} attempts; the next crawl of the source tries again.`, err);
      const delay = retry.initialDelayMs * 2 ** (attempt - 1);
      retry.onRetry?.(attempt, delay, err);
      await sleep(delay);
    }
  }
}

/**
 * Marks postings expired by id: partial bulk updates of status / expired_at / expiry_reason (the
 * node has no _update_by_query). Only postings that exist and are still live are written, so an
 * expired posting keeps its first expired_at and reason, and the count is what actually expired.
 * `index` is the alias: writes require it (no auto-created index with a guessed mapping).
 */
export async function expirePostings(client: Client, index: string, ids: string[], reason: ExpiryReason, at: Date, opts: ExpireOptions = {}): Promise<number> {
  if (ids.length === 0) return 0;
  const retry = opts.retry ?? DEFAULT_RETRY;
  let expired = 0;
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    const live = await withRetry('find live postings to expire', retry, () => client.search(buildLiveIdsRequest(index, chunk)));
    const liveIds = live.hits.hits.map((h) => h._id!);
    if (liveIds.length === 0) continue;
    const res = await withRetry('expire postings', retry, () =>
      client.bulk({ operations: buildExpireBody(index, liveIds, reason, at), refresh: opts.refresh ? 'wait_for' : false, require_alias: true }),
    );
    for (const item of res.items) if (item.update?.result === 'updated') expired++;
  }
  return expired;
}

/**
 * The periodic validThrough sweep: every live posting of the given (crawled) sources whose
 * expires_at is before `now` is expired with reason `valid_through_passed`. Reads ids only, through
 * a point in time, one bounded page at a time.
 */
export async function sweepValidThrough(client: Client, index: string, now: Date, sources: readonly SourceName[], opts: ExpireOptions & { batchSize?: number } = {}): Promise<number> {
  let expired = 0;
  for await (const page of scanIndex(client, index, { batchSize: opts.batchSize ?? 1000, source: false, query: buildValidThroughSweepQuery(now, sources) })) {
    expired += await expirePostings(client, index, page.map((h) => h.id), 'valid_through_passed', now, opts);
  }
  return expired;
}
