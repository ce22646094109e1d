import { normalizeEmploymentType } from './normalize-employment-type';

describe('normalizeEmploymentType', () => {
  it.each([
    ['Full-time', 'full_time'],
    ['Part-time', 'part_time'],
    ['Contract', 'contract'],
    ['Temporary', 'temporary'],
    ['Internship', 'internship'],
    ['Volunteer', 'volunteer'],
    ['Other', 'other'],
    ['FULL_TIME', 'full_time'],
    ['PART_TIME', 'part_time'],
    ['CONTRACT', 'contract'],
    ['full-time', 'full_time'], // Craigslist
    ['contract', 'contract'],
    ['part-time', 'part_time'],
    ["employee's choice", 'other'],
    ['nan', null],
    ['', null],
  ])('reads the field %p as %p', (field, expected) => {
    expect(normalizeEmploymentType({ field })).toBe(expected);
  });

  it('lets the field win over the title', () => {
    expect(normalizeEmploymentType({ field: 'Full-time', title: 'Sales Director - Part-Time - Remote' })).toBe('full_time');
  });

  it.each([
    ['Sales Director - Part-Time - Remote', 'part_time'],
    ['Leasing & Property Management Specialist (Part-Time)', 'part_time'],
    ['Senior Data Engineer - Contract - Remote', 'contract'],
    ['Data Engineer (Contract)', 'contract'],
    ['Contract Administrator', null],
    ['Hiring a Contract Lawyer with Probate Experience', null],
    ['Independent Contractor - Roofing Sales', 'contract'],
    ['Creative Development Intern', 'internship'],
    ['Senior Data Engineer - Full Time', 'full_time'],
    ['Data Analyst', null],
  ])('reads the title %p as %p', (title, expected) => {
    expect(normalizeEmploymentType({ title })).toBe(expected);
  });

  it.each([
    ['Job Type: Full-time Pay: $60,000.00 - $70,000.00 per year', 'full_time'],
    ['This is a part-time position, up to 20 hours a week; full-time may follow.', 'part_time'],
    ['This is a 6 month contract with the possibility of extension.', 'contract'],
    ['Experience with contract management and government contracts.', null],
    ['This is a temporary position through December.', 'temporary'],
    ['Our summer internship program runs 10 weeks.', 'internship'],
    ['', null],
  ])('reads the description %p as %p', (description, expected) => {
    expect(normalizeEmploymentType({ description })).toBe(expected);
  });

  it('returns null for garbage', () => {
    expect(normalizeEmploymentType({})).toBeNull();
    expect(normalizeEmploymentType({ field: 1, title: {}, description: 42 })).toBeNull();
  });
});
