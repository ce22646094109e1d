import type { Params } from '@angular/router';
import type { AlertChannel, AlertFrequency, SavedSearchParams } from '@jobportal/contracts';

import { type SearchState, listFilterLabel, LIST_FILTER_KEYS, toSearchParams } from '../search/search-state';

export const FREQUENCY_LABELS: Record<AlertFrequency, string> = {
  instant: 'As soon as they are posted',
  daily: 'Once a day',
  weekly: 'Once a week',
};

export const CHANNEL_LABELS: Record<AlertChannel, string> = {
  email: 'E-mail',
  sms: 'Text message',
};

/** What a saved search keeps of the search page's state: its filters, without paging and sorting. */
export function toSavedSearchParams(state: SearchState): SavedSearchParams {
  const { sort: _sort, page: _page, size: _size, after: _after, ...params } = toSearchParams(state);
  return params;
}

/** The /search query params that run a saved search (the URL uses the API's own names). */
export function searchQueryParams(params: SavedSearchParams): Params {
  const query: Params = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value) && !value.length) continue;
    query[key] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return query;
}

/** A default name: the keywords and the place, e.g. “nurse in Boston, MA”. */
export function suggestName(params: SavedSearchParams): string {
  const parts = [params.q, params.location ? `in ${params.location}` : ''].filter(Boolean);
  return (parts.join(' ') || 'All jobs').slice(0, 100);
}

/** One line describing the filters, for the list of saved searches. */
export function describeParams(params: SavedSearchParams): string {
  const parts: string[] = [];
  if (params.q) parts.push(`“${params.q}”`);
  if (params.location) parts.push(`in ${params.location}${params.radius ? ` (within ${params.radius})` : ''}`);
  for (const key of LIST_FILTER_KEYS) {
    const values = (params as Record<string, unknown>)[key];
    if (Array.isArray(values) && values.length) parts.push(values.map((v) => listFilterLabel(key, String(v))).join(' or '));
  }
  if (params.payMin) parts.push(`pay from ${Number(params.payMin).toLocaleString('en-US')}`);
  if (params.payMax) parts.push(`pay up to ${Number(params.payMax).toLocaleString('en-US')}`);
  if (params.postedWithin) parts.push(`posted within ${params.postedWithin}`);
  return parts.join(' · ') || 'All jobs';
}
