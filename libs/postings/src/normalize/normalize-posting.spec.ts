import * as path from 'node:path';
import type { PostingDocument, RawPosting } from '@jobportal/contracts';
import { computeFingerprint } from './fingerprint';
import { createPostingNormalizer, postingId, type PostingNormalization } from './normalize-posting';
import { loadTechnologySkills, type SkillMatcher } from './normalize-skills';

const TECHNOLOGY_SKILLS_CSV = path.resolve(__dirname, '../../../../../shared/data/onet/technology_skills.csv');
const NOW = new Date('2024-06-01T12:00:00Z');

/** A RawPosting with every optional field empty, as an adapter writes a sparse row. */
function raw(fields: Partial<RawPosting> & Pick<RawPosting, 'source' | 'sourceId'>): RawPosting {
  return {
    rowNumber: 2,
    url: null,
    applyUrl: null,
    title: null,
    company: null,
    description: null,
    location: null,
    postalCode: null,
    postedAt: null,
    expiresAt: null,
    collectedAt: null,
    payText: null,
    workMode: null,
    experience: null,
    employmentType: null,
    skills: [],
    industries: [],
    benefits: [],
    education: null,
    ...fields,
  };
}

function doc(result: PostingNormalization): PostingDocument {
  if (!result.ok) throw new Error(`expected a document, got a reject: ${result.reject.reason} ${result.reject.detail}`);
  return result.doc;
}

let skills: SkillMatcher;
let normalize: ReturnType<typeof createPostingNormalizer>;
beforeAll(async () => {
  skills = await loadTechnologySkills(TECHNOLOGY_SKILLS_CSV);
  normalize = createPostingNormalizer({ skills, now: () => NOW });
});

describe('normalizePosting', () => {
  it('normalizes a Craigslist NYC row (6930315309) into the full document', () => {
    const input = raw({
      source: 'craigslist_nyc_2019',
      sourceId: '6930315309',
      url: 'https://newyork.craigslist.org/que/egr/d/queens-village-xactimate-estimator/6930315309.html',
      title: 'Xactimate Estimator Level 2 or 3',
      description:
        'Midsize fire restoration remodeling company (GC) is looking for an estimator with Xactimate level or two or three credentials.  \n\n' +
        'We work on both commercial and residential projects and are looking to expand rapidly with room for growth in our team.',
      location: 'Queens Village, New York',
      payText: '$60k - $70k DOE, with medical and dental benefits.',
      employmentType: 'full-time',
    });
    expect(normalize(input)).toEqual<PostingNormalization>({
      ok: true,
      doc: {
        id: '18286d3ffe14bde2c9ff',
        source: 'craigslist_nyc_2019',
        source_id: '6930315309',
        url: 'https://newyork.craigslist.org/que/egr/d/queens-village-xactimate-estimator/6930315309.html',
        apply_url: null,
        title: 'Xactimate Estimator Level 2 or 3',
        company: null,
        description:
          'Midsize fire restoration remodeling company (GC) is looking for an estimator with Xactimate level or two or three credentials.\n\n' +
          'We work on both commercial and residential projects and are looking to expand rapidly with room for growth in our team.',
        description_html: null,
        location: {
          text: 'Queens Village, New York',
          city: 'Queens Village',
          region: 'New York',
          region_code: 'NY',
          country: 'United States',
          country_code: 'US',
          postal_code: null,
        },
        geo: { lat: 40.72677, lon: -73.74152 },
        work_mode: null,
        experience_level: null,
        employment_type: 'full_time',
        salary: {
          min: 60000,
          max: 70000,
          period: 'year',
          currency: 'USD',
          annual_min: 60000,
          annual_max: 70000,
          bands: ['50000-75000'],
          text: '$60k - $70k DOE, with medical and dental benefits.',
        },
        skills: [],
        industries: [],
        benefits: [],
        education: null,
        posted_at: null,
        expires_at: null,
        fingerprint: computeFingerprint('Xactimate Estimator Level 2 or 3', null, { city: 'Queens Village', region_code: 'NY', region: 'New York', country_code: 'US' }),
        ingested_at: '2024-06-01T12:00:00.000Z',
        // Every imported posting starts live; only the crawler's expiry rules expire one.
        status: 'live',
        expired_at: null,
        expiry_reason: null,
      },
    });
  });

  it('normalizes a LinkedIn 2023-24 row (2989631782): epoch dates, salary fields, zip code, field levels', () => {
    const d = doc(
      normalize(
        raw({
          source: 'linkedin_2023_24',
          sourceId: '2989631782',
          url: 'https://www.linkedin.com/jobs/view/2989631782/?trk=jobs_biz_prem_srch',
          title: 'Administrative Assistant - CONCUR',
          company: 'ActOne Group',
          description:
            'Global Financial Services firm is seeking an experienced Executive Administrative Assistant to join their New York City offices. ' +
            'Responsibilities include but not limited to:Executive level support to multiple Managing Directors,Managing travel expenses for 15-20 bankers through Concur.',
          location: 'New York, NY',
          postalCode: '10001',
          postedAt: '1713560000000.0',
          expiresAt: '1716160000000.0',
          payMin: '75000.0',
          payMax: '90000.0',
          payPeriod: 'YEARLY',
          payCurrency: 'USD',
          workMode: '',
          experience: 'Associate',
          employmentType: 'Full-time',
        }),
      ),
    );
    expect(d).toMatchObject({
      id: postingId('linkedin_2023_24', '2989631782'),
      company: 'ActOne Group',
      location: { city: 'New York', region_code: 'NY', country_code: 'US', postal_code: '10001' },
      work_mode: null,
      experience_level: 'associate',
      employment_type: 'full_time',
      salary: { min: 75000, max: 90000, period: 'year', currency: 'USD', annual_min: 75000, annual_max: 90000, text: null },
      posted_at: '2024-04-19T20:53:20.000Z',
      expires_at: '2024-05-19T23:06:40.000Z',
    });
    expect(d.id).toMatch(/^[0-9a-f]{20}$/);
  });

  it('normalizes a LinkedIn 2024 row: work-mode field, job level, listed skills plus skills from the text', () => {
    const d = doc(
      normalize(
        raw({
          source: 'linkedin_2024',
          sourceId: '3739799994',
          url: 'https://uk.linkedin.com/jobs/view/data-engineering-consultant-at-nigel-frank-international-3739799994',
          title: 'Data Engineering Consultant',
          company: 'Nigel Frank International',
          description:
            'I am working with a Microsoft Partnered consultancy who are looking for a Data Engineering Consultant. ' +
            'You will work with Azure Data Factory, Databricks, Python and SQL. Salary: \u00a350,000 - \u00a360,000 per annum.',
          location: 'Leicester, England, United Kingdom',
          postedAt: '2023-12-17',
          workMode: 'Onsite',
          experience: 'Mid senior',
          skills: ['Data Engineering, Azure Data Factory, Databricks, Python, SQL'],
        }),
      ),
    );
    expect(d).toMatchObject({
      location: { city: 'Leicester', region: 'England', region_code: null, country: 'United Kingdom', country_code: 'GB' },
      work_mode: 'onsite',
      experience_level: 'mid_senior',
      employment_type: null,
      posted_at: '2023-12-17T00:00:00.000Z',
      // No pay field: the pay is found in the description.
      salary: { min: 50000, max: 60000, period: 'year', currency: 'GBP', text: '\u00a350,000 - \u00a360,000 per annum' },
    });
    expect(d.skills).toEqual(['Data Engineering', 'Azure Data Factory', 'Databricks', 'Python', 'SQL', 'Microsoft Azure']);
    expect(d.geo?.lat).toBeCloseTo(52.639, 2);
  });

  it('resolves TJFG dates against Date_Queried and keeps education; no description is no reject', () => {
    const d = doc(
      normalize(
        raw({
          source: 'tjfg_indeed_2020',
          sourceId: 'a1b2c3',
          title: 'Junior GIS Data Engineer',
          company: 'Xentity Corporation',
          location: 'Golden, CO',
          postedAt: '3 days ago',
          collectedAt: '7/30/2020',
          education: "Bachelor's",
        }),
      ),
    );
    expect(d).toMatchObject({
      description: '',
      description_html: null,
      posted_at: '2020-07-27T00:00:00.000Z',
      education: "Bachelor's",
      experience_level: 'entry',
      location: { city: 'Golden', region_code: 'CO', country_code: 'US' },
      skills: ['GIS'],
    });
  });

  it('sanitizes an HTML description and keeps the safe HTML beside the text', () => {
    const d = doc(
      normalize(
        raw({
          source: 'generated',
          sourceId: 'gen-1',
          title: 'Data Analyst',
          description: '<p>Use <b>SQL</b> daily.<script>alert(1)</script></p><ul><li>Remote OK: this is a fully remote role</li></ul>',
        }),
      ),
    );
    expect(d.description).toBe('Use SQL daily.\n\n\u2022 Remote OK: this is a fully remote role');
    expect(d.description_html).toBe('<p>Use <b>SQL</b> daily.</p><ul><li>Remote OK: this is a fully remote role</li></ul>');
    expect(d.work_mode).toBe('remote');
    expect(d.skills).toEqual(['SQL']);
  });

  it('gives the same id to the same row every time and different ids to different rows', () => {
    const a = doc(normalize(raw({ source: 'indeed_2019', sourceId: '001b92395ed0fb62', title: 'Data Engineer', location: 'Columbus, GA 31909' })));
    const b = doc(normalize(raw({ source: 'indeed_2019', sourceId: '001b92395ed0fb62', title: 'Data Engineer', location: 'Columbus, GA 31909' })));
    const c = doc(normalize(raw({ source: 'indeed_2019', sourceId: '001b92395ed0fb63', title: 'Data Engineer', location: 'Columbus, GA 31909' })));
    expect(a.id).toBe(b.id);
    expect(a.id).not.toBe(c.id);
    expect(a.id).toBe(postingId('indeed_2019', '001b92395ed0fb62'));
    // Same job, same place: the fingerprint is shared across rows and sources.
    expect(c.fingerprint).toBe(a.fingerprint);
  });

  it.each<[Partial<RawPosting>, string, RegExp]>([
    [{ sourceId: '' }, 'missing_id', /no id/],
    [{ sourceId: 'nan' }, 'missing_id', /no id/],
    [{ title: null }, 'missing_title', /no title/],
    [{ title: 'nan' }, 'missing_title', /no title/],
    [{ title: '   ' }, 'missing_title', /no title/],
    [{ title: '12345' }, 'missing_title', /no words/],
    [{ title: '$$$ --- !!!' }, 'missing_title', /no words/],
    [{ title: 'Data Engineer '.repeat(30) }, 'invalid_value', /characters long/],
    [{ source: 'monster_2010' as RawPosting['source'] }, 'invalid_value', /Unknown source/],
  ])('rejects %p as %s', (fields, reason, detail) => {
    const input = raw({ source: 'indeed_2019', sourceId: 'abc', title: 'Data Engineer', ...fields });
    const result = normalize(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reject).toMatchObject({ source: input.source, rowNumber: 2, reason, raw: input });
    expect(result.reject.detail).toMatch(detail);
  });

  it('rejects a row that is garbage in every field', () => {
    const input = raw({
      source: 'craigslist_nyc_2019',
      sourceId: '42',
      title: 'NaN',
      company: 'None',
      description: 'nan',
      location: 'N/A',
      payText: 'TBD',
      postedAt: 'garbage',
    });
    expect(normalize(input)).toMatchObject({ ok: false, reject: { reason: 'missing_title' } });
  });

  it('accepts numbers where text is expected, and drops what cannot be read', () => {
    const input = raw({
      source: 'indeed_2019',
      sourceId: 'x1',
      title: 'Data Scientist',
      company: 12345 as unknown as string,
      description: 67890 as unknown as string,
      location: 3.14 as unknown as string,
      url: 'javascript:alert(1)',
      applyUrl: 'not a url',
      postedAt: 'last Tuesday',
      skills: [null, 'nan', 'Python'] as unknown as string[],
      industries: ['IT Services and IT Consulting', 'it services and it consulting', '', 'nan'],
      benefits: ['Medical insurance', 'x'.repeat(500)],
    });
    expect(doc(normalize(input))).toMatchObject({
      company: '12345',
      description: '67890',
      url: null,
      apply_url: null,
      posted_at: null,
      skills: ['Python'],
      industries: ['IT Services and IT Consulting'],
      benefits: ['Medical insurance'],
    });
  });

  it('cuts a huge description and still answers', () => {
    const d = doc(normalize(raw({ source: 'indeed_2019', sourceId: 'big', title: 'Data Engineer', description: 'Python and SQL. '.repeat(10_000) })));
    expect(d.description).toHaveLength(100_000 - 1);
    expect(d.skills).toEqual(['Python', 'SQL']);
  });

  it('turns an unexpected error into a malformed_row reject instead of throwing', () => {
    const input = raw({ source: 'indeed_2019', sourceId: 'boom', title: 'Data Engineer' });
    Object.defineProperty(input, 'description', {
      get() {
        throw new Error('unreadable cell');
      },
    });
    expect(normalize(input)).toMatchObject({
      ok: false,
      reject: { reason: 'malformed_row', detail: 'The row could not be normalized: unreadable cell' },
    });
  });

  it('works without a skills matcher, using only the listed skills', () => {
    const plain = createPostingNormalizer({ skills: null, now: () => NOW });
    const d = doc(plain(raw({ source: 'linkedin_2024', sourceId: '1', title: 'Data Engineer', description: 'Python', skills: ['SQL'] })));
    expect(d.skills).toEqual(['SQL']);
    expect(d.ingested_at).toBe('2024-06-01T12:00:00.000Z');
  });

  it('lets the caller override a source\'s location defaults', () => {
    const boston = createPostingNormalizer({
      skills,
      now: () => NOW,
      locationDefaults: { craigslist_nyc_2019: { fallback: { city: 'Boston', region_code: 'MA', country_code: 'US' } } },
    });
    const d = doc(boston(raw({ source: 'craigslist_nyc_2019', sourceId: '7', title: 'Estimator', location: 'Back Bay' })));
    expect(d.location).toMatchObject({ text: 'Back Bay', city: 'Boston', region_code: 'MA' });
  });
});
