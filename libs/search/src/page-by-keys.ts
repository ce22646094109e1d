import type { estypes } from '@elastic/elasticsearch';
import type { JobSearchParams } from '@jobportal/contracts';
import { searchTogether, type Client } from './client';
import {
  DEFAULT_PAGE_SIZE,
  buildPageDocsRequest,
  buildPageKeysRequest,
  mapPageKeys,
  pageKeysWindow,
  pickPageIds,
  toMsearchBody,
  type JobSearchContext,
} from './requests/job-search';

/** Key rounds for a date or pay page before giving up (a listing made almost only of reposts). */
export const MAX_PAGE_KEY_ROUNDS = 4;

/**
 * A date or pay `page` listing without collapse (pagesWithoutCollapse): the keys of the first
 * postings in sort order beside the facets request (one _msearch), more key rounds while reposts
 * fold, then the page's postings. The answer is one search response (the keys' total, the page's
 * hits in the keys' order, the facets' aggregations, `took` summed) for mapJobSearchResponse; null
 * when the rounds run out, so the caller collapses instead. Used by JobsService and bench:search-tuning.
 */
export async function searchPageByKeys(es: Client, params: JobSearchParams, ctx: JobSearchContext, facets: estypes.SearchRequest): Promise<estypes.SearchResponse | null> {
  const size = params.size ?? DEFAULT_PAGE_SIZE;
  const from = ((params.page ?? 1) - 1) * size;
  const window = pageKeysWindow(params);
  const [keysRes, facetsRes] = await searchTogether(es, toMsearchBody([buildPageKeysRequest(params, ctx, window), facets]));
  const seen = new Set<string>();
  const heads: string[] = [];
  let keys = mapPageKeys(keysRes);
  // The keys and the facets run side by side: the slower of the two counts.
  let took = Math.max(keysRes.took, facetsRes.took);
  for (let round = 1; ; round++) {
    pickPageIds(keys, seen, heads);
    if (heads.length >= from + size || keys.length < window) break;
    if (round >= MAX_PAGE_KEY_ROUNDS) return null;
    const more = await es.search(buildPageKeysRequest(params, ctx, window, keys[keys.length - 1].sort));
    took += more.took;
    keys = mapPageKeys(more);
  }
  const ids = heads.slice(from, from + size);
  let docs: estypes.SearchHit[] = [];
  if (ids.length > 0) {
    const docsRes = await es.search(buildPageDocsRequest(params, ctx, ids));
    took += docsRes.took;
    // In the keys' order (the same sort, so the same order, unless the index changed in between).
    const byId = new Map(docsRes.hits.hits.map((h) => [h._id, h]));
    docs = ids.flatMap((id) => byId.get(id) ?? []);
  }
  return { ...keysRes, hits: { ...keysRes.hits, hits: docs }, aggregations: facetsRes.aggregations, took };
}
