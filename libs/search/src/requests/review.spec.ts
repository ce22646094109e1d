import type { estypes } from '@elastic/elasticsearch';
import { buildApplySocRequest, buildHumanCodedRequest, buildReviewQueueRequest, mapHumanCoded, mapHumanSoc } from './review';

const hits = (sources: object[]) => ({ hits: { hits: sources.map((s, i) => ({ _index: 'p', _id: String(i), _source: s })) } }) as unknown as estypes.SearchResponse;

describe('review queue requests', () => {
  it('lists flagged, not human-coded postings, least confident first, with every filter', () => {
    const req = buildReviewQueueRequest('postings', { source: ['indeed_2019'], occupation: ['15', '29-1141'], minConfidence: 0.1, maxConfidence: 0.4, page: 3, size: 10 });
    expect(req.from).toBe(20);
    expect(req.size).toBe(10);
    expect(req.sort).toEqual([{ 'soc.confidence': { order: 'asc' } }, { id: { order: 'asc' } }]);
    const bool = (req.query as { bool: { filter: object[]; must_not: object[] } }).bool;
    expect(bool.must_not).toEqual([{ term: { 'soc.coded_by': 'human' } }]);
    expect(bool.filter).toEqual([
      { term: { 'soc.needs_review': true } },
      { terms: { source: ['indeed_2019'] } },
      { bool: { should: [{ terms: { 'soc.major': ['15'] } }, { terms: { 'soc.code': ['29-1141'] } }], minimum_should_match: 1 } },
      { range: { 'soc.confidence': { gte: 0.1, lte: 0.4 } } },
    ]);
  });

  it('a confidence bound of 0 still filters', () => {
    const bool = (buildReviewQueueRequest('postings', { maxConfidence: 0 }).query as { bool: { filter: object[] } }).bool;
    expect(bool.filter).toContainEqual({ range: { 'soc.confidence': { lte: 0 } } });
  });

  it('a human soc is the code\'s .00 occupation, confidence 1, never flagged', () => {
    const res = hits([
      { onet_code: '29-1141.01', soc_code: '29-1141', soc_title: 'Registered Nurses', major: { code: '29-0000', title: 'Healthcare Practitioners and Technical Occupations' } },
      { onet_code: '29-1141.00', soc_code: '29-1141', soc_title: 'Registered Nurses', major: { code: '29-0000', title: 'Healthcare Practitioners and Technical Occupations' } },
    ]);
    expect(mapHumanSoc(res, '29-1141')).toEqual({
      code: '29-1141',
      onet_code: '29-1141.00',
      title: 'Registered Nurses',
      major: '29',
      major_title: 'Healthcare Practitioners and Technical Occupations',
      confidence: 1,
      needs_review: false,
      coded_by: 'human',
    });
    expect(mapHumanSoc(hits([]), '99-9999')).toBeNull();
  });

  it('applies the code by id with a refresh, and finds human-coded ids by the flag', () => {
    const soc = mapHumanSoc(hits([{ onet_code: '15-1252.00', soc_code: '15-1252', soc_title: 'Software Developers', major: { code: '15-0000', title: 'Computer' } }]), '15-1252')!;
    expect(buildApplySocRequest('postings-v2', 'abc', soc)).toEqual({ index: 'postings-v2', id: 'abc', doc: { soc }, refresh: true, retry_on_conflict: 3 });
    const req = buildHumanCodedRequest('postings', ['a', 'b']);
    expect(req.size).toBe(2);
    expect(req.query).toEqual({ bool: { filter: [{ ids: { values: ['a', 'b'] } }, { term: { 'soc.coded_by': 'human' } }] } });
    expect([...mapHumanCoded(hits([{ id: 'a', soc }, { id: 'b', soc: { ...soc, coded_by: 'model' } }])).keys()]).toEqual(['a']);
  });
});
