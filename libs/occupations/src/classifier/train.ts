import { createHash } from 'node:crypto';
import * as tf from '@tensorflow/tfjs';
import type { OccupationCore } from '../onet/occupation';
import type { TrainingMetadata } from './artifact';
import { fitTemperature } from './calibration';
import { evaluateAnswers, type EvaluationMetrics, type RankedAnswer } from './evaluate';
import { DEFAULT_FEATURE_CONFIG, featurize, titleWords, type FeatureConfig } from './featurize';
import { EmbeddingBagModel, fit, packBatch } from './model';
import { OccupationClassifier, topK } from './occupation-classifier';
import { createRng, shuffle } from './rng';
import { TfidfNearestTitle } from './tfidf-baseline';
import { buildTrainingSet, DEFAULT_SPLIT, type Example, type ExtraExample, type SplitOptions, type TrainingSet } from './training-data';

export interface TrainOptions {
  seed: number;
  dim: number;
  features: FeatureConfig;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Share of feature ids dropped per training example (see fit). */
  featureDropout: number;
  /** Confidence under which a classification is flagged for review. */
  threshold: number;
  split: Omit<SplitOptions, 'seed'>;
  /** Train on this share of the training examples only (tests use a fraction to run in a minute). */
  trainShare: number;
  onProgress?: (event: TrainProgress) => void;
  /** Titles coded by analysts (review-queue corrections), added to the training examples. */
  extraExamples?: readonly ExtraExample[];
}

export type TrainProgress =
  | { kind: 'data'; train: number; calibration: number; evaluation: number; labels: number }
  | { kind: 'batch'; epoch: number; batch: number; batches: number }
  | { kind: 'epoch'; epoch: number; epochs: number; loss: number; seconds: number }
  | { kind: 'calibrated'; temperature: number };

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  seed: 42,
  dim: 64,
  features: DEFAULT_FEATURE_CONFIG,
  epochs: 10,
  batchSize: 256,
  learningRate: 0.01,
  featureDropout: 0.25,
  threshold: 0.5,
  split: DEFAULT_SPLIT,
  trainShare: 1,
};

export interface TrainResult {
  classifier: OccupationClassifier;
  metadata: TrainingMetadata;
  trainingSet: TrainingSet;
}

/**
 * Trains, calibrates and evaluates a classifier on O*NET. Deterministic for a seed on a given
 * backend (wasm and cpu round differently): the split, example order and initial weights all
 * derive from it.
 */
export async function trainClassifier(
  occupations: Iterable<OccupationCore>,
  onetVersion: string,
  options: Partial<TrainOptions> = {},
): Promise<TrainResult> {
  const o: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const started = Date.now();
  const trainingSet = buildTrainingSet(occupations, { ...o.split, seed: o.seed }, o.extraExamples);
  let train = trainingSet.train;
  if (o.trainShare < 1) train = shuffle([...train], createRng(o.seed, 7)).slice(0, Math.ceil(train.length * o.trainShare));
  const { labels, calibration, evaluation } = trainingSet;
  o.onProgress?.({ kind: 'data', train: train.length, calibration: calibration.length, evaluation: evaluation.length, labels: labels.length });

  const features = train.map((e) => featurize(e, o.features));
  const y = Int32Array.from(train, (e) => e.label);
  const model = EmbeddingBagModel.create({ buckets: o.features.buckets, dim: o.dim, classes: labels.length }, o.seed);
  const orderRng = createRng(o.seed, 2);
  const { losses } = await fit(
    model,
    features,
    y,
    () => shuffle(Int32Array.from({ length: features.length }, (_, i) => i), orderRng),
    {
      epochs: o.epochs,
      batchSize: o.batchSize,
      learningRate: o.learningRate,
      finalLearningRateShare: 0.05,
      featureDropout: o.featureDropout,
      rng: createRng(o.seed, 3),
      onBatchEnd: (epoch, batch, batches) => o.onProgress?.({ kind: 'batch', epoch: epoch + 1, batch, batches }),
      onEpochEnd: (epoch, loss, seconds) => o.onProgress?.({ kind: 'epoch', epoch, epochs: o.epochs, loss, seconds }),
    },
  );

  const calibrationLogits = logitsOf(model, calibration, o.features);
  const temperature = fitTemperature(calibrationLogits, Int32Array.from(calibration, (e) => e.label), labels.length);
  o.onProgress?.({ kind: 'calibrated', temperature });

  const knownWords = [...new Set(train.flatMap((e) => titleWords(e.title)))].sort();
  const counts = new Float64Array(labels.length);
  for (const e of train) counts[e.label]++;
  const labelShares = Array.from(counts, (n) => n / Math.max(1, train.length));
  const classifier = new OccupationClassifier(model, { features: o.features, labels, temperature, threshold: o.threshold, knownWords, labelShares });
  const metadata: TrainingMetadata = {
    seed: o.seed,
    trainedAt: new Date().toISOString(),
    onetVersion,
    backend: tf.getBackend(),
    trainingSeconds: (Date.now() - started) / 1000,
    examples: { train: train.length, calibration: calibration.length, evaluation: evaluation.length, ...(trainingSet.extra ? { corrections: trainingSet.extra.used } : {}) },
    split: { ...o.split, seed: o.seed, trainShare: o.trainShare, fingerprint: splitFingerprint(trainingSet) },
    hyperparameters: { dim: o.dim, buckets: o.features.buckets, epochs: o.epochs, batchSize: o.batchSize, learningRate: o.learningRate, featureDropout: o.featureDropout },
    losses,
  };
  metadata.evaluation = evaluateClassifier(classifier, evaluation);
  return { classifier, metadata, trainingSet };
}

/**
 * Identifies the held-out split (its titles and labels), so evaluation can check that it scores a
 * model on the very titles that model never saw.
 */
export function splitFingerprint(set: TrainingSet): string {
  const h = createHash('sha256');
  for (const e of [...set.calibration, ...set.evaluation]) h.update(`${set.labels[e.label].onetCode}\t${e.title}\n`);
  return h.digest('hex').slice(0, 16);
}

function logitsOf(model: EmbeddingBagModel, examples: readonly Example[], features: FeatureConfig): Float32Array {
  const classes = model.shape.classes;
  const out = new Float32Array(examples.length * classes);
  for (let start = 0; start < examples.length; start += 1024) {
    const chunk = examples.slice(start, start + 1024);
    out.set(model.predictLogits(packBatch(chunk.map((e) => featurize(e, features)))), start * classes);
  }
  return out;
}

/** The classifier's ranked answers (SOC codes and major groups by summed probability). */
export function classifierAnswers(classifier: OccupationClassifier, examples: readonly Example[]): RankedAnswer[] {
  const labels = classifier.labels;
  const classes = labels.length;
  const probs = classifier.probabilities(examples);
  return examples.map((_, i) => {
    const p = probs.subarray(i * classes, (i + 1) * classes);
    const bySoc = new Map<string, number>();
    const byMajor = new Map<string, number>();
    labels.forEach((l, c) => {
      bySoc.set(l.socCode, (bySoc.get(l.socCode) ?? 0) + p[c]);
      byMajor.set(l.major, (byMajor.get(l.major) ?? 0) + p[c]);
    });
    const rank = (m: Map<string, number>) => {
      const keys = [...m.keys()];
      return topK(Float64Array.from(keys, (k) => m.get(k)!), 5).map((j) => keys[j]);
    };
    const soc = rank(bySoc);
    return { soc, majors: rank(byMajor), confidence: bySoc.get(soc[0]) ?? 0 };
  });
}

export function evaluateClassifier(classifier: OccupationClassifier, examples: readonly Example[]): EvaluationMetrics {
  const labels = classifier.labels;
  return evaluateAnswers(
    classifierAnswers(classifier, examples),
    examples.map((e) => ({ soc: labels[e.label].socCode, major: labels[e.label].major })),
    classifier.settings.threshold,
  );
}

export type BaselineVariant = 'occupation-titles' | 'all-training-titles';

/**
 * The seed-style TF-IDF nearest-title coder on the same held-out split: over the 1,016 O*NET
 * occupation titles, or over every title the classifier trains on (official, alternate, short,
 * reported; never a held-out one).
 */
export function evaluateTfidfBaseline(set: TrainingSet, variant: BaselineVariant): EvaluationMetrics {
  const docs =
    variant === 'occupation-titles'
      ? set.labels.map((l, label) => ({ text: l.title, label }))
      : set.train.filter((e) => e.title && e.source !== 'noisy-title').map((e) => ({ text: e.title, label: e.label }));
  const index = new TfidfNearestTitle(docs);
  const answers: RankedAnswer[] = set.evaluation.map((e) => {
    const hits = index.query(e.title, 50);
    const soc: string[] = [];
    const majors: string[] = [];
    for (const h of hits) {
      const l = set.labels[h.label];
      if (!soc.includes(l.socCode)) soc.push(l.socCode);
      if (!majors.includes(l.major)) majors.push(l.major);
    }
    return { soc, majors, confidence: null };
  });
  return evaluateAnswers(
    answers,
    set.evaluation.map((e) => ({ soc: set.labels[e.label].socCode, major: set.labels[e.label].major })),
    null,
  );
}
