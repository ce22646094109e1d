import type { estypes } from '@elastic/elasticsearch';
import {
  ANALYST_BREAKDOWN_TYPES,
  ANALYST_DEFAULT_EXPORT_FIELDS,
  ANALYST_LIMITS,
  ANALYST_METRIC_TYPES,
  type AnalystBreakdown,
  type AnalystColumn,
  type AnalystHit,
  type AnalystMetric,
  type AnalystQueryErrorItem,
  type AnalystQueryResponse,
  type AnalystRow,
  type AnalystSeries,
  type AnalystTimeRange,
} from '@jobportal/contracts';
import { ANALYST_FIELDS, analystField, type AnalystFieldDef } from './analyst-fields';
import { KqlError, kqlToDsl, parseKql, printKql } from './kql';

type Query = estypes.QueryDslQueryContainer;
type Aggs = Record<string, estypes.AggregationsAggregationContainer>;

export type AnalystErrorCode = 'invalid_query' | 'unknown_field' | 'too_many_buckets' | 'validation_failed';

/** A 400 of the analyst API: the code of the first problem, and every problem with its field. */
export class AnalystRequestError extends Error {
  constructor(
    readonly code: AnalystErrorCode,
    readonly errors: AnalystQueryErrorItem[],
  ) {
    super(errors.map((e) => `${e.field}: ${e.reason}`).join('; '));
  }
}

interface Problem extends AnalystQueryErrorItem {
  code: AnalystErrorCode;
}

/** Collects every problem of a request, so one answer names them all. */
export class AnalystProblems {
  readonly list: Problem[] = [];
  add(field: string, reason: string, code: AnalystErrorCode = 'validation_failed'): void {
    this.list.push({ field, reason, code });
  }
  throwIfAny(): void {
    if (!this.list.length) return;
    throw new AnalystRequestError(
      this.list[0].code,
      this.list.map(({ code: _code, ...item }) => item),
    );
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const ISO = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function onlyKeys(p: AnalystProblems, path: string, value: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(value)) if (!allowed.includes(key)) p.add(`${path}.${key}`, `is not a parameter here (allowed: ${allowed.join(', ')})`);
}

/** The KQL and the time range as one filter; KQL problems carry the position in the text. */
export interface CheckedFilter {
  query: Query;
  normalizedQuery: string;
  time: AnalystTimeRange;
}

const KQL_FIELDS = ANALYST_FIELDS.map((d) => ({ name: d.name, type: d.type }));

function checkTime(p: AnalystProblems, time: unknown): AnalystTimeRange {
  if (time === undefined || time === null) return {};
  if (!isObject(time)) {
    p.add('time', 'must be an object { from?, to? } of ISO dates');
    return {};
  }
  onlyKeys(p, 'time', time, ['from', 'to']);
  const out: AnalystTimeRange = {};
  for (const key of ['from', 'to'] as const) {
    const v = time[key];
    if (v === undefined || v === null || v === '') continue;
    if (typeof v !== 'string' || !ISO.test(v) || Number.isNaN(Date.parse(v))) {
      p.add(`time.${key}`, 'must be an ISO date or date-time, e.g. 2024-01-31 or 2024-01-31T00:00:00Z');
      continue;
    }
    out[key] = new Date(v).toISOString();
  }
  if (out.from && out.to && out.from >= out.to) p.add('time.to', 'must be after time.from');
  return out;
}

function checkKql(p: AnalystProblems, query: unknown): { dsl: Query; normalized: string } | null {
  if (query === undefined || query === null) query = '';
  if (typeof query !== 'string') {
    p.add('query', 'must be KQL text (a string; empty for all postings)');
    return null;
  }
  try {
    const ast = parseKql(query);
    return { dsl: kqlToDsl(query, ast, KQL_FIELDS), normalized: printKql(ast) };
  } catch (err) {
    if (!(err instanceof KqlError)) throw err;
    p.list.push({ code: err.code, field: 'query', reason: err.reason, offset: err.offset, line: err.line, column: err.column });
    return null;
  }
}

function combine(kql: Query, time: AnalystTimeRange): Query {
  if (!time.from && !time.to) return kql;
  const range = { range: { posted_at: { ...(time.from ? { gte: time.from } : {}), ...(time.to ? { lt: time.to } : {}) } } };
  return { bool: { filter: [kql, range] } };
}

/** The query and time range of a query or an export request. */
export function checkAnalystFilter(body: { query?: unknown; time?: unknown }, p = new AnalystProblems()): CheckedFilter {
  const kql = checkKql(p, body.query);
  const time = checkTime(p, body.time);
  p.throwIfAny();
  return { query: combine(kql!.dsl, time), normalizedQuery: kql!.normalized, time };
}

const DATE_INTERVALS = ['day', 'week', 'month', 'quarter', 'year'] as const;
type DateInterval = (typeof DATE_INTERVALS)[number];

function fieldOf(p: AnalystProblems, path: string, name: unknown, want: (d: AnalystFieldDef) => boolean, what: string): AnalystFieldDef | null {
  if (typeof name !== 'string' || !name) {
    p.add(path, 'must be a field name from GET /api/analyst/fields');
    return null;
  }
  const def = analystField(name);
  if (!def) {
    p.add(path, `unknown field "${name}"`, 'unknown_field');
    return null;
  }
  if (!want(def)) {
    p.add(path, `"${name}" is a ${def.type} field${def.aggregatable ? '' : ' (not aggregatable)'}; ${what}`);
    return null;
  }
  return def;
}

function checkBreakdown(p: AnalystProblems, path: string, b: unknown): AnalystBreakdown | null {
  if (!isObject(b)) {
    p.add(path, 'must be an object { type, field, ... }');
    return null;
  }
  const type = b.type;
  if (typeof type !== 'string' || !(ANALYST_BREAKDOWN_TYPES as readonly string[]).includes(type)) {
    p.add(`${path}.type`, `must be one of: ${ANALYST_BREAKDOWN_TYPES.join(', ')}`);
    return null;
  }
  switch (type) {
    case 'terms': {
      onlyKeys(p, path, b, ['type', 'field', 'size']);
      const field = fieldOf(p, `${path}.field`, b.field, (d) => d.aggregatable, 'terms needs a keyword, number, date or boolean field');
      let size = 10;
      if (b.size !== undefined) {
        if (!isInt(b.size) || b.size < 1) p.add(`${path}.size`, `must be a whole number from 1 to ${ANALYST_LIMITS.termsSize}`);
        else if (b.size > ANALYST_LIMITS.termsSize) p.add(`${path}.size`, `at most ${ANALYST_LIMITS.termsSize} buckets`, 'too_many_buckets');
        else size = b.size;
      }
      return field ? { type, field: field.name, size } : null;
    }
    case 'date_histogram': {
      onlyKeys(p, path, b, ['type', 'field', 'interval']);
      const field = fieldOf(p, `${path}.field`, b.field, (d) => d.type === 'date', 'date_histogram needs a date field');
      const interval = b.interval;
      if (typeof interval !== 'string' || !(DATE_INTERVALS as readonly string[]).includes(interval)) {
        p.add(`${path}.interval`, `must be one of: ${DATE_INTERVALS.join(', ')}`);
        return null;
      }
      return field ? { type, field: field.name, interval: interval as DateInterval } : null;
    }
    case 'histogram': {
      onlyKeys(p, path, b, ['type', 'field', 'interval']);
      const field = fieldOf(p, `${path}.field`, b.field, (d) => d.type === 'number', 'histogram needs a number field');
      if (!isNum(b.interval) || b.interval <= 0) {
        p.add(`${path}.interval`, 'must be a number above 0 (the bucket width)');
        return null;
      }
      return field ? { type, field: field.name, interval: b.interval } : null;
    }
    default: {
      onlyKeys(p, path, b, ['type', 'field', 'ranges']);
      const field = fieldOf(p, `${path}.field`, b.field, (d) => d.type === 'number', 'range needs a number field');
      const ranges = b.ranges;
      if (!Array.isArray(ranges) || ranges.length === 0) {
        p.add(`${path}.ranges`, 'must be a list of { from?, to?, key? }');
        return null;
      }
      if (ranges.length > ANALYST_LIMITS.ranges) {
        p.add(`${path}.ranges`, `at most ${ANALYST_LIMITS.ranges} ranges`, 'too_many_buckets');
        return null;
      }
      const out: Array<{ from?: number; to?: number; key?: string }> = [];
      ranges.forEach((r: unknown, j) => {
        const rp = `${path}.ranges[${j}]`;
        if (!isObject(r)) return p.add(rp, 'must be an object { from?, to?, key? }');
        onlyKeys(p, rp, r, ['from', 'to', 'key']);
        const one: { from?: number; to?: number; key?: string } = {};
        for (const k of ['from', 'to'] as const) {
          if (r[k] === undefined || r[k] === null) continue;
          if (!isNum(r[k])) p.add(`${rp}.${k}`, 'must be a number');
          else one[k] = r[k];
        }
        if (r.key !== undefined) {
          if (typeof r.key !== 'string' || r.key.length < 1 || r.key.length > 50) p.add(`${rp}.key`, 'must be text of 1 to 50 characters');
          else one.key = r.key;
        }
        if (one.from !== undefined && one.to !== undefined && one.from >= one.to) p.add(`${rp}.to`, 'must be above from');
        out.push(one);
      });
      return field ? { type: 'range', field: field.name, ranges: out } : null;
    }
  }
}

function checkMetric(p: AnalystProblems, path: string, m: unknown): AnalystMetric | null {
  if (!isObject(m)) {
    p.add(path, 'must be an object { type, field? }');
    return null;
  }
  const type = m.type;
  if (typeof type !== 'string' || !(ANALYST_METRIC_TYPES as readonly string[]).includes(type)) {
    p.add(`${path}.type`, `must be one of: ${ANALYST_METRIC_TYPES.join(', ')}`);
    return null;
  }
  if (type === 'count') {
    onlyKeys(p, path, m, ['type']);
    return { type: 'count' };
  }
  if (type === 'cardinality') {
    onlyKeys(p, path, m, ['type', 'field']);
    const field = fieldOf(p, `${path}.field`, m.field, (d) => d.aggregatable, 'cardinality needs an aggregatable field');
    return field ? { type, field: field.name } : null;
  }
  if (type === 'percentiles') {
    onlyKeys(p, path, m, ['type', 'field', 'percents']);
    const field = fieldOf(p, `${path}.field`, m.field, (d) => d.type === 'number', 'percentiles need a number field');
    let percents = [50];
    if (m.percents !== undefined) {
      const ok = Array.isArray(m.percents) && m.percents.length >= 1 && m.percents.length <= ANALYST_LIMITS.percents && m.percents.every((x) => isNum(x) && x >= 1 && x <= 99);
      if (!ok) p.add(`${path}.percents`, `must be 1 to ${ANALYST_LIMITS.percents} numbers from 1 to 99`);
      else percents = [...new Set(m.percents as number[])];
    }
    return field ? { type, field: field.name, percents } : null;
  }
  onlyKeys(p, path, m, ['type', 'field']);
  const field = fieldOf(p, `${path}.field`, m.field, (d) => d.type === 'number', `${type} needs a number field`);
  return field ? { type: type as 'avg' | 'sum' | 'min' | 'max', field: field.name } : null;
}

export interface AnalystShape {
  breakdowns: AnalystBreakdown[];
  metrics: AnalystMetric[];
}

/** Breakdowns and metrics, checked against the field list (no Elasticsearch needed: saved queries use it too). */
export function checkAnalystShape(body: { breakdowns?: unknown; metrics?: unknown }, p: AnalystProblems): AnalystShape {
  const breakdowns: AnalystBreakdown[] = [];
  if (body.breakdowns !== undefined && body.breakdowns !== null) {
    if (!Array.isArray(body.breakdowns)) p.add('breakdowns', 'must be a list of at most 2 breakdowns');
    else if (body.breakdowns.length > ANALYST_LIMITS.breakdowns) p.add('breakdowns', `at most ${ANALYST_LIMITS.breakdowns} levels`);
    else body.breakdowns.forEach((b, i) => {
      const checked = checkBreakdown(p, `breakdowns[${i}]`, b);
      if (checked) breakdowns.push(checked);
    });
  }
  let metrics: AnalystMetric[] = [{ type: 'count' }];
  if (body.metrics !== undefined && body.metrics !== null) {
    if (!Array.isArray(body.metrics) || body.metrics.length === 0) p.add('metrics', `must be a list of 1 to ${ANALYST_LIMITS.metrics} metrics`);
    else if (body.metrics.length > ANALYST_LIMITS.metrics) p.add('metrics', `at most ${ANALYST_LIMITS.metrics} metrics`);
    else {
      metrics = [];
      body.metrics.forEach((m, i) => {
        const checked = checkMetric(p, `metrics[${i}]`, m);
        if (checked) metrics.push(checked);
      });
    }
  }
  return { breakdowns, metrics };
}

export interface AnalystPlan extends CheckedFilter, AnalystShape {
  size: number;
}

/** Everything of POST /api/analyst/query that can be checked without Elasticsearch; throws AnalystRequestError. */
export function checkAnalystQuery(body: { query?: unknown; time?: unknown; breakdowns?: unknown; metrics?: unknown; size?: unknown }): AnalystPlan {
  const p = new AnalystProblems();
  const kql = checkKql(p, body.query);
  const time = checkTime(p, body.time);
  const shape = checkAnalystShape(body, p);
  let size = 20;
  if (body.size !== undefined && body.size !== null) {
    if (!isInt(body.size) || body.size < 0 || body.size > ANALYST_LIMITS.hits) p.add('size', `must be a whole number from 0 to ${ANALYST_LIMITS.hits}`);
    else size = body.size;
  }
  p.throwIfAny();
  return { query: combine(kql!.dsl, time), normalizedQuery: kql!.normalized, time, ...shape, size };
}

/** Checks a saved query's parts like a query (so a saved query always runs), without the sample size. */
export function checkSavedAnalystQuery(body: { query?: unknown; time?: unknown; breakdowns?: unknown; metrics?: unknown }): { normalizedQuery: string; time: AnalystTimeRange } & AnalystShape {
  const plan = checkAnalystQuery({ ...body, size: undefined });
  return { normalizedQuery: plan.normalizedQuery, time: plan.time, breakdowns: plan.breakdowns, metrics: plan.metrics };
}

// ---------------------------------------------------------------------------------------------
// Bucket bounds: the worst case of every level, multiplied, before the search runs.

/** Histogram levels need the data's extent to bound their buckets: one size-0 min/max search. */
export function buildAnalystExtentRequest(index: string, plan: AnalystPlan): estypes.SearchRequest | null {
  const aggs: Aggs = {};
  plan.breakdowns.forEach((b, i) => {
    if (b.type !== 'histogram' && b.type !== 'date_histogram') return;
    aggs[`min${i}`] = { min: { field: b.field } };
    aggs[`max${i}`] = { max: { field: b.field } };
  });
  if (!Object.keys(aggs).length) return null;
  return { index, size: 0, track_total_hits: false, timeout: `${ANALYST_LIMITS.timeoutMs}ms`, query: plan.query, aggs };
}

export type AnalystExtent = Record<number, { min: number | null; max: number | null }>;

export function mapAnalystExtent(res: estypes.SearchResponse | null): AnalystExtent {
  const aggs = (res?.aggregations ?? {}) as Record<string, estypes.AggregationsMinAggregate>;
  const out: AnalystExtent = {};
  for (const [name, agg] of Object.entries(aggs)) {
    const i = Number(name.slice(3));
    out[i] ??= { min: null, max: null };
    out[i][name.startsWith('min') ? 'min' : 'max'] = agg.value ?? null;
  }
  return out;
}

/** Calendar buckets between two instants (UTC), both ends included: what min_doc_count 0 fills. */
export function calendarBuckets(min: number, max: number, interval: DateInterval): number {
  const a = new Date(min);
  const b = new Date(max);
  const months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
  switch (interval) {
    case 'day':
      return Math.floor(max / 86_400_000) - Math.floor(min / 86_400_000) + 1;
    case 'week':
      // Weeks start on Monday; epoch day 0 was a Thursday, so shift by 3 days.
      return Math.floor((max / 86_400_000 + 3) / 7) - Math.floor((min / 86_400_000 + 3) / 7) + 1;
    case 'month':
      return months + 1;
    case 'quarter':
      return Math.floor((b.getUTCFullYear() * 12 + b.getUTCMonth()) / 3) - Math.floor((a.getUTCFullYear() * 12 + a.getUTCMonth()) / 3) + 1;
    case 'year':
      return b.getUTCFullYear() - a.getUTCFullYear() + 1;
  }
}

/** The most buckets each level can make; histogram levels from the extent of the matching data. */
export function worstCaseBuckets(plan: AnalystPlan, extent: AnalystExtent): number[] {
  return plan.breakdowns.map((b, i) => {
    switch (b.type) {
      case 'terms':
        return b.size ?? 10;
      case 'range':
        return b.ranges.length;
      case 'histogram': {
        const e = extent[i];
        if (!e || e.min === null || e.max === null) return 1;
        return Math.floor(e.max / b.interval) - Math.floor(e.min / b.interval) + 1;
      }
      case 'date_histogram': {
        const e = extent[i];
        if (!e || e.min === null || e.max === null) return 1;
        return calendarBuckets(e.min, e.max, b.interval);
      }
    }
  });
}

const sizeParam = (b: AnalystBreakdown) => (b.type === 'terms' ? 'size' : b.type === 'range' ? 'ranges' : 'interval');

/** Refuses a request whose worst-case bucket product is over ANALYST_LIMITS.totalBuckets (400 too_many_buckets). */
export function checkBucketLimit(plan: AnalystPlan, extent: AnalystExtent): void {
  const counts = worstCaseBuckets(plan, extent);
  const product = counts.reduce((a, b) => a * b, 1);
  const limit = ANALYST_LIMITS.totalBuckets;
  if (product <= limit) return;
  // Name the level that contributes most: that is the one to narrow.
  const worst = counts.indexOf(Math.max(...counts));
  const b = plan.breakdowns[worst];
  const how = counts.length > 1 ? `${counts.join(' x ')} = ${product}` : `${product}`;
  const advice = b.type === 'terms' ? 'use a smaller size' : b.type === 'range' ? 'use fewer ranges' : 'use a wider interval or a shorter time range';
  throw new AnalystRequestError('too_many_buckets', [
    { field: `breakdowns[${worst}].${sizeParam(b)}`, reason: `the breakdowns make up to ${how} buckets; at most ${limit} (${advice})` },
  ]);
}

// ---------------------------------------------------------------------------------------------
// The search and its answer.

function breakdownAgg(b: AnalystBreakdown): estypes.AggregationsAggregationContainer {
  switch (b.type) {
    case 'terms':
      return { terms: { field: b.field, size: b.size ?? 10 } };
    case 'date_histogram':
      // min_doc_count 0 fills empty periods between the first and last posting (zeros, not gaps,
      // in a time series); the bucket bound above counts exactly those.
      return { date_histogram: { field: b.field, calendar_interval: b.interval, min_doc_count: 0 } };
    case 'histogram':
      return { histogram: { field: b.field, interval: b.interval, min_doc_count: 0 } };
    case 'range':
      return { range: { field: b.field, ranges: b.ranges.map((r) => ({ ...r })), keyed: false } };
  }
}

function metricAgg(m: AnalystMetric): estypes.AggregationsAggregationContainer | null {
  switch (m.type) {
    case 'count':
      return null;
    case 'avg':
      return { avg: { field: m.field } };
    case 'sum':
      return { sum: { field: m.field } };
    case 'min':
      return { min: { field: m.field } };
    case 'max':
      return { max: { field: m.field } };
    case 'percentiles':
      return { percentiles: { field: m.field, percents: m.percents ?? [50], keyed: false } };
    case 'cardinality':
      // Exact below 3,000 distinct values, an estimate within a few percent above.
      return { cardinality: { field: m.field, precision_threshold: 3000 } };
  }
}

function metricAggs(plan: AnalystPlan): Aggs {
  const aggs: Aggs = {};
  plan.metrics.forEach((m, i) => {
    const agg = metricAgg(m);
    if (agg) aggs[`m${i}`] = agg;
  });
  return aggs;
}

/** The fields a sample hit carries (the default export columns). */
export function sourcePath(field: string): string {
  // Multi-fields (title.keyword) are not in _source; their parent holds the same text.
  return field.endsWith('.keyword') ? field.slice(0, -'.keyword'.length) : field;
}

const SAMPLE_SORT: estypes.SortCombinations[] = [{ posted_at: { order: 'desc', missing: '_last' } }];

export function buildAnalystQueryRequest(index: string, plan: AnalystPlan): estypes.SearchRequest {
  const metrics = metricAggs(plan);
  let aggs: Aggs | undefined = Object.keys(metrics).length ? metrics : undefined;
  // Built inside out: the metrics sit in the deepest level, the second level inside the first.
  for (let i = plan.breakdowns.length - 1; i >= 0; i--) {
    aggs = { [`l${i}`]: { ...breakdownAgg(plan.breakdowns[i]), ...(aggs ? { aggs } : {}) } };
  }
  return {
    index,
    size: plan.size,
    track_total_hits: true,
    timeout: `${ANALYST_LIMITS.timeoutMs}ms`,
    query: plan.query,
    sort: SAMPLE_SORT,
    _source: [...new Set(ANALYST_DEFAULT_EXPORT_FIELDS.map(sourcePath))],
    ...(aggs ? { aggs } : {}),
  };
}

function metricName(m: AnalystMetric): string[] {
  switch (m.type) {
    case 'count':
      return ['count'];
    case 'percentiles':
      return (m.percents ?? [50]).map((p) => `p${p}(${m.field})`);
    default:
      return [`${m.type}(${m.field})`];
  }
}

export function analystColumns(plan: AnalystPlan): AnalystColumn[] {
  return [
    ...plan.breakdowns.map((b) => ({ kind: 'breakdown' as const, name: b.field })),
    ...plan.metrics.flatMap((m) => metricName(m).map((name) => ({ kind: 'metric' as const, name }))),
  ];
}

type Bucket = { key: unknown; key_as_string?: string; doc_count: number } & Record<string, unknown>;

function bucketKey(b: AnalystBreakdown, bucket: Bucket): string {
  if (b.type === 'date_histogram') return new Date(Number(bucket.key)).toISOString();
  if (b.type === 'range') return String(bucket.key);
  // Booleans come back as 1/0 with key_as_string "true"/"false".
  return bucket.key_as_string !== undefined && b.type === 'terms' ? String(bucket.key_as_string) : String(bucket.key);
}

const finite = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function metricValues(plan: AnalystPlan, holder: Record<string, unknown>, count: number): Array<number | null> {
  return plan.metrics.flatMap((m, i) => {
    if (m.type === 'count') return [count];
    const agg = holder[`m${i}`] as Record<string, unknown> | undefined;
    if (m.type === 'percentiles') {
      const values = (agg?.values ?? []) as Array<{ key: number; value: number | null }>;
      return (m.percents ?? [50]).map((p) => finite(values.find((v) => v.key === p)?.value));
    }
    return [finite(agg?.value)];
  });
}

function buckets(holder: Record<string, unknown> | undefined, level: number): Bucket[] {
  return ((holder?.[`l${level}`] as { buckets?: Bucket[] } | undefined)?.buckets ?? []) as Bucket[];
}

function get(source: unknown, path: string): unknown {
  let cur = source;
  for (const part of path.split('.')) {
    if (!isObject(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

/** A hit's value for an export column, flattened: arrays stay arrays, objects never leak out. */
export function fieldValue(hit: estypes.SearchHit<unknown>, field: string): string | number | boolean | null | string[] {
  const v = field === 'id' ? (get(hit._source, 'id') ?? hit._id) : get(hit._source, sourcePath(field));
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return v.filter((x) => x !== null && typeof x !== 'object').map(String);
  if (typeof v === 'object') return null;
  return v as string | number | boolean;
}

export function mapAnalystQueryResponse(res: estypes.SearchResponse<unknown>, plan: AnalystPlan): Omit<AnalystQueryResponse, 'tookMs'> {
  const total = typeof res.hits.total === 'number' ? res.hits.total : (res.hits.total?.value ?? 0);
  const aggs = (res.aggregations ?? {}) as Record<string, unknown>;
  const columns = analystColumns(plan);
  const rows: AnalystRow[] = [];
  const [b0, b1] = plan.breakdowns;
  const firstMetric = columns.find((c) => c.kind === 'metric')!.name;
  const series: AnalystSeries[] = [];
  if (!b0) {
    rows.push(metricValues(plan, aggs, total));
  } else if (!b1) {
    const points: AnalystSeries['points'] = [];
    for (const bucket of buckets(aggs, 0)) {
      const key = bucketKey(b0, bucket);
      const values = metricValues(plan, bucket, bucket.doc_count);
      rows.push([key, ...values]);
      points.push({ x: key, y: values[0] });
    }
    series.push({ name: firstMetric, points });
  } else {
    const outer = buckets(aggs, 0);
    const byInner = new Map<string, Map<string, number | null>>();
    for (const bucket of outer) {
      const k0 = bucketKey(b0, bucket);
      for (const inner of buckets(bucket, 1)) {
        const k1 = bucketKey(b1, inner);
        const values = metricValues(plan, inner, inner.doc_count);
        rows.push([k0, k1, ...values]);
        if (!byInner.has(k1)) byInner.set(k1, new Map());
        byInner.get(k1)!.set(k0, values[0]);
      }
    }
    // One series per second-level key over every first-level key: an absent pair counted nothing.
    const absent = plan.metrics[0].type === 'count' ? 0 : null;
    for (const [name, points] of byInner) {
      series.push({ name, points: outer.map((bucket) => { const x = bucketKey(b0, bucket); return { x, y: points.has(x) ? points.get(x)! : absent }; }) });
    }
  }
  const hits: AnalystHit[] = res.hits.hits.map((hit) => {
    const fields: AnalystHit['fields'] = {};
    for (const field of ANALYST_DEFAULT_EXPORT_FIELDS) fields[field] = fieldValue(hit, field);
    return {
      id: String(fields.id ?? hit._id),
      title: String(fields.title ?? ''),
      company: typeof fields.company === 'string' ? fields.company : null,
      postedAt: typeof fields.posted_at === 'string' ? fields.posted_at : null,
      source: String(fields.source ?? ''),
      fields,
    };
  });
  return { total, columns, rows, series, hits, normalizedQuery: plan.normalizedQuery, timedOut: res.timed_out === true };
}
