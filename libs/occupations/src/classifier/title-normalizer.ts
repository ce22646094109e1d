import { titleWords } from './featurize';

/*
 * What an employer adds to a title that says nothing about the occupation: seniority and levels
 * ("Sr.", "II", "Level 3"), requisition codes ("REQ-10234", "#4411", "(R0123)"), schedules and work
 * modes ("(Remote)", "- Full Time", "Nights"), places ("- Austin, TX", "in Dallas"), pay ("$22/hr")
 * and the employer's name ("at Acme", "- Acme Inc"). Unlike the postings fingerprint key
 * (libs/postings normalizeTitleKey), seniority goes too: a senior and a junior accountant are both
 * 13-2011. Upper case needs nothing: every key is lower case.
 */

/** Seniority and level words removed wherever they are. */
const STRIP_ANYWHERE = new Set(['senior', 'sr', 'snr', 'junior', 'jr', 'experienced', 'i', 'ii', 'iii', 'iv', 'v', 'vi', 'l1', 'l2', 'l3', 'l4', 'l5']);
/**
 * Removed only in front: behind, they are part of the occupation's name ("Medical Assistant",
 * "Sales Associate"), and a title that is nothing else keeps them.
 */
const LEADING_ONLY = new Set(['entry', 'level', 'principal', 'staff', 'associate', 'lead', 'head', 'assistant', 'deputy', 'trainee', 'apprentice']);

const NOISE = new Set([
  'remote', 'hybrid', 'onsite', 'on', 'site', 'wfh', 'telecommute', 'virtual', 'full', 'part', 'time', 'fulltime', 'parttime', 'ft', 'pt',
  'prn', 'per', 'diem', 'contract', 'contractor', 'temporary', 'temp', 'permanent', 'perm', 'seasonal', 'nights', 'night', 'days', 'day',
  'weekend', 'weekends', 'evenings', 'evening', 'overnight', 'shift', 'shifts', 'urgent', 'urgently', 'immediate', 'immediately', 'start',
  'hiring', 'now', 'asap', 'new', 'grad', 'w2', '1099', 'c2c', 'bonus', 'sign', 'signing', 'hr', 'hour', 'hourly', 'week', 'weekly',
  'year', 'yr', 'salary', 'pay', 'up', 'to', 'k', 'relocation', 'openings', 'opening', 'multiple', 'positions', 'position',
]);

// A Map, not an object literal: a title word such as "constructor" must not find Object's prototype.
const ABBREVIATIONS: ReadonlyMap<string, string> = new Map(Object.entries({
  mgr: 'manager', mngr: 'manager', asst: 'assistant', assoc: 'associate', dir: 'director', engr: 'engineer', eng: 'engineer',
  dev: 'developer', admin: 'administrator', rep: 'representative', coord: 'coordinator', tech: 'technician', techs: 'technicians',
  spec: 'specialist', svc: 'service', svcs: 'services', cust: 'customer', acct: 'accountant', hr: 'human resources', rn: 'registered nurse',
  lpn: 'licensed practical nurse', lvn: 'licensed vocational nurse', cna: 'certified nursing assistant', sw: 'software', swe: 'software engineer',
  qa: 'quality assurance', ui: 'user interface', ux: 'user experience', it: 'information technology', ops: 'operations',
}));

/** US state codes and names, so "- Austin, TX" and "Dallas, Texas" can be told from the title. */
const STATES =
  'al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm ny nc nd oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy dc'.split(' ');
const STATE_SET = new Set(STATES);

const REQUISITION = /\b(?:req(?:uisition)?|job|ref|id|r)\s*[#:.-]?\s*[a-z]*\d[\w-]*|#\s*\w*\d\w*|\b[a-z]{0,4}\d{4,}[\w-]*/gi;
const PAY = /\$\s?\d[\d,.]*\s*(?:k|\+)?(?:\s*(?:-|to)\s*\$?\s?\d[\d,.]*\s*k?)?(?:\s*\/?\s*(?:hr|hour|yr|year|wk|week))?/gi;
const PARENTHESES = /[([{][^)\]}]*[)\]}]/g;
/** " at Acme", " @ Acme", " with Acme": what follows is the employer. */
const AT_EMPLOYER = /\s+(?:at|@|with|for)\s+[A-Z@].*$/;
/** " - Austin, TX", " | New York", " in Dallas, Texas". */
const PLACE_SUFFIX = /\s*(?:[-\u2013\u2014|,:]|\bin\b)\s*[A-Za-z .'-]+,\s*(?:[A-Z]{2}|[A-Za-z]+)\s*$/;

export interface NormalizedTitle {
  /** Lower-case words, noise removed, abbreviations expanded; '' when nothing occupational is left. */
  key: string;
  words: string[];
}

/**
 * The occupational core of an employer's title: "Sr. Software Engineer II - Austin, TX (Remote) #R1234"
 * gives "software engineer". `employer`, when given, is removed wherever it appears in the title.
 */
export function normalizeTitle(title: string, employer?: string | null): NormalizedTitle {
  let s = (title ?? '').replace(/\s+/g, ' ').trim();
  if (employer) {
    const name = employer
      .replace(/\b(?:inc|llc|ltd|corp|corporation|co|company|group)\b\.?/gi, '')
      .replace(/[\s,.]+$/, '')
      .trim();
    if (name.length >= 3) s = s.split(new RegExp(escapeRegExp(name), 'i')).join(' ');
  }
  s = s.replace(AT_EMPLOYER, '').replace(PAY, ' ').replace(PARENTHESES, ' ').replace(REQUISITION, ' ');
  s = s.replace(PLACE_SUFFIX, '');
  // The first segment before " - " / " | " is the title; what follows is place, schedule or team unless it is all there is.
  const parts = s.split(/\s+[-\u2013\u2014|/]\s+|\s*[|\u2013\u2014]\s*/).filter((p) => titleWords(p).length > 0);
  if (parts.length > 1) s = parts.find((p) => titleWords(p).some((w) => !NOISE.has(w) && !STATE_SET.has(w))) ?? parts[0];
  let words = titleWords(s).flatMap((w) => (ABBREVIATIONS.get(w) ?? w).split(' '));
  words = words.filter((w) => !NOISE.has(w) && !STRIP_ANYWHERE.has(w));
  while (words.length > 1 && LEADING_ONLY.has(words[0])) words = words.slice(1);
  while (words.length > 1 && STATE_SET.has(words[words.length - 1]) && words[words.length - 1].length === 2) words = words.slice(0, -1);
  return { key: words.join(' '), words };
}

/** Singular forms, so "Registered Nurses" and "Registered Nurse" meet. */
export function singular(word: string): string {
  if (word.length <= 3 || word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(?:ches|shes|xes|sses)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
