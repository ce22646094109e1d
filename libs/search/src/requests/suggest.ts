import type { estypes } from '@elastic/elasticsearch';
import type { SuggestResponse } from '@jobportal/contracts';
import { NOT_EXPIRED } from './liveness';

export const SUGGEST_SIZE = 10;
export const MAX_SUGGEST_QUERY_LENGTH = 100;

/**
 * A case-insensitive Lucene regular expression for "a word of the value starts with `prefix`":
 * terms-aggregation `include` patterns have no case-insensitive flag, so each letter becomes a
 * class ("py" -> "[pP][yY]"), and everything else is escaped.
 */
export function caseInsensitivePrefixPattern(prefix: string): string {
  let out = '';
  for (const ch of prefix) {
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    if (lower !== upper) out += `[${lower}${upper}]`;
    else if (/[A-Za-z0-9 ]/.test(ch)) out += ch;
    else out += `\\${ch}`;
  }
  return `(.*[^A-Za-z0-9])?${out}.*`;
}

/**
 * Titles, companies and skills that start with what the user typed, in one request: titles match
 * the edge n-gram subfield (every word of `q`, the last one as a prefix) and are grouped by their
 * normalized form, companies and skills by a prefix query plus an `include` pattern on the terms
 * aggregation so only matching values come back. Most frequent first.
 */
export function buildSuggestRequest(index: string, q: string): estypes.SearchRequest {
  const text = q.trim().slice(0, MAX_SUGGEST_QUERY_LENGTH);
  const titles: estypes.QueryDslQueryContainer = { match: { 'title.suggest': { query: text, operator: 'and' } } };
  const companies: estypes.QueryDslQueryContainer = { match_bool_prefix: { company: { query: text, operator: 'and' } } };
  const skills: estypes.QueryDslQueryContainer = { match_bool_prefix: { 'skills.text': { query: text, operator: 'and' } } };
  return {
    index,
    size: 0,
    track_total_hits: false,
    // Suggestions lead to searches, which show live postings only: a gone job's title is no suggestion.
    query: { bool: { should: [titles, companies, skills], minimum_should_match: 1, filter: [NOT_EXPIRED] } },
    aggs: {
      titles: {
        filter: titles,
        aggs: {
          values: {
            terms: { field: 'title.keyword', size: SUGGEST_SIZE },
            // title.keyword is lower-cased; show the title as a posting wrote it.
            aggs: { shown: { top_hits: { size: 1, _source: ['title'], sort: [{ posted_at: { order: 'desc', missing: 0 } }, { id: { order: 'asc' } }] } } },
          },
        },
      },
      companies: {
        filter: companies,
        aggs: { values: { terms: { field: 'company.keyword', size: SUGGEST_SIZE, include: caseInsensitivePrefixPattern(text) } } },
      },
      skills: {
        filter: skills,
        aggs: { values: { terms: { field: 'skills', size: SUGGEST_SIZE, include: caseInsensitivePrefixPattern(text) } } },
      },
    },
  };
}

interface ValuesAgg {
  values: { buckets: Array<{ key: string; doc_count: number; shown?: { hits: { hits: Array<{ _source?: { title?: string } }> } } }> };
}

export function mapSuggestResponse(res: estypes.SearchResponse): SuggestResponse {
  const aggs = res.aggregations as unknown as { titles: ValuesAgg; companies: ValuesAgg; skills: ValuesAgg } | undefined;
  if (!aggs) return { titles: [], companies: [], skills: [] };
  return {
    titles: aggs.titles.values.buckets.map((b) => b.shown?.hits.hits[0]?._source?.title ?? String(b.key)),
    companies: aggs.companies.values.buckets.map((b) => String(b.key)),
    skills: aggs.skills.values.buckets.map((b) => String(b.key)),
  };
}
