import { normalizeExperience } from './normalize-experience';

describe('normalizeExperience', () => {
  it.each([
    ['Entry level', 'entry'],
    ['Mid-Senior level', 'mid_senior'],
    ['Associate', 'associate'],
    ['Director', 'director'],
    ['Executive', 'executive'],
    ['Internship', 'internship'],
    ['Mid senior', 'mid_senior'], // LinkedIn 2024 `job level`
    ['Not Applicable', null],
    ['nan', null],
  ])('reads the field %p as %p', (field, expected) => {
    expect(normalizeExperience({ field })).toBe(expected);
  });

  it('lets the field win over the title', () => {
    expect(normalizeExperience({ field: 'Associate', title: 'Senior Retail Sales Associate' })).toBe('associate');
  });

  it.each([
    ['Senior Software Engineer', 'mid_senior'],
    ['Sr Data Engineer with Kafka', 'mid_senior'],
    ['Sr. Data Engineer- Underwriting (Hybrid)', 'mid_senior'],
    ['Principal Backend Engineer', 'mid_senior'],
    ['BI Reporting Lead', 'mid_senior'],
    ['Staff Software Engineer (AHT)', 'mid_senior'],
    ['Staff Accountant', null],
    ['Data Engineer - Junior', 'entry'],
    ['Entry-Level Ecologist', 'entry'],
    ['Level 1 Designer', 'entry'],
    ['Data Analyst I', 'entry'],
    ['Data Entry Clerk', null],
    ['Digital Marketing Intern', 'internship'],
    ['2L 2025 Summer Law Clerk', 'internship'],
    ['Internal Auditor', null],
    ['Director of Operations', 'director'],
    ['Associate Director of Individual Giving', 'director'],
    ['VP Ecommerce', 'director'],
    ['Vice President - Engineering & Production Operation', 'director'],
    ['Head of Sales', 'director'],
    ['Chief Operating Officer', 'executive'],
    ['Deputy City Manager - Chief Financial Officer', 'executive'],
    ['Fractional CFO', 'executive'],
    ['Executive Personal Assistant', null],
    ['Associate Attorney', 'associate'],
    ['Data Scientist', null],
  ])('reads the title %p as %p', (title, expected) => {
    expect(normalizeExperience({ title })).toBe(expected);
  });

  it.each([
    ['Skills/Qualifications: Two-year or four-year degree in business or marketing and 0-2 years of previous experience.', 'entry'],
    ['Requirements: 5+ years of experience building data pipelines.', 'mid_senior'],
    ["Master's Degree or Bachelor's Degree with 3 or more years of experience of progressively responsible work.", 'associate'],
    ['Minimum five (5) years experience using the Epic electronic medical record.', 'mid_senior'],
    ['With over 25 years of experience, our firm serves clients nationwide.', null],
    ['We have 10 years of experience in the industry. You have 2 years of experience with SQL.', 'entry'],
    ['This is an entry-level role; no prior experience is required.', 'entry'],
    ['A great place to work.', null],
  ])('reads the description %p as %p', (description, expected) => {
    expect(normalizeExperience({ description })).toBe(expected);
  });

  it('prefers the title over the description', () => {
    expect(normalizeExperience({ title: 'Senior Data Engineer', description: '1-2 years of experience' })).toBe('mid_senior');
  });

  it('returns null for garbage', () => {
    expect(normalizeExperience({})).toBeNull();
    expect(normalizeExperience({ field: 3, title: 12345, description: null })).toBeNull();
    expect(normalizeExperience({ description: '9'.repeat(10_000) })).toBeNull();
  });
});
