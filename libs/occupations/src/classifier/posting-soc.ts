import type { PostingSoc } from '@jobportal/contracts';
import type { Classification } from './occupation-classifier';

/**
 * The `soc` field of a posting document from a classification: the top SOC 2018 code, its most
 * probable O*NET-SOC occupation, and the flag. Null when there was nothing to classify.
 */
export function toPostingSoc(c: Classification): PostingSoc | null {
  const top = c.soc[0];
  if (!top) return null;
  return {
    code: top.code,
    onet_code: top.onetCode,
    title: top.title,
    major: top.major,
    major_title: top.majorTitle,
    // The classification's confidence (the learned one in production), which the review queue sorts by.
    confidence: Math.round(c.confidence * 10_000) / 10_000,
    needs_review: c.needsReview,
  };
}
