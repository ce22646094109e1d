import type { estypes } from '@elastic/elasticsearch';

/** Live counts for the landing page: postings, per source, per work mode. */
export function buildOverviewRequest(index: string): estypes.SearchRequest {
  return {
    index,
    size: 0,
    track_total_hits: true,
    request_cache: true,
    aggs: {
      sources: { terms: { field: 'source', size: 50 } },
      work_modes: { terms: { field: 'work_mode', size: 10, missing: 'unknown' } },
      latest: { max: { field: 'ingested_at' } },
    },
  };
}

export interface OverviewCounts {
  postings: number;
  sources: Array<{ source: string; count: number }>;
  workModes: Array<{ workMode: string; count: number }>;
  /** Share of postings known to be remote, over all postings (unknown counts as not remote). */
  remoteShare: number;
  updatedAt: string | null;
}

type Buckets = { buckets: Array<{ key: string; doc_count: number }> };

export function mapOverviewResponse(res: estypes.SearchResponse): OverviewCounts {
  const total = typeof res.hits.total === 'number' ? res.hits.total : (res.hits.total?.value ?? 0);
  const aggs = res.aggregations as unknown as { sources: Buckets; work_modes: Buckets; latest: { value_as_string?: string; value: number | null } };
  const workModes = aggs.work_modes.buckets.map((b) => ({ workMode: String(b.key), count: b.doc_count }));
  const remote = workModes.find((w) => w.workMode === 'remote')?.count ?? 0;
  return {
    postings: total,
    sources: aggs.sources.buckets.map((b) => ({ source: String(b.key), count: b.doc_count })),
    workModes,
    remoteShare: total === 0 ? 0 : remote / total,
    updatedAt: aggs.latest.value === null ? null : (aggs.latest.value_as_string ?? new Date(aggs.latest.value).toISOString()),
  };
}
