import { buildCareerRetrievalRequest, CAREER_TEXT_QUERY_CHARS, mapCareerRetrievalResponse } from './career-retrieval';

describe('buildCareerRetrievalRequest', () => {
  it('weighs titles over alternate/reported titles over tasks over skills, each title scaled by its weight', () => {
    const req = buildCareerRetrievalRequest('occupations', { titles: [{ normalized: 'line cook', weight: 1 }, { normalized: 'dishwasher', weight: 0.5 }], skills: ['Microsoft Excel'], text: 'Prepared food on the grill' });
    const should = (req.query as { bool: { should: Array<Record<string, Record<string, { query?: string; boost?: number }>>>; minimum_should_match: number } }).bool.should;
    const boostOf = (kind: string, field: string, query: string) => should.find((c) => c[kind]?.[field]?.query === query)?.[kind][field].boost;
    expect(boostOf('match', 'title.keyword', 'line cook')).toBe(24);
    expect(boostOf('match_phrase', 'title', 'line cook')).toBe(12);
    expect(boostOf('match_phrase', 'alternate_titles', 'line cook')).toBe(5);
    expect(boostOf('match_phrase', 'reported_titles', 'line cook')).toBe(4);
    expect(boostOf('match', 'title.keyword', 'dishwasher')).toBe(12);
    expect(boostOf('match', 'alternate_titles', 'Prepared food on the grill')).toBe(1);
    expect(boostOf('match', 'reported_titles', 'Prepared food on the grill')).toBe(1);
    expect(boostOf('match', 'tasks', 'Prepared food on the grill')).toBe(0.5);
    expect(boostOf('match', 'description', 'Prepared food on the grill')).toBe(0.2);
    // A found title's exact match outweighs the whole text against any one field.
    expect(boostOf('match', 'title.keyword', 'line cook')!).toBeGreaterThan(10 * boostOf('match', 'alternate_titles', 'Prepared food on the grill')!);
    expect(should).toContainEqual({ terms: { 'technology_skills.name': ['Microsoft Excel'], boost: 2 } });
    expect(req).toMatchObject({ index: 'occupations', size: 50, _source: ['onet_code', 'soc_code'] });
    expect(req.highlight?.fields).toHaveProperty('tasks');
  });

  it('reads at most CAREER_TEXT_QUERY_CHARS of the text and no skills clause without skills', () => {
    const req = buildCareerRetrievalRequest('o', { titles: [], skills: [], text: 'x'.repeat(CAREER_TEXT_QUERY_CHARS + 500) });
    const should = (req.query as { bool: { should: Array<{ match?: { tasks?: { query: string } }; terms?: unknown }> } }).bool.should;
    expect(should.find((c) => c.match?.tasks)?.match?.tasks?.query).toHaveLength(CAREER_TEXT_QUERY_CHARS);
    expect(should.some((c) => c.terms)).toBe(false);
  });

  it('maps hits to codes, scores and highlights', () => {
    const hits = mapCareerRetrievalResponse({ took: 1, timed_out: false, _shards: { total: 1, successful: 1, failed: 0 }, hits: { hits: [{ _index: 'o', _id: '1', _score: 3.5, _source: { onet_code: '35-2014.00', soc_code: '35-2014' }, highlight: { tasks: ['<mark>grill</mark>'] } }] } });
    expect(hits).toEqual([{ onetCode: '35-2014.00', socCode: '35-2014', score: 3.5, highlight: { tasks: ['<mark>grill</mark>'] } }]);
  });
});
