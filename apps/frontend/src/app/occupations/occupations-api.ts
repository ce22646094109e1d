import { HttpResourceRequest } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { OccupationDetailResponse, OccupationSearchResponse } from '@jobportal/contracts';

import { API_BASE_URL, apiUrl } from '../api/api-base-url';

/** Hits per page of the occupation search. */
export const OCCUPATION_PAGE_SIZE = 20;

/**
 * Requests for the occupations API (`/api/occupations`, `/api/occupations/:code`), to hand to
 * `httpResource`. The `parse*` functions check just enough of the body that a wrong one shows an
 * error state instead of a broken page.
 */
@Injectable({ providedIn: 'root' })
export class OccupationsApi {
  private readonly baseUrl = inject(API_BASE_URL);

  search(q: string, page = 1, size = OCCUPATION_PAGE_SIZE): HttpResourceRequest {
    const params: Record<string, string | number> = { q, size };
    if (page > 1) params['page'] = page;
    return { url: apiUrl(this.baseUrl, '/api/occupations'), params };
  }

  /** An O*NET-SOC code ("29-1141.00") or a SOC 2018 code ("29-1141"). */
  occupation(code: string): HttpResourceRequest {
    return { url: apiUrl(this.baseUrl, `/api/occupations/${encodeURIComponent(code)}`) };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function parseOccupationSearch(raw: unknown): OccupationSearchResponse {
  if (!isObject(raw) || !Array.isArray(raw['hits'])) throw new Error('Unexpected response from /api/occupations');
  const hits = (raw['hits'] as OccupationSearchResponse['hits']).filter(
    (hit) => typeof hit?.onetCode === 'string' && typeof hit.title === 'string',
  );
  const total = typeof raw['total'] === 'number' ? raw['total'] : hits.length;
  return { hits, total };
}

export function parseOccupationDetail(raw: unknown): OccupationDetailResponse {
  const occupation = isObject(raw) ? raw['occupation'] : null;
  if (!isObject(occupation) || typeof occupation['onetCode'] !== 'string' || typeof occupation['title'] !== 'string') {
    throw new Error('Unexpected response from /api/occupations/:code');
  }
  const body = raw as unknown as OccupationDetailResponse;
  const live = isObject(body.live) ? body.live : null;
  const list = <T>(value: T[] | null | undefined): T[] => (Array.isArray(value) ? value : []);
  // Sections O*NET does not rate for an occupation may be left out; the page treats them as empty.
  return {
    occupation: {
      ...body.occupation,
      alternateTitles: list(body.occupation.alternateTitles),
      tasks: list(body.occupation.tasks),
      technologySkills: list(body.occupation.technologySkills),
      skills: list(body.occupation.skills),
      knowledge: list(body.occupation.knowledge),
      relatedOccupations: list(body.occupation.relatedOccupations),
    },
    siblings: list(body.siblings),
    live: {
      postingCount: typeof live?.postingCount === 'number' ? live.postingCount : 0,
      monthlyTrend: list(live?.monthlyTrend),
      topCompanies: list(live?.topCompanies),
      topPlaces: list(live?.topPlaces),
      postedPay: live?.postedPay ?? null,
      postings: list(live?.postings),
    },
  };
}
