import type { estypes } from '@elastic/elasticsearch';

type Query = estypes.QueryDslQueryContainer;

export interface CareerRetrievalParams {
  /** Normalized resume titles with their weights (strongest first). */
  titles: ReadonlyArray<{ normalized: string; weight: number }>;
  /** Canonical skill names found in the text. */
  skills: readonly string[];
  /** The resume text, for tasks and knowledge. */
  text: string;
  size?: number;
}

export const CAREER_RETRIEVAL_SIZE = 50;
/** Task matching reads this much of the text: a resume's substance is in its first pages. */
export const CAREER_TEXT_QUERY_CHARS = 6000;
const MAX_TITLES = 5;
/**
 * Boosts of the whole text against each field, and of the found skills. Tuned on the dev half of
 * the eval set (docs/careers.md, "What moved the figures"); the found titles' clauses above them
 * (24 down to 2, times the title's weight) are O*NET's ordering and were not tuned.
 */
export const CAREER_TEXT_BOOSTS = { alternateTitles: 1, reportedTitles: 1, tasks: 0.5, description: 0.2, title: 0.1 } as const;
export const CAREER_SKILL_BOOSTS = { text: 1, exact: 2 } as const;

/**
 * One search over the occupations index in the spirit of O*NET's weighted keyword search: a
 * resume title that is an occupation's title counts most, then its alternate and reported titles,
 * then the resume's words in the occupation's tasks, then shared technology skills and knowledge.
 * Each title's clauses are scaled by its weight (recent and repeated titles weigh more).
 */
export function buildCareerRetrievalRequest(index: string, params: CareerRetrievalParams): estypes.SearchRequest {
  const should: Query[] = [];
  for (const t of params.titles.slice(0, MAX_TITLES)) {
    const w = Math.max(0.1, t.weight);
    const q = t.normalized;
    should.push(
      { match: { 'title.keyword': { query: q, boost: 24 * w } } },
      { match_phrase: { title: { query: q, boost: 12 * w } } },
      { match: { title: { query: q, operator: 'and', boost: 6 * w } } },
      { match: { 'alternate_titles.keyword': { query: q, boost: 10 * w } } },
      { match_phrase: { alternate_titles: { query: q, slop: 1, boost: 5 * w } } },
      { match_phrase: { reported_titles: { query: q, slop: 1, boost: 4 * w } } },
      { match: { alternate_titles: { query: q, operator: 'and', boost: 2 * w } } },
    );
  }
  const text = params.text.slice(0, CAREER_TEXT_QUERY_CHARS);
  if (text.trim()) {
    // The whole text against each field. Occupation names in it ("our nurses", "as a cook") are the
    // strongest of these, then what the person did (tasks), then the general description.
    should.push(
      { match: { alternate_titles: { query: text, boost: CAREER_TEXT_BOOSTS.alternateTitles } } },
      { match: { reported_titles: { query: text, boost: CAREER_TEXT_BOOSTS.reportedTitles } } },
      { match: { tasks: { query: text, boost: CAREER_TEXT_BOOSTS.tasks } } },
      { match: { description: { query: text, boost: CAREER_TEXT_BOOSTS.description } } },
      { match: { title: { query: text, boost: CAREER_TEXT_BOOSTS.title } } },
    );
  }
  if (params.skills.length > 0) {
    should.push({ match: { 'technology_skills.name.text': { query: params.skills.join(' | '), boost: CAREER_SKILL_BOOSTS.text } } });
    should.push({ terms: { 'technology_skills.name': [...params.skills], boost: CAREER_SKILL_BOOSTS.exact } });
  }
  return {
    index,
    size: params.size ?? CAREER_RETRIEVAL_SIZE,
    _source: ['onet_code', 'soc_code'],
    query: { bool: { should, minimum_should_match: 1 } },
    sort: [{ _score: { order: 'desc' } }, { onet_code: { order: 'asc' } }],
    highlight: {
      pre_tags: ['<mark>'],
      post_tags: ['</mark>'],
      encoder: 'html',
      fields: { tasks: { number_of_fragments: 5, fragment_size: 400, highlight_query: { match: { tasks: { query: text || ' ' } } } } },
    },
  };
}

export interface CareerRetrievalHit {
  onetCode: string;
  socCode: string;
  score: number;
  highlight: Record<string, string[]>;
}

export function mapCareerRetrievalResponse(res: estypes.SearchResponse): CareerRetrievalHit[] {
  return res.hits.hits.map((h) => {
    const doc = h._source as { onet_code: string; soc_code: string };
    return { onetCode: doc.onet_code, socCode: doc.soc_code, score: h._score ?? 0, highlight: (h.highlight ?? {}) as Record<string, string[]> };
  });
}
