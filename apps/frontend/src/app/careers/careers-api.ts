import { HttpClient, type HttpResourceRequest } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CareerPlan,
  CareerPlanSummary,
  CareersFromTextRequest,
  CareersResponse,
  CreateCareerPlanRequest,
  FromInterestsRequest,
  FromInterestsResponse,
  InterestProfilerItems,
} from '@jobportal/contracts';
import { firstValueFrom } from 'rxjs';

import { API_BASE_URL, apiUrl } from '../api/api-base-url';

/**
 * Requests for the careers API (`/api/careers/...`) and the career plans (`/api/me/career-plans`).
 * The promises reject with the HttpErrorResponse; read it with `toApiError`.
 */
@Injectable({ providedIn: 'root' })
export class CareersApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  interestProfiler(): HttpResourceRequest {
    return { url: apiUrl(this.baseUrl, '/api/careers/interest-profiler') };
  }

  fromText(body: CareersFromTextRequest): Promise<CareersResponse> {
    return firstValueFrom(this.http.post<CareersResponse>(apiUrl(this.baseUrl, '/api/careers/from-text'), body));
  }

  /** The file goes as multipart straight to the matcher; nothing of it is kept in the browser either. */
  fromResume(file: File, location: string, radiusKm: number): Promise<CareersResponse> {
    const form = new FormData();
    form.append('file', file, file.name);
    if (location) {
      form.append('location', location);
      form.append('radiusKm', String(radiusKm));
    }
    return firstValueFrom(this.http.post<CareersResponse>(apiUrl(this.baseUrl, '/api/careers/from-resume'), form));
  }

  fromInterests(body: FromInterestsRequest): Promise<FromInterestsResponse> {
    return firstValueFrom(this.http.post<FromInterestsResponse>(apiUrl(this.baseUrl, '/api/careers/from-interests'), body));
  }

  listPlans(): Promise<CareerPlanSummary[]> {
    return firstValueFrom(this.http.get<CareerPlanSummary[]>(apiUrl(this.baseUrl, '/api/me/career-plans')));
  }

  plan(id: string): HttpResourceRequest {
    return { url: apiUrl(this.baseUrl, `/api/me/career-plans/${encodeURIComponent(id)}`) };
  }

  savePlan(body: CreateCareerPlanRequest): Promise<CareerPlan> {
    return firstValueFrom(this.http.post<CareerPlan>(apiUrl(this.baseUrl, '/api/me/career-plans'), body));
  }

  deletePlan(id: string): Promise<unknown> {
    return firstValueFrom(this.http.delete(apiUrl(this.baseUrl, `/api/me/career-plans/${encodeURIComponent(id)}`)));
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function parseInterestProfiler(raw: unknown): InterestProfilerItems {
  if (!isObject(raw) || !Array.isArray(raw['items']) || !Array.isArray(raw['scale'])) {
    throw new Error('Unexpected response from /api/careers/interest-profiler');
  }
  const body = raw as unknown as InterestProfilerItems;
  return {
    ...body,
    items: [...body.items].sort((a, b) => a.item - b.item),
    workValues: Array.isArray(body.workValues) ? body.workValues : [],
    education: Array.isArray(body.education) ? body.education : [],
    jobZones: Array.isArray(body.jobZones) ? body.jobZones : [],
  };
}

export function parseCareerPlan(raw: unknown): CareerPlan {
  if (!isObject(raw) || typeof raw['id'] !== 'string' || !Array.isArray(raw['matches'])) {
    throw new Error('Unexpected response from /api/me/career-plans/:id');
  }
  return raw as unknown as CareerPlan;
}
