import type { estypes } from '@elastic/elasticsearch';
import type { PostingDocument, PostingSoc, ReviewQueueItem, ReviewQueueParams, ReviewQueueResponse } from '@jobportal/contracts';
import { REVIEW_PAGE_SIZE_DEFAULT } from '@jobportal/contracts';
import { totalOf } from './job-summary';

type Query = estypes.QueryDslQueryContainer;

const SOC_MAJOR = /^\d{2}$/;

/**
 * The review queue (issue 13): postings the classifier flagged and no analyst has coded yet,
 * least confident first (the id breaks ties, so paging is stable).
 */
export function buildReviewQueueRequest(index: string, params: ReviewQueueParams): estypes.SearchRequest {
  const size = params.size ?? REVIEW_PAGE_SIZE_DEFAULT;
  const from = ((params.page ?? 1) - 1) * size;
  const filter: Query[] = [{ term: { 'soc.needs_review': true } }];
  if (params.source?.length) filter.push({ terms: { source: params.source } });
  if (params.occupation?.length) {
    const majors = params.occupation.filter((v) => SOC_MAJOR.test(v));
    const codes = params.occupation.filter((v) => !SOC_MAJOR.test(v));
    const should: Query[] = [];
    if (majors.length) should.push({ terms: { 'soc.major': majors } });
    if (codes.length) should.push({ terms: { 'soc.code': codes } });
    filter.push({ bool: { should, minimum_should_match: 1 } });
  }
  if (params.minConfidence !== undefined || params.maxConfidence !== undefined) {
    filter.push({ range: { 'soc.confidence': { ...(params.minConfidence !== undefined ? { gte: params.minConfidence } : {}), ...(params.maxConfidence !== undefined ? { lte: params.maxConfidence } : {}) } } });
  }
  return {
    index,
    from,
    size,
    track_total_hits: true,
    // A human code is never flagged, but an index written before coded_by existed is checked anyway.
    query: { bool: { filter, must_not: [{ term: { 'soc.coded_by': 'human' } }] } },
    sort: [{ 'soc.confidence': { order: 'asc' } }, { id: { order: 'asc' } }],
    _source: ['id', 'source', 'title', 'company', 'location.text', 'posted_at', 'soc'],
  };
}

export function mapReviewQueueResponse(res: estypes.SearchResponse, params: ReviewQueueParams): ReviewQueueResponse {
  const items: ReviewQueueItem[] = res.hits.hits.map((h) => {
    const d = h._source as Pick<PostingDocument, 'id' | 'source' | 'title' | 'company' | 'posted_at' | 'soc'> & { location?: { text?: string | null } };
    const soc = d.soc!;
    return {
      id: d.id,
      source: d.source,
      title: d.title,
      company: d.company ?? null,
      location: d.location?.text ?? null,
      postedAt: d.posted_at ?? null,
      occupation: { code: soc.code, onetCode: soc.onet_code, title: soc.title, major: soc.major, majorTitle: soc.major_title, confidence: soc.confidence },
    };
  });
  return { items, total: totalOf(res).value, page: params.page ?? 1, size: params.size ?? REVIEW_PAGE_SIZE_DEFAULT };
}

/** What a decision needs to know about the posting: its concrete index (for the update) and its code before. */
export function buildPostingForReviewRequest(index: string, id: string): estypes.SearchRequest {
  return { index, size: 1, track_total_hits: false, query: { bool: { filter: [{ term: { id } }] } }, _source: ['id', 'source', 'title', 'soc'] };
}

export interface PostingForReview {
  index: string;
  id: string;
  source: PostingDocument['source'];
  title: string;
  soc: PostingSoc | null;
}

export function mapPostingForReview(res: estypes.SearchResponse): PostingForReview | null {
  const hit = res.hits.hits[0];
  if (!hit?._source) return null;
  const d = hit._source as Pick<PostingDocument, 'id' | 'source' | 'title' | 'soc'>;
  return { index: hit._index, id: d.id, source: d.source, title: d.title, soc: d.soc ?? null };
}

/** The O*NET occupations under one SOC code, with what a posting's `soc` field holds. */
export function buildSocLookupRequest(index: string, socCode: string): estypes.SearchRequest {
  return {
    index,
    size: 100,
    query: { bool: { filter: [{ term: { soc_code: socCode } }] } },
    sort: [{ onet_code: { order: 'asc' } }],
    _source: ['onet_code', 'soc_code', 'soc_title', 'major'],
  };
}

/**
 * The `soc` a human code gives a posting: the code's ".00" O*NET occupation (else the first),
 * confidence 1, never flagged, marked human. Null when the occupations index has no such code.
 */
export function mapHumanSoc(res: estypes.SearchResponse, socCode: string): PostingSoc | null {
  const found = res.hits.hits.map((h) => h._source as { onet_code: string; soc_code: string; soc_title: string; major: { code: string; title: string } });
  const chosen = found.find((o) => o.onet_code === `${socCode}.00`) ?? found[0];
  if (!chosen) return null;
  return {
    code: chosen.soc_code,
    onet_code: chosen.onet_code,
    title: chosen.soc_title,
    major: chosen.soc_code.slice(0, 2),
    major_title: chosen.major.title,
    confidence: 1,
    needs_review: false,
    coded_by: 'human',
  };
}

/**
 * Writes a human code onto one posting by id, in the concrete index the posting was found in (an
 * alias takes no writes by id once it spans versions). refresh: the posting must be found under
 * its new code by the very next search.
 */
export function buildApplySocRequest(index: string, id: string, soc: PostingSoc): estypes.UpdateRequest {
  return { index, id, doc: { soc }, refresh: true, retry_on_conflict: 3 };
}

/**
 * The human-coded postings among `ids`, by the index flag: what ingest checks before a re-import
 * replaces a posting's code. An `ids` query plus a term filter returns only the few that are.
 */
export function buildHumanCodedRequest(index: string, ids: readonly string[]): estypes.SearchRequest {
  return {
    index,
    size: ids.length,
    track_total_hits: false,
    query: { bool: { filter: [{ ids: { values: [...ids] } }, { term: { 'soc.coded_by': 'human' } }] } },
    _source: ['id', 'soc'],
  };
}

export function mapHumanCoded(res: estypes.SearchResponse): Map<string, PostingSoc> {
  const out = new Map<string, PostingSoc>();
  for (const h of res.hits.hits) {
    const d = h._source as { id: string; soc?: PostingSoc };
    if (d.soc?.coded_by === 'human') out.set(d.id, d.soc);
  }
  return out;
}
