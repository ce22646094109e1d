import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RawPosting, RejectedRow } from '@jobportal/contracts';
import { linkedin2023_24Adapter } from './linkedin_2023_24.adapter';
import { SourceFileError } from './source-adapter';

const DATA_DIR = path.resolve(__dirname, '../../../../../shared/data');
const SAMPLE = path.join(DATA_DIR, linkedin2023_24Adapter.samplePath);

async function readAll(file: string, warn: (message: string) => void = () => undefined) {
  const postings: RawPosting[] = [];
  const rejects: RejectedRow[] = [];
  for await (const item of linkedin2023_24Adapter.read(file, { warn })) {
    if ('reason' in item) rejects.push(item);
    else postings.push(item);
  }
  return { postings, rejects, byId: new Map(postings.map((p) => [p.sourceId, p])) };
}

describe('linkedin_2023_24 adapter (real sample)', () => {
  let result: Awaited<ReturnType<typeof readAll>>;
  const warnings: string[] = [];
  beforeAll(async () => {
    result = await readAll(SAMPLE, (message) => warnings.push(message));
  });

  it('reads all 500 postings with no rejects and no warnings', () => {
    expect(result.postings).toHaveLength(500);
    expect(result.rejects).toEqual([]);
    expect(result.byId.size).toBe(500);
    expect(warnings).toEqual([]);
  });

  it('maps the first row onto the canonical fields, values as given', () => {
    const posting = result.byId.get('921716');
    expect(posting).toMatchObject({
      source: 'linkedin_2023_24',
      sourceId: '921716',
      rowNumber: 2,
      url: 'https://www.linkedin.com/jobs/view/921716/?trk=jobs_biz_prem_srch',
      applyUrl: null,
      title: 'Marketing Coordinator',
      company: 'Corcoran Sawyer Smith',
      location: 'Princeton, NJ',
      postalCode: '08540',
      postedAt: '1713400000000.0',
      expiresAt: '1715990000000.0',
      collectedAt: null,
      payMin: '17.0',
      payMax: '20.0',
      payMedian: null,
      payPeriod: 'HOURLY',
      payCurrency: 'USD',
      workMode: null,
      experience: null,
      employmentType: 'Full-time',
      skills: [],
      industries: [],
      benefits: [],
    });
    expect(posting?.description).toMatch(/^Job descriptionA leading real estate firm in New Jersey/);
    // skills_desc is not part of the description in the file, so it is appended.
    expect(posting?.description).toMatch(/\n\nRequirements: \n\nWe are seeking a College or Graduate Student/);
  });

  it('passes remote_allowed as the work mode and the experience level as written', () => {
    expect(result.byId.get('103254301')).toMatchObject({ rowNumber: 38, title: 'Producer', workMode: '1.0' });
    const experienced = result.postings.filter((p) => p.experience !== null).map((p) => p.experience);
    expect(new Set(experienced)).toEqual(new Set(['Mid-Senior level', 'Associate', 'Entry level', 'Director']));
  });

  it('joins skill, industry and benefit names from the companion tables', () => {
    expect(result.byId.get('3815284050')).toMatchObject({
      rowNumber: 2755,
      title: 'Purchasing Coordinator',
      company: 'Massive Action Marketing',
      payMin: '20.0',
      payMax: '45.0',
      payPeriod: 'HOURLY',
      skills: ['Purchasing', 'Supply Chain'],
      industries: ['Marketing Services'],
      benefits: ['Medical insurance', 'Vision insurance', 'Dental insurance', '401(k)'],
    });
    expect(result.byId.get('229924287')).toMatchObject({
      rowNumber: 143,
      payMedian: '23.0',
      skills: ['Administrative'],
      industries: ['Medical Equipment Manufacturing'],
      benefits: ['Medical insurance', 'Dental insurance', 'Vision insurance'],
    });
    // The companion tables are a subset: about 30 of the 500 jobs appear in them.
    expect(result.postings.filter((p) => p.skills?.length).length).toBe(30);
    expect(result.postings.filter((p) => p.industries?.length).length).toBe(31);
    expect(result.postings.filter((p) => p.benefits?.length).length).toBe(4);
  });
});

describe('linkedin_2023_24 adapter (companion joins on a small copy)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'linkedin-2023-24-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const HEADER =
    'job_id,company_name,title,description,max_salary,pay_period,location,company_id,views,med_salary,min_salary,formatted_work_type,applies,original_listed_time,remote_allowed,job_posting_url,application_url,application_type,expiry,closed_time,formatted_experience_level,skills_desc,listed_time,posting_domain,sponsored,work_type,currency,compensation_type,normalized_salary,zip_code,fips';

  it('fills salary, company name and location from the companion tables when the row lacks them', async () => {
    const postings = path.join(dir, 'postings.csv');
    writeFileSync(
      postings,
      `${HEADER}\n` +
        '3887473087,,Marketing Lead,Leads marketing.,,,,1088.0,,,,,,1712000000000.0,,,,,,,,,,,0,,,,,,\n',
    );
    mkdirSync(path.join(dir, 'jobs'));
    mkdirSync(path.join(dir, 'companies'));
    mkdirSync(path.join(dir, 'mappings'));
    const real = path.join(DATA_DIR, 'postings/linkedin_arshkon_2023_2024');
    for (const file of ['jobs/salaries.csv', 'companies/companies.csv', 'jobs/job_skills.csv', 'mappings/skills.csv']) {
      copyFileSync(path.join(real, file), path.join(dir, file));
    }
    const warnings: string[] = [];
    const { postings: rows, rejects } = await readAll(postings, (message) => warnings.push(message));

    expect(rejects).toEqual([]);
    expect(rows).toEqual([
      expect.objectContaining({
        sourceId: '3887473087',
        company: 'NXP Semiconductors',
        location: 'Eindhoven, Noord-Brabant, NL',
        postedAt: '1712000000000.0',
        payMin: '75000.0',
        payMax: '80000.0',
        payMedian: null,
        payPeriod: 'YEARLY',
        payCurrency: 'USD',
        skills: ['Marketing', 'Sales'],
        industries: [],
        benefits: [],
      }),
    ]);
    // The missing tables are named, and the read still completes.
    expect(warnings.join('\n')).toContain('jobs/job_industries.csv');
    expect(warnings.join('\n')).toContain('jobs/benefits.csv');
    expect(warnings.join('\n')).toContain('mappings/industries.csv');
  });

  it('fails before yielding for a file that is not this dataset', async () => {
    const other = path.join(DATA_DIR, 'postings/indeed_data_science_2019/indeed_postings_2019.csv');
    const error = await readAll(other).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(SourceFileError);
    expect(error).toMatchObject({
      code: 'missing_columns',
      columns: { missing: ['job_id', 'description', 'company_name'] },
    });
  });
});
