import type { estypes } from '@elastic/elasticsearch';
import type { ExpiryReason, PostingStatus, SourceName } from '@jobportal/contracts';

type Query = estypes.QueryDslQueryContainer;

/**
 * "Not expired" rather than "status is live": postings indexed before postings v3 have no status
 * and are live, so they keep showing until a rebuild (reclassify) writes the field.
 */
export const NOT_EXPIRED: Query = { bool: { must_not: [{ term: { status: 'expired' } }] } };

/** The partial document an expiring write sends: only the liveness fields change. */
export function expiredFields(reason: ExpiryReason, at: Date): { status: 'expired'; expired_at: string; expiry_reason: ExpiryReason } {
  return { status: 'expired', expired_at: at.toISOString(), expiry_reason: reason };
}

/**
 * The _bulk body that expires postings by id: partial `update`s (this Elasticsearch has no
 * _update_by_query). detect_noop makes a second expiry of the same posting a no-op;
 * an expired_at that already exists is kept by the caller asking only for live ids first.
 */
export function buildExpireBody(index: string, ids: string[], reason: ExpiryReason, at: Date): object[] {
  const doc = expiredFields(reason, at);
  return [...new Set(ids)].flatMap((id) => [{ update: { _index: index, _id: id, retry_on_conflict: 3 } }, { doc, detect_noop: true }]);
}

/** Of these ids, the postings that exist and are not expired yet (the ones an expiry would change). */
export function buildLiveIdsRequest(index: string, ids: string[]): estypes.SearchRequest {
  const unique = [...new Set(ids)];
  return { index, size: unique.length, track_total_hits: false, _source: false, query: { bool: { filter: [{ ids: { values: unique } }, NOT_EXPIRED] } } };
}

/**
 * The sweep: live postings of these (crawled) sources whose validThrough (expires_at) is before
 * `now`. Dataset imports are historical snapshots whose expiry dates have all passed; they are
 * never swept, or every dataset posting would leave search.
 */
export function buildValidThroughSweepQuery(now: Date, sources: readonly SourceName[]): Query {
  return { bool: { filter: [{ terms: { source: [...sources] } }, { range: { expires_at: { lt: now.toISOString() } } }, NOT_EXPIRED] } };
}

/** The liveness of each of these postings (saved jobs show which are gone): ids and status only. */
export function buildPostingStatusRequest(index: string, ids: string[]): estypes.SearchRequest {
  const unique = [...new Set(ids)];
  return { index, size: unique.length, track_total_hits: false, _source: ['status'], query: { ids: { values: unique } } };
}

/** id -> status; postings indexed before v3 have none and are live. Ids not in the index are absent. */
export function mapPostingStatusResponse(res: estypes.SearchResponse): Map<string, PostingStatus> {
  const out = new Map<string, PostingStatus>();
  for (const h of res.hits.hits) out.set(h._id!, ((h._source as { status?: PostingStatus } | undefined)?.status ?? 'live'));
  return out;
}
