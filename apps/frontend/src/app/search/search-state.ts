import type { ParamMap, Params } from '@angular/router';
import {
  type Facet,
  type FacetKey,
  type JobSearchParams,
  POSTED_WITHIN,
  type PostedWithin,
  SEARCH_SORTS,
  type SearchSort,
} from '@jobportal/contracts';

import { formatAnnualThreshold } from '../jobs/format-pay';
import {
  EMPLOYMENT_TYPE_LABELS,
  EXPERIENCE_LABELS,
  FACET_LABELS,
  POSTED_WITHIN_LABELS,
  WORK_MODE_LABELS,
} from '../jobs/job-labels';

/*
 * The whole search lives in the URL, under the API's own parameter names, so a link is the
 * search: /search?q=nurse&location=Boston%2C%20MA&radius=25mi&workMode=remote&workMode=hybrid
 * &payMin=60000&postedWithin=7d&sort=date&page=2. Multi-valued filters are repeated keys.
 * Values go to the API as they are: the server validates them and a 400 names the field.
 */

/** Checkbox filters that hold a list of values (OR within, AND across), by query param. */
export const LIST_FILTER_KEYS = [
  'workMode',
  'experience',
  'employmentType',
  'company',
  'place',
  'skills',
  'occupation',
  'source',
] as const;
export type ListFilterKey = (typeof LIST_FILTER_KEYS)[number];

/** The facet whose buckets a list filter's values come from: only the location one is named apart. */
export function facetOf(key: ListFilterKey): FacetKey {
  return key === 'place' ? 'location' : key;
}

/** '' = the place itself (its city, state or country), else a radius around a city. */
export const RADIUS_OPTIONS = ['', '10mi', '25mi', '50mi', '100mi'] as const;

export const PAGE_SIZE = 20;
/** Elasticsearch's default max_result_window: pages beyond it are not reachable by number. */
export const MAX_RESULT_WINDOW = 10_000;

export interface SearchState {
  readonly q: string;
  readonly location: string;
  /** e.g. "25mi"; only meaningful with a location. */
  readonly radius: string;
  readonly filters: Readonly<Record<ListFilterKey, readonly string[]>>;
  readonly payMin: string;
  readonly payMax: string;
  readonly postedWithin: PostedWithin | '';
  readonly sort: SearchSort;
  readonly page: number;
  /** Cursor for pages beyond the numbered ones (the previous page's `nextCursor`). */
  readonly after: string;
}

/** Enum-like values may also arrive as comma lists (`workMode=remote,hybrid`); names may hold commas. */
const COMMA_LIST_KEYS: ReadonlySet<ListFilterKey> = new Set(['workMode', 'experience', 'employmentType', 'source', 'occupation']);

function listParam(params: ParamMap, key: ListFilterKey): string[] {
  const values = params.getAll(key).flatMap((v) => (COMMA_LIST_KEYS.has(key) ? v.split(',') : [v]));
  return [...new Set(values.map((v) => v.trim()).filter(Boolean))];
}

export function parseSearchState(params: ParamMap): SearchState {
  const text = (key: string) => params.get(key)?.trim() ?? '';
  const filters = Object.fromEntries(LIST_FILTER_KEYS.map((key) => [key, listParam(params, key)])) as Record<
    ListFilterKey,
    string[]
  >;
  const sort = text('sort') as SearchSort;
  const posted = text('postedWithin') as PostedWithin;
  const page = Number.parseInt(text('page'), 10);
  return {
    q: text('q'),
    location: text('location'),
    radius: text('radius'),
    filters,
    payMin: text('payMin'),
    payMax: text('payMax'),
    postedWithin: POSTED_WITHIN.includes(posted) ? posted : '',
    sort: SEARCH_SORTS.includes(sort) ? sort : 'relevance',
    page: Number.isFinite(page) && page > 1 ? page : 1,
    after: text('after'),
  };
}

/** The API request for a state. Pay bounds are passed as typed so the server can reject bad ones. */
export function toSearchParams(state: SearchState): JobSearchParams {
  const params: Record<string, unknown> = {
    q: state.q || undefined,
    location: state.location || undefined,
    radius: state.location && state.radius ? state.radius : undefined,
    payMin: state.payMin || undefined,
    payMax: state.payMax || undefined,
    postedWithin: state.postedWithin || undefined,
    sort: state.sort === 'relevance' ? undefined : state.sort,
    // With a cursor the page number is only for display: the cursor says where to continue.
    page: state.page > 1 && !state.after ? state.page : undefined,
    after: state.after || undefined,
    size: PAGE_SIZE,
  };
  for (const key of LIST_FILTER_KEYS) {
    if (state.filters[key].length) params[key] = state.filters[key];
  }
  return params as JobSearchParams;
}

/**
 * Query-param changes for router.navigate(..., { queryParamsHandling: 'merge' }): null removes
 * a key. Any change of what is searched starts again at page 1.
 */
export function refine(changes: Params): Params {
  return { ...changes, page: null, after: null };
}

export function toggleListFilter(state: SearchState, key: ListFilterKey, value: string, selected: boolean): Params {
  const current = state.filters[key].filter((v) => v !== value);
  const next = selected ? [...current, value] : current;
  return refine({ [key]: next.length ? next : null });
}

export function listFilterLabel(key: ListFilterKey, value: string, facets: readonly Facet[] = []): string {
  const fromFacet = facets.find((f) => f.key === facetOf(key))?.buckets.find((b) => b.value === value)?.label;
  if (fromFacet) return fromFacet;
  if (key === 'place') {
    // "NY|New York" -> "New York, NY"
    const [region, city] = value.split('|');
    return city ? [city, region].filter(Boolean).join(', ') : value;
  }
  const known: Partial<Record<ListFilterKey, Record<string, string>>> = {
    workMode: WORK_MODE_LABELS,
    experience: EXPERIENCE_LABELS,
    employmentType: EMPLOYMENT_TYPE_LABELS,
  };
  return known[key]?.[value] ?? value;
}

export interface ActiveFilter {
  /** Stable id for tracking, e.g. "workMode=remote". */
  readonly id: string;
  readonly facet: FacetKey;
  readonly label: string;
  /** Query-param changes that remove this filter. */
  readonly removal: Params;
  /**
   * At least this many jobs match with this filter removed, where the disjunctive facet counts
   * tell (each facet's counts ignore its own filter); null when they do not.
   */
  readonly jobsWithout: number | null;
}

/**
 * Facets whose buckets are all of a single-valued field's values, so their counts add up to (at
 * least, postings without a value aside) what the search matches without that facet's filter.
 */
const COUNTABLE_FACETS: ReadonlySet<FacetKey> = new Set(['workMode', 'experience', 'employmentType', 'source']);

function facetTotal(facets: readonly Facet[], key: FacetKey): number | null {
  const facet = facets.find((f) => f.key === key);
  return facet ? facet.buckets.reduce((sum, b) => sum + b.count, 0) : null;
}

/** Every filter in force, one chip each; the keywords themselves are not a filter. */
export function activeFilters(state: SearchState, facets: readonly Facet[] = []): ActiveFilter[] {
  const out: ActiveFilter[] = [];
  if (state.location) {
    const radius = state.radius ? ` (within ${state.radius.replace(/(\d)(mi|km)$/, '$1 $2')})` : '';
    out.push({
      id: 'location',
      facet: 'location',
      label: `${state.location}${radius}`,
      removal: refine({ location: null, radius: null }),
      jobsWithout: null,
    });
  }
  for (const key of LIST_FILTER_KEYS) {
    const values = state.filters[key];
    for (const value of values) {
      const facet = facetOf(key);
      out.push({
        id: `${key}=${value}`,
        facet,
        label: `${FACET_LABELS[facet]}: ${listFilterLabel(key, value, facets)}`,
        removal: toggleListFilter(state, key, value, false),
        // Only when it is the facet's one value does removing it lift the whole facet filter.
        jobsWithout: values.length === 1 && COUNTABLE_FACETS.has(facet) ? facetTotal(facets, facet) : null,
      });
    }
  }
  if (state.payMin || state.payMax) {
    const min = Number(state.payMin);
    const max = Number(state.payMax);
    const label =
      state.payMin && state.payMax
        ? `Pay: ${formatAnnualThreshold(min)}–${formatAnnualThreshold(max)}`
        : state.payMin
          ? `Pay: ${formatAnnualThreshold(min)}+`
          : `Pay: up to ${formatAnnualThreshold(max)}`;
    out.push({ id: 'pay', facet: 'pay', label, removal: refine({ payMin: null, payMax: null }), jobsWithout: null });
  }
  if (state.postedWithin) {
    out.push({
      id: 'postedWithin',
      facet: 'postedWithin',
      label: `Posted: ${POSTED_WITHIN_LABELS[state.postedWithin].toLowerCase()}`,
      removal: refine({ postedWithin: null }),
      jobsWithout: null,
    });
  }
  return out;
}

/** Names of request fields as the page shows them, for the API's field errors. */
const FIELD_LABELS: Record<string, string> = {
  q: 'What',
  location: 'Where',
  radius: 'Distance',
  payMin: 'Minimum pay',
  payMax: 'Maximum pay',
  postedWithin: 'Date posted',
  sort: 'Sort',
  page: 'Page',
  after: 'Page',
  place: FACET_LABELS.location,
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? FACET_LABELS[field as FacetKey] ?? field;
}

/** Query-param changes that drop a field the API rejected (a radius goes with its location). */
export function dropField(field: string): Params {
  const changes: Params = { [field]: null };
  if (field === 'location') changes['radius'] = null;
  return refine(changes);
}

/** Query-param changes that clear every filter but keep the keywords and sort. */
export function clearFilters(): Params {
  const cleared: Params = { location: null, radius: null, payMin: null, payMax: null, postedWithin: null };
  for (const key of LIST_FILTER_KEYS) cleared[key] = null;
  return refine(cleared);
}

/** The most restrictive filters first: those whose removal would bring back the most jobs. */
export function filtersToRelax(filters: readonly ActiveFilter[]): ActiveFilter[] {
  return [...filters].sort((a, b) => (b.jobsWithout ?? -1) - (a.jobsWithout ?? -1));
}

export function formatTotal(total: { value: number; relation: 'eq' | 'gte' }): string {
  const count = total.value.toLocaleString('en-US');
  if (total.relation === 'gte') return `${count}+ jobs`;
  return `${count} ${total.value === 1 ? 'job' : 'jobs'}`;
}

/** Pages reachable by number: as many as the total needs, within the result window. */
export function pageCount(total: number, size = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(Math.min(total, MAX_RESULT_WINDOW) / size));
}

/** Page numbers to show: the first, the last, and a window around the current; null = a gap. */
export function pageNumbers(current: number, count: number, around = 2): (number | null)[] {
  const pages: (number | null)[] = [];
  for (let page = 1; page <= count; page++) {
    if (page === 1 || page === count || Math.abs(page - current) <= around) {
      pages.push(page);
    } else if (pages[pages.length - 1] !== null) {
      pages.push(null);
    }
  }
  return pages;
}
