import type { PostingLocation } from '@jobportal/contracts';
import { normalizeKey, normalizeLocation, preloadGazetteer, type NormalizeLocationOptions } from './normalize-location';

type Expected = [city: string | null, region: string | null, regionCode: string | null, countryCode: string | null];

function place(text: unknown, options?: NormalizeLocationOptions) {
  const { location, geo } = normalizeLocation(text, options);
  return {
    parts: [location.city, location.region, location.region_code, location.country_code] as Expected,
    location,
    geo,
  };
}

const CRAIGSLIST_NYC: NormalizeLocationOptions = { fallback: { city: 'New York', region_code: 'NY', country_code: 'US' } };

beforeAll(() => preloadGazetteer());

describe('normalizeLocation', () => {
  it('parses "City, ST ZIP" (Indeed 2019) into every field, with the city\'s coordinates', () => {
    const { location, geo } = normalizeLocation('Columbus, GA 31909');
    expect(location).toEqual<PostingLocation>({
      text: 'Columbus, GA 31909',
      city: 'Columbus',
      region: 'Georgia',
      region_code: 'GA',
      country: 'United States',
      country_code: 'US',
      postal_code: '31909',
    });
    // Columbus, GA, not the bigger Columbus, OH: the state decides.
    expect(geo?.lat).toBeCloseTo(32.461, 2);
    expect(geo?.lon).toBeCloseTo(-84.988, 2);
  });

  it.each<[string, Expected]>([
    ['New York, NY', ['New York', 'New York', 'NY', 'US']],
    ['Leicester, England, United Kingdom', ['Leicester', 'England', null, 'GB']],
    ['Sydney, New South Wales, Australia', ['Sydney', 'New South Wales', 'NSW', 'AU']],
    ['Toronto, Ontario, Canada', ['Toronto', 'Ontario', 'ON', 'CA']],
    ['Toronto, ON', ['Toronto', 'Ontario', 'ON', 'CA']],
    ['Montreal, Quebec, Canada', ['Montréal', 'Quebec', 'QC', 'CA']],
    ['Los Angeles, California, United States', ['Los Angeles', 'California', 'CA', 'US']],
    ['Austin, Texas Metropolitan Area', ['Austin', 'Texas', 'TX', 'US']],
    ['Columbus, Ohio Metropolitan Area', ['Columbus', 'Ohio', 'OH', 'US']],
    ['New York City Metropolitan Area', ['New York', 'New York', 'NY', 'US']],
    ['San Francisco Bay Area', ['San Francisco', 'California', 'CA', 'US']],
    ['Raleigh-Durham-Chapel Hill Area', ['Raleigh', 'North Carolina', 'NC', 'US']],
    ['Dallas-Fort Worth Metroplex', ['Dallas', 'Texas', 'TX', 'US']],
    ['Greensboro--Winston-Salem--High Point Area', ['Greensboro', 'North Carolina', 'NC', 'US']],
    ['Greater Minneapolis-St. Paul Area', ['Minneapolis', 'Minnesota', 'MN', 'US']],
    ['Washington DC-Baltimore Area', ['Washington', 'District of Columbia', 'DC', 'US']],
    ['Washington, DC', ['Washington', 'District of Columbia', 'DC', 'US']],
    ['St Louis, MO', ['St. Louis', 'Missouri', 'MO', 'US']],
    ['Mt. Laurel, NJ', ['Mount Laurel', 'New Jersey', 'NJ', 'US']],
    ["Land O' Lakes, FL", ["Land O' Lakes", 'Florida', 'FL', 'US']],
    ['Kailua-Kona, HI', ['Kailua-Kona', 'Hawaii', 'HI', 'US']],
    ['Metro Detroit, MI', ['Detroit', 'Michigan', 'MI', 'US']],
    ['Atlanta, Georgia', ['Atlanta', 'Georgia', 'GA', 'US']],
    ['Newcastle-upon-Tyne, England, United Kingdom', ['Newcastle upon Tyne', 'England', null, 'GB']],
    ['Manchester Area, United Kingdom', ['Manchester', 'England', null, 'GB']],
    ['Miguel Hidalgo, Mexico City, Mexico', ['Miguel Hidalgo', null, null, 'MX']],
    ['Lake County, IL', ['Lake County', 'Illinois', 'IL', 'US']],
    ['222 North 20th St. Philadelphia, PA 19103', ['Philadelphia', 'Pennsylvania', 'PA', 'US']],
  ])('parses %p', (text, expected) => {
    expect(place(text).parts).toEqual(expected);
  });

  it.each<[string, Expected]>([
    ['Los Angeles, CA/Remote', ['Los Angeles', 'California', 'CA', 'US']],
    ['Easthampton, MA or remote', ['Easthampton', 'Massachusetts', 'MA', 'US']],
    ['Menlo Park, CA (or remote)', ['Menlo Park', 'California', 'CA', 'US']],
    ['Portland, OR or Remote, US Only', ['Portland', 'Oregon', 'OR', 'US']],
    ['Lawrence, KS -- CAN BE REMOTE BASED', ['Lawrence', 'Kansas', 'KS', 'US']],
    ['Remote for now, based out of San Francisco', ['San Francisco', 'California', 'CA', 'US']],
    ['San Francisco, CA/Washington, DC', ['San Francisco', 'California', 'CA', 'US']],
    ['Brooklyn, NY ; Tucson, AZ; or Austin, TX preferred; remote work possible for the right candidate', ['Brooklyn', 'New York', 'NY', 'US']],
    ['Massachusetts Preferred or Remote (US)', [null, 'Massachusetts', 'MA', 'US']],
    ['Remote (USA)', [null, null, null, 'US']],
    ['Remote (US Based)', [null, null, null, 'US']],
    ['Remote', [null, null, null, null]],
    ['Virtual', [null, null, null, null]],
  ])('takes the place out of a remote-or-several-places location: %p', (text, expected) => {
    expect(place(text).parts).toEqual(expected);
  });

  it('gives a state alone its centre and a country alone no point', () => {
    const texas = place('Texas, United States');
    expect(texas.parts).toEqual([null, 'Texas', 'TX', 'US']);
    expect(texas.geo).toEqual({ lat: 31.4757, lon: -99.3312 });
    // LinkedIn writes "<State>, United States" for a state-wide posting, so New York here is the state.
    expect(place('New York, United States').parts).toEqual([null, 'New York', 'NY', 'US']);
    expect(place('Washington, United States').parts).toEqual([null, 'Washington', 'WA', 'US']);
    expect(place('California').geo).toEqual({ lat: 37.1841, lon: -119.4696 });
    const us = normalizeLocation('United States');
    expect(us).toEqual({
      location: { text: 'United States', city: null, region: null, region_code: null, country: 'United States', country_code: 'US', postal_code: null },
      geo: null,
    });
    expect(place('Guam').parts).toEqual([null, null, null, 'GU']);
  });

  it('uses the default country for a place that names none ("Greater Philadelphia")', () => {
    expect(place('Greater Philadelphia', { defaultCountry: 'US' }).parts).toEqual(['Philadelphia', 'Pennsylvania', 'PA', 'US']);
    // Without one, the most populous place of that name in the world.
    expect(place('London').parts).toEqual(['London', 'England', null, 'GB']);
    expect(place('Columbus', { defaultCountry: 'US' }).parts).toEqual(['Columbus', 'Ohio', 'OH', 'US']);
  });

  it('reads the LinkedIn zip_code column, restoring the leading zero spreadsheets drop', () => {
    expect(normalizeLocation('Boston, MA', { postalCode: '2108.0' }).location.postal_code).toBe('02108');
    expect(normalizeLocation('New York, NY', { postalCode: '10001.0' }).location.postal_code).toBe('10001');
    expect(normalizeLocation('New York, NY', { postalCode: 'nan' }).location.postal_code).toBeNull();
    expect(normalizeLocation('Toronto, ON', { postalCode: 'M5V 2T6' }).location.postal_code).toBe('M5V 2T6');
  });

  describe('Craigslist NYC neighbourhoods, with the New York fallback', () => {
    it.each<[string | null, Expected]>([
      ['Queens Village', ['Queens Village', 'New York', 'NY', 'US']],
      ['Queens Village, New York', ['Queens Village', 'New York', 'NY', 'US']],
      ['Brooklyn', ['Brooklyn', 'New York', 'NY', 'US']],
      ['BROOKLYN', ['Brooklyn', 'New York', 'NY', 'US']],
      ['Brooklyn,N.Y', ['Brooklyn', 'New York', 'NY', 'US']],
      ['Manhattan', ['Manhattan', 'New York', 'NY', 'US']],
      ['Bronx', ['The Bronx', 'New York', 'NY', 'US']],
      ['College point', ['College Point', 'New York', 'NY', 'US']],
      ['Jamaica, Queens', ['Jamaica', 'New York', 'NY', 'US']],
      // The country of the same name does not win over the neighbourhood.
      ['Jamaica', ['Jamaica', 'New York', 'NY', 'US']],
      ['Roslyn NY', ['Roslyn', 'New York', 'NY', 'US']],
      ['18-25 212th Street, Queens, NY', ['Queens', 'New York', 'NY', 'US']],
      ['NYC', ['New York', 'New York', 'NY', 'US']],
      ['New York', ['New York', 'New York', 'NY', 'US']],
      ['New York City, New York', ['New York', 'New York', 'NY', 'US']],
      // Unknown neighbourhoods fall back to the city.
      ['Midtown', ['New York', 'New York', 'NY', 'US']],
      ['Midtown, New York', ['New York', 'New York', 'NY', 'US']],
      ['TriBeCa', ['New York', 'New York', 'NY', 'US']],
      ['Westchester', ['New York', 'New York', 'NY', 'US']],
      [null, ['New York', 'New York', 'NY', 'US']],
      // Big cities elsewhere are themselves, even with the board's state appended.
      ['Tampa', ['Tampa', 'Florida', 'FL', 'US']],
      ['Tampa, New York', ['Tampa', 'Florida', 'FL', 'US']],
      ['new haven', ['New Haven', 'Connecticut', 'CT', 'US']],
      ['Southport, CT', ['Southport', 'Connecticut', 'CT', 'US']],
      ['Englewood, NJ', ['Englewood', 'New Jersey', 'NJ', 'US']],
    ])('%p', (text, expected) => {
      expect(place(text, CRAIGSLIST_NYC).parts).toEqual(expected);
    });

    it('keeps the text as written and puts Midtown at New York City', () => {
      const { location, geo } = normalizeLocation('Midtown', CRAIGSLIST_NYC);
      expect(location.text).toBe('Midtown');
      expect(geo?.lat).toBeCloseTo(40.714, 2);
      expect(geo?.lon).toBeCloseTo(-74.006, 2);
    });
  });

  it.each([null, undefined, '', 'nan', 'N/A', '!!!', 'Indeed.com', 'External Careers', {}, NaN])('returns an empty location for %p', (text) => {
    const { location, geo } = normalizeLocation(text);
    expect([location.city, location.region, location.country_code, geo]).toEqual([null, null, null, null]);
  });

  it('treats a bare number as a postal code, and survives a 10,000-character string', () => {
    expect(normalizeLocation(12345).location).toMatchObject({ text: '12345', city: null, postal_code: '12345' });
    const long = 'Springfield '.repeat(834).slice(0, 10_000);
    expect(normalizeLocation(long).location.text).toBe(long.trim());
  });

  it('returns a fresh object each call, so a caller may change it', () => {
    const first = normalizeLocation('Denver, CO');
    first.location.city = 'changed';
    first.geo!.lat = 0;
    const second = normalizeLocation('Denver, CO');
    expect(second.location.city).toBe('Denver');
    expect(second.geo?.lat).toBeCloseTo(39.739, 2);
  });
});

describe('normalizeKey', () => {
  it.each([
    ['St. Louis', 'st louis'],
    ['Saint Louis', 'st louis'],
    ['Mount Laurel', 'mt laurel'],
    ['Montréal', 'montreal'],
    ['Washington, D.C.', 'washington dc'],
    ["Land O' Lakes", 'land o lakes'],
  ])('%p -> %p', (input, expected) => {
    expect(normalizeKey(input)).toBe(expected);
  });
});
