import { loadConfig } from '@jobportal/config';
import { loadEmploymentProjections } from '../onet/bls';
import { loadOccupationCores, type OccupationCatalog } from '../onet/load-occupations';
import { alternateTitlePrior, catalogAlternateTitlePrior, openingsPrior } from './class-prior';
import { DEFAULT_FEATURE_CONFIG } from './featurize';
import { EmbeddingBagModel } from './model';
import { DEFAULT_ENSEMBLE, OccupationClassifier, priorCorrection } from './occupation-classifier';
import { TitleIndex } from './title-index';
import { createTinyModel, TINY_LABELS } from './tiny-model.fixture';
import { buildTrainingSet, labelsOf, type OccupationLabel } from './training-data';

const sum = (a: ArrayLike<number>) => Array.from(a).reduce((x, y) => x + y, 0);

describe('priorCorrection', () => {
  it('is nothing to do without label shares, without a prior or at exponent 0', () => {
    expect(priorCorrection(undefined, [0.5, 0.5], 1)).toBeNull();
    expect(priorCorrection([0.5, 0.5], null, 1)).toBeNull();
    expect(priorCorrection([0.5, 0.5], [0.9, 0.1], 0)).toBeNull();
  });

  it('weighs each label by (prior / training share)^exponent, scaled to a mean of 1', () => {
    const w = priorCorrection([0.5, 0.25, 0.25], [0.25, 0.25, 0.5], 1)!;
    // Ratios 0.5, 1, 2 (mean 7/6).
    expect(Array.from(w).map((x) => Number(x.toFixed(4)))).toEqual([0.4286, 0.8571, 1.7143]);
    const half = priorCorrection([0.5, 0.25, 0.25], [0.25, 0.25, 0.5], 0.5)!;
    expect(half[2] / half[0]).toBeCloseTo(2, 4);
  });

  it('refuses a prior of another length than the labels', () => {
    expect(() => priorCorrection([0.5, 0.5], [1], 1)).toThrow(/1 shares for 2 labels/);
  });
});

describe('OccupationClassifier with a prior correction', () => {
  const labels = TINY_LABELS;
  let model: EmbeddingBagModel;
  beforeAll(async () => {
    model = await createTinyModel();
  });
  afterAll(() => model.dispose());

  it('moves the answer towards a strong prior, keeps probabilities summing to 1, and leaves the model alone at exponent 0', () => {
    const settings = { features: DEFAULT_FEATURE_CONFIG, labels, temperature: 1, threshold: 0.5, knownWords: ['analyst'], labelShares: [1 / 3, 1 / 3, 1 / 3] };
    const plain = new OccupationClassifier(model, settings);
    const item = { title: 'Analyst' };
    const before = plain.predict([item], 3)[0];
    // An untrained model is close to uniform, so a prior 1,000 times stronger for one label decides.
    const target = before.predictions[2].onetCode === '15-1252.00' ? 0 : 2;
    const prior = Float64Array.from([0, 1, 2], (c) => (c === target ? 0.998 : 0.001));
    const index = new TitleIndex([]);
    const corrected = plain.withTitleIndex(index, { ...DEFAULT_ENSEMBLE, priorExponent: 1 }, prior).predict([item], 3)[0];
    expect(corrected.predictions[0].onetCode).toBe(labels[target].onetCode);
    expect(sum(corrected.predictions.map((p) => p.probability))).toBeCloseTo(1, 5);
    const off = plain.withTitleIndex(index, { ...DEFAULT_ENSEMBLE, priorExponent: 0 }, prior).predict([item], 3)[0];
    expect(off.predictions.map((p) => p.onetCode)).toEqual(before.predictions.map((p) => p.onetCode));
    expect(off.soc[0].probability).toBeCloseTo(before.soc[0].probability, 6);
  });
});

describe('class priors from the O*NET and BLS tables', () => {
  let catalog: OccupationCatalog;
  let labels: OccupationLabel[];
  beforeAll(async () => {
    catalog = await loadOccupationCores(loadConfig().data.dir);
    labels = labelsOf(catalog.occupations.values());
  });
  const shareOf = (prior: Float64Array, soc: string) => sum(labels.map((l, i) => (l.socCode === soc ? prior[i] : 0)));

  it('alternate-title prior: counted on training rows, largest for the "All Other" production occupation', () => {
    const set = buildTrainingSet(catalog.occupations.values());
    const prior = alternateTitlePrior(set.train, labels.length);
    expect(sum(prior)).toBeCloseTo(1, 6);
    expect(Math.min(...prior)).toBeGreaterThan(0);
    const top = prior.indexOf(Math.max(...prior));
    expect(labels[top].socCode).toBe('51-9199');
    // The catalog version (production) agrees on the order of magnitude.
    const catalogPrior = catalogAlternateTitlePrior(catalog.occupations.values(), labels);
    expect(catalogPrior[top] / prior[top]).toBeGreaterThan(0.8);
    expect(catalogPrior[top] / prior[top]).toBeLessThan(1.25);
  });

  it('openings prior: fast-food workers far ahead of ship engineers, every label above 0', async () => {
    const prior = openingsPrior(catalog.occupations.values(), labels, await loadEmploymentProjections(loadConfig().data.dir));
    expect(sum(prior)).toBeCloseTo(1, 6);
    expect(Math.min(...prior)).toBeGreaterThan(0);
    expect(shareOf(prior, '35-3023') / shareOf(prior, '53-5031')).toBeGreaterThan(100);
  });
});
