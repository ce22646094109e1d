import * as path from 'node:path';
import type { PostingDocument, RawPosting } from '@jobportal/contracts';
import { createPostingNormalizer, loadTechnologySkills } from '../normalize';
import { createPostingGenerator } from './create-posting-generator';
import { loadGeneratorCorpus } from './load-generator-corpus';

const DATA_DIR = path.resolve(__dirname, '../../../../../shared/data');

/** The generator exists to feed the import pipeline: its rows must come out as the pipeline's documents and rejects. */
describe('generated postings through the normalizer', () => {
  const rows: RawPosting[] = [];
  const docs: PostingDocument[] = [];
  const rejects: Array<{ row: RawPosting; reason: string }> = [];

  beforeAll(async () => {
    const [corpus, skills] = await Promise.all([loadGeneratorCorpus(DATA_DIR), loadTechnologySkills(path.join(DATA_DIR, 'onet/technology_skills.csv'))]);
    const next = createPostingGenerator(corpus, 11);
    const normalize = createPostingNormalizer({ skills });
    for (let i = 0; i < 3000; i++) {
      const row = next(i);
      rows.push(row);
      const res = normalize(row);
      if (res.ok) docs.push(res.doc);
      else rejects.push({ row, reason: res.reject.reason });
    }
  }, 120_000);

  it('rejects exactly the rows without a title, as missing_title', () => {
    expect(rejects.length).toBeGreaterThan(0);
    for (const r of rejects) {
      expect(r.reason).toBe('missing_title');
      expect((r.row.title ?? '').trim()).toBe('');
    }
    expect(docs.length + rejects.length).toBe(rows.length);
  });

  it('gives reposts the fingerprint of the posting they repeat', () => {
    const byFingerprint = new Map<string, number>();
    for (const d of docs) byFingerprint.set(d.fingerprint, (byFingerprint.get(d.fingerprint) ?? 0) + 1);
    const repeated = [...byFingerprint.values()].filter((n) => n > 1).length;
    expect(repeated / docs.length).toBeGreaterThan(0.005);
  });

  it('yields a salary for most postings that state pay, and US places', () => {
    const stated = docs.filter((d) => /(?:Pay|Compensation|Hourly rate|Salary): \$/.test(d.description));
    const parsed = stated.filter((d) => d.salary && d.salary.annual_min! >= 15_000 && d.salary.annual_max! < 600_000);
    expect(parsed.length / stated.length).toBeGreaterThan(0.9);
    const placed = docs.filter((d) => d.location.country_code === 'US');
    expect(placed.length / docs.length).toBeGreaterThan(0.9);
  });

  it('yields the work mode, level and employment type that the fields give', () => {
    const withMode = rows.filter((r) => r.workMode && r.title?.trim());
    const modeDocs = new Map(docs.map((d) => [d.source_id, d]));
    const agreed = withMode.filter((r) => {
      const d = modeDocs.get(r.sourceId)!;
      return d.work_mode === ({ Remote: 'remote', Hybrid: 'hybrid', 'On-site': 'onsite', Onsite: 'onsite' } as Record<string, string>)[r.workMode!];
    });
    expect(agreed.length / withMode.length).toBeGreaterThan(0.95);
    expect(docs.filter((d) => d.experience_level).length / docs.length).toBeGreaterThan(0.3);
    expect(docs.filter((d) => d.employment_type).length / docs.length).toBeGreaterThan(0.5);
    expect(docs.filter((d) => d.skills.length > 0).length / docs.length).toBeGreaterThan(0.8);
  });
});
