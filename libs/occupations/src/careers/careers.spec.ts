import { loadConfig } from '@jobportal/config';
import { loadTechnologySkills } from '@jobportal/postings';
import { loadOccupations, type OccupationCatalog } from '../onet/load-occupations';
import type { Occupation } from '../onet/occupation';
import { CareerCatalog, careerWeights, combineClassifications, fitOf, scoreCareers, titleConfidence } from './career-match';
import { educationToJobZones } from './job-zones';
import { FlatProfileError, fromOnetScale, interestCode, pearson, rankByInterests, scoreAnswers, toOnetScale, workValueSimilarity } from './profiler';
import { loadInterestProfilerItems } from './profiler-items';
import { findTitles, normalizeTitle } from './titles';

const config = loadConfig();

describe('findTitles', () => {
  it('reads the headline and the experience entries, newest first, without seniority, codes, employers or dates', () => {
    const titles = findTitles(
      [
        'Maria Lopez',
        'Line Cook | Prep Cook',
        'maria@example.com  (555) 123-4567',
        '',
        'EXPERIENCE',
        'Sr. Line Cook, Olive Garden, Austin TX    2021 - Present',
        '- Prepared 200 covers a night on the grill and saute stations',
        "Prep Cook II at Denny's Inc.",
        '2018 - 2021',
        '- Prepped vegetables, sauces and proteins',
        "Dishwasher, Joe's Diner, 2016 - 2018",
        'EDUCATION',
        'Austin Community College, Culinary Arts certificate, 2017',
      ].join('\n'),
    );
    expect(titles.map((t) => t.normalized)).toEqual(['line cook', 'prep cook', 'dishwasher']);
    expect(titles[0]).toMatchObject({ raw: 'Sr. Line Cook', source: 'experience' });
    // Line cook: newest entry (1.0) plus its headline mention (half of 0.8).
    expect(titles[0].weight).toBeCloseTo(1.4, 3);
    expect(titles[2].weight).toBeCloseTo(0.64, 3);
  });

  it('weighs by end year when entries are not in reverse order', () => {
    const titles = findTitles(['Experience', 'Cashier, Target, 2012 - 2014', 'Store Manager, Target, 2019 - Present', 'Shift Supervisor, Target, 2014 - 2019'].join('\n'));
    expect(titles.map((t) => t.normalized)).toEqual(['store manager', 'shift supervisor', 'cashier']);
  });

  it('finds titles in prose', () => {
    const titles = findTitles('I worked as a forklift operator at a warehouse for five years. I am a certified nursing assistant.');
    expect(titles.map((t) => t.normalized).sort()).toEqual(['forklift operator', 'nursing assistant']);
    expect(titles.every((t) => t.source === 'text')).toBe(true);
  });

  it('normalizes seniority words, grade codes and parentheses away', () => {
    expect(normalizeTitle('Senior Software Engineer III (Remote)')).toBe('software engineer');
    expect(normalizeTitle('Registered Nurse #4411 RN-2')).toBe('registered nurse');
    expect(normalizeTitle('Jr. Accountant')).toBe('accountant');
  });
});

describe('careers on the real O*NET 29.3 rows', () => {
  let onet: OccupationCatalog<Occupation>;
  let catalog: CareerCatalog;
  const get = (code: string) => onet.occupations.get(code)!;

  beforeAll(async () => {
    onet = await loadOccupations(config.data.dir);
    catalog = new CareerCatalog(onet.occupations, await loadTechnologySkills(config.data.technologySkillsCsv));
  }, 120_000);

  it('scoring: the classifier, retrieval and skills combine to 0-100 with one answer per SOC code and the evidence', () => {
    const titles = findTitles('Experience\nRegistered Nurse, Mercy Hospital, 2019 - Present');
    const classifier = combineClassifications([{ weight: 1, soc: [{ code: '29-1141', onetCode: '29-1141.00', probability: 0.9 }, { code: '29-1171', onetCode: '29-1171.00', probability: 0.05 }] }]);
    const hits = [
      { onetCode: '29-1141.00', socCode: '29-1141', score: 40, highlight: { tasks: ['<mark>Monitor</mark>, record, and report <mark>symptoms</mark> or changes in <mark>patients</mark>&#x27; conditions.'] } },
      { onetCode: '29-1141.03', socCode: '29-1141', score: 30, highlight: {} },
      { onetCode: '29-2061.00', socCode: '29-2061', score: 20, highlight: {} },
    ];
    const scored = scoreCareers({ catalog, titles, skills: ['Epic', 'Microsoft Excel'], classifier, hits });
    expect(scored.map((s) => s.socCode)).toEqual(['29-1141', '29-2061', '29-1171']);
    const top = scored[0];
    expect(top.onetCode).toBe('29-1141.00');
    expect(top.parts).toMatchObject({ classifier: 0.9, retrieval: 1 });
    expect(top.parts.skills).toBeGreaterThan(0);
    expect(top.match).toBe(Math.round(100 * (0.45 * 0.9 + 0.4 * 1 + 0.15 * top.parts.skills)));
    expect(top.reasons.titles[0]).toEqual({ resume: 'Registered Nurse', occupation: 'Registered Nurses' });
    expect(top.reasons.tasks[0]).toMatchObject({ resume: 'monitor, symptoms, patients', occupation: "Monitor, record, and report symptoms or changes in patients' conditions." });
    expect(top.reasons.skills.map((s) => s.resume)).toContain('Epic');
    expect(scored[1].parts).toEqual({ classifier: 0, retrieval: 0.5, skills: expect.any(Number) });
    expect(fitOf(80)).toBe('best');
    expect(fitOf(60)).toBe('great');
    expect(fitOf(59)).toBe('good');
  });

  it('the O*NET title lexicon keeps titles and drops the company blurb and slogans at the top', () => {
    const lexicon = catalog.titleLexicon;
    for (const head of ['nurse', 'cook', 'engineer', 'operator', 'cashier', 'attorney']) expect(lexicon.heads.has(head)).toBe(true);
    // Words that qualify titles ("Health Educator") rather than end them are no heads.
    for (const word of ['health', 'benefit', 'team', 'vision']) expect(lexicon.heads.has(word)).toBe(false);
    const posting = [
      'Acme Health Partners',
      'Caring for our community, one family at a time, since 1952: dental, vision, health benefits, paid time off, a 401k match and more.',
      'Benefits | Vision | Team',
      'We are a leading provider of home health services.',
    ].join('\n');
    expect(findTitles(posting, undefined, lexicon)).toEqual([]);
    // Without the lexicon the short lines pass as a headline, which is what the eval showed.
    expect(findTitles(posting).length).toBeGreaterThan(0);
    const resume = ['Dana Smith', 'Registered Nurse', '', 'Experience', 'Olive Garden - Line Cook   2015 - 2018', 'I have experience as a team. I worked as a cashier at a grocery store.'].join('\n');
    // The entry's title is the part after the employer; "experience as a team" names no occupation.
    expect(findTitles(resume, undefined, lexicon).map((t) => t.normalized)).toEqual(['line cook', 'cashier', 'registered nurse']);
    expect(findTitles(resume).map((t) => t.normalized)).toContain('team');
  });

  it('the classifier is trusted as much as the strongest title: its share shrinks with the title weight', () => {
    expect(careerWeights(1)).toEqual({ classifier: 0.45, retrieval: 0.4, skills: 0.15 });
    const none = careerWeights(0);
    expect(none.classifier).toBe(0);
    expect(none.retrieval + none.skills).toBeCloseTo(1, 10);
    expect(careerWeights(0.5).classifier).toBeCloseTo(0.225 / 0.775, 10);
    expect(titleConfidence([])).toBe(0);
    expect(titleConfidence(findTitles('Experience\nLine Cook, Olive Garden, 2019 - Present\nDishwasher, Joe\'s Diner, 2016 - 2018'))).toBe(1);
    expect(titleConfidence(findTitles('I worked as a forklift operator at a warehouse.'))).toBeCloseTo(0.9, 10);
    // A headline title alone (0.8) gives the classifier 0.36 of 0.91.
    const titles = findTitles('Jane Roe\nForklift Operator\njane@example.com');
    const classifier = combineClassifications([{ weight: 0.8, soc: [{ code: '53-7051', onetCode: '53-7051.00', probability: 1 }] }]);
    const scored = scoreCareers({ catalog, titles, skills: [], classifier, hits: [{ onetCode: '53-7051.00', socCode: '53-7051', score: 5, highlight: {} }] });
    expect(scored[0].match).toBe(Math.round((100 * (0.36 * 1 + 0.4 * 1)) / 0.91));
  });

  it('without a title the retrieval and skill parts carry the whole range', () => {
    const scored = scoreCareers({ catalog, titles: [], skills: [], classifier: { bySoc: new Map() }, hits: [{ onetCode: '53-7051.00', socCode: '53-7051', score: 10, highlight: {} }] });
    expect(scored[0]).toMatchObject({ socCode: '53-7051', match: Math.round((100 * 0.4) / 0.55) });
  });

  it('profiler: the 60 items sum to 0-40 per area; answers 5 on social items only give S, 40', async () => {
    const items = await loadInterestProfilerItems(config.data.dir);
    expect(items).toHaveLength(60);
    const scores = scoreAnswers(items.map((i) => (i.area === 'social' ? 5 : 1)), items);
    expect(scores).toEqual({ realistic: 0, investigative: 0, artistic: 0, social: 40, enterprising: 0, conventional: 0 });
    expect(toOnetScale(scores)).toEqual({ realistic: 1, investigative: 1, artistic: 1, social: 7, enterprising: 1, conventional: 1 });
  });

  it('profiler: an occupation\'s own O*NET profile, given as scores, ranks it first (Registered Nurses, Electricians)', () => {
    for (const code of ['29-1141.00', '47-2111.00', '15-1252.00']) {
      const occ = get(code);
      const ranked = rankByInterests(onet.occupations.values(), { scores: fromOnetScale(occ.interests!.scores), limit: 10 });
      expect(ranked.map((r) => r.occupation.onetCode).slice(0, 3)).toContain(code);
      expect(ranked[0].correlation).toBeGreaterThan(0.98);
    }
    expect(interestCode({ realistic: 30, investigative: 20, artistic: 0, social: 5, enterprising: 10, conventional: 25 })).toBe('RCI');
  });

  it('profiler: job zones filter, work values blend in, a flat profile is refused', () => {
    const scores = { realistic: 35, investigative: 10, artistic: 2, social: 5, enterprising: 8, conventional: 20 };
    const ranked = rankByInterests(onet.occupations.values(), { scores, jobZones: [2], workValues: { independence: 5, support: 1 } });
    expect(ranked).toHaveLength(10);
    for (const r of ranked) {
      expect(r.occupation.jobZone?.zone).toBe(2);
      expect(r.workValueSimilarity).not.toBeNull();
      expect(r.match).toBe(Math.round(100 * (0.7 * Math.max(0, r.correlation) + 0.3 * r.workValueSimilarity!)));
    }
    expect(() => rankByInterests(onet.occupations.values(), { scores: { realistic: 20, investigative: 20, artistic: 20, social: 20, enterprising: 20, conventional: 20 } })).toThrow(FlatProfileError);
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 10);
    expect(workValueSimilarity({ achievement: 5 }, { ...get('29-1141.00').workValues!, achievement: 7 })).toBe(1);
  });

  it('education maps to job zones through the typical education of each zone', () => {
    const levels = educationToJobZones(onet.occupations.values());
    expect(levels).toHaveLength(12);
    expect(levels[0].jobZones).toEqual([1]);
    expect(levels.find((l) => l.category === 2)!.jobZones).toEqual([1, 2]);
    expect(levels.find((l) => l.category === 6)!.jobZones).toEqual([1, 2, 3, 4]);
    expect(levels.find((l) => l.category === 11)!.jobZones).toEqual([1, 2, 3, 4, 5]);
  });
});
