import type { estypes } from '@elastic/elasticsearch';
import type { FacetKey, JobSearchParams, JobSearchResponse, JobSummary, SearchSort } from '@jobportal/contracts';
import { decodeCursor, encodeCursor, type SortValue } from './cursor';
import { NOT_EXPIRED } from './liveness';
import { allWordsMatch } from './text-match';
import { FACET_ORDER, activeFacetFilters, buildFacetAggs, facetAggResult, mapFacetBuckets } from './job-facets';
import { SUMMARY_SOURCE_FIELDS, mapJobSummary, totalOf, type SummarySource } from './job-summary';

type Query = estypes.QueryDslQueryContainer;

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** from + size may not pass the index's max_result_window; deeper pages use `after`. */
export const MAX_RESULT_WINDOW = 10_000;
export const MAX_RADIUS = 500;

/** Text fields and boosts. title.exact (no stemming) lifts exact words over stemmed ones. */
const TEXT_FIELDS = ['title^3', 'title.exact^3', 'skills.text^2', 'company', 'location.text^0.5', 'description'];
/** Typo tolerance only where words are short and precise; descriptions would drown it in noise. */
const FUZZY_FIELDS = ['title^3', 'skills.text^2'];

/** A place the backend resolved the `location` text to (see libs/postings normalizeLocation). */
export interface ResolvedPlace {
  city: string | null;
  region: string | null;
  regionCode: string | null;
  countryCode: string | null;
  geo: { lat: number; lon: number } | null;
}

export interface JobSearchContext {
  /** Alias or index to search. */
  index: string;
  /** The clock: postedWithin windows and the recency decay are computed from it, as absolute dates. */
  now: Date;
  /** The `location` parameter resolved to a place; null or absent when the search has none. */
  place?: ResolvedPlace | null;
  /**
   * Count expired postings too. Job search never does (default search shows live postings);
   * trends do, since a posting that has gone was still posted.
   */
  includeExpired?: boolean;
}

export interface Radius {
  value: number;
  unit: 'mi' | 'km';
}

const RADIUS = /^(\d{1,4}(?:\.\d{1,2})?)(mi|km)$/;

/** "25mi" -> { value: 25, unit: 'mi' }; null when malformed, zero or above MAX_RADIUS. */
export function parseRadius(radius: string | undefined | null): Radius | null {
  const m = radius ? RADIUS.exec(radius.trim()) : null;
  if (!m) return null;
  const value = Number(m[1]);
  if (!(value > 0) || value > MAX_RADIUS) return null;
  return { value, unit: m[2] as Radius['unit'] };
}

/**
 * A radius applies around a city. Around a state or a country it would be drawn from a centroid in
 * the middle of nowhere, so those filter by the place itself instead.
 */
export function radiusApplies(params: Pick<JobSearchParams, 'radius'>, place: ResolvedPlace | null | undefined): boolean {
  return Boolean(place?.geo && place.city && parseRadius(params.radius));
}

function locationFilter(params: JobSearchParams, place: ResolvedPlace | null | undefined): Query | null {
  if (!place) return null;
  const radius = parseRadius(params.radius);
  if (radius && place.geo && place.city) {
    return { geo_distance: { distance: `${radius.value}${radius.unit}`, geo: { lat: place.geo.lat, lon: place.geo.lon } } };
  }
  const filter: Query[] = [];
  if (place.city) filter.push({ term: { 'location.city': place.city } });
  if (place.regionCode) filter.push({ term: { 'location.region_code': place.regionCode } });
  else if (place.region) filter.push({ term: { 'location.region': place.region } });
  if (place.countryCode) filter.push({ term: { 'location.country_code': place.countryCode } });
  if (filter.length === 0) return null;
  return filter.length === 1 ? filter[0] : { bool: { filter } };
}

/**
 * Relevance: every word must appear in some field (cross_fields + and: "python developer" finds a
 * Developer title with Python in its skills), or in the title/skills within a typo (fuzzy, flat
 * score so a rare field's IDF cannot outrank the title). Job-title synonyms ("rn" = "registered
 * nurse") come from the title field's search analyzer. Phrases in the title lift exact titles.
 */
function textQuery(q: string): { must: Query; should: Query[] } {
  return {
    must: allWordsMatch(q, TEXT_FIELDS, FUZZY_FIELDS),
    should: [
      { match_phrase: { title: { query: q, slop: 1, boost: 3 } } },
      { match_phrase: { description: { query: q, slop: 1, boost: 0.5 } } },
    ],
  };
}

/**
 * The base query (text + place, no facet filters): facets are counted over it. Expired postings
 * are left out unless the context includes them (trends), so hits, facets, cursor refills and
 * alerts agree.
 */
function baseQuery(params: JobSearchParams, ctx: JobSearchContext, extraFilters: Query[] = []): Query {
  const filter: Query[] = ctx.includeExpired ? [] : [NOT_EXPIRED];
  const loc = locationFilter(params, ctx.place);
  if (loc) filter.push(loc);
  filter.push(...extraFilters);
  const q = params.q?.trim();
  if (!q) return { bool: { filter } };
  const text = textQuery(q);
  return {
    function_score: {
      query: { bool: { must: [text.must], should: text.should, filter } },
      // A gentle recency lift: x1 for undated or old postings, up to x1.2 for today's. The decay
      // sits behind an exists filter because a decay function scores a missing date as 1 (best).
      functions: [{ weight: 1 }, { filter: { exists: { field: 'posted_at' } }, gauss: { posted_at: { origin: ctx.now.toISOString(), scale: '60d', decay: 0.5 } }, weight: 0.2 }],
      score_mode: 'sum',
      boost_mode: 'multiply',
    },
  };
}

/**
 * Sorts end with the id so every hit has a unique position (search_after needs it). Undated
 * postings sort as 1970 rather than with `missing: _last`, whose Long.MIN_VALUE sort value cannot
 * be sent back as a search_after date.
 */
export function buildJobSort(sort: SearchSort = 'relevance'): estypes.SortCombinations[] {
  const byDate: estypes.SortCombinations = { posted_at: { order: 'desc', missing: 0 } };
  const byId: estypes.SortCombinations = { id: { order: 'asc' } };
  switch (sort) {
    case 'date':
      return [byDate, byId];
    case 'pay':
      return [{ 'salary.annual_max': { order: 'desc', missing: '_last' } }, byId];
    case 'relevance':
      return [{ _score: { order: 'desc' } }, byDate, byId];
  }
}

/**
 * Snippets with every word of `q` marked, whichever clause matched the posting: the highlighter
 * cannot take terms from cross_fields' blended queries, so it gets a plain per-field query (with
 * the title's synonyms and typo tolerance) instead.
 */
function highlight(q: string): estypes.SearchHighlight {
  return {
    pre_tags: ['<mark>'],
    post_tags: ['</mark>'],
    // Everything outside the tags is HTML-escaped, so a snippet is safe to render as HTML.
    encoder: 'html',
    // One highlight query per field, not one for both: each field marks only its own field's terms
    // either way (require_field_match), but with one shared query every field's highlighter also
    // walked the other field's clauses, fuzzy ones included, per hit. Same snippets (compared once
    // on 180 hits at 1M); text searches' p50 19 -> 14 ms (bench:search-tuning).
    fields: {
      title: {
        number_of_fragments: 0,
        // At most one edit here (the search allows two from 8 characters): the highlighter builds
        // a Levenshtein automaton per hit, and two-edit ones were most of a page's time (bench:search-tuning).
        highlight_query: { match: { title: { query: q, fuzziness: 'AUTO:4,50', prefix_length: 1, max_expansions: 20 } } },
      },
      description: { fragment_size: 160, number_of_fragments: 2, highlight_query: { match: { description: { query: q } } } },
    },
  };
}

function postFilter(params: JobSearchParams, now: Date): Query | undefined {
  const active = activeFacetFilters(params, now).map((a) => a.filter);
  return active.length > 0 ? { bool: { filter: active } } : undefined;
}

/**
 * The matching part of a search alone: the text and place query with the facet filters folded in
 * as filters (no aggregations, no paging), so "does this posting match the search" is one query.
 * Saved-search alerts run it against new postings only (buildAlertMatchRequests).
 */
export function buildJobSearchQuery(params: JobSearchParams, ctx: JobSearchContext, extraFilters: Query[] = []): Query {
  const facetFilters = activeFacetFilters(params, ctx.now).map((a) => a.filter);
  return baseQuery(params, ctx, [...facetFilters, ...extraFilters]);
}

/**
 * GET /api/jobs/search as one Elasticsearch request. The text and the place go in `query`, facet
 * filters in `post_filter`, and each facet's aggregation applies every other facet's filter
 * (disjunctive facets).
 *
 * Reposts: with `page`, hits are collapsed on `fingerprint` (one per job). Elasticsearch refuses
 * collapse with search_after under any sort but the collapse field, so with `after` the request is
 * not collapsed; the caller keeps only each job's best-sorted copy using buildRepostHeadsRequest.
 */
export function buildJobSearchRequest(params: JobSearchParams, ctx: JobSearchContext): estypes.SearchRequest {
  const size = params.size ?? DEFAULT_PAGE_SIZE;
  const page = params.page ?? 1;
  const request: estypes.SearchRequest = {
    index: ctx.index,
    query: baseQuery(params, ctx),
    sort: buildJobSort(params.sort),
    size,
    track_total_hits: MAX_RESULT_WINDOW,
    _source: [...SUMMARY_SOURCE_FIELDS],
    aggs: buildFacetAggs(params, ctx.now),
  };
  const filter = postFilter(params, ctx.now);
  if (filter) request.post_filter = filter;
  if (params.after) {
    const after = decodeCursor(params.after, params.sort);
    // The backend validates cursors first; one that still fails here is a programming error.
    if (!after) throw new RangeError(`Not a cursor for sort "${params.sort ?? 'relevance'}": ${params.after}`);
    request.search_after = after;
  } else {
    request.from = (page - 1) * size;
    request.collapse = { field: 'fingerprint' };
  }
  const q = params.q?.trim();
  if (q) request.highlight = highlight(q);
  return request;
}

/**
 * The same search split for speed: `hits` (the page, no aggregations) and `facets` (size 0, only
 * the disjunctive facet aggregations), sent together in one _msearch. The facets request has no
 * hits, so Elasticsearch's shard request cache can answer it again until the next refresh that
 * changes the index (the cache key is the body: the caller rounds `now`); the hits request skips
 * the aggregations and can stop counting at the total's bound. Measured in docs/benchmarks.md.
 */
export function buildJobSearchRequests(params: JobSearchParams, ctx: JobSearchContext): { hits: estypes.SearchRequest; facets: estypes.SearchRequest } {
  const { aggs, ...hits } = buildJobSearchRequest(params, ctx);
  // The same query as the hits (no post_filter: each facet aggregation applies the other facets' filters).
  const facets: estypes.SearchRequest = { index: ctx.index, size: 0, track_total_hits: false, query: hits.query, aggs, request_cache: true };
  return { hits, facets };
}

/** The _msearch body (header, body per search) for requests built here. */
export function toMsearchBody(requests: estypes.SearchRequest[]): estypes.MsearchRequestItem[] {
  return requests.flatMap(({ index, request_cache, ...body }) => [{ index, ...(request_cache === undefined ? {} : { request_cache }) } as estypes.MsearchMultisearchHeader, body as estypes.MsearchMultisearchBody]);
}

/**
 * For a page fetched with `after`: the best-sorted posting of each given fingerprint under the same
 * query, filters and sort (collapse picks the first of each group in sort order). A hit is shown
 * only if it is its fingerprint's head, which is exactly what the collapsed `page` listing shows.
 */
export function buildRepostHeadsRequest(params: JobSearchParams, ctx: JobSearchContext, fingerprints: string[]): estypes.SearchRequest {
  const unique = [...new Set(fingerprints)];
  const request: estypes.SearchRequest = {
    index: ctx.index,
    query: baseQuery(params, ctx, [{ terms: { fingerprint: unique } }]),
    sort: buildJobSort(params.sort),
    size: unique.length,
    track_total_hits: false,
    _source: ['id', 'fingerprint'],
    collapse: { field: 'fingerprint' },
  };
  const filter = postFilter(params, ctx.now);
  if (filter) request.post_filter = filter;
  return request;
}

/** Fingerprint -> id of the copy that represents the job. */
export function mapRepostHeads(res: estypes.SearchResponse): Map<string, string> {
  const heads = new Map<string, string>();
  for (const hit of res.hits.hits) {
    const src = hit._source as { id: string; fingerprint: string } | undefined;
    if (src) heads.set(src.fingerprint, src.id);
  }
  return heads;
}

/** Drops the copies of a job that are not its head (see buildRepostHeadsRequest). */
export function keepRepostHeads<T extends estypes.SearchHit>(hits: T[], heads: Map<string, string>): T[] {
  return hits.filter((h) => {
    const src = h._source as { id: string; fingerprint: string };
    return heads.get(src.fingerprint) === src.id;
  });
}

/**
 * Date- and pay-sorted `page` listings are found without collapse. Collapsing on `fingerprint`
 * makes Elasticsearch look at every matching posting, while a plain sort on a date or a number
 * skips the ones that cannot make the page (Lucene's numeric sort skipping): date and pay listings
 * took 30.2 ms collapsed and 11.7 ms this way on average at 1M (bench:search-tuning). So: the keys (id,
 * fingerprint, sort values) of the first postings in sort order (buildPageKeysRequest), the first
 * posting of each fingerprint kept in code (pickPageIds: exactly the heads collapse would show, in
 * the same order, since the sort ends with the id), then those postings (buildPageDocsRequest).
 * Relevance keeps collapse: scoring visits every match anyway, and a second scored request costs
 * more than collapse saves.
 */
export function pagesWithoutCollapse(params: Pick<JobSearchParams, 'sort' | 'after'>): boolean {
  return !params.after && (params.sort === 'date' || params.sort === 'pay');
}

/** Postings asked for beyond the page's end, for reposts that fold away. */
export function pageKeysWindow(params: Pick<JobSearchParams, 'page' | 'size'>): number {
  const size = params.size ?? DEFAULT_PAGE_SIZE;
  const end = ((params.page ?? 1) - 1) * size + size;
  return Math.min(MAX_RESULT_WINDOW, end + Math.max(size, Math.ceil(end * 0.1)));
}

/**
 * The keys of `window` postings in sort order, after `after` when given: no _source and no stored
 * fields (the id is the sort's last value), only the fingerprint from doc values. The first round
 * counts the total as the collapsed search did (same query and post_filter).
 */
export function buildPageKeysRequest(params: JobSearchParams, ctx: JobSearchContext, window: number, after?: SortValue[]): estypes.SearchRequest {
  const { aggs: _aggs, collapse: _collapse, highlight: _highlight, from: _from, _source: _src, ...base } = buildJobSearchRequest({ ...params, page: 1, after: undefined }, ctx);
  const request: estypes.SearchRequest = { ...base, size: window, _source: false, stored_fields: ['_none_'], docvalue_fields: ['fingerprint'] };
  if (after) {
    request.search_after = after;
    request.track_total_hits = false;
  }
  return request;
}

export interface PageKey {
  id: string;
  fingerprint: string;
  sort: SortValue[];
}

export function mapPageKeys(res: estypes.SearchResponse): PageKey[] {
  return res.hits.hits.map((h) => {
    const sort = (h.sort ?? []) as SortValue[];
    const id = String(sort[sort.length - 1]);
    const fingerprint = (h.fields?.fingerprint as string[] | undefined)?.[0];
    // A posting without a fingerprint is its own job (the normalizer always sets one).
    return { id, fingerprint: fingerprint ?? `id:${id}`, sort };
  });
}

/** Adds the first posting of each fingerprint not seen yet to `heads`, in order. */
export function pickPageIds(keys: readonly PageKey[], seen: Set<string>, heads: string[]): void {
  for (const k of keys) {
    if (seen.has(k.fingerprint)) continue;
    seen.add(k.fingerprint);
    heads.push(k.id);
  }
}

/** The page's postings by id, with the listing's query, sort, fields and highlights. */
export function buildPageDocsRequest(params: JobSearchParams, ctx: JobSearchContext, ids: string[]): estypes.SearchRequest {
  const { aggs: _aggs, collapse: _collapse, from: _from, ...base } = buildJobSearchRequest({ ...params, page: 1, after: undefined }, ctx);
  return { ...base, query: { bool: { must: [base.query!], filter: [{ terms: { id: ids } }] } }, size: ids.length, track_total_hits: false };
}

const EARTH_RADIUS_KM = 6371.0088;
const KM_PER_MILE = 1.609344;

/** Great-circle distance (haversine), rounded to 0.1 in the unit. */
export function distanceBetween(a: { lat: number; lon: number }, b: { lat: number; lon: number }, unit: 'mi' | 'km'): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  const km = 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
  return Math.round((unit === 'km' ? km : km / KM_PER_MILE) * 10) / 10;
}

export interface MapJobSearchOptions {
  /** The resolved place: hits get `distance` from its point. */
  place?: ResolvedPlace | null;
}

/**
 * The response DTO. `total` counts postings (documents), as the facet counts do; with collapse a
 * page may show fewer jobs than that when reposts fold into one.
 */
export function mapJobSearchResponse(res: estypes.SearchResponse, params: JobSearchParams, opts: MapJobSearchOptions = {}): JobSearchResponse {
  const size = params.size ?? DEFAULT_PAGE_SIZE;
  const origin = opts.place?.geo ?? null;
  const unit = parseRadius(params.radius)?.unit ?? 'mi';
  const hits: JobSummary[] = res.hits.hits.map((hit) => {
    const doc = hit._source as SummarySource;
    const summary = mapJobSummary(doc, hit.highlight);
    if (origin && doc.geo) summary.distance = distanceBetween(origin, doc.geo, unit);
    return summary;
  });
  const last = res.hits.hits[res.hits.hits.length - 1];
  const aggs = (res.aggregations ?? {}) as Record<string, unknown>;
  return {
    hits,
    total: totalOf(res),
    page: params.after ? 1 : (params.page ?? 1),
    size,
    nextCursor: hits.length === size && last?.sort ? encodeCursor(last.sort as SortValue[]) : null,
    facets: FACET_ORDER.map((key: FacetKey) => ({ key, buckets: mapFacetBuckets(key, facetAggResult(aggs, key), params) })),
    tookMs: res.took,
  };
}
