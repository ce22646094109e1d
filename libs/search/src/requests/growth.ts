import type { estypes } from '@elastic/elasticsearch';
import type { GrowthLevel, GrowthRow, GrowthSourceWindow, SourceName } from '@jobportal/contracts';

type Query = estypes.QueryDslQueryContainer;
type Bucket = { key: string | number; doc_count: number; [k: string]: unknown };
const bucketsOf = (agg: unknown): Bucket[] => ((agg as { buckets?: Bucket[] } | undefined)?.buckets ?? []);
const valueOf = (agg: unknown): number => ((agg as { value?: number } | undefined)?.value ?? 0);

/** First and last posting date per source (growth compares a source only over dates it covers). */
export function buildGrowthCoverageRequest(index: string, sources?: SourceName[]): estypes.SearchRequest {
  return {
    index,
    size: 0,
    track_total_hits: false,
    query: sources?.length ? { terms: { source: sources } } : { match_all: {} },
    aggs: { source: { terms: { field: 'source', size: 20 }, aggs: { first: { min: { field: 'posted_at' } }, last: { max: { field: 'posted_at' } } } } },
  };
}

export function mapGrowthCoverage(res: estypes.SearchResponse): Array<{ source: SourceName; from: Date | null; to: Date | null }> {
  return bucketsOf(res.aggregations?.source).map((b) => ({
    source: b.key as SourceName,
    from: (b.first as { value: number | null }).value === null ? null : new Date((b.first as { value: number }).value),
    to: (b.last as { value: number | null }).value === null ? null : new Date((b.last as { value: number }).value),
  }));
}

function windowQuery(sources: GrowthSourceWindow[], which: 'recent' | 'prior'): Query {
  return {
    bool: {
      should: sources.filter((s) => s.included && s[which]).map((s) => ({
        bool: { filter: [{ term: { source: s.source } }, { range: { posted_at: { gte: s[which]!.from, lt: s[which]!.to } } }] },
      })),
      minimum_should_match: 1,
    },
  };
}

export function occupationFilter(occupation: string | undefined): Query {
  if (!occupation) return { match_all: {} };
  return { term: { [occupation.includes('-') ? 'soc.code' : 'soc.major']: occupation } };
}

/** Distinct fingerprints: the same job reposted or cross-listed counts once (HyperLogLog, exact at these sizes). */
const distinct = (field: string): estypes.AggregationsAggregationContainer => ({ cardinality: { field, precision_threshold: 40_000 } });

export const GROWTH_MAX_PLACES = 500;

/**
 * The growth cells in one search: for each window (per-source date ranges), each place, the
 * deduplicated postings of the place (for shares), and of the occupation (or of each major group)
 * with its distinct employers. Rates and intervals are computed in code (trends/growth.ts).
 */
export function buildGrowthCellsRequest(index: string, sources: GrowthSourceWindow[], level: GrowthLevel, occupation?: string): estypes.SearchRequest {
  const cell: Record<string, estypes.AggregationsAggregationContainer> = { postings: distinct('fingerprint'), employers: distinct('company.keyword') };
  const occ: estypes.AggregationsAggregationContainer = occupation
    ? { filter: occupationFilter(occupation), aggs: cell }
    : { terms: { field: 'soc.major', size: 30 }, aggs: { ...cell, title: { terms: { field: 'soc.major_title', size: 1 } } } };
  const placeAggs = { all: distinct('fingerprint'), occ };
  const place: estypes.AggregationsAggregationContainer =
    level === 'state'
      ? { terms: { field: 'location.region_code', size: 100 }, aggs: placeAggs }
      : { terms: { field: 'location.region_code', size: 100 }, aggs: { city: { terms: { field: 'location.city', size: GROWTH_MAX_PLACES }, aggs: placeAggs } } };
  return {
    index,
    size: 0,
    track_total_hits: false,
    query: { bool: { filter: [{ term: { 'location.country_code': 'US' } }], should: [windowQuery(sources, 'recent'), windowQuery(sources, 'prior')], minimum_should_match: 1 } },
    aggs: { windows: { filters: { filters: { recent: windowQuery(sources, 'recent'), prior: windowQuery(sources, 'prior') } }, aggs: { place } } },
  };
}

export interface GrowthCell {
  place: string;
  placeLabel: string;
  occupation: string;
  occupationTitle: string | null;
  postings: number;
  employers: number;
  placeTotal: number;
}

/** recent and prior cells keyed "place\u0000occupation". */
export function mapGrowthCells(res: estypes.SearchResponse, level: GrowthLevel, occupation?: string): { recent: Map<string, GrowthCell>; prior: Map<string, GrowthCell> } {
  const windows = (res.aggregations?.windows as { buckets?: Record<string, Record<string, unknown>> } | undefined)?.buckets ?? {};
  const read = (w: Record<string, unknown> | undefined): Map<string, GrowthCell> => {
    const out = new Map<string, GrowthCell>();
    const places: Array<{ value: string; label: string; b: Bucket }> = [];
    for (const r of bucketsOf(w?.place)) {
      if (level === 'state') places.push({ value: String(r.key), label: String(r.key), b: r });
      else for (const c of bucketsOf(r.city)) places.push({ value: `${r.key}|${c.key}`, label: `${c.key}, ${r.key}`, b: c });
    }
    for (const { value, label, b } of places) {
      const placeTotal = valueOf(b.all);
      const cells = occupation
        ? [{ code: occupation, title: null as string | null, agg: b.occ as Record<string, unknown> }]
        : bucketsOf(b.occ).map((o) => ({ code: String(o.key), title: (bucketsOf(o.title)[0]?.key as string | undefined) ?? null, agg: o as Record<string, unknown> }));
      for (const c of cells) {
        out.set(`${value}\u0000${c.code}`, { place: value, placeLabel: label, occupation: c.code, occupationTitle: c.title, postings: valueOf(c.agg.postings), employers: valueOf(c.agg.employers), placeTotal });
      }
    }
    return out;
  };
  return { recent: read(windows.recent), prior: read(windows.prior) };
}

/** The projection fields a growth row shows beside the observed growth. */
export type GrowthProjection = NonNullable<GrowthRow['projection']>;

/**
 * BLS 2024-34 projections for the detailed SOC codes of a growth table, from the occupations
 * index (the full profile holds the NEM title, which the flat `projections` object does not).
 * Major-group rows have no projection: BLS publishes the matrix by detailed occupation.
 */
export function buildGrowthProjectionsRequest(index: string, socCodes: string[]): estypes.SearchRequest {
  const detailed = [...new Set(socCodes.filter((c) => /^\d{2}-\d{4}$/.test(c)))];
  return {
    index,
    // Several O*NET occupations can share one SOC code; 8 per code is more than O*NET 29.3 has.
    size: Math.min(detailed.length * 8, 10_000),
    track_total_hits: false,
    query: { bool: { filter: [{ terms: { soc_code: detailed } }, { exists: { field: 'projections.nem_code' } }] } },
    sort: [{ onet_code: { order: 'asc' } }],
    _source: ['soc_code', 'profile.projections'],
  };
}

export function mapGrowthProjections(res: estypes.SearchResponse): Map<string, GrowthProjection> {
  const out = new Map<string, GrowthProjection>();
  for (const hit of res.hits.hits) {
    const doc = hit._source as { soc_code: string; profile?: { projections?: GrowthProjection & Record<string, unknown> | null } };
    const p = doc.profile?.projections;
    // Sorted by O*NET code, so a SOC code's ".00" occupation (whose projection is the SOC code's) wins.
    if (!p || out.has(doc.soc_code)) continue;
    out.set(doc.soc_code, { period: p.period, nemCode: p.nemCode, nemTitle: p.nemTitle, changePercent: p.changePercent, openingsAnnual: p.openingsAnnual });
  }
  return out;
}
