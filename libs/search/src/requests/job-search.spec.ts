import type { estypes } from '@elastic/elasticsearch';
import type { JobSearchParams } from '@jobportal/contracts';
import { encodeCursor } from './cursor';
import {
  buildJobSearchRequest,
  buildJobSearchRequests,
  buildPageDocsRequest,
  buildPageKeysRequest,
  toMsearchBody,
  buildRepostHeadsRequest,
  distanceBetween,
  keepRepostHeads,
  mapJobSearchResponse,
  mapPageKeys,
  mapRepostHeads,
  pageKeysWindow,
  pagesWithoutCollapse,
  parseRadius,
  pickPageIds,
  radiusApplies,
  type JobSearchContext,
  type ResolvedPlace,
} from './job-search';

const NOW = new Date('2024-05-01T12:00:00.000Z');
const ctx: JobSearchContext = { index: 'postings', now: NOW };
const NYC: ResolvedPlace = { city: 'New York', region: 'New York', regionCode: 'NY', countryCode: 'US', geo: { lat: 40.71427, lon: -74.00597 } };
const TEXAS: ResolvedPlace = { city: null, region: 'Texas', regionCode: 'TX', countryCode: 'US', geo: { lat: 31.4757, lon: -99.3312 } };
const UK: ResolvedPlace = { city: null, region: null, regionCode: null, countryCode: 'GB', geo: null };

describe('buildJobSearchRequest: request bodies', () => {
  const cases: Array<[string, JobSearchParams, Partial<JobSearchContext>?]> = [
    ['browse: no parameters', {}],
    ['q', { q: 'data engineer' }],
    ['q is trimmed; blank q is a browse', { q: '   ' }],
    ['location with radius (city)', { location: 'New York, NY', radius: '25mi' }, { place: NYC }],
    ['location without radius (city)', { location: 'New York, NY' }, { place: NYC }],
    ['location with radius on a state filters by the state', { location: 'Texas', radius: '40km' }, { place: TEXAS }],
    ['location is a country', { location: 'United Kingdom' }, { place: UK }],
    ['workMode (multi)', { workMode: ['remote', 'hybrid'] }],
    ['experience', { experience: ['entry'] }],
    ['employmentType', { employmentType: ['full_time', 'contract'] }],
    ['payMin', { payMin: 100_000 }],
    ['payMax', { payMax: 50_000 }],
    ['payMin and payMax', { payMin: 50_000, payMax: 75_000 }],
    ['postedWithin', { postedWithin: '7d' }],
    ['company', { company: ['Insight Global, Inc.'] }],
    ['skills', { skills: ['Python', 'SQL'] }],
    ['occupation major', { occupation: ['15'] }],
    ['occupation major and detailed code', { occupation: ['15', '15-1252', '29'] }],
    ['source', { source: ['indeed_2019'] }],
    ['place (location facet)', { place: ['NY|New York', '|London'] }],
    ['sort date', { sort: 'date' }],
    ['sort pay', { sort: 'pay' }],
    ['page and size', { page: 3, size: 50 }],
    ['after (relevance)', { q: 'nurse', after: encodeCursor([12.5, 1713570000000, 'abc']) }],
    ['after (date)', { sort: 'date', after: encodeCursor([0, 'abc']) }],
    ['after (pay, posting without pay)', { sort: 'pay', after: encodeCursor(['-Infinity', 'abc']) }],
    [
      'everything together',
      { q: 'nurse', location: 'New York, NY', radius: '10mi', workMode: ['onsite'], experience: ['entry', 'associate'], payMin: 60_000, postedWithin: '30d', skills: ['Epic'] },
      { place: NYC },
    ],
  ];

  // One argument, not three: it.each passes `done` as an extra last argument to rows that are shorter.
  it.each(cases.map(([name, params, extra]) => ({ name, params, extra })))('$name', ({ params, extra }) => {
    expect(buildJobSearchRequest(params, { ...ctx, ...extra })).toMatchSnapshot();
  });

  it('is deterministic for the same params and clock', () => {
    const p: JobSearchParams = { q: 'rn', postedWithin: '1d', workMode: ['remote'] };
    expect(JSON.stringify(buildJobSearchRequest(p, ctx))).toBe(JSON.stringify(buildJobSearchRequest(p, { ...ctx })));
  });

  it('puts facet filters in post_filter and the text and place in query', () => {
    const req = buildJobSearchRequest({ q: 'nurse', workMode: ['remote'], radius: '25mi', location: 'x' }, { ...ctx, place: NYC });
    expect(JSON.stringify(req.query)).toContain('geo_distance');
    expect(JSON.stringify(req.query)).not.toContain('work_mode');
    expect(req.post_filter).toEqual({ bool: { filter: [{ terms: { work_mode: ['remote'] } }] } });
  });

  it("applies every other facet's filter to a facet's aggregation but never its own", () => {
    const req = buildJobSearchRequest({ workMode: ['remote'], experience: ['entry'], skills: ['SQL'] }, ctx);
    const aggs = req.aggs as Record<string, { filter: { bool: { filter: unknown[] } } }>;
    const filtersOf = (k: string) => JSON.stringify(aggs[`facet_${k}`].filter.bool.filter);
    expect(filtersOf('workMode')).not.toContain('work_mode');
    expect(filtersOf('workMode')).toContain('experience_level');
    expect(filtersOf('workMode')).toContain('"skills"');
    expect(filtersOf('experience')).not.toContain('experience_level');
    expect(filtersOf('experience')).toContain('work_mode');
    // Facets without a filter of their own share one filter aggregation with every active filter.
    expect(aggs.facet_company).toBeUndefined();
    const shared = JSON.stringify(aggs.facets_shared.filter.bool.filter);
    expect(shared).toContain('work_mode');
    expect(shared).toContain('experience_level');
    expect(shared).toContain('"skills"');
    expect(Object.keys((aggs.facets_shared as unknown as { aggs: object }).aggs)).toEqual(expect.arrayContaining(['company__values', 'pay__values', 'occupation__values']));
  });

  it('puts the facets at the top level, with no filter to intersect, when no facet filter is active', () => {
    const aggs = buildJobSearchRequest({ q: 'nurse' }, ctx).aggs as Record<string, unknown>;
    expect(Object.keys(aggs).some((k) => k.startsWith('facet_') || k === 'facets_shared')).toBe(false);
    expect(aggs['workMode__values']).toEqual({ terms: { field: 'work_mode', size: expect.any(Number) } });
  });

  it('reads each facet back from wherever it was placed (own filter, shared filter or top level)', () => {
    const terms = (pairs: Array<[string, number]>) => ({ buckets: pairs.map(([key, doc_count]) => ({ key, doc_count })) });
    const params = { workMode: ['remote'] as const };
    const res = {
      took: 3,
      hits: { total: { value: 8, relation: 'eq' }, hits: [] },
      aggregations: {
        facet_workMode: { doc_count: 10, values: terms([['remote', 8], ['onsite', 2]]), selected: { buckets: { remote: { doc_count: 8 } } } },
        facets_shared: { doc_count: 8, experience__values: terms([['entry', 5]]), source__values: terms([['indeed_2019', 8]]) },
      },
    } as never;
    const out = mapJobSearchResponse(res, { workMode: [...params.workMode] });
    expect(out.facets.find((f) => f.key === 'workMode')?.buckets.map((b) => [b.value, b.count, b.selected])).toEqual([['remote', 8, true], ['onsite', 2, false]]);
    expect(out.facets.find((f) => f.key === 'experience')?.buckets.map((b) => [b.value, b.count])).toEqual([['entry', 5]]);
    expect(out.facets.find((f) => f.key === 'source')?.buckets.map((b) => b.value)).toEqual(['indeed_2019']);
    const top = mapJobSearchResponse({ took: 1, hits: { total: { value: 4, relation: 'eq' }, hits: [] }, aggregations: { workMode__values: terms([['hybrid', 4]]) } } as never, {});
    expect(top.facets.find((f) => f.key === 'workMode')?.buckets.map((b) => [b.value, b.count])).toEqual([['hybrid', 4]]);
  });

  it('collapses reposts when paging by page, and not with a cursor (Elasticsearch refuses collapse + search_after)', () => {
    expect(buildJobSearchRequest({}, ctx).collapse).toEqual({ field: 'fingerprint' });
    const withCursor = buildJobSearchRequest({ sort: 'date', after: encodeCursor([1, 'x']) }, ctx);
    expect(withCursor.collapse).toBeUndefined();
    expect(withCursor.from).toBeUndefined();
    expect(withCursor.search_after).toEqual([1, 'x']);
  });

  it('finds date and pay pages without collapse: keys first, one posting per fingerprint, then the page', () => {
    expect(pagesWithoutCollapse({ sort: 'date' })).toBe(true);
    expect(pagesWithoutCollapse({ sort: 'pay' })).toBe(true);
    expect(pagesWithoutCollapse({})).toBe(false);
    expect(pagesWithoutCollapse({ sort: 'relevance' })).toBe(false);
    expect(pagesWithoutCollapse({ sort: 'date', after: 'x' })).toBe(false);
    expect(pageKeysWindow({ page: 50, size: 20 })).toBe(1100);
    expect(pageKeysWindow({})).toBe(40);
    expect(pageKeysWindow({ page: 100, size: 100 })).toBe(10_000);

    const params = { sort: 'date' as const, workMode: ['remote' as const], page: 3 };
    const listing = buildJobSearchRequest(params, ctx);
    const keys = buildPageKeysRequest(params, ctx, 500);
    expect(keys.collapse).toBeUndefined();
    expect(keys.aggs).toBeUndefined();
    expect(keys.highlight).toBeUndefined();
    expect(keys).toMatchObject({ size: 500, _source: false, stored_fields: ['_none_'], docvalue_fields: ['fingerprint'], track_total_hits: listing.track_total_hits });
    expect(keys.from).toBeUndefined();
    expect(keys.query).toEqual(listing.query);
    expect(keys.post_filter).toEqual(listing.post_filter);
    expect(keys.sort).toEqual(listing.sort);
    const next = buildPageKeysRequest(params, ctx, 500, [1700000000000, 'job-9']);
    expect(next.search_after).toEqual([1700000000000, 'job-9']);
    expect(next.track_total_hits).toBe(false);

    const hit = (id: string, fp: string | null) => ({ _index: 'p', _id: id, sort: [1, id], ...(fp ? { fields: { fingerprint: [fp] } } : {}) });
    const seen = new Set<string>();
    const heads: string[] = [];
    pickPageIds(mapPageKeys({ hits: { hits: [hit('a', 'f1'), hit('b', 'f2'), hit('c', 'f1'), hit('d', null)] } } as never), seen, heads);
    pickPageIds(mapPageKeys({ hits: { hits: [hit('e', 'f2'), hit('f', 'f3')] } } as never), seen, heads);
    expect(heads).toEqual(['a', 'b', 'd', 'f']);

    const docs = buildPageDocsRequest({ ...params, q: 'nurse' }, ctx, ['a', 'b']);
    expect(docs.query).toEqual({ bool: { must: [buildJobSearchRequest({ ...params, q: 'nurse' }, ctx).query], filter: [{ terms: { id: ['a', 'b'] } }] } });
    expect(docs).toMatchObject({ size: 2, track_total_hits: false });
    expect(docs.highlight).toBeDefined();
    expect(docs.collapse).toBeUndefined();
    expect(docs.from).toBeUndefined();
  });

  it('refuses a cursor of another sort', () => {
    expect(() => buildJobSearchRequest({ sort: 'date', after: encodeCursor([1, 2, 'x']) }, ctx)).toThrow(RangeError);
  });

  it('postedWithin windows are absolute dates from ctx.now', () => {
    const req = buildJobSearchRequest({ postedWithin: '3d' }, ctx);
    expect(req.post_filter).toEqual({ bool: { filter: [{ range: { posted_at: { gte: '2024-04-28T12:00:00.000Z' } } }] } });
  });
});

describe('buildJobSearchRequests: hits and facets split for _msearch', () => {
  const params: JobSearchParams = { q: 'nurse', workMode: ['remote'], experience: ['entry'], size: 10 };

  it('is the single request cut in two: the page without aggregations, the aggregations without hits', () => {
    const single = buildJobSearchRequest(params, ctx);
    const { hits, facets } = buildJobSearchRequests(params, ctx);
    const { aggs, ...rest } = single;
    expect(hits).toEqual(rest);
    expect(facets).toMatchSnapshot();
    expect(facets.aggs).toEqual(aggs);
    expect(facets.query).toEqual(single.query);
    // No post_filter on the facets request: each facet aggregation applies the other facets' filters itself.
    expect(facets.post_filter).toBeUndefined();
    expect(facets.size).toBe(0);
    expect(facets.request_cache).toBe(true);
  });

  it('writes the _msearch header and body of each request', () => {
    const { hits, facets } = buildJobSearchRequests(params, ctx);
    const lines = toMsearchBody([hits, facets]);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toEqual({ index: 'postings' });
    expect(lines[2]).toEqual({ index: 'postings', request_cache: true });
    expect(lines[1]).not.toHaveProperty('index');
    expect(lines[3]).not.toHaveProperty('request_cache');
  });
});

describe('buildRepostHeadsRequest', () => {
  it('asks for the head of each fingerprint under the same query, filters and sort', () => {
    const params: JobSearchParams = { q: 'nurse', workMode: ['remote'], sort: 'relevance', after: encodeCursor([1, 2, 'x']) };
    const req = buildRepostHeadsRequest(params, ctx, ['fp1', 'fp2', 'fp1']);
    expect(req).toMatchSnapshot();
    const main = buildJobSearchRequest(params, ctx);
    expect(req.sort).toEqual(main.sort);
    expect(req.post_filter).toEqual(main.post_filter);
    expect(req.size).toBe(2);
  });

  it('keeps only the hits that head their fingerprint', () => {
    const hit = (id: string, fingerprint: string) => ({ _index: 'p', _id: id, _source: { id, fingerprint } });
    const heads = mapRepostHeads({ took: 1, timed_out: false, _shards: { total: 1, successful: 1, failed: 0 }, hits: { hits: [hit('a', 'f1'), hit('c', 'f2')] } });
    expect(keepRepostHeads([hit('a', 'f1'), hit('b', 'f1'), hit('c', 'f2'), hit('d', 'f2')], heads).map((h) => h._id)).toEqual(['a', 'c']);
  });
});

describe('radius', () => {
  it('parses miles and kilometres within 500', () => {
    expect(parseRadius('25mi')).toEqual({ value: 25, unit: 'mi' });
    expect(parseRadius('40km')).toEqual({ value: 40, unit: 'km' });
    expect(parseRadius('2.5km')).toEqual({ value: 2.5, unit: 'km' });
    for (const bad of ['25', 'mi', '25 miles', '-5mi', '0mi', '501mi', '25MI', '1e3km']) expect(parseRadius(bad)).toBeNull();
  });

  it('applies around a city only', () => {
    expect(radiusApplies({ radius: '25mi' }, NYC)).toBe(true);
    expect(radiusApplies({ radius: '25mi' }, TEXAS)).toBe(false);
    expect(radiusApplies({}, NYC)).toBe(false);
  });

  it('measures great-circle distances', () => {
    // New York City to Philadelphia: about 80 miles / 129 km.
    const phl = { lat: 39.95233, lon: -75.16379 };
    expect(distanceBetween(NYC.geo!, phl, 'mi')).toBeCloseTo(80.6, 0);
    expect(distanceBetween(NYC.geo!, phl, 'km')).toBeCloseTo(129.7, 0);
    expect(distanceBetween(NYC.geo!, NYC.geo!, 'mi')).toBe(0);
  });
});

function response(hits: Array<Partial<estypes.SearchHit>>, aggregations: Record<string, unknown> = {}, total = 42): estypes.SearchResponse {
  return {
    took: 7,
    timed_out: false,
    _shards: { total: 1, successful: 1, failed: 0 },
    hits: { total: { value: total, relation: 'eq' }, hits: hits.map((h) => ({ _index: 'postings-v1', ...h }) as estypes.SearchHit) },
    aggregations: aggregations as never,
  };
}

const DOC = {
  id: 'a1',
  title: 'Registered Nurse',
  company: 'Mercy',
  location: { text: 'Brooklyn, NY', city: 'Brooklyn', region: 'New York', region_code: 'NY', country: 'United States', country_code: 'US', postal_code: null },
  geo: { lat: 40.6501, lon: -73.94958 },
  work_mode: 'onsite',
  experience_level: 'entry',
  employment_type: 'full_time',
  salary: { min: 40, max: 50, period: 'hour', currency: 'USD', annual_min: 83200, annual_max: 104000, text: null },
  posted_at: '2024-04-19T00:00:00.000Z',
  skills: ['Epic'],
  source: 'linkedin_2024',
  fingerprint: 'fp-a1',
};

describe('mapJobSearchResponse', () => {
  it('maps hits, highlights, distance, total and the next cursor', () => {
    const res = response([
      {
        _id: 'a1',
        _source: DOC,
        sort: [9.5, 1713484800000, 'a1'],
        highlight: { title: ['<mark>Registered Nurse</mark>'], description: ['a <mark>nurse</mark> &amp; more'] },
      },
    ]);
    const out = mapJobSearchResponse(res, { q: 'rn', size: 1, radius: '25mi' }, { place: NYC });
    expect(out).toMatchSnapshot();
    // Brooklyn's centre is about 5.3 miles from Manhattan's.
    expect(out.hits[0].distance).toBe(5.3);
    expect(out.nextCursor).toBe(encodeCursor([9.5, 1713484800000, 'a1']));
  });

  it('has no next cursor on a short page and no distance without a place', () => {
    const out = mapJobSearchResponse(response([{ _id: 'a1', _source: { ...DOC, salary: null, location: undefined }, sort: [1, 'a1'] }]), { size: 20 });
    expect(out.nextCursor).toBeNull();
    expect(out.hits[0].distance).toBeUndefined();
    expect(out.hits[0].pay).toBeNull();
    expect(out.hits[0].location).toEqual({ text: null, city: null, region: null, regionCode: null, country: null, countryCode: null });
    expect(out.page).toBe(1);
  });

  it('maps every facet, marking selections and adding selected values outside the top buckets', () => {
    const terms = (pairs: Array<[string, number]>) => ({ buckets: pairs.map(([key, doc_count]) => ({ key, doc_count })) });
    const aggs = {
      facet_workMode: { doc_count: 10, values: terms([['onsite', 5], ['remote', 3], ['hybrid', 2]]) },
      facet_experience: { doc_count: 10, values: terms([['entry', 4]]) },
      facet_employmentType: { doc_count: 10, values: terms([]) },
      facet_pay: { doc_count: 10, values: terms([['30000-50000', 2], ['150000-', 1]]) },
      facet_postedWithin: { doc_count: 10, values: { buckets: { '1d': { doc_count: 0 }, '3d': { doc_count: 0 }, '7d': { doc_count: 1 }, '30d': { doc_count: 4 } } } },
      facet_company: { doc_count: 10, values: terms([['Mercy', 3]]), selected: { buckets: { 'Tiny Co, LLC': { doc_count: 1 } } } },
      facet_location: {
        doc_count: 10,
        values: {
          buckets: [
            { key: 'Portland', doc_count: 5, regions: terms([['OR', 3], ['ME', 2]]) },
            { key: 'London', doc_count: 4, regions: terms([['', 4]]) },
          ],
        },
        selected: { buckets: { 'ME|Portland': { doc_count: 2 } } },
      },
      facet_skills: { doc_count: 10, values: terms([['SQL', 6]]) },
      facet_occupation: {
        doc_count: 10,
        values: { buckets: [{ key: '29', doc_count: 6, title: terms([['Healthcare Practitioners and Technical Occupations', 6]]) }] },
        codes: { values: { buckets: [{ key: '29-1141', doc_count: 5, title: terms([['Registered Nurses', 5]]) }] } },
      },
      facet_source: { doc_count: 10, values: terms([['indeed_2019', 10]]) },
    };
    const params: JobSearchParams = {
      workMode: ['remote'],
      payMin: 50_000,
      payMax: 75_000,
      postedWithin: '30d',
      company: ['Tiny Co, LLC'],
      place: ['ME|Portland'],
      occupation: ['29'],
    };
    const out = mapJobSearchResponse(response([], aggs), params);
    expect(out.facets).toMatchSnapshot();
    const byKey = Object.fromEntries(out.facets.map((f) => [f.key, f.buckets]));
    expect(byKey.workMode.find((b) => b.value === 'remote')).toEqual({ value: 'remote', label: 'Remote', count: 3, selected: true });
    // Every band, in order, zero counts included; the one matching payMin/payMax is selected.
    expect(byKey.pay.map((b) => `${b.value}:${b.count}:${b.selected}`)).toEqual([
      '-30000:0:false',
      '30000-50000:2:false',
      '50000-75000:0:true',
      '75000-100000:0:false',
      '100000-150000:0:false',
      '150000-:1:false',
    ]);
    expect(byKey.postedWithin.map((b) => `${b.value}:${b.count}:${b.selected}`)).toEqual(['1d:0:false', '3d:0:false', '7d:1:false', '30d:4:true']);
    expect(byKey.location.map((b) => b.value)).toEqual(['|London', 'OR|Portland', 'ME|Portland']);
    expect(byKey.company.at(-1)).toEqual({ value: 'Tiny Co, LLC', label: 'Tiny Co, LLC', count: 1, selected: true });
    expect(byKey.source[0].label).toBe('Indeed 2019 (data science)');
  });
});
