import { HttpClient, HttpParams, HttpResourceRequest } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  JobCategory,
  JobDetail,
  JobSearchParams,
  JobSearchResponse,
  JobSummary,
  LocationSuggestion,
  SuggestResponse,
} from '@jobportal/contracts';

import { API_BASE_URL, apiUrl } from '../api/api-base-url';
import { queryParams, type QueryParams } from '../api/query-params';

/** Result pages kept for the back button: how many, and for how long. */
const RECENT_SEARCHES = 10;
const RECENT_SEARCH_TTL_MS = 120_000;

/**
 * Requests for the jobs API (`/api/jobs/...`, `/api/locations/...`), to hand to `httpResource`.
 * Response shapes come from `@jobportal/contracts`; the `parse*` functions below check just
 * enough of them that a wrong body shows an error state instead of a broken page.
 */
@Injectable({ providedIn: 'root' })
export class JobsApi {
  private readonly baseUrl = inject(API_BASE_URL);
  private readonly http = inject(HttpClient);
  private readonly recentSearches = new Map<string, { response: JobSearchResponse; at: number }>();

  search(params: JobSearchParams): HttpResourceRequest {
    return { url: apiUrl(this.baseUrl, '/api/jobs/search'), params: queryParams(params) };
  }

  /**
   * Runs a search, for `resource()`. The last few result pages are kept for two minutes, so going
   * back to a search shows it at once and the router can restore its scroll position.
   */
  searchJobs(params: JobSearchParams, abortSignal: AbortSignal): Promise<JobSearchResponse> {
    const request = this.search(params);
    const query = new HttpParams({ fromObject: request.params as QueryParams });
    const key = query.toString();
    const recent = this.recentSearches.get(key);
    if (recent && Date.now() - recent.at < RECENT_SEARCH_TTL_MS) return Promise.resolve(recent.response);
    return new Promise((resolve, reject) => {
      const subscription = this.http.get<unknown>(request.url, { params: query }).subscribe({
        next: (raw) => {
          try {
            const response = parseSearchResponse(raw);
            this.rememberSearch(key, response);
            resolve(response);
          } catch (error) {
            reject(error);
          }
        },
        error: reject,
      });
      abortSignal.addEventListener('abort', () => subscription.unsubscribe());
    });
  }

  private rememberSearch(key: string, response: JobSearchResponse): void {
    this.recentSearches.delete(key);
    this.recentSearches.set(key, { response, at: Date.now() });
    while (this.recentSearches.size > RECENT_SEARCHES) {
      this.recentSearches.delete(this.recentSearches.keys().next().value as string);
    }
  }

  suggest(q: string): HttpResourceRequest {
    return { url: apiUrl(this.baseUrl, '/api/jobs/suggest'), params: { q } };
  }

  suggestLocations(q: string): HttpResourceRequest {
    return { url: apiUrl(this.baseUrl, '/api/locations/suggest'), params: { q } };
  }

  categories(): HttpResourceRequest {
    return { url: apiUrl(this.baseUrl, '/api/jobs/categories') };
  }

  job(id: string): HttpResourceRequest {
    return { url: apiUrl(this.baseUrl, `/api/jobs/${encodeURIComponent(id)}`) };
  }

  similar(id: string): HttpResourceRequest {
    return { url: apiUrl(this.baseUrl, `/api/jobs/${encodeURIComponent(id)}/similar`) };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function unexpected(path: string): Error {
  return new Error(`Unexpected response from ${path}`);
}

export function parseSearchResponse(raw: unknown): JobSearchResponse {
  if (!isObject(raw) || !Array.isArray(raw['hits']) || !isObject(raw['total'])) {
    throw unexpected('/api/jobs/search');
  }
  const body = raw as unknown as JobSearchResponse;
  return { ...body, facets: Array.isArray(body.facets) ? body.facets : [] };
}

export function parseJobDetail(raw: unknown): JobDetail {
  if (!isObject(raw) || typeof raw['id'] !== 'string' || typeof raw['title'] !== 'string') {
    throw unexpected('/api/jobs/:id');
  }
  return raw as unknown as JobDetail;
}

/** Similar jobs come as a list, or wrapped like a search response (`{ hits }`). */
export function parseJobList(raw: unknown): JobSummary[] {
  const list = Array.isArray(raw) ? raw : isObject(raw) && Array.isArray(raw['hits']) ? raw['hits'] : null;
  if (!list) throw unexpected('/api/jobs/:id/similar');
  return (list as JobSummary[]).filter((job) => typeof job?.id === 'string');
}

export function parseSuggestions(raw: unknown): SuggestResponse {
  const body = isObject(raw) ? raw : {};
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v) => typeof v === 'string') : []);
  return { titles: strings(body['titles']), companies: strings(body['companies']), skills: strings(body['skills']) };
}

export function parseLocationSuggestions(raw: unknown): LocationSuggestion[] {
  const list = Array.isArray(raw) ? raw : isObject(raw) && Array.isArray(raw['locations']) ? raw['locations'] : [];
  return (list as LocationSuggestion[]).filter((s) => typeof s?.label === 'string');
}

export function parseCategories(raw: unknown): JobCategory[] {
  const list = Array.isArray(raw) ? raw : isObject(raw) && Array.isArray(raw['categories']) ? raw['categories'] : null;
  if (!list) throw unexpected('/api/jobs/categories');
  return (list as JobCategory[]).filter((c) => typeof c?.key === 'string' && isObject(c.params));
}
