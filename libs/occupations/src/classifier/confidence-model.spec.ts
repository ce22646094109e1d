import { createRng } from '@jobportal/postings';
import { CONFIDENCE_FEATURES, confidenceFeatures, crossFittedScores, fitConfidenceModel, scoreConfidence } from './confidence-model';
import { DEFAULT_FEATURE_CONFIG } from './featurize';
import { EmbeddingBagModel } from './model';
import { rankingAuc } from './ensemble-eval';
import { DEFAULT_ENSEMBLE, OccupationClassifier } from './occupation-classifier';
import { toPostingSoc } from './posting-soc';
import { TitleIndex } from './title-index';
import { createTinyModel, TINY_LABELS } from './tiny-model.fixture';

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe('fitConfidenceModel', () => {
  // y ~ Bernoulli(sigmoid(2 x0 - 1)); x1 is noise.
  const rng = createRng(5, 1);
  const X = Array.from({ length: 4000 }, () => Float64Array.of(rng.next() * 4 - 2, rng.next() * 4 - 2));
  const y = X.map((x) => rng.next() < sigmoid(2 * x[0] - 1));

  it('recovers the weights of a logistic relationship, and is deterministic', () => {
    const m = fitConfidenceModel(X, y, { l2: 0 });
    expect(m.weights[0]).toBeGreaterThan(1.7);
    expect(m.weights[0]).toBeLessThan(2.3);
    expect(Math.abs(m.weights[1])).toBeLessThan(0.2);
    expect(m.bias).toBeGreaterThan(-1.3);
    expect(m.bias).toBeLessThan(-0.7);
    expect(fitConfidenceModel(X, y, { l2: 0 })).toEqual(m);
    expect(scoreConfidence(m, [1, 0])).toBeCloseTo(sigmoid(m.weights[0] + m.bias), 10);
  });

  it('refuses no rows and mismatched labels', () => {
    expect(() => fitConfidenceModel([], [])).toThrow(/at least one/);
    expect(() => fitConfidenceModel([[1]], [true, false])).toThrow(/1 feature rows for 2 labels/);
  });
});

describe('crossFittedScores', () => {
  it('scores each row with a model that did not see its fold', () => {
    // Identical features; fold 0 (even rows) all right, fold 1 (odd rows) all wrong. In-fold scores
    // would be high for even rows; out-of-fold they come from the other fold and are low.
    const X = Array.from({ length: 200 }, () => [1]);
    const y = X.map((_, i) => i % 2 === 0);
    const oof = crossFittedScores(X, y, 2, { iterations: 2000 });
    expect(Math.max(...oof.filter((_, i) => i % 2 === 0))).toBeLessThan(0.1);
    expect(Math.min(...oof.filter((_, i) => i % 2 === 1))).toBeGreaterThan(0.9);
  });
});

describe('confidenceFeatures', () => {
  it('computes the features in CONFIDENCE_FEATURES order, clamped', () => {
    const f = confidenceFeatures({ top: 0.5, second: 0.25, topMajor: 1, dictionaryAgrees: true, dictionaryLabels: 20, knownWordShare: 0.5, words: 3, characters: 120 });
    expect(f).toHaveLength(CONFIDENCE_FEATURES.length);
    expect(f[0]).toBeCloseTo(0, 10);
    expect(f[1]).toBeCloseTo(0.25, 10);
    expect(f[2]).toBeCloseTo(Math.log(0.25), 10);
    expect(f[3]).toBeLessThan(0);
    expect(f[3]).toBeGreaterThan(-1e-5);
    expect(Array.from(f.slice(4))).toEqual([1, 1, 0.5, 0.5, 1]);
  });
});

describe('OccupationClassifier with a learned confidence', () => {
  const labels = TINY_LABELS;
  const settings = { features: DEFAULT_FEATURE_CONFIG, labels, temperature: 1, threshold: 0.5, knownWords: ['analyst'] };
  let model: EmbeddingBagModel;
  beforeAll(async () => {
    model = await createTinyModel();
  });
  afterAll(() => model.dispose());

  it('gives the learned probability as the confidence, flags by it, and the posting carries it', () => {
    const plain = new OccupationClassifier(model, settings);
    const item = { title: 'Analyst' };
    const before = plain.predictDetailed([item], 3)[0];
    // Without a learned confidence: the top code's probability.
    expect(before.classification.confidence).toBe(before.classification.soc[0].probability);
    expect(before.features).toHaveLength(CONFIDENCE_FEATURES.length);
    const index = new TitleIndex([]);
    const sure = plain.withTitleIndex(index, { ...DEFAULT_ENSEMBLE, priorExponent: 0, threshold: 0.9, confidence: { weights: CONFIDENCE_FEATURES.map(() => 0), bias: 4 } });
    const unsure = plain.withTitleIndex(index, { ...DEFAULT_ENSEMBLE, priorExponent: 0, threshold: 0.9, confidence: { weights: CONFIDENCE_FEATURES.map(() => 0), bias: -4 } });
    const a = sure.predict([item], 3)[0];
    const b = unsure.predict([item], 3)[0];
    expect(a.confidence).toBeCloseTo(sigmoid(4), 10);
    expect(a.needsReview).toBe(false);
    expect(b.confidence).toBeCloseTo(sigmoid(-4), 10);
    expect(b).toMatchObject({ needsReview: true, reason: 'below_threshold' });
    // The codes themselves do not change with the confidence.
    expect(a.soc.map((s) => s.code)).toEqual(before.classification.soc.map((s) => s.code));
    expect(toPostingSoc(a)!.confidence).toBe(Math.round(sigmoid(4) * 10_000) / 10_000);
  });

  it('depends on the answer through its features', () => {
    const plain = new OccupationClassifier(model, settings);
    // Weight only on "title characters": a longer title is more confident.
    const weights = CONFIDENCE_FEATURES.map((f) => (f.startsWith('title characters') ? 5 : 0));
    const c = plain.withTitleIndex(new TitleIndex([]), { ...DEFAULT_ENSEMBLE, priorExponent: 0, confidence: { weights, bias: -2 } });
    const [short, long] = c.predict([{ title: 'Analyst' }, { title: 'Analyst analyst analyst analyst analyst' }], 1);
    expect(long.confidence).toBeGreaterThan(short.confidence);
    expect(short.confidence).toBeCloseTo(sigmoid(-2 + (5 * 'Analyst'.length) / 60), 10);
  });
});

describe('rankingAuc', () => {
  const result = (confidence: number, code: string) => ({ confidence, soc: [{ code }] });
  const items = [{ title: 'a', soc: '11-1011' }, { title: 'b', soc: '11-1011' }, { title: 'c', soc: '11-1011' }, { title: 'd', soc: '11-1011' }];

  it('is 1 when every right code is more confident than every wrong one, 0 when reversed, 0.5 on ties', () => {
    const right = '11-1011';
    const wrong = '13-2011';
    expect(rankingAuc([result(0.9, right), result(0.8, right), result(0.2, wrong), result(0.1, wrong)], items)).toBe(1);
    expect(rankingAuc([result(0.1, right), result(0.2, right), result(0.8, wrong), result(0.9, wrong)], items)).toBe(0);
    expect(rankingAuc([result(0.5, right), result(0.5, wrong), result(0.5, right), result(0.5, wrong)], items)).toBe(0.5);
    // One of the four right-wrong pairs out of order.
    expect(rankingAuc([result(0.9, right), result(0.3, right), result(0.4, wrong), result(0.1, wrong)], items)).toBe(0.75);
    expect(rankingAuc([result(0.9, right)], items.slice(0, 1))).toBeNaN();
  });
});
