import { loadConfig } from '@jobportal/config';
import { loadOccupationCores } from '../onet/load-occupations';
import type { OccupationCore } from '../onet/occupation';
import { TfidfNearestTitle } from './tfidf-baseline';
import { buildTrainingSet, DEFAULT_SPLIT, titleKey, type TrainingSet } from './training-data';

describe('training data from the real O*NET tables', () => {
  let occupations: OccupationCore[];
  let set: TrainingSet;
  beforeAll(async () => {
    occupations = [...(await loadOccupationCores(loadConfig().data.dir)).occupations.values()];
    set = buildTrainingSet(occupations, DEFAULT_SPLIT);
  }, 60_000);

  it('holds out ~10% of alternate titles for evaluation and ~5% for calibration, stratified by occupation', () => {
    expect(set.labels).toHaveLength(1016);
    expect(set.evaluation.length).toBeGreaterThan(5000);
    expect(set.calibration.length).toBeGreaterThan(2500);
    const evalPerOccupation = new Set(set.evaluation.map((e) => e.label));
    expect(evalPerOccupation.size).toBeGreaterThan(900);
  });

  it('never trains on a held-out title, under any source or occupation', () => {
    const heldOut = new Set([...set.evaluation, ...set.calibration].map((e) => titleKey(e.title)));
    const leaked = set.train.filter((e) => e.source !== 'noisy-title' && heldOut.has(titleKey(e.title)));
    expect(leaked).toEqual([]);
  });

  it('keeps training titles for every occupation', () => {
    const withTitles = new Set(set.train.filter((e) => e.title).map((e) => e.label));
    expect(withTitles.size).toBe(1016);
  });

  it('is the same for the same seed and different for another', () => {
    const again = buildTrainingSet(occupations, DEFAULT_SPLIT);
    expect(again.evaluation).toEqual(set.evaluation);
    expect(again.train.slice(0, 50)).toEqual(set.train.slice(0, 50));
    const other = buildTrainingSet(occupations, { ...DEFAULT_SPLIT, seed: 7 });
    expect(other.evaluation).not.toEqual(set.evaluation);
  });
});

describe('TF-IDF nearest-title baseline', () => {
  it('ranks labels by the cosine of their best title', () => {
    const index = new TfidfNearestTitle([
      { text: 'Registered Nurses', label: 0 },
      { text: 'Nurse Practitioners', label: 1 },
      { text: 'Cooks, Restaurant', label: 2 },
    ]);
    const hits = index.query('Registered Nurses Supervisor');
    expect(hits.map((h) => h.label)).toEqual([0]);
    expect(index.query('restaurant cooks')[0].label).toBe(2);
    expect(index.query('zzz')).toEqual([]);
  });
});
