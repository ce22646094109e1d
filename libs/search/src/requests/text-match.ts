import type { estypes } from '@elastic/elasticsearch';

/**
 * "Every word of q, somewhere": each word in some field (cross_fields + and, so "python developer"
 * finds a Developer title with Python in its skills), or each word in the short fields within a
 * typo. Shared by the job search and the occupation search, so both tolerate typos alike.
 */
export function allWordsMatch(q: string, textFields: readonly string[], fuzzyFields: readonly string[]): estypes.QueryDslQueryContainer {
  return {
    bool: {
      should: [
        { multi_match: { query: q, type: 'cross_fields', operator: 'and', fields: [...textFields], tie_breaker: 0.3 } },
        {
          multi_match: {
            query: q,
            operator: 'and',
            fields: [...fuzzyFields],
            // No typo allowance under 4 characters ("rn", "sql"), one edit up to 7, two from 8.
            fuzziness: 'AUTO:4,8',
            prefix_length: 1,
            // The 20 closest spellings, each scored by its boost alone (no IDF: a typo cannot
            // outrank the title through a rare expansion). constant_score, used before, walked
            // every posting of every expansion into a bitset; bench:search-tuning measures the
            // difference (docs/benchmarks.md).
            max_expansions: 20,
            fuzzy_rewrite: 'top_terms_boost_20',
          },
        },
      ],
      minimum_should_match: 1,
    },
  };
}
