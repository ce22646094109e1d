import type { estypes } from '@elastic/elasticsearch';
import type { JobSearchParams, JobSummary } from '@jobportal/contracts';
import { buildJobSearchQuery, type ResolvedPlace } from './job-search';
import { SUMMARY_SOURCE_FIELDS, mapJobSummary, type SummarySource } from './job-summary';

/** At most this many postings per saved search in one digest; the rest are counted, not listed. */
export const MAX_ALERT_HITS = 25;

export interface AlertSearch {
  id: string;
  params: Omit<JobSearchParams, 'sort' | 'page' | 'size' | 'after'>;
  /** The saved search's `location` resolved to a place when it was saved; null when it has none. */
  place?: ResolvedPlace | null;
  /** Postings ingested at or before this were already sent (or predate the search). */
  ingestedAfter: Date;
}

export interface AlertMatchWindow {
  /** The upper end of the window: what the last refreshed import made visible. */
  ingestedThrough: Date;
  index: string;
  now: Date;
  size?: number;
}

/**
 * One msearch body with, per saved search, its own query AND `ingested_at` in (after, through].
 * This replaces a percolator (not in the minimal Elasticsearch distribution): instead of matching
 * each new posting against stored queries, each saved query runs once against the new postings,
 * which the `ingested_at` window (first sighting, kept by bulkIndexPostings) singles out.
 */
export function buildAlertMatchRequests(searches: AlertSearch[], window: AlertMatchWindow): estypes.MsearchRequestItem[] {
  const body: estypes.MsearchRequestItem[] = [];
  for (const s of searches) {
    const range: estypes.QueryDslQueryContainer = {
      range: { ingested_at: { gt: s.ingestedAfter.toISOString(), lte: window.ingestedThrough.toISOString() } },
    };
    body.push({ index: window.index });
    body.push({
      query: buildJobSearchQuery(s.params, { index: window.index, now: window.now, place: s.place ?? null }, [range]),
      sort: [{ ingested_at: { order: 'asc' } }, { id: { order: 'asc' } }],
      size: window.size ?? MAX_ALERT_HITS,
      track_total_hits: true,
      _source: [...SUMMARY_SOURCE_FIELDS],
    });
  }
  return body;
}

export interface AlertMatches {
  savedSearchId: string;
  total: number;
  hits: JobSummary[];
}

/** msearch responses back to per-search matches; a failed sub-search throws (the digest retries). */
export function mapAlertMatchResponses(searches: AlertSearch[], res: estypes.MsearchResponse): AlertMatches[] {
  return searches.map((s, i) => {
    const r = res.responses[i];
    if (!r || 'error' in r) throw new Error(`Alert search ${s.id} failed: ${r ? JSON.stringify(r.error) : 'no response'}`);
    const total = typeof r.hits.total === 'number' ? r.hits.total : (r.hits.total?.value ?? r.hits.hits.length);
    return { savedSearchId: s.id, total, hits: r.hits.hits.map((h) => mapJobSummary(h._source as SummarySource, undefined)) };
  });
}
