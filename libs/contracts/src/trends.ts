/**
 * The labor-market trends API contract (issue 11): the dashboard panels over any job-search filter
 * and growth by geography. Public endpoints (job seekers use them); words are API words.
 *
 * Routes:
 *   GET /api/trends?<job-search filters>&from=&to=&interval=&panels=   -> TrendsResponse
 *     One request loads every panel the dashboard asks for (one Elasticsearch _msearch behind it).
 *     Filters are exactly GET /api/jobs/search's (JobSearchParams minus q-ranking/sort/page/size/after):
 *     q, location, radius, workMode, experience, employmentType, payMin, payMax, postedWithin,
 *     company, skills, occupation, source, place. Multi-valued = repeated or comma-separated.
 *   GET /api/trends/growth?occupation=&level=state|metro&window=&end=&source=&sort=  -> GrowthResponse
 *
 * Bad input: 400 { statusCode, code: 'invalid_parameters', message, errors: [{ field, reason }] }.
 */
import type { SourceName } from './posting';
import type { JobSearchParams } from './search';
import type { OccupationProjections } from './occupations';

export const TREND_INTERVALS = ['day', 'week', 'month'] as const;
export type TrendInterval = (typeof TREND_INTERVALS)[number];

export const TREND_PANELS = [
  'series',
  'occupation',
  'place',
  'workMode',
  'experience',
  'remoteShare',
  'skills',
  'pay',
  'companies',
  'occupationSeries',
] as const;
export type TrendPanel = (typeof TREND_PANELS)[number];

/** Query parameters of GET /api/trends, after validation. */
export interface TrendsParams
  extends Omit<JobSearchParams, 'sort' | 'page' | 'size' | 'after'> {
  /** ISO date (inclusive). Default: `to` minus 12 months. */
  from?: string;
  /** ISO date (exclusive). Default: the latest posted_at matching the filters (the samples are historical). */
  to?: string;
  /** Default: chosen from the range (day <= 60 days, week <= 2 years, else month). */
  interval?: TrendInterval;
  /** Default: all panels. Comma-separated or repeated. */
  panels?: TrendPanel[];
  /** Buckets per breakdown panel (default 10, max 50). */
  top?: number;
}

/** One point of a time series. `value` is the count, or the panel's derived value (share, rate). */
export interface TrendPoint {
  /** Bucket start, ISO date (UTC). */
  date: string;
  value: number;
}

export interface TrendSeries {
  /** Postings per bucket (documents matching the filters, posted in the bucket). */
  points: TrendPoint[];
  /** Trailing moving average over `movingWindow` buckets, computed in code (no pipeline aggs on this node). */
  moving: TrendPoint[];
  movingWindow: number;
  /** Change of each bucket against the previous one, as a fraction (null where the previous is 0). */
  change: Array<{ date: string; value: number | null }>;
}

/** Occupation groups in the `occupationSeries` panel (the dashboard's heat map rows). */
export const TREND_OCCUPATION_SERIES_ROWS = 6;

/** One row of the occupation x period heat map: the series of one of the largest occupation groups. */
export interface OccupationSeries {
  value: string;
  label: string;
  /** Postings of the group in [from, to). */
  count: number;
  points: TrendPoint[];
}

export interface TrendBucket {
  /** The filter value that opens this bucket as a search (e.g. "15", "NY|New York", "remote"). */
  value: string;
  label: string;
  count: number;
  /** count / total of the panel's postings (0..1). */
  share: number;
}

export interface RemoteSharePoint {
  date: string;
  /** Postings with a known work mode in the bucket. */
  known: number;
  remote: number;
  hybrid: number;
  /** remote / known (0..1), null when known is 0. */
  remoteShare: number | null;
  hybridShare: number | null;
}

export interface SkillTrend {
  skill: string;
  /** Postings with the skill in the current window / in the prior equal window. */
  count: number;
  priorCount: number;
  /** Share of the window's postings with the skill (0..1). */
  share: number;
  priorShare: number;
  /** Significance score (significant_terms JLH against the prior window); 0 for the plain top list. */
  score: number;
}

export interface SkillsPanel {
  /** Most frequent skills in [from, to). */
  top: SkillTrend[];
  /** Skills significantly more frequent in [from, to) than in the prior window of equal length. Empty when nothing rose (e.g. generated postings, which have no trend by construction). */
  rising: SkillTrend[];
  window: { from: string; to: string };
  priorWindow: { from: string; to: string };
}

export interface PayPercentiles {
  /** Annualized pay: salary.annual_min, the posted (lower) figure converted to a year at ingest. */
  p10: number | null;
  p25: number | null;
  p50: number | null;
  p75: number | null;
  p90: number | null;
  /** Postings with pay in the group. */
  count: number;
}

export interface PayGroup extends PayPercentiles {
  value: string;
  label: string;
}

export interface PayPanel {
  overall: PayPercentiles;
  byOccupation: PayGroup[];
  byPlace: PayGroup[];
  byExperience: PayGroup[];
}

export interface TrendsResponse {
  /** The range and interval actually used (after defaults). */
  from: string;
  to: string;
  interval: TrendInterval;
  /** Postings matching the filters in [from, to). */
  total: number;
  /** Present when asked for (all by default). */
  series?: TrendSeries;
  occupation?: TrendBucket[];
  place?: TrendBucket[];
  workMode?: TrendBucket[];
  experience?: TrendBucket[];
  remoteShare?: RemoteSharePoint[];
  skills?: SkillsPanel;
  pay?: PayPanel;
  companies?: TrendBucket[];
  /** The largest occupation groups (TREND_OCCUPATION_SERIES_ROWS), each with its own series, in one aggregation. */
  occupationSeries?: OccupationSeries[];
  tookMs: number;
}

// ---------------------------------------------------------------------------------------------
// Growth by geography: GET /api/trends/growth
// ---------------------------------------------------------------------------------------------

export const GROWTH_LEVELS = ['state', 'metro'] as const;
export type GrowthLevel = (typeof GROWTH_LEVELS)[number];

export const GROWTH_WINDOWS = ['30d', '90d', '180d', '365d'] as const;
export type GrowthWindow = (typeof GROWTH_WINDOWS)[number];

export const GROWTH_SORTS = ['rising', 'count', 'growth'] as const;
export type GrowthSort = (typeof GROWTH_SORTS)[number];

/** Cells with fewer new postings (either window) or employers than this are marked tooSmall. */
export const GROWTH_MIN_POSTINGS = 30;
export const GROWTH_MIN_EMPLOYERS = 5;

export interface GrowthParams {
  /** SOC code: major ("15") or detailed ("15-1252"). Absent: one row per (major group, place). */
  occupation?: string;
  /** Default 'state'. 'metro' = the posting's city within its state ("NY|New York"), see docs/trends.md. */
  level?: GrowthLevel;
  /** Length of the recent window; the prior window is the equal window before it. Default '90d'. */
  window?: GrowthWindow;
  /** ISO date the recent window ends on (exclusive). Default: each source's own last posting date, see GrowthComparison. */
  end?: string;
  /** Restrict to these sources (default: every source that covers both windows). */
  source?: SourceName[];
  /** Default 'rising' (by the interval's low end; tooSmall cells last). */
  sort?: GrowthSort;
  /** Rows (default 50, max 500). */
  size?: number;
}

/** What one source contributed: only sources whose postings span both windows are compared. */
export interface GrowthSourceWindow {
  source: SourceName;
  /** The source's first and last posting dates. */
  coverage: { from: string | null; to: string | null };
  /** The windows compared for this source (ISO dates, [from, to)); null when excluded. */
  recent: { from: string; to: string } | null;
  prior: { from: string; to: string } | null;
  included: boolean;
  /** Why excluded, e.g. "covers 2019-03-01..2019-04-30, not both 90-day windows". */
  reason: string | null;
}

export interface GrowthComparison {
  window: GrowthWindow;
  /** 'per_source': each source's windows end on its own last posting date; 'common': all end on `end`. */
  anchor: 'per_source' | 'common';
  sources: GrowthSourceWindow[];
  /** Plain-language summary, e.g. "linkedin_2024: 2024-01-18..2024-04-18 vs 2023-10-20..2024-01-18". */
  summary: string;
  /** Confidence level of the intervals (0.95). */
  confidence: number;
  /** How the counts are deduplicated: distinct posting fingerprints (the same job reposted or cross-listed counts once). */
  dedup: 'fingerprint';
}

export interface GrowthRow {
  occupation: { code: string; title: string };
  /** level=state: the state code ("NY"); level=metro: "NY|New York". */
  place: { value: string; label: string };
  /** Deduplicated new postings in the recent / prior window. */
  recent: number;
  prior: number;
  /** recent / prior - 1; null when prior is 0. */
  growthRate: number | null;
  /** 95% interval of the growth rate (log rate-ratio Wald interval, see docs/trends.md); null when either count is 0. */
  interval: { low: number; high: number } | null;
  /** The occupation's share of the place's postings in each window (0..1) and the change (points, recent - prior). */
  shareRecent: number | null;
  sharePrior: number | null;
  shareChange: number | null;
  /** Distinct employers in the recent window (both windows: min of the two is what tooSmall checks). */
  employers: number;
  priorEmployers: number;
  /** Under GROWTH_MIN_POSTINGS postings or GROWTH_MIN_EMPLOYERS employers in either window: no growth figures shown. */
  tooSmall: boolean;
  /** BLS Employment Projections 2024-34 (national) for the occupation; null when not matched. */
  projection: Pick<OccupationProjections, 'period' | 'nemCode' | 'nemTitle' | 'changePercent' | 'openingsAnnual'> | null;
}

export interface GrowthResponse {
  level: GrowthLevel;
  occupation: { code: string; title: string } | null;
  comparison: GrowthComparison;
  rows: GrowthRow[];
  /** Rows marked tooSmall among them. */
  tooSmallCount: number;
  tookMs: number;
}

