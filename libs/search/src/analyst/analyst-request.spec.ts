import type { estypes } from '@elastic/elasticsearch';
import { ANALYST_LIMITS } from '@jobportal/contracts';
import {
  AnalystRequestError,
  buildAnalystExtentRequest,
  buildAnalystQueryRequest,
  calendarBuckets,
  checkAnalystQuery,
  checkBucketLimit,
  mapAnalystExtent,
  mapAnalystQueryResponse,
  worstCaseBuckets,
} from './analyst-request';
import { csvCell, csvLine, checkAnalystExport, buildExportPageRequest, ndjsonLine } from './analyst-export';
import { printKql, parseKql } from './kql';

function refused(body: Parameters<typeof checkAnalystQuery>[0]): AnalystRequestError {
  try {
    checkAnalystQuery(body);
  } catch (err) {
    if (err instanceof AnalystRequestError) return err;
    throw err;
  }
  throw new Error(`${JSON.stringify(body)} was accepted`);
}

describe('checkAnalystQuery', () => {
  it('combines the KQL and the time range in one filter, and prints the query back', () => {
    const plan = checkAnalystQuery({ query: 'work_mode:remote AND skills:(python or sql)', time: { from: '2024-01-01', to: '2024-02-01T00:00:00Z' } });
    expect(plan.query).toEqual({
      bool: {
        filter: [
          { bool: { filter: [{ term: { work_mode: 'remote' } }, { bool: { should: [{ term: { skills: 'python' } }, { term: { skills: 'sql' } }], minimum_should_match: 1 } }] } },
          { range: { posted_at: { gte: '2024-01-01T00:00:00.000Z', lt: '2024-02-01T00:00:00.000Z' } } },
        ],
      },
    });
    expect(plan.normalizedQuery).toBe('work_mode:remote and skills:(python or sql)');
    expect(plan.metrics).toEqual([{ type: 'count' }]);
    expect(plan.size).toBe(20);
  });

  it('gives KQL errors with their position', () => {
    const e = refused({ query: 'work_mode:remote and\n  skills:*ql' });
    expect(e.code).toBe('invalid_query');
    expect(e.errors).toEqual([{ field: 'query', reason: 'leading wildcards are not allowed', offset: 30, line: 2, column: 10 }]);
  });

  it('names unknown fields in the query, breakdowns, metrics', () => {
    expect(refused({ query: 'nope:1' }).errors[0]).toMatchObject({ field: 'query', reason: 'unknown field "nope"', offset: 0 });
    const e = refused({ query: '', breakdowns: [{ type: 'terms', field: 'salary.secret' }], metrics: [{ type: 'avg', field: 'nope' }] });
    expect(e.code).toBe('unknown_field');
    expect(e.errors).toEqual([
      { field: 'breakdowns[0].field', reason: 'unknown field "salary.secret"' },
      { field: 'metrics[0].field', reason: 'unknown field "nope"' },
    ]);
  });

  it.each([
    [{ breakdowns: [{ type: 'terms', field: 'title' }] }, 'breakdowns[0].field', 'not aggregatable'],
    [{ breakdowns: [{ type: 'date_histogram', field: 'salary.min', interval: 'month' }] }, 'breakdowns[0].field', 'needs a date field'],
    [{ breakdowns: [{ type: 'date_histogram', field: 'posted_at', interval: 'hour' }] }, 'breakdowns[0].interval', 'must be one of'],
    [{ breakdowns: [{ type: 'histogram', field: 'salary.annual_min', interval: 0 }] }, 'breakdowns[0].interval', 'above 0'],
    [{ breakdowns: [{ type: 'range', field: 'salary.annual_min', ranges: [{ from: 5, to: 1 }] }] }, 'breakdowns[0].ranges[0].to', 'above from'],
    [{ breakdowns: [{ type: 'terms', field: 'work_mode', extra: 1 }] }, 'breakdowns[0].extra', 'not a parameter'],
    [{ breakdowns: [{ type: 'pie', field: 'work_mode' }] }, 'breakdowns[0].type', 'must be one of'],
    [{ breakdowns: [1, 2, 3] }, 'breakdowns', 'at most 2 levels'],
    [{ metrics: [{ type: 'avg', field: 'work_mode' }] }, 'metrics[0].field', 'needs a number field'],
    [{ metrics: [{ type: 'percentiles', field: 'salary.annual_min', percents: [0] }] }, 'metrics[0].percents', 'from 1 to 99'],
    [{ metrics: [] }, 'metrics', '1 to 5'],
    [{ time: { from: 'yesterday' } }, 'time.from', 'ISO date'],
    [{ time: { from: '2024-02-01', to: '2024-01-01' } }, 'time.to', 'after time.from'],
    [{ size: 101 }, 'size', '0 to 100'],
    [{ query: 5 }, 'query', 'KQL text'],
  ])('%j -> %s', (body, field, reason) => {
    const e = refused({ query: '', ...body } as never);
    expect(e.errors[0].field).toBe(field);
    expect(e.errors[0].reason).toContain(reason);
  });

  it('refuses a terms size or range count over the limits as too many buckets', () => {
    const e = refused({ query: '', breakdowns: [{ type: 'terms', field: 'skills', size: 101 }] });
    expect([e.code, e.errors[0]]).toEqual(['too_many_buckets', { field: 'breakdowns[0].size', reason: 'at most 100 buckets' }]);
    const ranges = Array.from({ length: 21 }, (_, i) => ({ from: i, to: i + 1 }));
    expect(refused({ query: '', breakdowns: [{ type: 'range', field: 'salary.min', ranges }] }).code).toBe('too_many_buckets');
  });
});

describe('bucket bounds', () => {
  const DAY = 86_400_000;
  it('counts calendar buckets between two instants, both ends included', () => {
    const jan1 = Date.UTC(2024, 0, 1);
    expect(calendarBuckets(jan1, jan1, 'day')).toBe(1);
    expect(calendarBuckets(jan1, jan1 + 30 * DAY + 5, 'day')).toBe(31);
    // 2024-01-01 is a Monday: days 0-6 are one week, day 7 the next.
    expect(calendarBuckets(jan1, jan1 + 6 * DAY, 'week')).toBe(1);
    expect(calendarBuckets(jan1 - DAY, jan1, 'week')).toBe(2);
    expect(calendarBuckets(jan1, Date.UTC(2024, 11, 31), 'month')).toBe(12);
    expect(calendarBuckets(Date.UTC(2023, 11, 31), jan1, 'quarter')).toBe(2);
    expect(calendarBuckets(Date.UTC(2019, 5, 1), jan1, 'year')).toBe(6);
  });

  it('multiplies the worst case of both levels and refuses above the limit, naming the level and the limit', () => {
    const plan = checkAnalystQuery({
      query: '',
      breakdowns: [{ type: 'date_histogram', field: 'posted_at', interval: 'day' }, { type: 'terms', field: 'skills', size: 50 }],
    });
    const extent = mapAnalystExtent({ aggregations: { min0: { value: Date.UTC(2024, 0, 1) }, max0: { value: Date.UTC(2024, 0, 1) + 99 * DAY } } } as never);
    expect(worstCaseBuckets(plan, extent)).toEqual([100, 50]);
    let error: AnalystRequestError | null = null;
    try {
      checkBucketLimit(plan, extent);
    } catch (err) {
      error = err as AnalystRequestError;
    }
    expect(error?.code).toBe('too_many_buckets');
    expect(error?.errors).toEqual([{ field: 'breakdowns[0].interval', reason: `the breakdowns make up to 100 x 50 = 5000 buckets; at most ${ANALYST_LIMITS.totalBuckets} (use a wider interval or a shorter time range)` }]);
    // 40 days x 50 = 2000: at the limit, allowed.
    expect(() => checkBucketLimit(plan, { 0: { min: Date.UTC(2024, 0, 1), max: Date.UTC(2024, 0, 1) + 39 * DAY } })).not.toThrow();
  });

  it('bounds a histogram by the extent of the matching data', () => {
    const plan = checkAnalystQuery({ query: 'work_mode:remote', breakdowns: [{ type: 'histogram', field: 'salary.annual_min', interval: 10 }] });
    expect(buildAnalystExtentRequest('postings', plan)).toMatchObject({ size: 0, query: { term: { work_mode: 'remote' } }, aggs: { min0: { min: { field: 'salary.annual_min' } }, max0: { max: { field: 'salary.annual_min' } } } });
    expect(worstCaseBuckets(plan, { 0: { min: 15, max: 35 } })).toEqual([3]);
    expect(() => checkBucketLimit(plan, { 0: { min: 0, max: 100_000 } })).toThrow(AnalystRequestError);
    expect(buildAnalystExtentRequest('postings', checkAnalystQuery({ query: '', breakdowns: [{ type: 'terms', field: 'source' }] }))).toBeNull();
  });
});

describe('buildAnalystQueryRequest / mapAnalystQueryResponse', () => {
  const plan = checkAnalystQuery({
    query: 'work_mode:remote',
    breakdowns: [{ type: 'terms', field: 'source', size: 5 }, { type: 'range', field: 'salary.annual_min', ranges: [{ to: 50_000 }, { from: 50_000 }] }],
    metrics: [{ type: 'count' }, { type: 'percentiles', field: 'salary.annual_min', percents: [50, 90] }, { type: 'cardinality', field: 'company.keyword' }],
    size: 2,
  });

  it('nests the second level in the first and the metrics in the second; bounded, timed out, no query_string', () => {
    const req = buildAnalystQueryRequest('postings', plan);
    expect(req).toMatchObject({
      index: 'postings',
      size: 2,
      track_total_hits: true,
      timeout: '10000ms',
      aggs: {
        l0: {
          terms: { field: 'source', size: 5 },
          aggs: {
            l1: {
              range: { field: 'salary.annual_min', ranges: [{ to: 50_000 }, { from: 50_000 }], keyed: false },
              aggs: { m1: { percentiles: { field: 'salary.annual_min', percents: [50, 90], keyed: false } }, m2: { cardinality: { field: 'company.keyword' } } },
            },
          },
        },
      },
    });
    expect(JSON.stringify(req)).not.toContain('query_string');
  });

  it('maps buckets to one row per pair and one series per second-level key', () => {
    const res = {
      took: 1,
      timed_out: false,
      hits: { total: { value: 7, relation: 'eq' }, hits: [{ _index: 'p', _id: 'a1', _source: { id: 'a1', title: 'Nurse', company: 'Acme', posted_at: '2024-01-02T00:00:00.000Z', source: 'x', location: { city: 'Austin' }, skills: ['a', 'b'] } }] },
      aggregations: {
        l0: {
          buckets: [
            { key: 'x', doc_count: 5, l1: { buckets: [{ key: '*-50000.0', doc_count: 2, m1: { values: [{ key: 50, value: 40_000 }, { key: 90, value: 45_000 }] }, m2: { value: 2 } }, { key: '50000.0-*', doc_count: 3, m1: { values: [{ key: 50, value: 70_000 }, { key: 90, value: null }] }, m2: { value: 1 } }] } },
            { key: 'y', doc_count: 2, l1: { buckets: [{ key: '50000.0-*', doc_count: 2, m1: { values: [] }, m2: { value: 2 } }] } },
          ],
        },
      },
    } as unknown as estypes.SearchResponse;
    const out = mapAnalystQueryResponse(res, plan);
    expect(out.total).toBe(7);
    expect(out.columns.map((c) => c.name)).toEqual(['source', 'salary.annual_min', 'count', 'p50(salary.annual_min)', 'p90(salary.annual_min)', 'cardinality(company.keyword)']);
    expect(out.rows).toEqual([
      ['x', '*-50000.0', 2, 40_000, 45_000, 2],
      ['x', '50000.0-*', 3, 70_000, null, 1],
      ['y', '50000.0-*', 2, null, null, 2],
    ]);
    expect(out.series).toEqual([
      { name: '*-50000.0', points: [{ x: 'x', y: 2 }, { x: 'y', y: 0 }] },
      { name: '50000.0-*', points: [{ x: 'x', y: 3 }, { x: 'y', y: 2 }] },
    ]);
    expect(out.hits[0]).toMatchObject({ id: 'a1', title: 'Nurse', company: 'Acme', postedAt: '2024-01-02T00:00:00.000Z', fields: { 'location.city': 'Austin', 'soc.code': null } });
    expect(out.normalizedQuery).toBe('work_mode:remote');
  });

  it('without breakdowns: one row of the metrics over every match', () => {
    const p = checkAnalystQuery({ query: '', metrics: [{ type: 'count' }, { type: 'avg', field: 'salary.annual_min' }] });
    const out = mapAnalystQueryResponse({ timed_out: true, hits: { total: { value: 9 }, hits: [] }, aggregations: { m1: { value: 55.5 } } } as never, p);
    expect(out.rows).toEqual([[9, 55.5]]);
    expect(out.series).toEqual([]);
    expect(out.timedOut).toBe(true);
  });

  it('keys a date histogram by ISO date and a boolean terms by true/false', () => {
    const p = checkAnalystQuery({ query: '', breakdowns: [{ type: 'date_histogram', field: 'posted_at', interval: 'month' }] });
    const out = mapAnalystQueryResponse({ hits: { total: 3, hits: [] }, aggregations: { l0: { buckets: [{ key: Date.UTC(2024, 0, 1), key_as_string: '2024-01-01', doc_count: 3 }] } } } as never, p);
    expect(out.series).toEqual([{ name: 'count', points: [{ x: '2024-01-01T00:00:00.000Z', y: 3 }] }]);
    const b = checkAnalystQuery({ query: '', breakdowns: [{ type: 'terms', field: 'soc.needs_review' }] });
    expect(mapAnalystQueryResponse({ hits: { total: 3, hits: [] }, aggregations: { l0: { buckets: [{ key: 1, key_as_string: 'true', doc_count: 3 }] } } } as never, b).rows).toEqual([['true', 3]]);
  });
});

describe('KQL printing and literals', () => {
  it.each([
    ['work_mode:remote or work_mode:hybrid and skills:go', 'work_mode:remote or work_mode:hybrid and skills:go'],
    ['(work_mode:remote or work_mode:hybrid) and skills:go', '(work_mode:remote or work_mode:hybrid) and skills:go'],
    ['not (skills:a or skills:b)', 'not (skills:a or skills:b)'],
    ['title:"data \\"big\\" engineer"', 'title:"data \\"big\\" engineer"'],
    ['skills:(go AND rust)', 'skills:(go and rust)'],
    ['salary.min>=5', 'salary.min >= 5'],
  ])('%s prints as %s', (q, printed) => {
    expect(printKql(parseKql(q))).toBe(printed);
    // What is printed reads back as the same query.
    expect(parseKql(printed)).toEqual(expect.objectContaining({ kind: parseKql(q)!.kind }));
  });

  it('a quoted star is text, a bare star means "has a value"', () => {
    expect(checkAnalystQuery({ query: 'skills:"*ql"' }).query).toEqual({ term: { skills: '*ql' } });
    expect(checkAnalystQuery({ query: 'skills:*' }).query).toEqual({ exists: { field: 'skills' } });
  });

  it('bounds "not" chains like parentheses', () => {
    expect(refused({ query: `${'not '.repeat(12)}skills:a` }).errors[0].reason).toContain('nesting deeper than 10');
  });
});

describe('export', () => {
  it('escapes CSV cells and defuses spreadsheet formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1 555')).toBe("'+1 555");
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(['python', 'sql'])).toBe('python; sql');
    expect(csvCell(' padded ')).toBe('" padded "');
    expect(csvLine(['a', 1, null, true])).toBe('a,1,,true\r\n');
    expect(ndjsonLine(['id', 'skills'], ['x', ['a']])).toBe('{"id":"x","skills":["a"]}\n');
  });

  it('checks the body and pages with a point in time and search_after', () => {
    const plan = checkAnalystExport({ query: 'work_mode:remote', format: 'json', fields: ['id', 'title.keyword'], limit: 10 });
    expect(plan).toMatchObject({ format: 'json', fields: ['id', 'title.keyword'], limit: 10 });
    const req = buildExportPageRequest(plan, 'PIT', [123, 4], 10, false);
    expect(req).toMatchObject({ pit: { id: 'PIT', keep_alive: '1m' }, search_after: [123, 4], _source: ['id', 'title'], track_total_hits: false });
    expect((req as { index?: string }).index).toBeUndefined();
    let error: AnalystRequestError | null = null;
    try {
      checkAnalystExport({ query: 'x:', format: 'xml', fields: ['nope'], limit: 100_001 });
    } catch (err) {
      error = err as AnalystRequestError;
    }
    expect(error?.errors.map((e) => e.field)).toEqual(['format', 'fields[0]', 'limit', 'query']);
  });
});
