import { softmaxRow } from './calibration';
import { featurize, titleWords, type ClassifyItem, type FeatureConfig } from './featurize';
import { EmbeddingBagModel, packBatch } from './model';
import type { TitleIndex } from './title-index';
import type { OccupationLabel } from './training-data';

/** One O*NET-SOC occupation among the top k. */
export interface OccupationPrediction {
  onetCode: string;
  /** SOC 2018 detailed code, e.g. "15-1252". */
  socCode: string;
  title: string;
  probability: number;
}

/** One SOC 2018 detailed occupation among the top k: the summed probability of its O*NET occupations. */
export interface SocPrediction {
  code: string;
  title: string;
  major: string;
  majorTitle: string;
  /** The most probable O*NET-SOC occupation within this SOC code. */
  onetCode: string;
  onetTitle: string;
  probability: number;
}

export type ReviewReason = 'empty_input' | 'unknown_words' | 'below_threshold';

export interface Classification {
  /** Top-k SOC 2018 codes (what postings and the CSV export carry). Empty for empty input. */
  soc: SocPrediction[];
  /** Top-k O*NET-SOC occupations. Empty for empty input. */
  predictions: OccupationPrediction[];
  /** Calibrated probability of the first SOC code; 0 for empty input. */
  confidence: number;
  /** Flagged, never hidden: the codes are still given unless the input was empty. */
  needsReview: boolean;
  reason: ReviewReason | null;
}

/** Everything besides the weights that prediction needs; saved in the artifact. */
export interface ClassifierSettings {
  features: FeatureConfig;
  labels: OccupationLabel[];
  /** Calibration temperature: probabilities are softmax(logits / temperature). */
  temperature: number;
  /** Confidence under which a classification needs review. */
  threshold: number;
  /** Title words seen in training; a title with none of them is flagged `unknown_words`. */
  knownWords: string[];
}

/**
 * How the title dictionary's answer is mixed into the classifier's: p = (1 - w) p_model + w p_dict,
 * w = exactWeight for an exact title match, partialWeight x coverage for a partial one. Chosen on
 * the calibration split by `npm run eval:classifier` (it prints the grid), as is the threshold.
 */
export interface EnsembleSettings {
  exactWeight: number;
  partialWeight: number;
  /** Confidence of the blended top SOC code under which a classification needs review. */
  threshold: number;
}

export const DEFAULT_ENSEMBLE: EnsembleSettings = { exactWeight: 0.4, partialWeight: 0.1, threshold: 0.798 };

export class OccupationClassifier {
  private readonly socOf: Int32Array;
  private readonly socLabels: Array<{ code: string; title: string; major: string; majorTitle: string }>;
  private readonly known: ReadonlySet<string>;

  constructor(
    readonly model: EmbeddingBagModel,
    readonly settings: ClassifierSettings,
    /** The O*NET title dictionary blended in; without it, the model alone. */
    readonly titleIndex: TitleIndex | null = null,
    readonly ensemble: EnsembleSettings | null = null,
  ) {
    const socIndex = new Map<string, number>();
    this.socLabels = [];
    this.socOf = Int32Array.from(settings.labels, (l) => {
      let i = socIndex.get(l.socCode);
      if (i === undefined) {
        i = this.socLabels.length;
        socIndex.set(l.socCode, i);
        this.socLabels.push({ code: l.socCode, title: l.socTitle, major: l.major, majorTitle: l.majorTitle });
      }
      return i;
    });
    this.known = new Set(settings.knownWords);
  }

  /** The same model with a title dictionary blended in (or, with null, without one). */
  withTitleIndex(index: TitleIndex | null, ensemble: EnsembleSettings = DEFAULT_ENSEMBLE): OccupationClassifier {
    return new OccupationClassifier(this.model, this.settings, index, index ? ensemble : null);
  }

  get threshold(): number {
    return this.ensemble?.threshold ?? this.settings.threshold;
  }

  get labels(): readonly OccupationLabel[] {
    return this.settings.labels;
  }

  /**
   * Calibrated probabilities over the O*NET-SOC labels, [items x labels] row-major, computed
   * in batches.
   */
  probabilities(items: readonly ClassifyItem[], batchSize = 1024): Float32Array {
    const classes = this.settings.labels.length;
    const out = new Float32Array(items.length * classes);
    const row = new Float64Array(classes);
    for (let start = 0; start < items.length; start += batchSize) {
      const chunk = items.slice(start, start + batchSize);
      const logits = this.model.predictLogits(packBatch(chunk.map((it) => featurize(it, this.settings.features))));
      for (let i = 0; i < chunk.length; i++) {
        softmaxRow(logits, i * classes, classes, this.settings.temperature, row);
        out.set(row, (start + i) * classes);
      }
    }
    return out;
  }

  /** Top-k SOC 2018 and O*NET-SOC codes with calibrated probabilities, for each item. */
  predict(items: readonly ClassifyItem[], k = 5): Classification[] {
    const classes = this.settings.labels.length;
    const probs = this.probabilities(items);
    const socProbs = new Float64Array(this.socLabels.length);
    const bestChild = new Int32Array(this.socLabels.length);
    const blended = new Float64Array(classes);
    return items.map((item, i) => {
      const words = titleWords(item.title ?? '');
      const hasDescription = Boolean(item.description && item.description.trim());
      if (words.length === 0 && !hasDescription) {
        return { soc: [], predictions: [], confidence: 0, needsReview: true, reason: 'empty_input' };
      }
      const p = this.blend(probs.subarray(i * classes, (i + 1) * classes), item, blended);
      socProbs.fill(0);
      bestChild.fill(-1);
      for (let c = 0; c < classes; c++) {
        const s = this.socOf[c];
        socProbs[s] += p[c];
        if (bestChild[s] === -1 || p[c] > p[bestChild[s]]) bestChild[s] = c;
      }
      const predictions = topK(p, k).map((c) => {
        const l = this.settings.labels[c];
        return { onetCode: l.onetCode, socCode: l.socCode, title: l.title, probability: p[c] };
      });
      const soc = topK(socProbs, k).map((s) => {
        const l = this.socLabels[s];
        const child = this.settings.labels[bestChild[s]];
        return { ...l, onetCode: child.onetCode, onetTitle: child.title, probability: socProbs[s] };
      });
      const confidence = soc[0]?.probability ?? 0;
      // A title none of whose words was ever seen in training is guesswork, whatever the softmax says.
      const unknown = words.length > 0 ? !words.some((w) => this.known.has(w)) : false;
      const reason: ReviewReason | null = unknown ? 'unknown_words' : confidence < this.threshold ? 'below_threshold' : null;
      return { soc, predictions, confidence, needsReview: reason !== null, reason };
    });
  }

  /**
   * The model's probabilities mixed with the title dictionary's, written into `out`; the model's
   * own row when there is no match. A plain loop into a reused buffer: `Float64Array.from` with a
   * map function costs ~130 us a row (measured), more than the model itself.
   */
  private blend(p: Float32Array, item: ClassifyItem, out: Float64Array): ArrayLike<number> {
    if (!this.titleIndex || !this.ensemble || !item.title) return p;
    const match = this.titleIndex.lookup(item.title, item.employer);
    if (match.kind === 'none') return p;
    const w = match.kind === 'exact' ? this.ensemble.exactWeight : this.ensemble.partialWeight * match.coverage;
    if (w <= 0) return p;
    const keep = 1 - w;
    for (let c = 0; c < p.length; c++) out[c] = p[c] * keep;
    for (let j = 0; j < match.labels.length; j++) out[match.labels[j]] += w * match.weights[j];
    return out;
  }
}

/** Indices of the k largest values, largest first (ties: lower index first). */
export function topK(values: ArrayLike<number>, k: number): number[] {
  const best: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (best.length === k && v <= values[best[k - 1]]) continue;
    let pos = best.length === k ? k - 1 : best.length;
    if (best.length < k) best.push(i);
    while (pos > 0 && values[best[pos - 1]] < v) {
      best[pos] = best[pos - 1];
      pos--;
    }
    best[pos] = i;
  }
  return best;
}
