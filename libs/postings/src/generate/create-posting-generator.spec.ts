import * as path from 'node:path';
import type { RawPosting } from '@jobportal/contracts';
import { createPostingGenerator, GENERATOR_DEFAULTS, generatePay } from './create-posting-generator';
import { loadGeneratorCorpus, type GeneratorCorpus } from './load-generator-corpus';
import { createRng } from './prng';

const DATA_DIR = path.resolve(__dirname, '../../../../../shared/data');
const PAY = /(?:Pay|Compensation|Hourly rate|Salary): \$([\d,.]+)(?:\/yr)?\s?-\s?\$([\d,.]+)(?:\/yr)?( per hour| an hour|\/hr| per year| a year)?/;

let corpus: GeneratorCorpus;
beforeAll(async () => {
  corpus = await loadGeneratorCorpus(DATA_DIR);
}, 60_000);

const take = (seed: number, n: number, from = 0): RawPosting[] => {
  const next = createPostingGenerator(corpus, seed);
  return Array.from({ length: n }, (_, i) => next(from + i));
};

describe('loadGeneratorCorpus', () => {
  it('reads occupations with titles, tasks, skills and wages, and real employers and places', () => {
    expect(corpus.occupations.length).toBeGreaterThan(800);
    const developers = corpus.occupations.find((o) => o.code === '15-1252.00')!;
    expect(developers.title).toBe('Software Developers');
    expect(developers.tasks.length).toBeGreaterThan(10);
    expect(developers.skills).toEqual(expect.arrayContaining(['Python', 'Amazon Web Services AWS software']));
    // OEWS May 2024: software developers' median is about $133k a year.
    expect(developers.wages!.annual[2]).toBeGreaterThan(110_000);
    expect(developers.wages!.annual[2]).toBeLessThan(160_000);
    expect(corpus.companies.length).toBeGreaterThan(1000);
    expect(corpus.locations.map((l) => l.text)).toEqual(expect.arrayContaining(['San Francisco, CA', 'New York, NY']));
    for (const l of corpus.locations) expect(l.text).toMatch(/^[^,]+, [A-Z]{2}$/);
  });

  it('says which file is missing when the data dir is wrong', async () => {
    await expect(loadGeneratorCorpus('/nonexistent-data-dir')).rejects.toThrow(/onet\/occupation_data\.csv.*DATA_DIR/);
  });
});

describe('createPostingGenerator', () => {
  it('gives the same postings for the same seed and different ones for another seed', () => {
    const a = JSON.stringify(take(7, 200));
    expect(JSON.stringify(take(7, 200))).toBe(a);
    const other = take(8, 200);
    const same = take(7, 200).filter((p, i) => p.title === other[i].title && p.description === other[i].description);
    expect(same.length).toBeLessThan(5);
  });

  it('computes any row on its own: row i is the same whether or not the rows before it were made', () => {
    const sequential = take(3, 120);
    const next = createPostingGenerator(corpus, 3);
    expect(next(119)).toEqual(sequential[119]);
    expect(next(57)).toEqual(sequential[57]);
  });

  it('names rows gen-<seed>-<i> with their row number and a URL', () => {
    const [first, second] = take(-12, 2);
    expect(first).toMatchObject({ source: 'generated', sourceId: 'gen--12-0', rowNumber: 1, url: 'https://example.org/jobs/gen--12-0' });
    expect(second).toMatchObject({ sourceId: 'gen--12-1', rowNumber: 2 });
  });

  describe('over 20,000 postings', () => {
    let rows: RawPosting[];
    beforeAll(() => {
      rows = take(42, 20_000);
    });

    it('has a title on about 99.8% of rows and no title on the rest', () => {
      const untitled = rows.filter((r) => !r.title || r.title.trim() === '').length / rows.length;
      expect(untitled).toBeGreaterThan(0.001);
      expect(untitled).toBeLessThan(0.004);
    });

    it('repeats about 1.5% of postings exactly under a new source id, dated later', () => {
      const seen = new Map<string, RawPosting>();
      let reposts = 0;
      for (const r of rows) {
        const key = JSON.stringify([r.title, r.company, r.location, r.description]);
        const earlier = seen.get(key);
        if (earlier) {
          reposts++;
          expect(r.sourceId).not.toBe(earlier.sourceId);
          expect(Date.parse(String(r.postedAt))).toBeGreaterThanOrEqual(Date.parse(String(earlier.postedAt)));
        } else seen.set(key, r);
      }
      expect(reposts / rows.length).toBeGreaterThan(0.01);
      expect(reposts / rows.length).toBeLessThan(0.02);
    });

    it('gives employers, places, text and dates from the last 24 months', () => {
      const ref = Date.parse(GENERATOR_DEFAULTS.referenceDate);
      for (const r of rows) {
        expect(r.company).toBeTruthy();
        expect(r.location).toBeTruthy();
        expect(r.description!.length).toBeGreaterThan(200);
        const posted = Date.parse(String(r.postedAt));
        expect(posted).toBeLessThanOrEqual(ref);
        expect(posted).toBeGreaterThan(ref - 731 * 86_400_000);
      }
      expect(new Set(rows.map((r) => r.title)).size).toBeGreaterThan(5000);
      expect(new Set(rows.map((r) => r.company)).size).toBeGreaterThan(1000);
      expect(rows.filter((r) => /^Skills: /m.test(r.description!) || /<p>Skills: /.test(r.description!)).length / rows.length).toBeGreaterThan(0.9);
    });

    it('states pay on about 45% of postings, hourly or yearly, in plausible amounts', () => {
      const paid = rows.map((r) => PAY.exec(r.description!)).filter((m): m is RegExpExecArray => m !== null);
      expect(paid.length / rows.length).toBeGreaterThan(0.35);
      expect(paid.length / rows.length).toBeLessThan(0.55);
      let hourly = 0;
      for (const m of paid) {
        const [min, max] = [Number(m[1].replace(/,/g, '')), Number(m[2].replace(/,/g, ''))];
        expect(max).toBeGreaterThan(min);
        if (/hour|hr/.test(m[3] ?? '')) {
          hourly++;
          expect(min).toBeGreaterThanOrEqual(8);
          expect(max).toBeLessThan(250);
        } else {
          expect(min).toBeGreaterThanOrEqual(18_000);
          expect(max).toBeLessThan(500_000);
        }
      }
      expect(hourly / paid.length).toBeGreaterThan(0.2);
      expect(hourly / paid.length).toBeLessThan(0.8);
      const withPayText = rows.filter((r) => r.payText);
      expect(withPayText.length).toBeGreaterThan(0);
      for (const r of withPayText) expect(r.description).toContain(r.payText);
    });

    it('sets work mode, experience and employment type on some rows, and implies remote work in others', () => {
      const share = (f: (r: RawPosting) => boolean) => rows.filter(f).length / rows.length;
      expect(share((r) => r.workMode != null)).toBeGreaterThan(0.25);
      expect(share((r) => r.workMode != null)).toBeLessThan(0.45);
      expect(share((r) => r.workMode == null && /remote/i.test(`${r.title} ${r.description}`))).toBeGreaterThan(0.03);
      expect(share((r) => r.experience != null)).toBeGreaterThan(0.25);
      expect(share((r) => r.employmentType != null)).toBeGreaterThan(0.45);
      expect(share((r) => /^(Senior|Sr\.|Lead|Junior|Entry Level|Jr\.) /.test(r.title ?? ''))).toBeGreaterThan(0.05);
      expect(share((r) => r.description!.startsWith('<p>'))).toBeGreaterThan(0.05);
    });
  });
});

describe('generatePay', () => {
  const cashier = { hourly: [11, 13, 14.5, 16, 19], annual: [11, 13, 14.5, 16, 19].map((h) => h * 2080), annualOnly: false, hourlyOnly: false };
  const teacher = { hourly: [25, 30, 33, 40, 48], annual: [25, 30, 33, 40, 48].map((h) => h * 2080), annualOnly: true, hourlyOnly: false };

  it('mostly advertises low-wage occupations by the hour, near their OEWS percentiles', () => {
    const rng = createRng(1);
    const pays = Array.from({ length: 500 }, () => generatePay(rng, cashier, 'associate'));
    const hourly = pays.filter((p) => p.period === 'hour');
    expect(hourly.length / pays.length).toBeGreaterThan(0.75);
    for (const p of hourly) {
      expect(p.min).toBeGreaterThanOrEqual(8);
      expect(p.max).toBeLessThanOrEqual(21);
      expect(p.max).toBeGreaterThan(p.min);
    }
  });

  it('never states hourly pay for an occupation OEWS publishes only annually', () => {
    const rng = createRng(2);
    for (let i = 0; i < 200; i++) expect(generatePay(rng, teacher, 'mid_senior').period).toBe('year');
  });
});
