import { loadConfig } from '@jobportal/config';
import { loadOccupationCores } from '../onet/load-occupations';
import { thresholdForPrecision, wilsonLower } from './ensemble-eval';
import type { Classification } from './occupation-classifier';
import { TitleIndex } from './title-index';
import { normalizeTitle, singular } from './title-normalizer';
import { buildTrainingSet, labelsOf, titleKey } from './training-data';

describe('normalizeTitle', () => {
  it.each([
    ['Sr. Software Engineer II - Austin, TX (Remote) #R1234', 'software engineer'],
    ['SENIOR DATA ENGINEER', 'data engineer'],
    ['Registered Nurse - ICU - Nights', 'registered nurse'],
    ['Lead Data Engineer - Remote', 'data engineer'],
    ['Business Analyst : 20-02088', 'business analyst'],
    ['Mover / Helper | $16.25 - $20.25/hr! (Oakland)', 'mover'],
    ['Data Center Engineer - Pittsburgh', 'data center engineer'],
    ['Customer Service Rep at Acme Corp', 'customer service representative'],
    ['Branch Office Administrator - Tuscumbia, AL', 'branch office administrator'],
    ['Medical Assistant', 'medical assistant'],
    ['Sales Associate', 'sales associate'],
    ['Associate', 'associate'],
    ['Constructor', 'constructor'],
  ])('%s -> %s', (title, key) => {
    expect(normalizeTitle(title).key).toBe(key);
  });

  it('removes the employer named with the posting', () => {
    expect(normalizeTitle('Gigster Senior Data Engineer', 'Gigster, Inc.').key).toBe('data engineer');
  });

  it('leaves nothing of a title that names no occupation', () => {
    expect(normalizeTitle('(Remote) - Full Time').key).toBe('');
    expect(normalizeTitle('').key).toBe('');
  });

  it('singularizes plurals without breaking -ss and -us words', () => {
    expect(['nurses', 'secretaries', 'boxes', 'analyst', 'business', 'campus'].map(singular)).toEqual(['nurse', 'secretary', 'box', 'analyst', 'business', 'campus']);
  });
});

describe('TitleIndex', () => {
  let catalog: Awaited<ReturnType<typeof loadOccupationCores>>;
  beforeAll(async () => {
    catalog = await loadOccupationCores(loadConfig().data.dir);
  });

  it('finds O*NET titles exactly, in any case, word order and number, and through posting noise', () => {
    const labels = labelsOf(catalog.occupations.values());
    const index = TitleIndex.fromOccupations(catalog.occupations.values(), labels);
    const top = (title: string) => {
      const m = index.lookup(title);
      let best = 0;
      m.weights.forEach((w, j) => (best = w > m.weights[best] ? j : best));
      return { kind: m.kind, soc: m.labels.length ? labels[m.labels[best]].socCode : null };
    };
    expect(top('REGISTERED NURSES')).toEqual({ kind: 'exact', soc: '29-1141' });
    expect(top('Sr. Registered Nurse - Remote')).toEqual({ kind: 'exact', soc: '29-1141' });
    expect(top('Registered Nurse Pediatric Oncology Float Pool').kind).not.toBe('exact');
    expect(top('Dental Hygienist, Skyline Smiles').soc).toBe('29-1292');
    expect(top('qwerty asdf')).toEqual({ kind: 'none', soc: null });
  });

  it('built from training rows, holds no held-out title (no leakage into the evaluation)', () => {
    const set = buildTrainingSet(catalog.occupations.values());
    const index = TitleIndex.fromExamples(set.train);
    const train = new Set(set.train.map((e) => titleKey(e.title)));
    const leaked = set.evaluation.filter((e) => {
      const m = index.lookup(e.title);
      // An exact hit on the raw title would mean the held-out title itself is in the dictionary.
      return m.kind === 'exact' && train.has(titleKey(e.title));
    });
    expect(set.evaluation.length).toBeGreaterThan(5000);
    expect(leaked).toEqual([]);
  });
});

describe('thresholdForPrecision', () => {
  const result = (confidence: number, code: string): Classification => ({
    soc: [{ code, title: '', major: code.slice(0, 2), majorTitle: '', onetCode: `${code}.00`, onetTitle: '', probability: confidence }],
    predictions: [],
    confidence,
    needsReview: false,
    reason: null,
  });

  it('picks the lowest threshold whose codes above are right often enough', () => {
    // 100 items: confidence i/100, right when i >= 40 or i is even.
    const items = Array.from({ length: 100 }, (_, i) => ({ title: `t${i}`, soc: '11-1011' }));
    const results = items.map((_, i) => result(i / 100, i >= 40 || i % 2 === 0 ? '11-1011' : '13-2011'));
    const t = thresholdForPrecision(results, items, 0.85, 10);
    const above = results.filter((r) => r.confidence >= t);
    const right = above.filter((r) => r.soc[0].code === '11-1011').length;
    expect(right / above.length).toBeGreaterThanOrEqual(0.85);
    // One step lower would fall under the target.
    const lower = results.filter((r) => r.confidence >= t - 0.01);
    expect(lower.filter((r) => r.soc[0].code === '11-1011').length / lower.length).toBeLessThan(0.85);
  });

  it('with z > 0, asks the lower Wilson bound to reach the target: a higher threshold, fewer codes above', () => {
    const items = Array.from({ length: 400 }, (_, i) => ({ title: `t${i}`, soc: '11-1011' }));
    // Right with a probability that rises with the confidence (deterministic: every k-th wrong).
    const results = items.map((_, i) => result(i / 400, i % Math.max(2, Math.round(i / 20)) === 0 ? '13-2011' : '11-1011'));
    const plain = thresholdForPrecision(results, items, 0.85);
    const strict = thresholdForPrecision(results, items, 0.85, 50, 1.28);
    expect(strict).toBeGreaterThan(plain);
    const above = results.filter((r) => r.confidence >= strict);
    const share = above.filter((r) => r.soc[0].code === '11-1011').length / above.length;
    expect(wilsonLower(Math.round(share * above.length), above.length, 1.28)).toBeGreaterThanOrEqual(0.85);
  });

  it('computes the Wilson lower bound', () => {
    expect(wilsonLower(85, 100, 0)).toBeCloseTo(0.85, 10);
    // 85 of 100 at z = 1.96: 0.767 (the textbook value).
    expect(wilsonLower(85, 100, 1.96)).toBeCloseTo(0.767, 3);
    expect(wilsonLower(0, 0, 1.28)).toBe(0);
  });

  it('is 1 when no threshold reaches the target', () => {
    const items = Array.from({ length: 60 }, (_, i) => ({ title: `t${i}`, soc: '11-1011' }));
    expect(thresholdForPrecision(items.map((_, i) => result(i / 60, '13-2011')), items, 0.85)).toBe(1);
  });
});
