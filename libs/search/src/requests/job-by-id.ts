import type { estypes } from '@elastic/elasticsearch';
import type { JobDetail, PostingDocument } from '@jobportal/contracts';
import { mapJobDetail } from './job-summary';

/** One posting by its id (a search rather than a GET, so the alias may span index versions). */
export function buildJobByIdRequest(index: string, id: string): estypes.SearchRequest {
  return {
    index,
    query: { bool: { filter: [{ term: { id } }] } },
    size: 1,
    track_total_hits: false,
    _source: { excludes: ['ingested_at'] },
  };
}

/** The posting, or null when no posting has that id. */
export function mapJobByIdResponse(res: estypes.SearchResponse): JobDetail | null {
  const hit = res.hits.hits[0];
  return hit?._source ? mapJobDetail(hit._source as PostingDocument) : null;
}
