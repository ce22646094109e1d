import { HttpResourceRequest } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { GrowthParams, GrowthResponse, GrowthRow, JobSearchParams, TrendInterval, TrendsResponse } from '@jobportal/contracts';

import { API_BASE_URL, apiUrl } from '../api/api-base-url';
import { queryParams } from '../api/query-params';

/** Requests for GET /api/trends and GET /api/trends/growth (libs/contracts/src/trends.ts), for `httpResource`. */
@Injectable({ providedIn: 'root' })
export class TrendsApi {
  private readonly baseUrl = inject(API_BASE_URL);

  /** The dashboard's panels for a job-search filter; paging and sort mean nothing here and are left out. */
  trends(filters: JobSearchParams, interval: TrendInterval | null, extra: Record<string, string | number> = {}): HttpResourceRequest {
    const { page: _page, after: _after, size: _size, sort: _sort, ...rest } = filters;
    return { url: apiUrl(this.baseUrl, '/api/trends'), params: queryParams({ ...rest, interval: interval ?? undefined, ...extra }) };
  }

  growth(params: GrowthParams): HttpResourceRequest {
    return { url: apiUrl(this.baseUrl, '/api/trends/growth'), params: queryParams(params) };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function parseTrends(raw: unknown): TrendsResponse {
  if (!isObject(raw) || typeof raw['total'] !== 'number') throw new Error('Unexpected response from /api/trends');
  return raw as unknown as TrendsResponse;
}

export function parseGrowth(raw: unknown): GrowthResponse {
  if (!isObject(raw) || !Array.isArray(raw['rows']) || !isObject(raw['comparison'])) {
    throw new Error('Unexpected response from /api/trends/growth');
  }
  return raw as unknown as GrowthResponse;
}

/** +12% / −4% / — for a growth rate given as a fraction. */
export function formatGrowth(rate: number | null | undefined): string {
  if (rate == null || !Number.isFinite(rate)) return '—';
  const percent = Math.round(rate * 100);
  return `${percent > 0 ? '+' : percent < 0 ? '−' : ''}${Math.abs(percent)}%`;
}

/** "+12% (95% CI +3% to +21%)", or just the rate when there is no interval. */
export function formatGrowthWithInterval(row: Pick<GrowthRow, 'growthRate' | 'interval'>): string {
  const rate = formatGrowth(row.growthRate);
  return row.interval ? `${rate} (95% CI ${formatGrowth(row.interval.low)} to ${formatGrowth(row.interval.high)})` : rate;
}
