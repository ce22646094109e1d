import type { estypes } from '@elastic/elasticsearch';
import {
  PAY_BANDS,
  SOURCE_LABELS,
  type FacetBucket,
  type FacetKey,
  type JobSearchParams,
  type PayBand,
  type PostedWithin,
  type SourceName,
} from '@jobportal/contracts';

type Query = estypes.QueryDslQueryContainer;

/**
 * The facet whitelist, declared once: API key -> Elasticsearch field(s), kind and size. The
 * request builder derives every facet filter and aggregation from it, and the mapper every bucket.
 *
 * - `terms`: one keyword field; the parameter carries the values (OR within the facet).
 * - `place`: city + region code, sent back as "NY|New York" in the `place` parameter.
 * - `occupation`: SOC major groups ("15"); once a major is selected, its detailed codes ("15-1252")
 *   are listed too, so the user can narrow down.
 * - `range`: pay bands on the annualized figures, sent back as payMin/payMax (one band at a time).
 * - `date-range`: postedWithin windows ending at the request's `now` (one at a time).
 */
export type FacetDefinition =
  | { type: 'terms'; field: string; size: number; param: TermsParam; labels?: Readonly<Record<string, string>> }
  | { type: 'place'; cityField: string; regionField: string; size: number; param: 'place' }
  | { type: 'occupation'; majorField: string; majorTitleField: string; codeField: string; codeTitleField: string; size: number; param: 'occupation' }
  | { type: 'range'; field: string; bands: ReadonlyArray<PayBand> }
  | { type: 'date-range'; field: string; windows: Readonly<Record<PostedWithin, { days: number; label: string }>> };

type TermsParam = 'workMode' | 'experience' | 'employmentType' | 'company' | 'skills' | 'source';

// The bands live in libs/contracts: the normalizer stores each posting's bands (salary.bands).
export { PAY_BANDS, type PayBand } from '@jobportal/contracts';

export const JOB_FACETS: { readonly [K in FacetKey]: FacetDefinition } = {
  workMode: { type: 'terms', field: 'work_mode', size: 10, param: 'workMode', labels: { remote: 'Remote', hybrid: 'Hybrid', onsite: 'On-site' } },
  experience: {
    type: 'terms',
    field: 'experience_level',
    size: 10,
    param: 'experience',
    labels: {
      internship: 'Internship',
      entry: 'Entry level',
      associate: 'Associate',
      mid_senior: 'Mid-Senior level',
      director: 'Director',
      executive: 'Executive',
    },
  },
  employmentType: {
    type: 'terms',
    field: 'employment_type',
    size: 10,
    param: 'employmentType',
    labels: {
      full_time: 'Full-time',
      part_time: 'Part-time',
      contract: 'Contract',
      temporary: 'Temporary',
      internship: 'Internship',
      volunteer: 'Volunteer',
      other: 'Other',
    },
  },
  pay: { type: 'range', field: 'salary.bands', bands: PAY_BANDS },
  postedWithin: {
    type: 'date-range',
    field: 'posted_at',
    windows: {
      '1d': { days: 1, label: 'Past 24 hours' },
      '3d': { days: 3, label: 'Past 3 days' },
      '7d': { days: 7, label: 'Past week' },
      '30d': { days: 30, label: 'Past 30 days' },
    },
  },
  company: { type: 'terms', field: 'company.keyword', size: 20, param: 'company' },
  location: { type: 'place', cityField: 'location.city', regionField: 'location.region_code', size: 20, param: 'place' },
  skills: { type: 'terms', field: 'skills', size: 30, param: 'skills' },
  occupation: {
    type: 'occupation',
    majorField: 'soc.major',
    majorTitleField: 'soc.major_title',
    codeField: 'soc.code',
    codeTitleField: 'soc.title',
    size: 30,
    param: 'occupation',
  },
  source: { type: 'terms', field: 'source', size: 10, param: 'source', labels: SOURCE_LABELS as Readonly<Record<SourceName, string>> },
};

export const FACET_ORDER = Object.keys(JOB_FACETS) as FacetKey[];

/** "NY|New York" -> region code and city; a city without a region code is "|London". */
export function parsePlaceValue(value: string): { regionCode: string | null; city: string } | null {
  const bar = value.indexOf('|');
  if (bar < 0 || value.indexOf('|', bar + 1) >= 0) return null;
  const city = value.slice(bar + 1).trim();
  if (!city) return null;
  return { regionCode: value.slice(0, bar).trim() || null, city };
}

export function placeValue(regionCode: string | null, city: string): string {
  return `${regionCode ?? ''}|${city}`;
}

const SOC_MAJOR = /^\d{2}$/;
const SOC_CODE = /^\d{2}-\d{4}$/;

export function isOccupationValue(v: string): boolean {
  return SOC_MAJOR.test(v) || SOC_CODE.test(v);
}

/**
 * payMin: the top of a posting's annual range reaches it; payMax: the bottom of the range is at or
 * below it. A posting with only one figure uses it for both ends; a posting without pay never matches.
 */
export function payFilter(min: number | null | undefined, max: number | null | undefined): Query[] {
  const out: Query[] = [];
  if (min !== null && min !== undefined) {
    out.push({
      bool: {
        should: [
          { range: { 'salary.annual_max': { gte: min } } },
          { bool: { must_not: [{ exists: { field: 'salary.annual_max' } }], filter: [{ range: { 'salary.annual_min': { gte: min } } }] } },
        ],
        minimum_should_match: 1,
      },
    });
  }
  if (max !== null && max !== undefined) {
    out.push({
      bool: {
        should: [
          { range: { 'salary.annual_min': { lte: max } } },
          { bool: { must_not: [{ exists: { field: 'salary.annual_min' } }], filter: [{ range: { 'salary.annual_max': { lte: max } } }] } },
        ],
        minimum_should_match: 1,
      },
    });
  }
  return out;
}

/** Absolute ISO bounds from `now`, so the same params and clock give the same request. */
export function postedWithinFilter(field: string, days: number, now: Date): Query {
  return { range: { [field]: { gte: new Date(now.getTime() - days * 86_400_000).toISOString() } } };
}

function placeFilter(def: Extract<FacetDefinition, { type: 'place' }>, value: string): Query | null {
  const place = parsePlaceValue(value);
  if (!place) return null;
  const region: Query = place.regionCode ? { term: { [def.regionField]: place.regionCode } } : { bool: { must_not: [{ exists: { field: def.regionField } }] } };
  return { bool: { filter: [{ term: { [def.cityField]: place.city } }, region] } };
}

function occupationFilter(def: Extract<FacetDefinition, { type: 'occupation' }>, values: string[]): Query | null {
  const codes = values.filter((v) => SOC_CODE.test(v));
  // A selected detailed code narrows its own major group; other selected majors stay whole.
  const majors = values.filter((v) => SOC_MAJOR.test(v) && !codes.some((c) => c.startsWith(`${v}-`)));
  const should: Query[] = [];
  if (codes.length > 0) should.push({ terms: { [def.codeField]: codes } });
  if (majors.length > 0) should.push({ terms: { [def.majorField]: majors } });
  if (should.length === 0) return null;
  return should.length === 1 ? should[0] : { bool: { should, minimum_should_match: 1 } };
}

function values(list: readonly string[] | undefined): string[] {
  return list ? [...new Set(list)] : [];
}

/** The filter one facet's selection applies (null when nothing of it is selected). */
export function facetFilter(key: FacetKey, params: JobSearchParams, now: Date): Query | null {
  const def = JOB_FACETS[key];
  switch (def.type) {
    case 'terms': {
      const v = values(params[def.param]);
      return v.length > 0 ? { terms: { [def.field]: v } } : null;
    }
    case 'place': {
      const filters = values(params.place)
        .map((v) => placeFilter(def, v))
        .filter((q): q is Query => q !== null);
      if (filters.length === 0) return null;
      return filters.length === 1 ? filters[0] : { bool: { should: filters, minimum_should_match: 1 } };
    }
    case 'occupation':
      return occupationFilter(def, values(params.occupation));
    case 'range': {
      const clauses = payFilter(params.payMin, params.payMax);
      if (clauses.length === 0) return null;
      return clauses.length === 1 ? clauses[0] : { bool: { filter: clauses } };
    }
    case 'date-range': {
      if (!params.postedWithin) return null;
      return postedWithinFilter(def.field, def.windows[params.postedWithin].days, now);
    }
  }
}

/** Every active facet filter, by key. */
export function activeFacetFilters(params: JobSearchParams, now: Date): Array<{ key: FacetKey; filter: Query }> {
  const out: Array<{ key: FacetKey; filter: Query }> = [];
  for (const key of FACET_ORDER) {
    const filter = facetFilter(key, params, now);
    if (filter) out.push({ key, filter });
  }
  return out;
}

function selectedFilters(def: FacetDefinition, params: JobSearchParams): Record<string, Query> | null {
  if (def.type === 'terms') {
    const v = values(params[def.param]);
    return v.length > 0 ? Object.fromEntries(v.map((x) => [x, { term: { [def.field]: x } }])) : null;
  }
  if (def.type === 'place') {
    const entries = values(params.place)
      .map((v) => [v, placeFilter(def, v)] as const)
      .filter((e): e is readonly [string, Query] => e[1] !== null);
    return entries.length > 0 ? Object.fromEntries(entries) : null;
  }
  return null;
}

/** The aggregation that counts one facet's buckets (inside the filter of the other facets). */
function facetBucketsAgg(key: FacetKey, params: JobSearchParams, now: Date): Record<string, estypes.AggregationsAggregationContainer> {
  const def = JOB_FACETS[key];
  const aggs: Record<string, estypes.AggregationsAggregationContainer> = {};
  switch (def.type) {
    case 'terms':
      aggs.values = { terms: { field: def.field, size: def.size } };
      break;
    case 'place':
      // Top cities, split by region: "Portland" in OR and in ME are two buckets.
      aggs.values = {
        terms: { field: def.cityField, size: def.size },
        aggs: { regions: { terms: { field: def.regionField, size: 5, missing: '' } } },
      };
      break;
    case 'occupation': {
      aggs.values = {
        terms: { field: def.majorField, size: def.size },
        aggs: { title: { terms: { field: def.majorTitleField, size: 1 } } },
      };
      const majors = values(params.occupation).filter((v) => SOC_MAJOR.test(v));
      if (majors.length > 0) {
        aggs.codes = {
          filter: { terms: { [def.majorField]: majors } },
          aggs: {
            values: {
              terms: { field: def.codeField, size: def.size },
              aggs: { title: { terms: { field: def.codeTitleField, size: 1 } } },
            },
          },
        };
      }
      break;
    }
    case 'range':
      // One terms count over the bands stored at normalization (payBandsOf). Six overlap filters
      // (range OR missing-end range per band) were the costliest aggregation of an uncached browse
      // (docs/benchmarks.md, bench:search-tuning).
      aggs.values = { terms: { field: def.field, size: def.bands.length } };
      break;
    case 'date-range':
      aggs.values = {
        filters: {
          filters: Object.fromEntries(
            (Object.keys(def.windows) as PostedWithin[]).map((w) => [w, postedWithinFilter(def.field, def.windows[w].days, now)]),
          ),
        },
      };
      break;
  }
  // Selected values outside the top N still get a bucket, so they can be deselected.
  const selected = selectedFilters(def, params);
  if (selected) aggs.selected = { filters: { filters: selected } };
  return aggs;
}

/**
 * Disjunctive facets: each facet's counts apply every active filter except its own, so a user who
 * picked "remote" still sees how many hybrid and onsite postings there are.
 */
/** Separates a facet's key from its sub-aggregation's name where facets share one filter. */
const SHARED_SEP = '__';
/** The filter aggregation holding every facet that has no filter of its own (see buildFacetAggs). */
export const SHARED_FACETS_AGG = 'facets_shared';

/**
 * Disjunctive facets: facet F counts under every active filter except F's own. Facets without an
 * active filter of their own all see the same filter (every active one), so they share ONE filter
 * aggregation (`facets_shared`, sub-aggregations named `<key>__<name>`), and each facet with an
 * active filter gets its own, as before. With a single active filter (payMin, say) that filter is
 * evaluated twice instead of ten times: uncached facets p95 464 -> 183 ms at 1M (bench:search-tuning,
 * the per-facet variant rebuilds the old layout). With no active filter the shared facets sit at
 * the top level, where Elasticsearch can count terms without a filter to intersect.
 */
export function buildFacetAggs(params: JobSearchParams, now: Date): Record<string, estypes.AggregationsAggregationContainer> {
  const active = activeFacetFilters(params, now);
  const activeKeys = new Set(active.map((a) => a.key));
  const aggs: Record<string, estypes.AggregationsAggregationContainer> = {};
  const shared: Record<string, estypes.AggregationsAggregationContainer> = {};
  for (const key of FACET_ORDER) {
    const buckets = facetBucketsAgg(key, params, now);
    if (activeKeys.has(key)) {
      const others = active.filter((a) => a.key !== key).map((a) => a.filter);
      aggs[`facet_${key}`] = { filter: { bool: { filter: others } }, aggs: buckets };
    } else {
      for (const [name, agg] of Object.entries(buckets)) shared[`${key}${SHARED_SEP}${name}`] = agg;
    }
  }
  if (active.length === 0) Object.assign(aggs, shared);
  else if (Object.keys(shared).length > 0) aggs[SHARED_FACETS_AGG] = { filter: { bool: { filter: active.map((a) => a.filter) } }, aggs: shared };
  return aggs;
}

/** One facet's aggregation result out of buildFacetAggs' answer, wherever the facet was placed. */
export function facetAggResult(aggs: Record<string, unknown>, key: FacetKey): FacetAggResult | undefined {
  const own = aggs[`facet_${key}`] as FacetAggResult | undefined;
  if (own) return own;
  const group = (aggs[SHARED_FACETS_AGG] ?? aggs) as Record<string, unknown>;
  const prefix = `${key}${SHARED_SEP}`;
  const parts = Object.entries(group).filter(([name]) => name.startsWith(prefix));
  if (parts.length === 0) return undefined;
  return Object.fromEntries(parts.map(([name, agg]) => [name.slice(prefix.length), agg])) as unknown as FacetAggResult;
}

interface TermsBucket {
  key: string | number;
  doc_count: number;
  regions?: { buckets: TermsBucket[] };
  title?: { buckets: TermsBucket[] };
}
export interface FacetAggResult {
  doc_count?: number;
  values?: { buckets: TermsBucket[] | Record<string, { doc_count: number }> };
  selected?: { buckets: Record<string, { doc_count: number }> };
  codes?: { values: { buckets: TermsBucket[] } };
}

function payBandSelected(b: PayBand, params: JobSearchParams): boolean {
  return (params.payMin ?? null) === b.min && (params.payMax ?? null) === b.max;
}

function addSelected(buckets: FacetBucket[], agg: FacetAggResult, label: (v: string) => string): FacetBucket[] {
  const out = [...buckets];
  for (const [value, b] of Object.entries(agg.selected?.buckets ?? {})) {
    const existing = out.find((x) => x.value === value);
    if (existing) existing.selected = true;
    else out.push({ value, label: label(value), count: b.doc_count, selected: true });
  }
  return out;
}

function placeLabel(value: string): string {
  const p = parsePlaceValue(value);
  if (!p) return value;
  return p.regionCode ? `${p.city}, ${p.regionCode}` : p.city;
}

/**
 * Turns one facet's aggregation result into buckets, marking what the params selected. Terms
 * facets list values that occur; range facets always list every band (a fixed set of options),
 * zero counts included.
 */
export function mapFacetBuckets(key: FacetKey, agg: FacetAggResult | undefined, params: JobSearchParams): FacetBucket[] {
  const def = JOB_FACETS[key];
  if (!agg) return [];
  switch (def.type) {
    case 'terms': {
      const labels: Readonly<Record<string, string>> = def.labels ?? {};
      const label = (v: string) => labels[v] ?? v;
      const chosen = new Set(values(params[def.param]));
      const buckets = ((agg.values?.buckets as TermsBucket[]) ?? []).map((b) => ({
        value: String(b.key),
        label: label(String(b.key)),
        count: b.doc_count,
        selected: chosen.has(String(b.key)),
      }));
      return addSelected(buckets, agg, label);
    }
    case 'place': {
      const chosen = new Set(values(params.place));
      const pairs: FacetBucket[] = [];
      for (const city of (agg.values?.buckets as TermsBucket[]) ?? []) {
        for (const region of city.regions?.buckets ?? []) {
          const value = placeValue(String(region.key) || null, String(city.key));
          pairs.push({ value, label: placeLabel(value), count: region.doc_count, selected: chosen.has(value) });
        }
      }
      pairs.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
      return addSelected(pairs.slice(0, def.size), agg, placeLabel);
    }
    case 'occupation': {
      const chosen = new Set(values(params.occupation));
      const toBucket = (b: TermsBucket) => ({
        value: String(b.key),
        label: b.title?.buckets[0] ? String(b.title.buckets[0].key) : String(b.key),
        count: b.doc_count,
        selected: chosen.has(String(b.key)),
      });
      return [...((agg.values?.buckets as TermsBucket[]) ?? []).map(toBucket), ...(agg.codes?.values.buckets ?? []).map(toBucket)];
    }
    case 'range': {
      const counts = Object.fromEntries(((agg.values?.buckets ?? []) as TermsBucket[]).map((b) => [String(b.key), b]));
      return def.bands
        .map((b) => ({ value: b.value, label: b.label, count: counts[b.value]?.doc_count ?? 0, selected: payBandSelected(b, params) }));
    }
    case 'date-range': {
      const counts = (agg.values?.buckets ?? {}) as Record<string, { doc_count: number }>;
      return (Object.keys(def.windows) as PostedWithin[])
        .map((w) => ({ value: w, label: def.windows[w].label, count: counts[w]?.doc_count ?? 0, selected: params.postedWithin === w }));
    }
  }
}
