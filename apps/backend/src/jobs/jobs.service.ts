import { Inject, Injectable } from '@nestjs/common';
import type { JobCategory, JobDetail, JobSearchParams, JobSearchResponse, JobSummary, ResolvedLocation, SuggestResponse } from '@jobportal/contracts';
import {
  DEFAULT_PAGE_SIZE,
  buildCategoriesRequest,
  buildJobByIdRequest,
  buildJobSearchRequest,
  buildJobSearchRequests,
  buildRepostHeadsRequest,
  buildSimilarJobsRequest,
  buildSuggestRequest,
  encodeCursor,
  isIndexNotFound,
  keepRepostHeads,
  mapCategoriesResponse,
  mapJobByIdResponse,
  mapJobSearchResponse,
  pagesWithoutCollapse,
  toMsearchBody,
  mapRepostHeads,
  mapSimilarJobsResponse,
  mapSuggestResponse,
  searchPageByKeys,
  searchTogether,
  toSearchError,
  type Client,
  type JobSearchContext,
  type SortValue,
} from '@jobportal/search';
import type { estypes } from '@elastic/elasticsearch';
import { ApiError } from '../common/error-envelope.filter';
import { LocationsService } from '../locations/locations.service';
import { SEARCH_CLIENT, SearchIndices } from '../search/search.module';

/** With `after`, a page is refilled at most this many times when reposts were dropped from it. */
const MAX_CURSOR_ROUNDS = 3;
const ID = /^[A-Za-z0-9_-]{1,128}$/;

function jobNotFound(id: string): ApiError {
  return new ApiError(404, 'job_not_found', `No job posting has the id "${id}".`);
}

@Injectable()
export class JobsService {
  constructor(
    @Inject(SEARCH_CLIENT) private readonly es: Client,
    @Inject(SearchIndices) private readonly indices: SearchIndices,
    @Inject(LocationsService) private readonly locations: LocationsService,
  ) {}

  async search(params: JobSearchParams, now = new Date()): Promise<JobSearchResponse> {
    let resolvedLocation: ResolvedLocation | null = null;
    // `now` to the minute: "posted within 1 day" loses nothing, and the same search within a minute
    // is the same request body, which Elasticsearch's request cache can answer (facets).
    const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
    const ctx: JobSearchContext = { index: this.indices.postings, now: minute, place: null };
    if (params.location) {
      const resolution = this.locations.resolve(params.location, params.radius);
      if (!resolution) {
        throw new ApiError(400, 'validation_failed', `location: unknown place "${params.location}"`, [{ field: 'location', reason: 'unknown place' }]);
      }
      ctx.place = resolution.place;
      resolvedLocation = resolution.resolved;
    }
    try {
      const result = params.after ? await this.searchAfter(params, ctx) : await this.searchPage(params, ctx);
      return { ...result, resolvedLocation };
    } catch (err) {
      // Before the first import there is no index: nothing matches yet.
      if (isIndexNotFound(err)) {
        return { hits: [], total: { value: 0, relation: 'eq' }, page: params.page ?? 1, size: params.size ?? DEFAULT_PAGE_SIZE, nextCursor: null, facets: [], tookMs: 0, resolvedLocation };
      }
      throw toSearchError(err, 'job search');
    }
  }

  /** A `page` listing: the hits and the facets as two searches in one _msearch (buildJobSearchRequests). */
  private async searchPage(params: JobSearchParams, ctx: JobSearchContext): Promise<JobSearchResponse> {
    const { hits, facets } = buildJobSearchRequests(params, ctx);
    if (pagesWithoutCollapse(params)) {
      // Null when the listing is almost only reposts: collapse below then.
      const page = await searchPageByKeys(this.es, params, ctx, facets);
      if (page) return mapJobSearchResponse(page, params, ctx);
    }
    const [hitsRes, facetsRes] = await searchTogether(this.es, toMsearchBody([hits, facets]));
    const merged = { ...hitsRes, aggregations: facetsRes.aggregations, took: Math.max(hitsRes.took, facetsRes.took) };
    return mapJobSearchResponse(merged, params, ctx);
  }

  /**
   * Cursor paging. Elasticsearch cannot collapse a search_after request, so each raw page keeps
   * only the copy of a job that heads its fingerprint under the same query, filters and sort (a
   * second, small request). Walking every cursor page therefore lists exactly the jobs the
   * collapsed `page` listing lists, in the same order, each once.
   */
  private async searchAfter(params: JobSearchParams, ctx: JobSearchContext): Promise<JobSearchResponse> {
    const size = params.size ?? DEFAULT_PAGE_SIZE;
    let first: estypes.SearchResponse | null = null;
    const kept: estypes.SearchHit[] = [];
    let after = params.after;
    let nextCursor: string | null = null;
    for (let round = 0; round < MAX_CURSOR_ROUNDS; round++) {
      const request = buildJobSearchRequest({ ...params, after }, ctx);
      if (first) {
        // Facets and the total come from the first request; refills only need hits.
        delete request.aggs;
        request.track_total_hits = false;
      }
      const res = await this.es.search(request);
      first ??= res;
      const raw = res.hits.hits;
      if (raw.length === 0) {
        nextCursor = null;
        break;
      }
      const fingerprints = raw.map((h) => (h._source as { fingerprint: string }).fingerprint);
      const heads = mapRepostHeads(await this.es.search(buildRepostHeadsRequest(params, ctx, fingerprints)));
      const shown = keepRepostHeads(raw, heads);
      const room = size - kept.length;
      kept.push(...shown.slice(0, room));
      const lastRaw = raw[raw.length - 1].sort as SortValue[];
      if (shown.length > room) {
        // The page is full before this raw page ends: continue right after the last job shown.
        nextCursor = encodeCursor(kept[kept.length - 1].sort as SortValue[]);
        break;
      }
      after = encodeCursor(lastRaw);
      nextCursor = raw.length < size ? null : after;
      if (nextCursor === null || kept.length >= size) break;
    }
    const res = first!;
    const mapped = mapJobSearchResponse({ ...res, hits: { ...res.hits, hits: kept } }, params, ctx);
    return { ...mapped, nextCursor };
  }

  async suggest(q: string): Promise<SuggestResponse> {
    try {
      return mapSuggestResponse(await this.es.search(buildSuggestRequest(this.indices.postings, q)));
    } catch (err) {
      if (isIndexNotFound(err)) return { titles: [], companies: [], skills: [] };
      throw toSearchError(err, 'suggest');
    }
  }

  async categories(): Promise<JobCategory[]> {
    try {
      return mapCategoriesResponse(await this.es.search(buildCategoriesRequest(this.indices.postings)));
    } catch (err) {
      if (isIndexNotFound(err)) return mapCategoriesResponse({ took: 0, timed_out: false, _shards: { total: 0, successful: 0, failed: 0 }, hits: { hits: [] } });
      throw toSearchError(err, 'categories');
    }
  }

  async byId(id: string): Promise<JobDetail> {
    if (!ID.test(id)) throw jobNotFound(id);
    let job: JobDetail | null;
    try {
      job = mapJobByIdResponse(await this.es.search(buildJobByIdRequest(this.indices.postings, id)));
    } catch (err) {
      if (isIndexNotFound(err)) throw jobNotFound(id);
      throw toSearchError(err, 'job by id');
    }
    if (!job) throw jobNotFound(id);
    return job;
  }

  async similar(id: string): Promise<JobSummary[]> {
    const job = await this.byId(id);
    try {
      return mapSimilarJobsResponse(await this.es.search(buildSimilarJobsRequest(this.indices.postings, id, job)));
    } catch (err) {
      throw toSearchError(err, 'similar jobs');
    }
  }
}
