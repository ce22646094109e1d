import type { estypes } from '@elastic/elasticsearch';
import { buildCategoriesRequest } from './categories';
import { buildJobSearchRequests } from './job-search';
import { buildExpireBody, buildLiveIdsRequest, buildPostingStatusRequest, buildValidThroughSweepQuery, mapPostingStatusResponse, NOT_EXPIRED } from './liveness';
import { buildSimilarJobsRequest } from './similar-jobs';
import { buildSuggestRequest } from './suggest';
import { buildTrendsExtentRequest, buildTrendsRequest } from './trends';

const NOW = new Date('2026-12-01T00:00:00.000Z');

describe('liveness in the request builders', () => {
  it('default job search leaves expired postings out of hits and facets alike', () => {
    const { hits, facets } = buildJobSearchRequests({ q: 'nurse', workMode: ['remote'] }, { index: 'postings', now: NOW });
    for (const r of [hits, facets]) expect(JSON.stringify(r.query)).toContain(JSON.stringify(NOT_EXPIRED));
  });

  it('suggestions, category tiles and similar jobs leave them out too', () => {
    expect(JSON.stringify(buildSuggestRequest('postings', 'nur').query)).toContain(JSON.stringify(NOT_EXPIRED));
    expect(buildCategoriesRequest('postings').query).toEqual(NOT_EXPIRED);
    const similar = buildSimilarJobsRequest('postings', 'a', { fingerprint: 'f' }).query as { bool: { must_not: estypes.QueryDslQueryContainer[] } };
    expect(similar.bool.must_not).toContainEqual({ term: { status: 'expired' } });
  });

  it('trends count expired postings: no liveness filter there', () => {
    const ctx = { index: 'postings', now: NOW };
    const w = { from: new Date('2026-01-01T00:00:00Z'), to: NOW, interval: 'month', panels: ['series', 'place'], top: 5 } as unknown as Parameters<typeof buildTrendsRequest>[2];
    expect(JSON.stringify(buildTrendsRequest({ q: 'nurse' }, ctx, w))).not.toContain('status');
    expect(JSON.stringify(buildTrendsExtentRequest({ q: 'nurse' }, ctx))).not.toContain('status');
  });

  it('expires by id with partial updates of the liveness fields only, each id once', () => {
    expect(buildExpireBody('postings', ['a', 'b', 'a'], 'gone', NOW)).toEqual([
      { update: { _index: 'postings', _id: 'a', retry_on_conflict: 3 } },
      { doc: { status: 'expired', expired_at: '2026-12-01T00:00:00.000Z', expiry_reason: 'gone' }, detect_noop: true },
      { update: { _index: 'postings', _id: 'b', retry_on_conflict: 3 } },
      { doc: { status: 'expired', expired_at: '2026-12-01T00:00:00.000Z', expiry_reason: 'gone' }, detect_noop: true },
    ]);
    expect(buildLiveIdsRequest('postings', ['a', 'a', 'b'])).toEqual({ index: 'postings', size: 2, track_total_hits: false, _source: false, query: { bool: { filter: [{ ids: { values: ['a', 'b'] } }, NOT_EXPIRED] } } });
  });

  it('the sweep looks at live postings of the given sources whose validThrough is before now', () => {
    expect(buildValidThroughSweepQuery(NOW, ['crawl_jsonld'])).toEqual({
      bool: { filter: [{ terms: { source: ['crawl_jsonld'] } }, { range: { expires_at: { lt: '2026-12-01T00:00:00.000Z' } } }, NOT_EXPIRED] },
    });
  });

  it('reads saved postings statuses; a posting indexed before v3 (no status) is live', () => {
    expect(buildPostingStatusRequest('postings', ['a', 'b'])).toEqual({ index: 'postings', size: 2, track_total_hits: false, _source: ['status'], query: { ids: { values: ['a', 'b'] } } });
    const res = { hits: { hits: [{ _id: 'a', _source: { status: 'expired' } }, { _id: 'b', _source: {} }] } } as unknown as estypes.SearchResponse;
    expect([...mapPostingStatusResponse(res)]).toEqual([['a', 'expired'], ['b', 'live']]);
  });
});
