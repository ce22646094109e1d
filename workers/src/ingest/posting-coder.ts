import type { PostingDocument, PostingSoc } from '@jobportal/contracts';
import { toPostingSoc, type OccupationClassifier } from '@jobportal/occupations';

/** Sets `soc` on postings in place, one batched prediction per call; used by ingest and reclassify alike. */
export interface PostingCoder {
  /** Codes every posting; returns how many are flagged for review. */
  code(docs: PostingDocument[]): number;
}

export function createPostingCoder(classifier: OccupationClassifier): PostingCoder {
  const fallback = unreadableFallback(classifier);
  return {
    code(docs) {
      if (docs.length === 0) return 0;
      // The classifier reads the title and only the start of the description (featurize trims it).
      const results = classifier.predict(
        docs.map((d) => ({ title: d.title, description: d.description, employer: d.company })),
        1,
      );
      let flagged = 0;
      docs.forEach((doc, i) => {
        doc.soc = toPostingSoc(results[i]) ?? fallback;
        if (doc.soc.needs_review) flagged++;
      });
      return flagged;
    },
  };
}

/**
 * What a posting with nothing readable (a title of digits or symbols, no description) is coded
 * as: the model's answer to an empty bag of features, i.e. its prior, flagged for review. The
 * posting stays searchable and counted in the facets instead of being dropped, and analysts find
 * it among the flagged ones. predict() returns no codes for empty input, so an input that
 * featurizes to nothing (a one-character description) reaches the same empty bag.
 */
export function unreadableFallback(classifier: OccupationClassifier): PostingSoc {
  const prior = toPostingSoc(classifier.predict([{ title: '', description: '-' }], 1)[0]);
  if (!prior) throw new Error('The classifier gave no code for an empty bag of features; cannot build the fallback for unreadable postings.');
  return { ...prior, needs_review: true };
}
