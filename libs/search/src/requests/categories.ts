import type { estypes } from '@elastic/elasticsearch';
import { EXPERIENCE_LEVELS, WORK_MODES, type JobCategory, type JobSummary } from '@jobportal/contracts';
import { JOB_FACETS } from './job-facets';
import { NOT_EXPIRED } from './liveness';
import { SUMMARY_SOURCE_FIELDS, mapJobSummary, type SummarySource } from './job-summary';

export const CATEGORY_TOP_SIZE = 3;

interface CategoryDefinition {
  key: string;
  label: string;
  params: JobCategory['params'];
  filter: estypes.QueryDslQueryContainer;
}

function labelOf(facet: 'workMode' | 'experience', value: string): string {
  const def = JOB_FACETS[facet];
  return (def.type === 'terms' && def.labels?.[value]) || value;
}

/** Browse-by-category tiles: each work mode, then each experience level. */
export const JOB_CATEGORIES: ReadonlyArray<CategoryDefinition> = [
  ...WORK_MODES.map((m) => ({ key: m, label: labelOf('workMode', m), params: { workMode: m }, filter: { term: { work_mode: m } } })),
  ...EXPERIENCE_LEVELS.map((e) => ({ key: e, label: labelOf('experience', e), params: { experience: e }, filter: { term: { experience_level: e } } })),
];

/** Counts and the three newest postings of every category, in one request (filters + top_hits). */
export function buildCategoriesRequest(index: string): estypes.SearchRequest {
  return {
    index,
    size: 0,
    track_total_hits: false,
    request_cache: true,
    // A tile's count and newest postings are what a click on it (a default search) shows: live ones.
    query: NOT_EXPIRED,
    aggs: {
      categories: {
        filters: { filters: Object.fromEntries(JOB_CATEGORIES.map((c) => [c.key, c.filter])) },
        aggs: {
          top: {
            top_hits: {
              size: CATEGORY_TOP_SIZE,
              _source: [...SUMMARY_SOURCE_FIELDS],
              sort: [{ posted_at: { order: 'desc', missing: 0 } }, { id: { order: 'asc' } }],
            },
          },
        },
      },
    },
  };
}

interface CategoryBucket {
  doc_count: number;
  top: { hits: { hits: Array<{ _source?: unknown }> } };
}

export function mapCategoriesResponse(res: estypes.SearchResponse): JobCategory[] {
  const buckets = (res.aggregations as unknown as { categories?: { buckets: Record<string, CategoryBucket> } } | undefined)?.categories?.buckets ?? {};
  return JOB_CATEGORIES.map((c) => {
    const b = buckets[c.key];
    const top: JobSummary[] = (b?.top.hits.hits ?? []).map((h) => mapJobSummary(h._source as SummarySource));
    return { key: c.key, label: c.label, params: c.params, count: b?.doc_count ?? 0, top };
  });
}
