import { titleWords } from './featurize';

export interface TfidfDocument {
  text: string;
  /** Index into the label list. */
  label: number;
}

export interface TfidfHit {
  label: number;
  score: number;
}

/**
 * The seed's approach, kept as the baseline the classifier must beat: TF-IDF word vectors of
 * titles and the nearest title by cosine similarity.
 */
export class TfidfNearestTitle {
  private readonly idf = new Map<string, number>();
  /** word -> postings of (document, weight in the document's unit vector). */
  private readonly postings = new Map<string, Array<{ doc: number; weight: number }>>();
  private readonly labels: Int32Array;

  constructor(documents: readonly TfidfDocument[]) {
    this.labels = Int32Array.from(documents, (d) => d.label);
    const termCounts = documents.map((d) => countWords(titleWords(d.text)));
    const df = new Map<string, number>();
    for (const counts of termCounts) for (const w of counts.keys()) df.set(w, (df.get(w) ?? 0) + 1);
    for (const [w, n] of df) this.idf.set(w, Math.log((1 + documents.length) / (1 + n)) + 1);
    termCounts.forEach((counts, doc) => {
      const vector = this.weigh(counts);
      for (const [w, weight] of vector) {
        let list = this.postings.get(w);
        if (!list) this.postings.set(w, (list = []));
        list.push({ doc, weight });
      }
    });
  }

  private weigh(counts: Map<string, number>): Map<string, number> {
    const out = new Map<string, number>();
    let norm = 0;
    for (const [w, tf] of counts) {
      const idf = this.idf.get(w);
      if (idf === undefined) continue;
      const x = (1 + Math.log(tf)) * idf;
      out.set(w, x);
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    for (const [w, x] of out) out.set(w, x / norm);
    return out;
  }

  /** Labels of the most similar documents, best first, each label once, with its best cosine. */
  query(text: string, k = 5): TfidfHit[] {
    const vector = this.weigh(countWords(titleWords(text)));
    const scores = new Map<number, number>();
    for (const [w, qx] of vector) {
      for (const { doc, weight } of this.postings.get(w) ?? []) scores.set(doc, (scores.get(doc) ?? 0) + qx * weight);
    }
    const best = new Map<number, number>();
    for (const [doc, score] of scores) {
      const label = this.labels[doc];
      if (score > (best.get(label) ?? 0)) best.set(label, score);
    }
    return [...best.entries()]
      .map(([label, score]) => ({ label, score }))
      .sort((a, b) => b.score - a.score || a.label - b.label)
      .slice(0, k);
  }
}

function countWords(words: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}
