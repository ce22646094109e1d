import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@jobportal/config';
import { loadOccupationCores, type OccupationCatalog } from '../onet/load-occupations';
import { classifierDir, loadClassifier, ModelArtifactError, saveClassifier } from './artifact';
import { toPostingSoc } from './posting-soc';
import { initTensorflow } from './tf-backend';
import { evaluateTfidfBaseline, trainClassifier, type TrainOptions, type TrainResult } from './train';

/**
 * A reduced model trained here, so the test needs no artifact CI does not build: same data,
 * split and features as `npm run train:classifier`, fewer epochs and dimensions (~1 minute on 2
 * cores). The floors are set well under what this reduced model scores (see docs/classifier.md)
 * and far above the TF-IDF baseline, so a broken featurizer, split, loss or calibration fails.
 */
const REDUCED: Partial<TrainOptions> = { seed: 42, epochs: 4, dim: 32 };
const FLOOR = { top1Soc: 0.36, top1Major: 0.66, top5Soc: 0.62 };

describe('occupation classifier trained on O*NET (reduced)', () => {
  let catalog: OccupationCatalog;
  let trained: TrainResult;

  beforeAll(async () => {
    await initTensorflow();
    catalog = await loadOccupationCores(loadConfig().data.dir);
    trained = await trainClassifier(catalog.occupations.values(), catalog.onetVersion, REDUCED);
  }, 240_000);

  it('scores above the floor on held-out titles, far ahead of the TF-IDF baseline', () => {
    const m = trained.metadata.evaluation!;
    expect(m.count).toBeGreaterThan(5000);
    expect(m.top1Soc).toBeGreaterThan(FLOOR.top1Soc);
    expect(m.top5Soc).toBeGreaterThan(FLOOR.top5Soc);
    expect(m.top1Major).toBeGreaterThan(FLOOR.top1Major);
    const baseline = evaluateTfidfBaseline(trained.trainingSet, 'occupation-titles');
    expect(m.top1Soc).toBeGreaterThan(baseline.top1Soc * 2);
    // Calibrated: the expected calibration error is small.
    expect(m.confidence!.ece).toBeLessThan(0.1);
  });

  it('puts obvious titles in the right major group', () => {
    const [rn, cdl, cook] = trained.classifier.predict([{ title: 'Registered Nurse' }, { title: 'CDL-A Truck Driver' }, { title: 'Line Cook' }]);
    expect(rn.soc[0]).toMatchObject({ code: '29-1141', major: '29' });
    expect(cdl.soc[0].major).toBe('53');
    expect(cook.soc[0].major).toBe('35');
    expect(rn.predictions).toHaveLength(5);
    expect(rn.soc[0].probability).toBeGreaterThan(rn.soc[1].probability);
    // What the ingest pipeline stores on the posting.
    expect(toPostingSoc(rn)).toMatchObject({
      code: '29-1141',
      onet_code: '29-1141.00',
      title: 'Registered Nurses',
      major: '29',
      major_title: 'Healthcare Practitioners and Technical Occupations',
      needs_review: false,
    });
  });

  it('flags empty and garbage input as needing review instead of hiding or trusting it', () => {
    const [empty, punctuation, garbage] = trained.classifier.predict([{ title: '' }, { title: '!!! 123' }, { title: 'asdfgh qwertz' }]);
    expect(empty).toMatchObject({ soc: [], predictions: [], confidence: 0, needsReview: true, reason: 'empty_input' });
    expect(punctuation).toMatchObject({ needsReview: true, reason: 'empty_input' });
    expect(garbage).toMatchObject({ needsReview: true, reason: 'unknown_words' });
    expect(garbage.soc).toHaveLength(5);
    expect(toPostingSoc(empty)).toBeNull();
    expect(toPostingSoc(garbage)?.needs_review).toBe(true);
  });

  it('uses the start of the description when the title alone is vague', () => {
    const [vague, nursing, kitchen] = trained.classifier.predict([
      { title: 'Associate' },
      { title: 'Associate', description: 'Provide direct patient care, administer medications and monitor vital signs on a hospital nursing unit.' },
      { title: 'Team Member', description: 'Prepare and cook menu items on the grill and fryer, keep the kitchen line clean.' },
    ]);
    // Healthcare practitioners (29) and support (31): the description says nursing, the title nothing.
    const healthcare = (c: typeof vague) => c.soc.filter((s) => s.major === '29' || s.major === '31').reduce((sum, s) => sum + s.probability, 0);
    expect(healthcare(nursing)).toBeGreaterThan(healthcare(vague) + 0.15);
    expect(kitchen.soc[0].major).toBe('35');
  });

  it('saves through a tf.io save handler and loads back with identical predictions', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'classifier-'));
    try {
      await saveClassifier(trained.classifier, dir, trained.metadata);
      const { classifier, metadata } = await loadClassifier(dir);
      expect(metadata.split.fingerprint).toBe(trained.metadata.split.fingerprint);
      const items = [{ title: 'Registered Nurse' }, { title: 'Welder', description: 'MIG and TIG welding of steel frames.' }];
      expect(classifier.predict(items)).toEqual(trained.classifier.predict(items));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a missing or foreign artifact is an error naming npm run train:classifier', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'classifier-'));
    try {
      await expect(loadClassifier(dir)).rejects.toThrow(ModelArtifactError);
      await expect(loadClassifier(dir)).rejects.toThrow(/npm run train:classifier/);
      await saveClassifier(trained.classifier, dir, trained.metadata);
      await writeFile(join(classifierDir(dir), 'model.json'), '{"format":"something-else"}');
      await expect(loadClassifier(dir)).rejects.toThrow(/npm run train:classifier/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is deterministic for a seed', async () => {
    const tiny: Partial<TrainOptions> = { seed: 3, epochs: 1, dim: 8, trainShare: 0.05 };
    const a = await trainClassifier(catalog.occupations.values(), catalog.onetVersion, tiny);
    const b = await trainClassifier(catalog.occupations.values(), catalog.onetVersion, tiny);
    expect(b.metadata.losses).toEqual(a.metadata.losses);
    expect(Buffer.from(b.classifier.model.table.buffer).equals(Buffer.from(a.classifier.model.table.buffer))).toBe(true);
    expect(b.classifier.model.kernel.dataSync()).toEqual(a.classifier.model.kernel.dataSync());
    a.classifier.model.dispose();
    b.classifier.model.dispose();
  }, 120_000);
});
