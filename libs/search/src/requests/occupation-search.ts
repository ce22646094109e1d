import type { estypes } from '@elastic/elasticsearch';
import type { OccupationSearchHit, OccupationSearchResponse } from '@jobportal/contracts';
import type { OccupationDocument } from '../occupations/occupation-document';
import { allWordsMatch } from './text-match';

type Query = estypes.QueryDslQueryContainer;

export const DEFAULT_OCCUPATION_PAGE_SIZE = 20;
export const MAX_OCCUPATION_PAGE_SIZE = 100;
export const MAX_OCCUPATION_QUERY_LENGTH = 256;

export interface OccupationSearchParams {
  q: string;
  size?: number;
  from?: number;
}

/** What a result row needs; the full profile stays out of search responses. */
const HIT_SOURCE = ['onet_code', 'soc_code', 'title', 'description', 'major', 'job_zone', 'wages.annual.median', 'projections.change_percent'];

/** Every word somewhere, with titles weighing most; tasks and the description only break ties. */
const TEXT_FIELDS = ['title^4', 'title.exact^2', 'alternate_titles^3', 'short_titles^3', 'reported_titles^2', 'tasks', 'description^0.5'];
/** Typos are forgiven in titles only: a task sentence has too many near-miss words. */
const FUZZY_FIELDS = ['title^2', 'alternate_titles'];

/**
 * Like O*NET's keyword search: an occupation whose title (or an alternate title, or an
 * abbreviation such as "RN") is what the user typed comes first, then title phrases, then
 * reported titles, then occupations that only mention the words in their tasks or description.
 * Job-title synonyms ("rn" = "registered nurse") come from the title fields' search analyzer.
 */
function occupationQuery(q: string): Query {
  return {
    bool: {
      must: [allWordsMatch(q, TEXT_FIELDS, FUZZY_FIELDS)],
      // Named, so a hit says which kind of match it was (see bestMatch).
      should: [
        { match: { 'title.keyword': { query: q, boost: 20, _name: 'title' } } },
        { match_phrase: { title: { query: q, boost: 10, _name: 'title' } } },
        { match: { 'alternate_titles.keyword': { query: q, boost: 8, _name: 'alternate_title' } } },
        { match: { 'short_titles.keyword': { query: q, boost: 8, _name: 'alternate_title' } } },
        { match_phrase: { alternate_titles: { query: q, slop: 1, boost: 4, _name: 'alternate_title' } } },
        { match_phrase: { reported_titles: { query: q, slop: 1, boost: 2, _name: 'reported_title' } } },
        { match_phrase: { tasks: { query: q, slop: 2, boost: 1, _name: 'task' } } },
      ],
    },
  };
}

const WHOLE_VALUE = { number_of_fragments: 0 };

export function buildOccupationSearchRequest(index: string, params: OccupationSearchParams): estypes.SearchRequest {
  const q = params.q.trim();
  return {
    index,
    from: params.from ?? 0,
    size: params.size ?? DEFAULT_OCCUPATION_PAGE_SIZE,
    track_total_hits: true,
    _source: HIT_SOURCE,
    query: occupationQuery(q),
    sort: [{ _score: { order: 'desc' } }, { onet_code: { order: 'asc' } }],
    highlight: {
      pre_tags: ['<mark>'],
      post_tags: ['</mark>'],
      encoder: 'html',
      fields: {
        title: WHOLE_VALUE,
        alternate_titles: WHOLE_VALUE,
        short_titles: WHOLE_VALUE,
        reported_titles: WHOLE_VALUE,
        tasks: WHOLE_VALUE,
        description: { fragment_size: 160, number_of_fragments: 1 },
      },
    },
  };
}

/** The API word for a match, its highlighted fields, in the order they explain a hit best. */
const MATCH_KINDS: ReadonlyArray<[matchedOn: string, fields: string[]]> = [
  ['title', ['title']],
  ['alternate_title', ['alternate_titles', 'short_titles']],
  ['reported_title', ['reported_titles']],
  ['task', ['tasks']],
  ['description', ['description']],
];

const WORDS = /[\p{L}\p{N}]+/gu;

/** How well a highlighted value shows the query: distinct marked words, and words left unmarked. */
function coverage(fragment: string): { marked: number; unmarked: number } {
  const marked = new Set<string>();
  let markedCount = 0;
  for (const m of fragment.matchAll(/<mark>(.*?)<\/mark>/g)) {
    for (const w of m[1].match(WORDS) ?? []) {
      marked.add(w.toLowerCase());
      markedCount++;
    }
  }
  const all = fragment.replace(/<\/?mark>/g, '').match(WORDS)?.length ?? 0;
  return { marked: marked.size, unmarked: all - markedCount };
}

/** The value of the fields that shows the query best: most marked words, then fewest others. */
function bestFragment(highlight: Record<string, string[]>, fields: string[]): { fragment: string; marked: number; unmarked: number } | null {
  let best: { fragment: string; marked: number; unmarked: number } | null = null;
  for (const field of fields) {
    for (const fragment of highlight[field] ?? []) {
      const c = coverage(fragment);
      if (c.marked > 0 && (!best || c.marked > best.marked || (c.marked === best.marked && c.unmarked < best.unmarked))) best = { fragment, ...c };
    }
  }
  return best;
}

/**
 * Why a hit matched: the first kind of phrase or exact match it made (title, then alternate
 * title, reported title, task), from the named queries; a hit that matched only word by word is
 * explained by the field whose highlight marks the most words. Titles are shown anyway, so the
 * text is given for an alternate title, reported title or task only.
 */
export function bestMatch(highlight: Record<string, string[]> | undefined, matchedQueries: string[] = []): { matchedOn: string | null; matchedText: string | null } {
  const hl = highlight ?? {};
  let chosen: { matchedOn: string; fragment: string | null } | null = null;
  const named = MATCH_KINDS.find(([kind]) => matchedQueries.includes(kind));
  if (named) {
    chosen = { matchedOn: named[0], fragment: bestFragment(hl, named[1])?.fragment ?? null };
  } else {
    let most = 0;
    for (const [matchedOn, fields] of MATCH_KINDS) {
      const f = bestFragment(hl, fields);
      if (f && f.marked > most) {
        most = f.marked;
        chosen = { matchedOn, fragment: f.fragment };
      }
    }
  }
  if (!chosen) return { matchedOn: null, matchedText: null };
  const shown = chosen.matchedOn === 'alternate_title' || chosen.matchedOn === 'reported_title' || chosen.matchedOn === 'task';
  return { matchedOn: chosen.matchedOn, matchedText: shown ? chosen.fragment : null };
}

/** The first sentence or two of an O*NET description, for a result row. */
export function summarizeDescription(text: string, maxLength = 240): string {
  const sentences = text.match(/[^.!?]+[.!?]+(\s+|$)/g) ?? [text];
  let out = sentences[0].trim();
  if (sentences.length > 1 && out.length + sentences[1].length <= maxLength) out = `${out} ${sentences[1].trim()}`;
  return out;
}

type HitSource = Pick<OccupationDocument, 'onet_code' | 'soc_code' | 'title' | 'description' | 'major' | 'job_zone'> & {
  wages?: { annual?: { median?: number | null } } | null;
  projections?: { change_percent?: number | null } | null;
};

export function mapOccupationSearchResponse(res: estypes.SearchResponse): OccupationSearchResponse {
  const total = typeof res.hits.total === 'number' ? res.hits.total : (res.hits.total?.value ?? 0);
  const hits: OccupationSearchHit[] = res.hits.hits.map((h) => {
    const doc = h._source as HitSource;
    return {
      onetCode: doc.onet_code,
      socCode: doc.soc_code,
      title: doc.title,
      description: summarizeDescription(doc.description),
      major: doc.major,
      jobZone: doc.job_zone ?? null,
      medianAnnualWage: doc.wages?.annual?.median ?? null,
      projectedGrowthPercent: doc.projections?.change_percent ?? null,
      ...bestMatch(h.highlight, Array.isArray(h.matched_queries) ? h.matched_queries : Object.keys(h.matched_queries ?? {})),
    };
  });
  return { hits, total };
}
