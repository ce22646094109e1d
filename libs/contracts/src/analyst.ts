/**
 * The analyst query API contract (issue 11): Kibana-Discover-style KQL queries with breakdowns and
 * metrics, exports and saved queries. Analyst role only (401 unauthenticated, 403 forbidden_role).
 *
 * Routes:
 *   GET    /api/analyst/fields                      -> AnalystFieldsResponse (fields with top values)
 *   POST   /api/analyst/query        AnalystQueryRequest  -> AnalystQueryResponse
 *   POST   /api/analyst/export       AnalystExportRequest -> streamed text/csv or application/x-ndjson
 *          (Content-Disposition: attachment); rows in posted_at order, point in time + search_after,
 *          at most ANALYST_LIMITS.exportRows rows. The last line of the JSON export is
 *          { "_export": { rows, truncated } }; the CSV's truncation shows in the X-Export-Cap header.
 *   GET    /api/analyst/saved-queries               -> SavedQuery[] (the caller's own, newest first)
 *   POST   /api/analyst/saved-queries  SavedQueryInput -> SavedQuery (201)
 *   GET    /api/analyst/saved-queries/:id           -> SavedQuery (404 when not the caller's)
 *   PUT    /api/analyst/saved-queries/:id  SavedQueryInput -> SavedQuery
 *   DELETE /api/analyst/saved-queries/:id           -> 204
 *
 * Bad input (never a 5xx):
 *   malformed or forbidden KQL -> 400 code 'invalid_query', errors: [{ field: 'query', reason, offset, line, column }]
 *   unknown field              -> 400 code 'unknown_field', errors: [{ field: 'query' | 'breakdowns[0].field' ..., reason: 'unknown field "foo"', ... }]
 *   breakdown too large        -> 400 code 'too_many_buckets', errors: [{ field: 'breakdowns[0].size', reason: 'at most 100 buckets' }]
 *                                 (also the worst-case product of both levels over ANALYST_LIMITS.totalBuckets)
 *   other bad parameters       -> 400 code 'validation_failed', errors: [{ field, reason }]
 *   Elasticsearch down or slow -> 503 'search_unavailable'; PostgreSQL down (saved queries) -> 503 'database_unavailable'
 *   saved query not the caller's -> 404 'saved_query_not_found'; over ANALYST_LIMITS.savedQueries -> 422 'saved_query_limit'
 */

/** Field types of the analyst field list (what a KQL value and a breakdown are checked against). */
export const ANALYST_FIELD_TYPES = ['keyword', 'text', 'number', 'date', 'boolean'] as const;
export type AnalystFieldType = (typeof ANALYST_FIELD_TYPES)[number];

export interface AnalystField {
  /** The name used in KQL and breakdowns (the ES field path, e.g. "location.region_code", "salary.annual_min"). */
  name: string;
  type: AnalystFieldType;
  /** Can be a terms/histogram/range breakdown or a metric field. */
  aggregatable: boolean;
  description: string;
  /** Most frequent values (keyword/boolean fields), or min/max for number/date fields. */
  topValues?: Array<{ value: string; count: number }>;
  min?: number | string | null;
  max?: number | string | null;
}

export interface AnalystFieldsResponse {
  fields: AnalystField[];
  /** Postings in the index. */
  total: number;
}

export const ANALYST_BREAKDOWN_TYPES = ['terms', 'date_histogram', 'histogram', 'range'] as const;
export type AnalystBreakdownType = (typeof ANALYST_BREAKDOWN_TYPES)[number];

export type AnalystBreakdown =
  | { type: 'terms'; field: string; /** default 10, max ANALYST_LIMITS.termsSize */ size?: number }
  | { type: 'date_histogram'; field: string; interval: 'day' | 'week' | 'month' | 'quarter' | 'year' }
  | { type: 'histogram'; field: string; interval: number }
  | { type: 'range'; field: string; ranges: Array<{ from?: number; to?: number; key?: string }> };

export const ANALYST_METRIC_TYPES = ['count', 'avg', 'sum', 'min', 'max', 'percentiles', 'cardinality'] as const;
export type AnalystMetricType = (typeof ANALYST_METRIC_TYPES)[number];

export type AnalystMetric =
  | { type: 'count' }
  | { type: 'avg' | 'sum' | 'min' | 'max'; field: string }
  | { type: 'percentiles'; field: string; /** default [50]; 1..99 */ percents?: number[] }
  | { type: 'cardinality'; field: string };

export interface AnalystTimeRange {
  /** ISO date-times over posted_at; [from, to). Either may be absent. */
  from?: string;
  to?: string;
}

export interface AnalystQueryRequest {
  /** KQL, e.g. `work_mode:remote and skills:(python or sql) and salary.annual_min >= 80000`. Empty = all. */
  query: string;
  time?: AnalystTimeRange;
  /** At most ANALYST_LIMITS.breakdowns (2) levels; the second nests inside the first. */
  breakdowns?: AnalystBreakdown[];
  /** Default [{ type: 'count' }]. At most ANALYST_LIMITS.metrics. */
  metrics?: AnalystMetric[];
  /** Sample rows returned (default 20, max ANALYST_LIMITS.hits). */
  size?: number;
}

export interface AnalystColumn {
  /** 'breakdown' columns hold bucket keys, 'metric' columns the figures. */
  kind: 'breakdown' | 'metric';
  /** e.g. "location.region_code", "count", "avg(salary.annual_min)", "p50(salary.annual_min)". */
  name: string;
}

/** One row per (level-1 bucket, level-2 bucket); values in column order (keys as strings, figures as numbers or null). */
export type AnalystRow = Array<string | number | null>;

export interface AnalystSeries {
  /** The level-2 bucket key (or the metric name when there is one breakdown level). */
  name: string;
  /** x: level-1 bucket key (ISO date for a date_histogram); y: the first metric. */
  points: Array<{ x: string; y: number | null }>;
}

export interface AnalystHit {
  id: string;
  title: string;
  company: string | null;
  postedAt: string | null;
  source: string;
  /** The fields listed in ANALYST export columns, flattened ("location.region_code": "NY"). */
  fields: Record<string, string | number | boolean | null | string[]>;
}

export interface AnalystQueryResponse {
  total: number;
  columns: AnalystColumn[];
  rows: AnalystRow[];
  series: AnalystSeries[];
  hits: AnalystHit[];
  /** The KQL as understood (normalized, printed back from the AST). */
  normalizedQuery: string;
  tookMs: number;
  /** True when Elasticsearch hit the time-out and the figures are partial. */
  timedOut: boolean;
}

export const ANALYST_EXPORT_FORMATS = ['csv', 'json'] as const;
export type AnalystExportFormat = (typeof ANALYST_EXPORT_FORMATS)[number];

export interface AnalystExportRequest {
  query: string;
  time?: AnalystTimeRange;
  format: AnalystExportFormat;
  /** Fields to export (default ANALYST_DEFAULT_EXPORT_FIELDS); each must be in the field list. */
  fields?: string[];
  /** Row cap (default and max ANALYST_LIMITS.exportRows). */
  limit?: number;
}

export const ANALYST_DEFAULT_EXPORT_FIELDS = [
  'id',
  'posted_at',
  'source',
  'title',
  'company',
  'location.city',
  'location.region_code',
  'work_mode',
  'experience_level',
  'salary.annual_min',
  'salary.annual_max',
  'soc.code',
] as const;

export const ANALYST_LIMITS = {
  /** KQL text length and nesting depth. */
  queryLength: 2000,
  queryDepth: 10,
  /** Breakdown levels, terms size per level, total buckets across levels (product), histogram/range sizes. */
  breakdowns: 2,
  termsSize: 100,
  totalBuckets: 2000,
  ranges: 20,
  metrics: 5,
  hits: 100,
  exportRows: 100_000,
  /** Elasticsearch time-out for one analyst query. */
  timeoutMs: 10_000,
  /** Percentiles per percentiles metric; export columns; saved queries per account and their name length. */
  percents: 5,
  exportFields: 40,
  savedQueries: 100,
  savedQueryName: 100,
} as const;

export interface SavedQueryInput {
  name: string;
  query: string;
  time?: AnalystTimeRange;
  breakdowns?: AnalystBreakdown[];
  metrics?: AnalystMetric[];
}

export interface SavedQuery extends SavedQueryInput {
  id: string;
  createdAt: string;
  updatedAt: string;
}

/** An error item of a 400 from the analyst API; KQL errors carry the position in the query text. */
export interface AnalystQueryErrorItem {
  field: string;
  reason: string;
  /** 0-based character offset, 1-based line and column. */
  offset?: number;
  line?: number;
  column?: number;
}
