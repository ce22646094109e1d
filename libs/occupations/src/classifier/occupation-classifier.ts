import { softmaxRow } from './calibration';
import { confidenceFeatures, scoreConfidence, type ConfidenceModel } from './confidence-model';
import { featurize, titleWords, type ClassifyItem, type FeatureConfig } from './featurize';
import { EmbeddingBagModel, packBatch } from './model';
import type { TitleIndex, TitleMatch } from './title-index';
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
  /**
   * Calibrated probability that the first SOC code is right: the learned confidence of the
   * ensemble (`EnsembleSettings.confidence`) or, without one, the code's own probability; 0 for
   * empty input.
   */
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
  /**
   * Each label's share of the training examples (the prior the softmax learned), so a prior
   * correction can divide it out (see `PriorCorrection`). Absent in models trained before it.
   */
  labelShares?: number[];
}

/**
 * How the title dictionary's answer is mixed into the classifier's: p = (1 - w) p_model + w p_dict,
 * w = exactWeight for an exact title match, partialWeight x coverage for a partial one. Chosen on
 * the calibration split by `npm run eval:classifier` (it prints the grid), as is the threshold.
 */
export interface EnsembleSettings {
  exactWeight: number;
  partialWeight: number;
  /**
   * Exponent a of the prior correction p(c) ~ p_model(c) x (prior(c) / trainShare(c))^a: how far
   * the model's training prior is replaced by the prior of the titles it codes (see class-prior.ts).
   * 0 leaves the model's probabilities as they are.
   */
  priorExponent: number;
  /** Which prior production corrects towards (`loadClassifier` builds it from DATA_DIR). */
  prior: PriorSource;
  /** Confidence under which a classification needs review (of the learned confidence when there is one). */
  threshold: number;
  /**
   * The learned confidence (confidence-model.ts): the probability that the top code is right from
   * features of the whole answer; null or absent: the top code's blended probability.
   */
  confidence?: ConfidenceModel | null;
}

/** 'alternate-titles': each occupation's share of O*NET's alternate titles; 'openings': of BLS's projected annual openings. */
export type PriorSource = 'alternate-titles' | 'openings';

export const DEFAULT_ENSEMBLE: EnsembleSettings = {
  exactWeight: 0.4,
  partialWeight: 0.1,
  priorExponent: 0.25,
  prior: 'openings',
  // Of the learned confidence: codes at or above it were right 86.2% of the time on the held-out
  // titles (18.4% of them), against 84.5% (12.5%) at 0.891 on the top code's probability.
  threshold: 0.761,
  // Fitted by `npm run eval:classifier` on the calibration split (CONFIDENCE_FEATURES order).
  confidence: { weights: [0.532, 1.079, -0.008, -0.317, 0.173, 0.434, -0.006, 0.955, 1.501], bias: -1.717 },
};

/** A classification with the inputs of the learned confidence (null for empty input). */
export interface DetailedClassification {
  classification: Classification;
  features: Float64Array | null;
}

export class OccupationClassifier {
  private readonly socOf: Int32Array;
  /** Major group index of each SOC code (for the learned confidence's major-group feature). */
  private readonly majorOfSoc: Int32Array;
  private readonly majorCount: number;
  private readonly socLabels: Array<{ code: string; title: string; major: string; majorTitle: string }>;
  private readonly known: ReadonlySet<string>;
  /** prior(c) / trainShare(c) raised to the ensemble's priorExponent; null when not corrected. */
  private readonly priorWeights: Float64Array | null;

  constructor(
    readonly model: EmbeddingBagModel,
    readonly settings: ClassifierSettings,
    /** The O*NET title dictionary blended in; without it, the model alone. */
    readonly titleIndex: TitleIndex | null = null,
    readonly ensemble: EnsembleSettings | null = null,
    /** The prior of the titles to code, one share per label (class-prior.ts); used with ensemble.priorExponent. */
    readonly prior: Float64Array | null = null,
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
    const majors = new Map<string, number>();
    this.majorOfSoc = Int32Array.from(this.socLabels, (l) => {
      if (!majors.has(l.major)) majors.set(l.major, majors.size);
      return majors.get(l.major)!;
    });
    this.majorCount = majors.size;
    this.known = new Set(settings.knownWords);
    this.priorWeights = priorCorrection(settings.labelShares, prior, ensemble?.priorExponent ?? 0);
  }

  /**
   * The same model with a title dictionary blended in (or, with null, without one), and with
   * `prior` (default: the one it has) for the prior correction.
   */
  withTitleIndex(index: TitleIndex | null, ensemble: EnsembleSettings = DEFAULT_ENSEMBLE, prior: Float64Array | null = this.prior): OccupationClassifier {
    return new OccupationClassifier(this.model, this.settings, index, index ? ensemble : null, prior);
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
    return this.classify(items, k, false).map((d) => d.classification);
  }

  /** `predict` with each answer's confidence features (what `npm run eval:classifier` fits the learned confidence on). */
  predictDetailed(items: readonly ClassifyItem[], k = 5): DetailedClassification[] {
    return this.classify(items, k, true);
  }

  /** The features are computed only when asked for or when the learned confidence needs them. */
  private classify(items: readonly ClassifyItem[], k: number, wantFeatures: boolean): DetailedClassification[] {
    const learned = this.ensemble?.confidence ?? null;
    const withFeatures = wantFeatures || learned !== null;
    const classes = this.settings.labels.length;
    const probs = this.probabilities(items);
    const socProbs = new Float64Array(this.socLabels.length);
    const bestChild = new Int32Array(this.socLabels.length);
    const blended = new Float64Array(classes);
    const majorProbs = new Float64Array(this.majorCount);
    const dictionarySoc = new Map<number, number>();
    return items.map((item, i) => {
      const words = titleWords(item.title ?? '');
      const hasDescription = Boolean(item.description && item.description.trim());
      if (words.length === 0 && !hasDescription) {
        return { classification: { soc: [], predictions: [], confidence: 0, needsReview: true, reason: 'empty_input' }, features: null };
      }
      const match = this.titleIndex && item.title ? this.titleIndex.lookup(item.title, item.employer) : null;
      const p = this.blend(this.correctPrior(probs.subarray(i * classes, (i + 1) * classes)), match, blended);
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
      const ranked = topK(socProbs, Math.max(k, 2));
      const soc = ranked.slice(0, k).map((s) => {
        const l = this.socLabels[s];
        const child = this.settings.labels[bestChild[s]];
        return { ...l, onetCode: child.onetCode, onetTitle: child.title, probability: socProbs[s] };
      });
      const knownShare = words.length > 0 ? words.filter((w) => this.known.has(w)).length / words.length : 0;
      const features = withFeatures ? this.confidenceInputs(socProbs, ranked, match, majorProbs, dictionarySoc, knownShare, words.length, item.title ?? '') : null;
      const confidence = learned && features ? scoreConfidence(learned, features) : (soc[0]?.probability ?? 0);
      // A title none of whose words was ever seen in training is guesswork, whatever the softmax says.
      const unknown = words.length > 0 ? knownShare === 0 : false;
      const reason: ReviewReason | null = unknown ? 'unknown_words' : confidence < this.threshold ? 'below_threshold' : null;
      return { classification: { soc, predictions, confidence, needsReview: reason !== null, reason }, features };
    });
  }

  /** The learned confidence's inputs, from the whole SOC distribution (not the top k); `majorProbs` and `dictionarySoc` are scratch buffers. */
  private confidenceInputs(
    socProbs: Float64Array,
    ranked: readonly number[],
    match: TitleMatch | null,
    majorProbs: Float64Array,
    dictionarySoc: Map<number, number>,
    knownWordShare: number,
    words: number,
    title: string,
  ): Float64Array {
    majorProbs.fill(0);
    for (let s = 0; s < socProbs.length; s++) majorProbs[this.majorOfSoc[s]] += socProbs[s];
    let dictionaryBest = -1;
    const found = match !== null && match.kind !== 'none';
    if (found) {
      dictionarySoc.clear();
      for (let j = 0; j < match.labels.length; j++) dictionarySoc.set(this.socOf[match.labels[j]], (dictionarySoc.get(this.socOf[match.labels[j]]) ?? 0) + match.weights[j]);
      let best = -Infinity;
      for (const [s, w] of dictionarySoc) if (w > best || (w === best && s < dictionaryBest)) [best, dictionaryBest] = [w, s];
    }
    return confidenceFeatures({
      top: socProbs[ranked[0]],
      second: ranked.length > 1 ? socProbs[ranked[1]] : 0,
      topMajor: majorProbs[this.majorOfSoc[ranked[0]]],
      dictionaryAgrees: dictionaryBest === ranked[0],
      dictionaryLabels: found ? match.labels.length : 0,
      knownWordShare,
      words,
      characters: title.trim().length,
    });
  }

  /** The row reweighted by the prior correction and renormalized, in place. */
  private correctPrior(p: Float32Array): Float32Array {
    const w = this.priorWeights;
    if (!w) return p;
    let sum = 0;
    for (let c = 0; c < p.length; c++) sum += p[c] *= w[c];
    if (sum > 0) for (let c = 0; c < p.length; c++) p[c] /= sum;
    return p;
  }

  /**
   * The model's probabilities mixed with the title dictionary's, written into `out`; the model's
   * own row when there is no match. A plain loop into a reused buffer: `Float64Array.from` with a
   * map function costs ~130 us a row (measured), more than the model itself.
   */
  private blend(p: Float32Array, match: TitleMatch | null, out: Float64Array): ArrayLike<number> {
    if (!this.ensemble || !match || match.kind === 'none') return p;
    const w = match.kind === 'exact' ? this.ensemble.exactWeight : this.ensemble.partialWeight * match.coverage;
    if (w <= 0) return p;
    const keep = 1 - w;
    for (let c = 0; c < p.length; c++) out[c] = p[c] * keep;
    for (let j = 0; j < match.labels.length; j++) out[match.labels[j]] += w * match.weights[j];
    return out;
  }
}

/**
 * (prior(c) / trainShare(c))^a, scaled to a mean of 1; null when there is nothing to correct (no
 * prior, a = 0, or a model trained before label shares were saved).
 */
export function priorCorrection(trainShares: readonly number[] | undefined, prior: ArrayLike<number> | null, exponent: number): Float64Array | null {
  if (!trainShares || !prior || exponent === 0) return null;
  if (prior.length !== trainShares.length) throw new Error(`The prior has ${prior.length} shares for ${trainShares.length} labels.`);
  // The floor keeps a label with no training example (none has one today) from dividing by zero.
  const floor = 1e-6;
  const w = Float64Array.from(trainShares, (t, c) => ((prior[c] + floor) / (t + floor)) ** exponent);
  const mean = w.reduce((a, b) => a + b, 0) / w.length;
  return w.map((x) => x / mean);
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
