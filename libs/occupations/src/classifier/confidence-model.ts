// Module-level aliases: in Jest's sandbox every `Math.x` lookup goes through the context's global
// object (see calibration.ts).
const { exp, log, max, min } = Math;

/**
 * A learned confidence: the probability that the classifier's top SOC code is right, from a
 * logistic regression over what the ensemble knows about its answer, not from the top code's
 * probability alone. Fitted on the calibration split by `npm run eval:classifier`.
 *
 * Why: the blended top probability ranks right and wrong codes only so well (AUC 0.755 on the
 * held-out titles), so the threshold that keeps codes above it 85% right passed only 12.5% of
 * them. The margin to the second code, how much of the probability sits in the top code's major
 * group, whether the O*NET title dictionary agrees and how ambiguous its entry is, and how much
 * of the title the model knows separate them better (docs/classifier.md, "Learned confidence").
 */
export interface ConfidenceModel {
  /** One weight per entry of CONFIDENCE_FEATURES, in that order. */
  weights: readonly number[];
  bias: number;
}

/** The features, in order; `confidenceFeatures` computes them. */
export const CONFIDENCE_FEATURES = [
  'logit of the top SOC probability',
  'top minus second SOC probability',
  'log of the second SOC probability',
  'log of the top major group probability',
  'the dictionary match agrees with the top code',
  'dictionary match: O*NET occupations under the title (/10, at most 1)',
  'share of title words seen in training',
  'title words (/6, at most 1)',
  'title characters (/60, at most 1)',
] as const;

export interface ConfidenceInputs {
  /** Probability of the top SOC code, of the second, and of the top code's major group. */
  top: number;
  second: number;
  topMajor: number;
  /** Whether the title dictionary found the title and its best code is the top code. */
  dictionaryAgrees: boolean;
  /** O*NET occupations the dictionary's entry lists (0 when not found). */
  dictionaryLabels: number;
  knownWordShare: number;
  words: number;
  characters: number;
}

const EPS = 1e-6;
const clamp = (x: number) => min(1 - EPS, max(EPS, x));

export function confidenceFeatures(x: ConfidenceInputs): Float64Array {
  const p1 = clamp(x.top);
  return Float64Array.of(
    log(p1 / (1 - p1)),
    x.top - x.second,
    log(max(EPS, x.second)),
    log(clamp(x.topMajor)),
    x.dictionaryAgrees ? 1 : 0,
    min(x.dictionaryLabels, 10) / 10,
    x.knownWordShare,
    min(x.words, 6) / 6,
    min(x.characters, 60) / 60,
  );
}

export function scoreConfidence(model: ConfidenceModel, features: ArrayLike<number>): number {
  let z = model.bias;
  for (let j = 0; j < features.length; j++) z += model.weights[j] * features[j];
  return 1 / (1 + exp(-z));
}

export interface FitOptions {
  /** L2 penalty on the weights (not the bias). */
  l2?: number;
  iterations?: number;
  learningRate?: number;
}

/**
 * Logistic regression by full-batch gradient descent on the mean log loss plus an L2 penalty:
 * deterministic (no sampling), and a few thousand rows of 9 features take well under a second.
 */
export function fitConfidenceModel(X: readonly ArrayLike<number>[], y: readonly boolean[], options: FitOptions = {}): ConfidenceModel {
  const { l2 = 1e-3, iterations = 10_000, learningRate = 0.5 } = options;
  if (X.length === 0) throw new Error('fitConfidenceModel needs at least one example.');
  if (X.length !== y.length) throw new Error(`fitConfidenceModel: ${X.length} feature rows for ${y.length} labels.`);
  const d = X[0].length;
  const w = new Float64Array(d);
  let b = 0;
  const g = new Float64Array(d);
  for (let it = 0; it < iterations; it++) {
    g.fill(0);
    let gb = 0;
    for (let i = 0; i < X.length; i++) {
      const x = X[i];
      let z = b;
      for (let j = 0; j < d; j++) z += w[j] * x[j];
      const e = 1 / (1 + exp(-z)) - (y[i] ? 1 : 0);
      for (let j = 0; j < d; j++) g[j] += e * x[j];
      gb += e;
    }
    for (let j = 0; j < d; j++) w[j] -= learningRate * (g[j] / X.length + l2 * w[j]);
    b -= learningRate * (gb / X.length);
  }
  return { weights: Array.from(w), bias: b };
}

/**
 * Out-of-fold scores: row i is scored by a model fitted without its fold (i mod folds), so a
 * threshold chosen on them is chosen on scores the model did not fit, as the held-out titles'
 * and the postings' will be.
 */
export function crossFittedScores(X: readonly ArrayLike<number>[], y: readonly boolean[], folds = 5, options: FitOptions = {}): number[] {
  const out = new Array<number>(X.length);
  for (let k = 0; k < folds; k++) {
    const train: number[] = [];
    const test: number[] = [];
    X.forEach((_, i) => (i % folds === k ? test : train).push(i));
    if (test.length === 0) continue;
    const m = fitConfidenceModel(
      train.map((i) => X[i]),
      train.map((i) => y[i]),
      options,
    );
    for (const i of test) out[i] = scoreConfidence(m, X[i]);
  }
  return out;
}
