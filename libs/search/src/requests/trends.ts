import type { estypes } from '@elastic/elasticsearch';
import type { JobSearchParams, PayGroup, PayPercentiles, TrendBucket, TrendInterval, TrendPanel, TrendsResponse } from '@jobportal/contracts';
import { TREND_OCCUPATION_SERIES_ROWS } from '@jobportal/contracts';
import { movingAverage, periodChange, remoteShares, risingSkills } from '../trends/derive';
import { buildJobSearchQuery, type JobSearchContext } from './job-search';

type Query = estypes.QueryDslQueryContainer;
type Aggs = Record<string, estypes.AggregationsAggregationContainer>;

export const TREND_TOP_DEFAULT = 10;
export const TREND_TOP_MAX = 50;
/** Skills compared for "rising": enough candidates that a skill rising from the long tail is seen. */
const SKILL_CANDIDATES = 200;

export interface TrendsWindow {
  /** [from, to) of the dashboard; the prior window is the equal span before `from` (rising skills). */
  from: Date;
  to: Date;
  interval: TrendInterval;
  panels: readonly TrendPanel[];
  top: number;
}

const iso = (d: Date) => d.toISOString();

/** The prior window of equal length, ending where the current one starts. */
export function priorWindow(from: Date, to: Date): { from: Date; to: Date } {
  return { from: new Date(from.getTime() - (to.getTime() - from.getTime())), to: from };
}

function range(from: Date, to: Date): Query {
  return { range: { posted_at: { gte: iso(from), lt: iso(to) } } };
}

/** The default interval: daily points up to two months, weekly up to two years, monthly beyond. */
export function defaultInterval(from: Date, to: Date): TrendInterval {
  const days = (to.getTime() - from.getTime()) / 86_400_000;
  return days <= 60 ? 'day' : days <= 730 ? 'week' : 'month';
}

/**
 * The latest posted_at among postings matching the filters: the samples are historical, so a
 * dashboard that defaulted to "the last year before today" would be empty.
 */
export function buildTrendsExtentRequest(params: JobSearchParams, ctx: JobSearchContext): estypes.SearchRequest {
  return {
    index: ctx.index,
    size: 0,
    track_total_hits: false,
    // Trends count every posting, expired or not: a job that has gone was still posted.
    query: buildJobSearchQuery(params, { ...ctx, includeExpired: true }),
    aggs: { latest: { max: { field: 'posted_at' } } },
  };
}

export function mapTrendsExtent(res: estypes.SearchResponse): Date | null {
  const agg = res.aggregations?.latest as estypes.AggregationsMaxAggregate | undefined;
  return agg?.value === null || agg?.value === undefined ? null : new Date(agg.value);
}

/**
 * Every dashboard panel as one size-0 search: the job-search filters (the same builder as
 * /api/jobs/search, so "any job-search filter" means the same thing) over [prior.from, to), each
 * panel in a `filter` on the current window, and the skills of the prior window beside them so
 * rising skills are computed in code (libs/search trends/derive.ts). No pipeline aggregations: this
 * node has no aggregations module, and moving averages, changes and shares are computed in code.
 */
export function buildTrendsRequest(params: JobSearchParams, ctx: JobSearchContext, w: TrendsWindow): estypes.SearchRequest {
  const prior = priorWindow(w.from, w.to);
  const want = new Set(w.panels);
  const top = Math.min(Math.max(1, w.top), TREND_TOP_MAX);
  const current: Aggs = {};
  const histogram = { field: 'posted_at', calendar_interval: w.interval, min_doc_count: 0, extended_bounds: { min: iso(w.from), max: iso(new Date(w.to.getTime() - 1)) } } as const;
  if (want.has('series')) current.series = { date_histogram: histogram };
  if (want.has('occupation')) current.occupation = { terms: { field: 'soc.major', size: top }, aggs: { title: { terms: { field: 'soc.major_title', size: 1 } } } };
  if (want.has('place')) current.place = { terms: { field: 'location.region_code', size: top } };
  if (want.has('workMode')) current.workMode = { terms: { field: 'work_mode', size: 3 } };
  if (want.has('experience')) current.experience = { terms: { field: 'experience_level', size: 6 } };
  if (want.has('companies')) current.companies = { terms: { field: 'company.keyword', size: top } };
  // The heat map's rows: terms x date_histogram in one aggregation, not one search per group.
  if (want.has('occupationSeries')) {
    current.occupationSeries = {
      terms: { field: 'soc.major', size: TREND_OCCUPATION_SERIES_ROWS },
      aggs: { title: { terms: { field: 'soc.major_title', size: 1 } }, series: { date_histogram: histogram } },
    };
  }
  if (want.has('remoteShare')) current.remoteShare = { date_histogram: histogram, aggs: { mode: { terms: { field: 'work_mode', size: 3 } } } };
  if (want.has('skills')) current.skills = { terms: { field: 'skills', size: SKILL_CANDIDATES } };
  if (want.has('pay')) {
    // HDR histograms (3 significant digits: within 0.1% of the value) rather than the default
    // t-digest: the pay panel alone took about half the time at 1M postings (a one-off
    // measurement, docs/benchmarks.md). HDR takes no negative values, so the pay filter is a
    // range from 0 rather than `exists`.
    const pct: estypes.AggregationsAggregationContainer = { percentiles: { field: 'salary.annual_min', percents: [10, 25, 50, 75, 90], hdr: { number_of_significant_value_digits: 3 } } };
    const withPay = { filter: { range: { 'salary.annual_min': { gte: 0 } } } };
    current.pay = {
      ...withPay,
      aggs: {
        overall: pct,
        byOccupation: { terms: { field: 'soc.major', size: top }, aggs: { pct, title: { terms: { field: 'soc.major_title', size: 1 } } } },
        byPlace: { terms: { field: 'location.region_code', size: top }, aggs: { pct } },
        byExperience: { terms: { field: 'experience_level', size: 6 }, aggs: { pct } },
      },
    };
  }
  const aggs: Aggs = { current: { filter: range(w.from, w.to), aggs: current } };
  if (want.has('skills')) aggs.prior = { filter: range(prior.from, prior.to), aggs: { skills: { terms: { field: 'skills', size: SKILL_CANDIDATES } } } };
  return {
    index: ctx.index,
    size: 0,
    track_total_hits: false,
    query: buildJobSearchQuery(params, { ...ctx, includeExpired: true }, [range(want.has('skills') ? prior.from : w.from, w.to)]),
    aggs,
  };
}

/**
 * The panels split into searches that run side by side (one _msearch, one search thread each):
 * rising skills (two terms aggregations over a multi-valued field, over both windows) and the
 * series weigh about as much as all the other panels together at 1M postings, so two searches
 * use both cores: dashboard p95 360 -> 292 ms at 1M (bench:trends measures both ways).
 */
export const TREND_PANEL_GROUPS: readonly (readonly TrendPanel[])[] = [
  ['skills', 'series'],
  ['pay', 'remoteShare', 'occupation', 'place', 'workMode', 'experience', 'companies', 'occupationSeries'],
];

/** buildTrendsRequest per non-empty panel group (TREND_PANEL_GROUPS); merge the answers with mergeTrendsResponses. */
export function buildTrendsRequests(params: JobSearchParams, ctx: JobSearchContext, w: TrendsWindow): estypes.SearchRequest[] {
  const want = new Set(w.panels);
  const grouped = new Set(TREND_PANEL_GROUPS.flat());
  const groups = TREND_PANEL_GROUPS.map((g) => g.filter((p) => want.has(p)));
  // A panel no group names yet still gets asked for, in the last search.
  groups[groups.length - 1].push(...w.panels.filter((p) => !grouped.has(p)));
  const nonEmpty = groups.filter((g) => g.length > 0);
  return (nonEmpty.length > 0 ? nonEmpty : [[]]).map((panels) => buildTrendsRequest(params, ctx, { ...w, panels }));
}

/** The searches of buildTrendsRequests as one answer for mapTrendsResponse: each `current` holds its own panels. */
export function mergeTrendsResponses(responses: estypes.SearchResponse[]): estypes.SearchResponse {
  const [first, ...rest] = responses;
  const aggs = { ...(first.aggregations ?? {}) } as Record<string, Record<string, unknown>>;
  for (const res of rest) {
    const more = (res.aggregations ?? {}) as Record<string, Record<string, unknown>>;
    for (const [name, agg] of Object.entries(more)) aggs[name] = name === 'current' && aggs.current ? { ...aggs.current, ...agg, doc_count: aggs.current.doc_count } : agg;
  }
  return { ...first, took: Math.max(...responses.map((r) => r.took)), aggregations: aggs as never };
}

type Bucket = { key: string | number; key_as_string?: string; doc_count: number; [k: string]: unknown };
const bucketsOf = (agg: unknown): Bucket[] => ((agg as { buckets?: Bucket[] } | undefined)?.buckets ?? []);
const firstKey = (agg: unknown): string | null => (bucketsOf(agg)[0]?.key as string | undefined) ?? null;

function percentilesOf(agg: unknown, count: number): PayPercentiles {
  const values = ((agg as { values?: Record<string, number | null> } | undefined)?.values ?? {});
  const at = (p: string) => {
    const v = values[p] ?? values[`${p}.0`];
    return v === undefined || v === null || Number.isNaN(v) ? null : Math.round(v);
  };
  return { p10: at('10'), p25: at('25'), p50: at('50'), p75: at('75'), p90: at('90'), count };
}

function trendBuckets(agg: unknown, total: number, label: (b: Bucket) => string = (b) => String(b.key)): TrendBucket[] {
  return bucketsOf(agg).map((b) => ({ value: String(b.key), label: label(b), count: b.doc_count, share: total ? b.doc_count / total : 0 }));
}

const dateOf = (b: Bucket) => new Date(b.key as number).toISOString().slice(0, 10);
const MOVING_WINDOW: Record<TrendInterval, number> = { day: 7, week: 4, month: 3 };

/** The panels of buildTrendsRequest's answer, with the derived series computed in code. */
export function mapTrendsResponse(res: estypes.SearchResponse, w: TrendsWindow): Omit<TrendsResponse, 'tookMs'> {
  const aggs = (res.aggregations ?? {}) as Record<string, Record<string, unknown> & { doc_count?: number }>;
  const current = aggs.current ?? { doc_count: 0 };
  const total = current.doc_count ?? 0;
  const prior = priorWindow(w.from, w.to);
  const out: Omit<TrendsResponse, 'tookMs'> = { from: iso(w.from), to: iso(w.to), interval: w.interval, total };
  const occupationLabel = (b: Bucket) => firstKey(b.title) ?? String(b.key);
  if (current.series) {
    const points = bucketsOf(current.series).map((b) => ({ date: dateOf(b), value: b.doc_count }));
    const movingWindow = MOVING_WINDOW[w.interval];
    out.series = { points, moving: movingAverage(points, movingWindow), movingWindow, change: periodChange(points) };
  }
  if (current.occupation) out.occupation = trendBuckets(current.occupation, total, occupationLabel);
  if (current.place) out.place = trendBuckets(current.place, total);
  if (current.workMode) out.workMode = trendBuckets(current.workMode, total);
  if (current.experience) out.experience = trendBuckets(current.experience, total);
  if (current.companies) out.companies = trendBuckets(current.companies, total);
  if (current.occupationSeries) {
    out.occupationSeries = bucketsOf(current.occupationSeries).map((b) => ({
      value: String(b.key),
      label: occupationLabel(b),
      count: b.doc_count,
      points: bucketsOf(b.series).map((p) => ({ date: dateOf(p), value: p.doc_count })),
    }));
  }
  if (current.remoteShare) {
    out.remoteShare = remoteShares(
      bucketsOf(current.remoteShare).map((b) => ({ date: dateOf(b), modes: Object.fromEntries(bucketsOf(b.mode).map((m) => [String(m.key), m.doc_count])) })),
    );
  }
  if (current.skills) {
    const priorAgg = aggs.prior ?? { doc_count: 0 };
    const cur = new Map(bucketsOf(current.skills).map((b) => [String(b.key), b.doc_count]));
    const before = new Map(bucketsOf(priorAgg.skills).map((b) => [String(b.key), b.doc_count]));
    const priorTotal = priorAgg.doc_count ?? 0;
    const limit = Math.min(w.top, TREND_TOP_MAX);
    out.skills = {
      top: [...cur].slice(0, limit).map(([skill, count]) => {
        const priorCount = before.get(skill) ?? 0;
        return { skill, count, priorCount, share: total ? count / total : 0, priorShare: priorTotal ? priorCount / priorTotal : 0, score: 0 };
      }),
      rising: risingSkills(cur, before, total, priorTotal, limit),
      window: { from: iso(w.from), to: iso(w.to) },
      priorWindow: { from: iso(prior.from), to: iso(prior.to) },
    };
  }
  if (current.pay) {
    const pay = current.pay as Record<string, unknown> & { doc_count: number };
    const groups = (agg: unknown, label: (b: Bucket) => string = (b) => String(b.key)): PayGroup[] =>
      bucketsOf(agg).map((b) => ({ value: String(b.key), label: label(b), ...percentilesOf(b.pct, b.doc_count) }));
    out.pay = {
      overall: percentilesOf(pay.overall, pay.doc_count),
      byOccupation: groups(pay.byOccupation, occupationLabel),
      byPlace: groups(pay.byPlace),
      byExperience: groups(pay.byExperience),
    };
  }
  return out;
}
