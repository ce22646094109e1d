import { createHash } from 'node:crypto';
import type { PostingLocation } from '@jobportal/contracts';
import { cleanString } from './normalize-text';

const DIACRITICS = /[\u0300-\u036f]/g;
const NON_WORD = /[^a-z0-9+#]+/g;

/*
 * Title decorations that say how or where, not what the job is: "(Remote)", "- Hybrid",
 * "– Contract", "URGENT!!", "(100% WFH)". Seniority ("Senior", "II") is part of the job and stays.
 */
const NOISE_WORDS =
  '(?:remote|hybrid|on-?site|in[- ]office|wfh|work from home|telecommute|virtual|100%|fully|full[- ]?time|part[- ]?time|contract(?:or)?|temporary|temp|permanent|perm|urgent(?:ly)?|immediate(?:ly)?|start|hiring|now|asap|new|us|usa|only|based|w2|1099|c2c|and|or|\\/|,|&)';
const NOISE_GROUP = new RegExp(`\\s*[([]\\s*(?:${NOISE_WORDS}[\\s!.-]*)+[)\\]]`, 'gi');
const NOISE_SUFFIX = new RegExp(`\\s+[-\u2013\u2014|:]+\\s*(?:${NOISE_WORDS}[\\s!.-]*)+$`, 'i');
const NOISE_PREFIX = /^\s*(?:urgent(?:ly)?|now hiring|hiring|immediate(?:ly)?|asap)\b[\s!:.-]*(?:hiring\b[\s!:.-]*)?/i;

const TITLE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  sr: 'senior',
  snr: 'senior',
  jr: 'junior',
  mgr: 'manager',
  asst: 'assistant',
  assoc: 'associate',
  dir: 'director',
  engr: 'engineer',
  eng: 'engineer',
  dev: 'developer',
  admin: 'administrator',
  rep: 'representative',
  coord: 'coordinator',
};

/** Legal-form words that vary between sources for the same employer. */
const COMPANY_SUFFIXES = new Set([
  'inc', 'incorporated', 'llc', 'l l c', 'ltd', 'limited', 'corp', 'corporation', 'co', 'company', 'plc',
  'gmbh', 'lp', 'llp', 'pllc', 'pc', 'sa', 'ag', 'bv', 'nv', 'pty', 'group', 'holdings',
]);

function fold(s: string): string {
  return s.normalize('NFD').replace(DIACRITICS, '').toLowerCase();
}

/** "Sr. Data Engineer (Remote)" and "Senior Data Engineer - Remote" give "senior data engineer". */
export function normalizeTitleKey(title: unknown): string {
  let s = cleanString(title);
  if (!s) return '';
  let prev: string;
  do {
    prev = s;
    s = s.replace(NOISE_GROUP, ' ').replace(NOISE_SUFFIX, '').replace(NOISE_PREFIX, '').trim();
  } while (s !== prev && s);
  return fold(s || prev)
    .replace(NON_WORD, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .map((w) => TITLE_ABBREVIATIONS[w] ?? w)
    .join(' ');
}

/** "Turner Hydraulics, INC" and "Turner Hydraulics Inc." give "turner hydraulics". */
export function normalizeCompanyKey(company: unknown): string {
  const s = cleanString(company);
  if (!s) return '';
  const words = fold(s).replace(/&/g, ' and ').replace(/[.']/g, '').replace(NON_WORD, ' ').trim().split(' ').filter(Boolean);
  if (words[0] === 'the' && words.length > 1) words.shift();
  while (words.length > 1 && (COMPANY_SUFFIXES.has(words[words.length - 1]) || words[words.length - 1] === 'and')) words.pop();
  return words.join(' ');
}

function locationKey(location: Pick<PostingLocation, 'city' | 'region_code' | 'region' | 'country_code'> | null | undefined): string {
  if (!location) return '';
  const city = location.city ? fold(location.city).replace(NON_WORD, ' ').trim() : '';
  const region = (location.region_code ?? (location.region ? fold(location.region).replace(NON_WORD, ' ').trim() : '')).toLowerCase();
  if (city || region) return `${city}|${region}`;
  return (location.country_code ?? '').toLowerCase();
}

/**
 * The same job seen in two sources, or reposted, shares this: sha1 (hex) of the normalized title
 * (lower case, no punctuation, "Sr." -> "senior", "(Remote)"/"- Contract" decorations removed,
 * seniority kept), the company without its legal form (Inc, LLC, Ltd, Corp, Co) and city + region code.
 */
export function computeFingerprint(
  title: unknown,
  company: unknown,
  location: Pick<PostingLocation, 'city' | 'region_code' | 'region' | 'country_code'> | null | undefined,
): string {
  const key = `${normalizeTitleKey(title)}\n${normalizeCompanyKey(company)}\n${locationKey(location)}`;
  return createHash('sha1').update(key).digest('hex');
}
