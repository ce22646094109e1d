import type { estypes } from '@elastic/elasticsearch';
import { buildAlertMatchRequests, mapAlertMatchResponses } from './alert-match';
import { buildJobSearchQuery, buildJobSearchRequest } from './job-search';
import { NOT_EXPIRED } from './liveness';

const NOW = new Date('2024-05-01T12:00:00.000Z');

describe('buildJobSearchQuery', () => {
  it('is the search query with the facet filters folded in as filters', () => {
    const params = { q: 'nurse', workMode: ['remote' as const] };
    const query = buildJobSearchQuery(params, { index: 'postings', now: NOW });
    const request = buildJobSearchRequest(params, { index: 'postings', now: NOW });
    const filters = (query as { function_score: { query: { bool: { filter: unknown[] } } } }).function_score.query.bool.filter;
    // The search's own liveness filter first (alerts never announce an expired posting), then the facet filters.
    expect(filters).toEqual([NOT_EXPIRED, ...(request.post_filter as { bool: { filter: unknown[] } }).bool.filter]);
    expect(JSON.stringify(query)).not.toContain('aggs');
  });

  it('without text is a plain filter query', () => {
    expect(buildJobSearchQuery({}, { index: 'p', now: NOW })).toEqual({ bool: { filter: [NOT_EXPIRED] } });
  });
});

describe('buildAlertMatchRequests', () => {
  const searches = [
    { id: 's1', params: { q: 'nurse' }, ingestedAfter: new Date('2024-04-30T00:00:00Z') },
    { id: 's2', params: { workMode: ['remote' as const] }, ingestedAfter: new Date('2024-04-01T00:00:00Z') },
  ];

  it('pairs a header and a body per saved search, each limited to the ingested_at window', () => {
    const body = buildAlertMatchRequests(searches, { ingestedThrough: new Date('2024-05-01T00:00:00Z'), index: 'postings', now: NOW, size: 10 });
    expect(body).toHaveLength(4);
    expect(body[0]).toEqual({ index: 'postings' });
    expect(body[3]).toMatchSnapshot();
    expect(JSON.stringify(body[1])).toContain('"ingested_at":{"gt":"2024-04-30T00:00:00.000Z","lte":"2024-05-01T00:00:00.000Z"}');
    expect((body[1] as estypes.MsearchMultisearchBody).size).toBe(10);
    expect((body[1] as estypes.MsearchMultisearchBody).aggs).toBeUndefined();
  });

  it('maps responses back per saved search and throws on a failed one', () => {
    const ok = { took: 1, timed_out: false, _shards: { total: 1, successful: 1, failed: 0 }, hits: { total: { value: 1, relation: 'eq' }, hits: [{ _index: 'p', _id: 'a', _source: { id: 'a', title: 'Nurse', company: 'X', location: { text: 'Austin' }, salary: null, skills: [] } }] }, status: 200 };
    const res = { took: 1, responses: [ok, ok] } as unknown as estypes.MsearchResponse;
    const mapped = mapAlertMatchResponses(searches, res);
    expect(mapped.map((m) => [m.savedSearchId, m.total, m.hits[0].id])).toEqual([['s1', 1, 'a'], ['s2', 1, 'a']]);
    const bad = { took: 1, responses: [ok, { error: { type: 'x', reason: 'y' }, status: 400 }] } as unknown as estypes.MsearchResponse;
    expect(() => mapAlertMatchResponses(searches, bad)).toThrow(/s2 failed/);
  });
});
