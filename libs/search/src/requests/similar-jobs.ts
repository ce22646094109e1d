import type { estypes } from '@elastic/elasticsearch';
import type { JobSummary, PostingDocument } from '@jobportal/contracts';
import { SUMMARY_SOURCE_FIELDS, mapJobSummary, type SummarySource } from './job-summary';

export const SIMILAR_JOBS_SIZE = 6;

/**
 * Postings like this one (more_like_this on title, skills and description), without its reposts
 * (same fingerprint) and with one copy per job.
 */
export function buildSimilarJobsRequest(index: string, id: string, doc: Pick<PostingDocument, 'fingerprint'>): estypes.SearchRequest {
  return {
    index,
    query: {
      bool: {
        must: [
          {
            more_like_this: {
              fields: ['title', 'skills.text', 'description'],
              like: [{ _index: index, _id: id }],
              min_term_freq: 1,
              min_doc_freq: 2,
              max_query_terms: 30,
              minimum_should_match: '30%',
            },
          },
        ],
        // Similar jobs are suggestions to apply to: never a gone one, even beside an expired posting.
        must_not: [{ term: { fingerprint: doc.fingerprint } }, { term: { id } }, { term: { status: 'expired' } }],
      },
    },
    collapse: { field: 'fingerprint' },
    size: SIMILAR_JOBS_SIZE,
    track_total_hits: false,
    _source: [...SUMMARY_SOURCE_FIELDS],
  };
}

export function mapSimilarJobsResponse(res: estypes.SearchResponse): JobSummary[] {
  return res.hits.hits.map((hit) => mapJobSummary(hit._source as SummarySource));
}
