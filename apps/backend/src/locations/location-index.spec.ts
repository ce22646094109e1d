import { normalizeLocation } from '@jobportal/postings';
import { LocationIndex } from './location-index';

describe('LocationIndex', () => {
  const index = new LocationIndex();

  it('suggests US places first, most populous first, at most 10', () => {
    const out = index.suggest('portl');
    expect(out.length).toBeLessThanOrEqual(10);
    expect(out[0]).toMatchObject({ label: 'Portland, OR', city: 'Portland', region: 'Oregon', regionCode: 'OR', countryCode: 'US' });
    expect(out.map((p) => p.label)).toContain('Portland, ME');
    const firstForeign = out.findIndex((p) => p.countryCode !== 'US');
    if (firstForeign >= 0) expect(out.slice(firstForeign).every((p) => p.countryCode !== 'US')).toBe(true);
  });

  it('narrows by what follows a comma: state code, state name or country', () => {
    expect(index.suggest('portland, me')[0].label).toBe('Portland, ME');
    expect(index.suggest('portland, maine')[0].label).toBe('Portland, ME');
    expect(index.suggest('london, united k')[0]).toMatchObject({ label: 'London, United Kingdom', countryCode: 'GB' });
  });

  it('labels places as postings name them, and suggests states', () => {
    const labels = index.suggest('new york').map((p) => p.label);
    expect(labels).toEqual(expect.arrayContaining(['New York, NY', 'New York']));
    expect(index.suggest('texa')[0]).toMatchObject({ label: 'Texas', city: null, regionCode: 'TX' });
  });

  it('every suggestion resolves back to its own point', () => {
    for (const q of ['san', 'spring', 'wash', 'tor', 'st lo', 'mont']) {
      for (const p of index.suggest(q)) {
        const r = normalizeLocation(p.label);
        expect({ label: p.label, lat: r.geo?.lat, lon: r.geo?.lon }).toEqual({ label: p.label, lat: p.lat, lon: p.lon });
      }
    }
  });

  it('ignores accents, case and punctuation, and answers nothing for nothing', () => {
    expect(index.suggest('SAINT LOUIS')[0]?.label).toBe(index.suggest('st. louis')[0]?.label);
    expect(index.suggest('montréal')[0]?.city).toMatch(/^Montr[ée]al$/);
    expect(index.suggest('  ')).toEqual([]);
    expect(index.suggest('zzzzqqq')).toEqual([]);
  });
});
