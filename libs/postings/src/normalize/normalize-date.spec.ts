import { normalizeDate } from './normalize-date';

describe('normalizeDate', () => {
  // TJFG rows were collected on "2020-08-20"; relative dates count back from the collection day.
  const collected = new Date('2020-08-20T15:30:00Z');

  it.each([
    ['1713397508000.0', '2024-04-17T23:45:08.000Z'], // LinkedIn 2023-24 listed_time (epoch ms as a float string)
    [1713397508000, '2024-04-17T23:45:08.000Z'],
    ['1716050000000.0', '2024-05-18T16:33:20.000Z'], // LinkedIn 2023-24 expiry
    ['1713397508', '2024-04-17T23:45:08.000Z'], // epoch seconds
    [1712346173, '2024-04-05T19:42:53.000Z'], // employee_counts time_recorded
    ['2023-12-17', '2023-12-17T00:00:00.000Z'], // LinkedIn 2024 first_seen
    ['2023-12-17T10:11:12', '2023-12-17T10:11:12.000Z'],
    ['2023-12-17 10:11:12+02:00', '2023-12-17T08:11:12.000Z'],
    ['Dec 17, 2023', '2023-12-17T00:00:00.000Z'],
    ['17 December 2023', '2023-12-17T00:00:00.000Z'],
    ['Sept. 3, 2021', '2021-09-03T00:00:00.000Z'],
  ])('reads %p as %p', (input, expected) => {
    expect(normalizeDate(input)).toBe(expected);
  });

  it.each([
    ['7/30/2020', '2020-07-30T00:00:00.000Z'], // TJFG Date_Queried
    ['7/30/20', '2020-07-30T00:00:00.000Z'],
    ['2020-08-04', '2020-08-04T00:00:00.000Z'],
    ['3 days ago', '2020-08-17T00:00:00.000Z'],
    ['30+ days ago', '2020-07-21T00:00:00.000Z'],
    ['Posted 2 weeks ago', '2020-08-06T00:00:00.000Z'],
    ['1 month ago', '2020-07-20T00:00:00.000Z'],
    ['today', '2020-08-20T00:00:00.000Z'],
    ['Just posted', '2020-08-20T00:00:00.000Z'],
    ['yesterday', '2020-08-19T00:00:00.000Z'],
    ['an hour ago', '2020-08-20T14:30:00.000Z'],
    ['45 minutes ago', '2020-08-20T14:45:00.000Z'],
  ])('reads %p against the collection date as %p', (input, expected) => {
    expect(normalizeDate(input, { reference: collected })).toBe(expected);
  });

  it('cannot resolve a relative date without a reference', () => {
    expect(normalizeDate('3 days ago')).toBeNull();
    expect(normalizeDate('today', { reference: null })).toBeNull();
  });

  it('rejects dates before 1990 and more than a year after the reference', () => {
    expect(normalizeDate('1/1/1980')).toBeNull();
    expect(normalizeDate('1989-12-31')).toBeNull();
    expect(normalizeDate('2023-12-17', { reference: collected })).toBeNull();
    expect(normalizeDate('2021-08-01', { reference: collected })).toBe('2021-08-01T00:00:00.000Z');
    expect(normalizeDate('2099-01-01')).toBeNull();
  });

  it.each([null, undefined, '', 'nan', 'NaN', 'None', 'garbage', '0', '-5', 12.5, '2/30/2020', '13/1/2020', 'Dec 45, 2023', {}, [], NaN, Infinity])(
    'returns null for %p',
    (input) => {
      expect(normalizeDate(input, { reference: collected })).toBeNull();
    },
  );

  it('accepts a Date and ignores an invalid reference', () => {
    expect(normalizeDate(new Date('2020-07-30T00:00:00Z'))).toBe('2020-07-30T00:00:00.000Z');
    expect(normalizeDate(new Date('nope'))).toBeNull();
    expect(normalizeDate('3 days ago', { reference: new Date('nope') })).toBeNull();
  });
});
