import { payBandsOf, type PostingSalary } from '@jobportal/contracts';
import { findPayInText, inferPayPeriod, normalizeSalary, parsePayPeriod } from './normalize-salary';

type Figures = [min: number | null, max: number | null, period: PostingSalary['period'], currency: string, annualMin: number | null, annualMax: number | null];

function figures(s: PostingSalary | null): Figures | null {
  return s && [s.min, s.max, s.period, s.currency, s.annual_min, s.annual_max];
}

describe('normalizeSalary from fields (LinkedIn 2023-24 salaries)', () => {
  it.each<[Record<string, unknown>, Figures]>([
    [{ min: '75000.0', max: '80000.0', period: 'YEARLY', currency: 'USD' }, [75000, 80000, 'year', 'USD', 75000, 80000]],
    [{ min: '60.0', max: '80.0', period: 'HOURLY', currency: 'USD' }, [60, 80, 'hour', 'USD', 124800, 166400]],
    [{ median: '53000.0', period: 'YEARLY', currency: 'USD' }, [53000, 53000, 'year', 'USD', 53000, 53000]],
    [{ median: '56.41', period: 'HOURLY', currency: 'USD' }, [56.41, 56.41, 'hour', 'USD', 117332.8, 117332.8]],
    [{ min: '4061.0', max: '4817.0', period: 'MONTHLY', currency: 'USD' }, [4061, 4817, 'month', 'USD', 48732, 57804]],
    [{ median: '350.0', period: 'MONTHLY', currency: 'USD' }, [350, 350, 'month', 'USD', 4200, 4200]],
    [{ min: '131227.2', max: '154398.4', period: 'YEARLY', currency: 'USD' }, [131227.2, 154398.4, 'year', 'USD', 131227.2, 154398.4]],
    [{ min: 1000, max: 1200, period: 'WEEKLY' }, [1000, 1200, 'week', 'USD', 52000, 62400]],
    [{ min: 200, max: 250, period: 'DAILY' }, [200, 250, 'day', 'USD', 52000, 65000]],
    // BIWEEKLY is stored per week (halved): annual = biweekly x 26.
    [{ min: 2000, max: 2400, period: 'BIWEEKLY' }, [1000, 1200, 'week', 'USD', 52000, 62400]],
    [{ min: 2000, period: 'SEMIMONTHLY' }, [4000, null, 'month', 'USD', 48000, null]],
    // Reversed bounds are swapped.
    [{ min: '90000', max: '70000', period: 'YEARLY' }, [70000, 90000, 'year', 'USD', 70000, 90000]],
  ])('%p', (input, expected) => {
    const salary = normalizeSalary(input);
    expect(figures(salary)).toEqual(expected);
    expect(salary?.text).toBeNull();
  });

  it.each<[Record<string, unknown>, Figures | null, string]>([
    [{ min: '45.0', max: '50.0', period: 'YEARLY' }, [45, 50, 'hour', 'USD', 93600, 104000], 'an hourly rate filed as YEARLY'],
    [{ min: '200.0', max: '225.0', period: 'YEARLY' }, [200000, 225000, 'year', 'USD', 200000, 225000], 'thousands left out'],
    [{ min: '1.0', max: '130813.0', period: 'YEARLY' }, [null, 130813, 'year', 'USD', null, 130813], 'a placeholder minimum'],
    [{ min: '5.0', max: '250000.0', period: 'YEARLY' }, [null, 250000, 'year', 'USD', null, 250000], 'a placeholder minimum'],
    [{ min: '70.0', max: '100000.0', period: 'YEARLY' }, [70000, 100000, 'year', 'USD', 70000, 100000], 'a minimum in thousands'],
    [{ median: '600', period: 'HOURLY' }, null, 'an hourly rate above 500'],
    [{ median: '1.0', period: 'YEARLY' }, null, 'a placeholder alone'],
    [{ min: '0', max: '0' }, null, 'zeros'],
  ])('repairs or rejects implausible figures: %p (%s)', (input, expected) => {
    expect(figures(normalizeSalary(input))).toEqual(expected);
  });

  it('prefers the figures over the text, and infers a period from the size when none is given', () => {
    expect(figures(normalizeSalary({ min: '18', max: '24', text: '$60k' }))).toEqual([18, 24, 'hour', 'USD', 37440, 49920]);
    expect(figures(normalizeSalary({ median: 60000 }))).toEqual([60000, 60000, 'year', 'USD', 60000, 60000]);
    expect(figures(normalizeSalary({ median: 25 }))).toEqual([25, 25, 'hour', 'USD', 52000, 52000]);
    expect(figures(normalizeSalary({ median: 4200, currency: 'gbp' }))).toEqual([4200, 4200, 'month', 'GBP', 50400, 50400]);
  });
});

describe('normalizeSalary from text (Craigslist compensation)', () => {
  it.each<[string, Figures]>([
    ['$60k - $70k DOE, with medical and dental benefits.', [60000, 70000, 'year', 'USD', 60000, 70000]],
    ['$25/hr', [25, 25, 'hour', 'USD', 52000, 52000]],
    ['$20/hr', [20, 20, 'hour', 'USD', 41600, 41600]],
    ['$25 - $30 per hour', [25, 30, 'hour', 'USD', 52000, 62400]],
    ['80,000-95,000 per year', [80000, 95000, 'year', 'USD', 80000, 95000]],
    ['Up to $120K', [null, 120000, 'year', 'USD', null, 120000]],
    ['Up to approximately 125K', [null, 125000, 'year', 'USD', null, 125000]],
    ['$50,000+', [50000, null, 'year', 'USD', 50000, null]],
    ['starting 30K', [30000, null, 'year', 'USD', 30000, null]],
    ['$20-25/hour', [20, 25, 'hour', 'USD', 41600, 52000]],
    ['£40,000 - £50,000', [40000, 50000, 'year', 'GBP', 40000, 50000]],
    ['100K-120K', [100000, 120000, 'year', 'USD', 100000, 120000]],
    ['$85-100k', [85000, 100000, 'year', 'USD', 85000, 100000]],
    ['Range from $150k to $180', [150000, 180000, 'year', 'USD', 150000, 180000]],
    ['250 - 300K+ Total compensation', [250000, 300000, 'year', 'USD', 250000, 300000]],
    ['Compensation based on experience 75-125k', [75000, 125000, 'year', 'USD', 75000, 125000]],
    ['60k to 110k yearly - commensurate with experience', [60000, 110000, 'year', 'USD', 60000, 110000]],
    ['$62 500 + , 20 paid vacation days, 10 paid holidays, healthcare provided', [62500, 62500, 'year', 'USD', 62500, 62500]],
    ['$100,000 + Commission', [100000, 100000, 'year', 'USD', 100000, 100000]],
    ['$130,000.00 - $135,000.00', [130000, 135000, 'year', 'USD', 130000, 135000]],
    ['95,000.00 to 135,000.00', [95000, 135000, 'year', 'USD', 95000, 135000]],
    ['$1,000/month.', [1000, 1000, 'month', 'USD', 12000, 12000]],
    ['Approximately $45 per hour', [45, 45, 'hour', 'USD', 93600, 93600]],
    ['$50 per hour plus $10 travel and $10 per diem', [50, 50, 'hour', 'USD', 104000, 104000]],
    ['20 to 40 dollars an hour', [20, 40, 'hour', 'USD', 41600, 83200]],
    ['Based upon experience $20 - $45 an hour', [20, 45, 'hour', 'USD', 41600, 93600]],
    ['$26.50 to $38.50 per hour depending on experience and abilities', [26.5, 38.5, 'hour', 'USD', 55120, 80080]],
    ['17.00 to 27.00 per hour (skills dependent)', [17, 27, 'hour', 'USD', 35360, 56160]],
    ['Hourly Rate $15', [15, 15, 'hour', 'USD', 31200, 31200]],
    ['15 hour', [15, 15, 'hour', 'USD', 31200, 31200]],
    ['$15 to $20 depending on abilities.', [15, 20, 'hour', 'USD', 31200, 41600]],
    ['Approximately 130K, base salary negotiable depending upon years and level of prior experience.', [130000, 130000, 'year', 'USD', 130000, 130000]],
    // "Weekly" is about the commission; 55k a week is not plausible, so the size decides.
    ['Weekly high paying commission-per each active project. Range from 55k to 90k', [55000, 90000, 'year', 'USD', 55000, 90000]],
  ])('%p', (text, expected) => {
    const salary = normalizeSalary({ text });
    expect(figures(salary)).toEqual(expected);
    expect(salary?.text).toBe(text);
  });

  it.each([
    'competitive',
    'DOE',
    'TBD',
    'Commensurate with experience',
    '$$',
    '0',
    'generous hourly rate; 1.5 for OT',
    'salary + commission   5 days week',
    'Hourly, 1099/Independent Contractor Status',
    'Salary based on experience and includes Company paid Benefits and 401K.',
    'nan',
    '',
  ])('finds no pay in %p', (text) => {
    expect(normalizeSalary({ text })).toBeNull();
  });

  it.each([null, undefined, NaN, {}, [], 12345678901])('returns null for garbage %p', (value) => {
    expect(normalizeSalary({ text: value, min: value, max: value })).toBeNull();
  });

  it('reads a period from the pay_period column when the text has none', () => {
    expect(figures(normalizeSalary({ text: '$4,000', period: 'MONTHLY' }))).toEqual([4000, 4000, 'month', 'USD', 48000, 48000]);
  });
});

describe('findPayInText', () => {
  it.each<[string, Figures, string]>([
    [
      'Anticipated pay range is $14 - $20 an hour commensurate with qualifications and prior experience.',
      [14, 20, 'hour', 'USD', 29120, 41600],
      '$14 - $20 an hour',
    ],
    [
      'titive salary commensurate with experienceSalary: $140,000- $175,000Benefits: 401k, Medical, Dental',
      [140000, 175000, 'year', 'USD', 140000, 175000],
      '$140,000- $175,000',
    ],
    ['Job Type: Full-timePay: $18.00/hourBenefits:Various health insurance options', [18, 18, 'hour', 'USD', 37440, 37440], '$18.00/hour'],
    [
      'Salary Range: The salary for this position is between $176800\u2013 $197600 annually. Factors that may affect pay',
      [176800, 197600, 'year', 'USD', 176800, 197600],
      '$176800\u2013 $197600 annually',
    ],
    ['This is a salaried role paying up to \u00a370,000 per annum, plus benefits', [null, 70000, 'year', 'GBP', null, 70000], '\u00a370,000 per annum'],
    ['Instructor must have their CPR certification. Earn up to $30/hr. Interested parties', [null, 30, 'hour', 'USD', null, 62400], '$30/hr'],
  ])('finds %p', (description, expected, snippet) => {
    const salary = findPayInText(description);
    expect(figures(salary)).toEqual(expected);
    expect(salary?.text).toBe(snippet);
  });

  it('skips money that is not pay: bonuses, tips, funding, budgets, benefits', () => {
    const description =
      'Strategic investors: Raised over $6M from a great investing team. Should your referral result in a hire, a $500 bonus will be awarded. ' +
      'Top performers at our company average $250-500 in tips per week! Tuition assistance program (up to $5,250 per year). ' +
      'Membership at 24-Hour Fitness (or $50/month). \ud83d\udcda \u00a3500 per year learning budget. ' +
      'Pay: $22.00 - $26.00 per hour';
    expect(figures(findPayInText(description))).toEqual([22, 26, 'hour', 'USD', 45760, 54080]);
  });

  it('needs a period word or a pay word next to the amount', () => {
    expect(findPayInText('We manage $35 million in assets and serve 400 clients for $25 each.')).toBeNull();
    expect(findPayInText('Free $25000 Life & AD&D Policy and other supplemental options')).toBeNull();
  });

  it.each([null, undefined, 42, '', 'No dollar signs here, just 60,000 words.', 'x'.repeat(10_000)])('returns null for %p', (value) => {
    expect(findPayInText(value)).toBeNull();
  });
});

describe('pay periods', () => {
  it.each([
    ['HOURLY', 'hour'],
    ['YEARLY', 'year'],
    ['MONTHLY', 'month'],
    ['WEEKLY', 'week'],
    ['BIWEEKLY', 'biweekly'],
    ['per annum', 'year'],
    ['hr', 'hour'],
    ['nan', null],
    ['quarterly', null],
  ])('parsePayPeriod(%p) = %p', (input, expected) => {
    expect(parsePayPeriod(input)).toBe(expected);
  });

  it.each([
    [25, 'hour'],
    [500, 'hour'],
    [4200, 'month'],
    [60000, 'year'],
  ])('inferPayPeriod(%p) = %p', (value, expected) => {
    expect(inferPayPeriod(value)).toBe(expected);
  });
});

describe('pay bands (salary.bands, the pay facet)', () => {
  it('lists every band the annual range overlaps, with the payMin/payMax edges inclusive', () => {
    expect(payBandsOf(60_000, 70_000)).toEqual(['50000-75000']);
    expect(payBandsOf(40_000, 120_000)).toEqual(['30000-50000', '50000-75000', '75000-100000', '100000-150000']);
    // Exactly on an edge: payMax=50000 (bottom <= 50000) and payMin=50000 (top >= 50000) both find it.
    expect(payBandsOf(50_000, 50_000)).toEqual(['30000-50000', '50000-75000']);
    expect(payBandsOf(null, 25_000)).toEqual(['-30000']);
    expect(payBandsOf(200_000, null)).toEqual(['150000-']);
    expect(payBandsOf(null, null)).toEqual([]);
  });

  it('is stored with the annual figures of a normalized salary', () => {
    const hourly = normalizeSalary({ min: '20', max: '25', period: 'hour', currency: 'USD' });
    expect(hourly).toMatchObject({ annual_min: 41_600, annual_max: 52_000, bands: ['30000-50000', '50000-75000'] });
  });
});
