import type { PostingSoc, SourceName } from './posting';

/** What an analyst does with a flagged posting's code in the review queue (issue 13). */
export const REVIEW_ACTIONS = ['confirm', 'correct'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/** A SOC 2018 detailed code, the form the review queue takes and stores ("15-1252"). */
export const SOC_DETAILED_CODE = /^\d{2}-\d{4}$/;

export const REVIEW_PAGE_SIZE_MAX = 100;
export const REVIEW_PAGE_SIZE_DEFAULT = 20;

/** GET /api/review/postings, after validation. */
export interface ReviewQueueParams {
  source?: SourceName[];
  /** SOC 2018 detailed codes ("15-1252") or major groups ("15") of the machine's code. */
  occupation?: string[];
  /** Only codes with confidence >= minConfidence / <= maxConfidence (0 to 1). */
  minConfidence?: number;
  maxConfidence?: number;
  page?: number;
  size?: number;
}

/** One flagged posting, least confident first. */
export interface ReviewQueueItem {
  id: string;
  source: SourceName;
  title: string;
  company: string | null;
  location: string | null;
  postedAt: string | null;
  /** The machine's code (never a human one: human-coded postings leave the queue). */
  occupation: { code: string; onetCode: string; title: string; major: string; majorTitle: string; confidence: number };
}

export interface ReviewQueueResponse {
  items: ReviewQueueItem[];
  total: number;
  page: number;
  size: number;
}

/** POST /api/review/postings/:id. `code` is required to correct; confirming keeps the machine's code. */
export interface ReviewDecisionRequest {
  action: ReviewAction;
  code?: string;
  note?: string;
}

/** The stored correction and the code the posting now carries in the index. */
export interface ReviewDecisionResponse {
  correctionId: string;
  postingId: string;
  action: ReviewAction;
  before: { code: string | null; confidence: number | null; codedBy: 'model' | 'human' | null };
  soc: PostingSoc;
  createdAt: string;
}
