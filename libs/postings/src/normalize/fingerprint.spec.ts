import { computeFingerprint, normalizeCompanyKey, normalizeTitleKey } from './fingerprint';

const NYC = { city: 'New York', region_code: 'NY', region: 'New York', country_code: 'US' };

describe('normalizeTitleKey', () => {
  it.each([
    ['Sr. Data Engineer (Remote)', 'senior data engineer'],
    ['Senior Data Engineer - Remote', 'senior data engineer'],
    ['Senior Data Engineer - Contract - Remote', 'senior data engineer'],
    ['Snowflake Data Engineer - (Hybrid)', 'snowflake data engineer'],
    ['URGENT!! Influencer Marketing Intern (100% WFH)', 'influencer marketing intern'],
    ['Data Engineer II', 'data engineer ii'],
    ['Software Engineer (New York)', 'software engineer new york'],
    ['C++ Developer', 'c++ developer'],
    ['Java architect / Lead Java developer', 'java architect lead java developer'],
    ['Médecin Généraliste', 'medecin generaliste'],
    ['Remote', 'remote'],
    ['nan', ''],
  ])('%p -> %p', (title, expected) => {
    expect(normalizeTitleKey(title)).toBe(expected);
  });
});

describe('normalizeCompanyKey', () => {
  it.each([
    ['Turner Hydraulics, INC', 'turner hydraulics'],
    ['Turner Hydraulics Inc.', 'turner hydraulics'],
    ['The Walt Disney Company', 'walt disney'],
    ['Smith & Co.', 'smith'],
    ['AT&T Inc.', 'at and t'],
    ['Nigel Frank International', 'nigel frank international'],
    ['LLC', 'llc'],
    [null, ''],
  ])('%p -> %p', (company, expected) => {
    expect(normalizeCompanyKey(company)).toBe(expected);
  });
});

describe('computeFingerprint', () => {
  it('is the same for the same job written differently', () => {
    const a = computeFingerprint('Sr. Data Engineer (Remote)', 'Acme Inc.', NYC);
    expect(a).toMatch(/^[0-9a-f]{40}$/);
    expect(computeFingerprint('Senior Data Engineer', 'ACME', { ...NYC, region: null })).toBe(a);
  });

  it('differs by seniority, company and place', () => {
    const base = computeFingerprint('Senior Data Engineer', 'Acme', NYC);
    expect(computeFingerprint('Data Engineer', 'Acme', NYC)).not.toBe(base);
    expect(computeFingerprint('Senior Data Engineer', 'Acme Labs', NYC)).not.toBe(base);
    expect(computeFingerprint('Senior Data Engineer', 'Acme', { city: 'Brooklyn', region_code: 'NY', region: 'New York', country_code: 'US' })).not.toBe(base);
  });

  it('is stable (known value) and accepts missing parts', () => {
    expect(computeFingerprint('Senior Data Engineer', 'Acme', NYC)).toBe('f717204a42b863c3f0a52e7e3b7c310d63de3837');
    expect(computeFingerprint(null, null, null)).toMatch(/^[0-9a-f]{40}$/);
  });
});
