import type { RawPosting } from '@jobportal/contracts';
import type { GeneratorCorpus, GeneratorOccupation, OccupationWages } from './load-generator-corpus';
import { createRng, createWeightedPicker, type Rng } from './prng';

export interface PostingGeneratorOptions {
  /**
   * Postings are dated over the ~24 months before this instant. Fixed by default so that the
   * output never depends on the clock (same seed and count, same bytes).
   */
  referenceDate?: string;
  /** Share of rows that repeat an earlier posting under a new source id. */
  repostRate?: number;
  /** Share of rows without a title, for the pipeline's reject path. */
  junkRate?: number;
}

export const GENERATOR_DEFAULTS = {
  referenceDate: '2026-11-01T00:00:00.000Z',
  repostRate: 0.015,
  junkRate: 0.002,
} as const;

const DAY_MS = 86_400_000;
const POSTED_SPAN_DAYS = 730;
/** A repost copies one of the postings shortly before it, as boards and staffing agencies do. */
const REPOST_WINDOW = 5000;

type Experience = 'internship' | 'entry' | 'associate' | 'mid_senior' | 'director' | 'executive';
type Employment = 'full_time' | 'part_time' | 'contract' | 'temporary' | 'internship';
type Mode = 'onsite' | 'hybrid' | 'remote';

const EXPERIENCE: ReadonlyArray<[Experience, number]> = [
  ['internship', 3],
  ['entry', 25],
  ['associate', 15],
  ['mid_senior', 46],
  ['director', 8],
  ['executive', 3],
];
/** The words the sources use (LinkedIn's formatted_experience_level), not the enum. */
const EXPERIENCE_LABEL: Record<Experience, string> = {
  internship: 'Internship',
  entry: 'Entry level',
  associate: 'Associate',
  mid_senior: 'Mid-Senior level',
  director: 'Director',
  executive: 'Executive',
};
const EMPLOYMENT: ReadonlyArray<[Employment, number]> = [
  ['full_time', 78],
  ['part_time', 10],
  ['contract', 8],
  ['temporary', 4],
];
const EMPLOYMENT_LABEL: Record<Employment, readonly string[]> = {
  full_time: ['Full-time', 'Full Time', 'FULL_TIME'],
  part_time: ['Part-time', 'Part Time'],
  contract: ['Contract', 'Contractor'],
  temporary: ['Temporary', 'Temp'],
  internship: ['Internship'],
};
const MODES: ReadonlyArray<[Mode, number]> = [
  ['onsite', 60],
  ['hybrid', 22],
  ['remote', 18],
];
const MODE_LABEL: Record<Mode, readonly string[]> = {
  onsite: ['On-site', 'Onsite'],
  hybrid: ['Hybrid'],
  remote: ['Remote'],
};
const MODE_SENTENCES: Record<Mode, readonly string[]> = {
  onsite: ['This role is on-site at our {location} location.', 'This position is fully on-site.', 'This is an in-person role at our {location} office.'],
  hybrid: ['This is a hybrid role: three days a week in our {location} office, two from home.', 'Hybrid schedule with 2 days per week remote.', 'We offer a hybrid work arrangement.'],
  remote: ['This is a fully remote position.', 'This role is 100% remote within the United States.', 'Remote work available: you can work from home anywhere in the US.'],
};
const REMOTE_TITLE_SUFFIXES = [' - Remote', ' (Remote)', ' - Remote (US)', ', Remote'];
const BENEFITS = [
  'Benefits include medical, dental and vision insurance, a 401(k) with company match, and paid time off.',
  'We offer health insurance, paid holidays, tuition reimbursement and an employee assistance program.',
  'Full benefits package: medical, dental, vision, life insurance, 401(k) and PTO.',
  'Perks: flexible schedule, paid parental leave, and a yearly learning budget.',
];
const EEO = [
  'We are an equal opportunity employer and value diversity at our company.',
  'All qualified applicants will receive consideration for employment without regard to race, color, religion, sex, sexual orientation, gender identity, national origin, disability or veteran status.',
];
/** Titles that already say their level, or would read wrongly with one ("Senior CEO"). */
const HAS_LEVEL = /\b(?:senior|sr\.?|junior|jr\.?|lead|principal|chief|ceo|cfo|coo|cio|cto|president|vice|vp|head|director|intern|trainee|apprentice|owner|entry)\b/i;

const LEADS = /\b(?:manager|director|chief|head|president|vp|executive|officer|superintendent|administrator|owner|principal)\b/i;

function weighted<T>(table: ReadonlyArray<[T, number]>): (rng: Rng) => T {
  const pick = createWeightedPicker(table.map(([, w]) => w));
  return (rng) => table[pick(rng)][0];
}
const pickExperience = weighted(EXPERIENCE);
const pickEmployment = weighted(EMPLOYMENT);
const pickMode = weighted(MODES);

/** k distinct items, in a random order (partial Fisher-Yates over an index array). */
function sample<T>(rng: Rng, items: readonly T[], k: number): T[] {
  const n = items.length;
  const take = Math.min(k, n);
  const idx = new Array<number>(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  const out = new Array<T>(take);
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(rng.next() * (n - i));
    const t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
    out[i] = items[idx[i]];
  }
  return out;
}

/** 65000 -> "65,000" (toLocaleString is far slower and depends on ICU data). */
function thousands(n: number): string {
  const s = String(Math.round(n));
  return s.length <= 3 ? s : s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A wage at a position along the percentile curve: 0 = 10th, 2 = median, 4 = 90th. */
function atPosition(curve: readonly number[], pos: number): number {
  const p = Math.max(0, Math.min(4, pos));
  const i = Math.min(3, Math.floor(p));
  return curve[i] + (curve[i + 1] - curve[i]) * (p - i);
}

const LEVEL_SHIFT: Record<Experience, number> = { internship: -1.5, entry: -0.8, associate: -0.3, mid_senior: 0.4, director: 1, executive: 1.4 };

export interface GeneratedPay {
  min: number;
  max: number;
  period: 'hour' | 'year';
  /** The range as a posting would write it, e.g. "$22 - $27 per hour". */
  text: string;
}

/**
 * A pay range drawn from the OEWS percentiles of the occupation, shifted by level. Occupations
 * paid by the hour (median under ~$28/h, or OEWS hourly-only) are mostly advertised hourly.
 */
export function generatePay(rng: Rng, wages: OccupationWages, level: Experience): GeneratedPay {
  const hourly = wages.hourlyOnly || (!wages.annualOnly && rng.chance(wages.hourly[2] < 28 ? 0.85 : 0.12));
  const low = 0.3 + rng.next() * 2 + LEVEL_SHIFT[level];
  const high = low + 0.6 + rng.next() * 1.1;
  if (hourly) {
    const cents = rng.chance(0.3);
    const round = (v: number) => (cents ? Math.round(v * 2) / 2 : Math.round(v));
    const min = Math.max(round(atPosition(wages.hourly, low)), 8);
    const max = Math.max(round(atPosition(wages.hourly, high)), min + 1);
    const fmt = (v: number) => (cents ? v.toFixed(2) : String(v));
    const text = rng.pick([`$${fmt(min)} - $${fmt(max)} per hour`, `$${fmt(min)} - $${fmt(max)} an hour`, `$${fmt(min)}-$${fmt(max)}/hr`]);
    return { min, max, period: 'hour', text };
  }
  const step = atPosition(wages.annual, high) > 100_000 ? 5000 : 1000;
  const min = Math.max(Math.round(atPosition(wages.annual, low) / step) * step, 18_000);
  const max = Math.max(Math.round(atPosition(wages.annual, high) / step) * step, min + step);
  const text = rng.pick([
    `$${thousands(min)} - $${thousands(max)} per year`,
    `$${thousands(min)} - $${thousands(max)} a year`,
    `$${thousands(min)}/yr - $${thousands(max)}/yr`,
  ]);
  return { min, max, period: 'year', text };
}

function levelTitle(rng: Rng, title: string, level: Experience): string {
  if (HAS_LEVEL.test(title)) return title;
  switch (level) {
    case 'mid_senior':
      return rng.chance(0.3) ? `${rng.pick(['Senior', 'Senior', 'Sr.', 'Lead'])} ${title}` : title;
    case 'entry':
      return rng.chance(0.2) ? `${rng.pick(['Junior', 'Entry Level', 'Jr.'])} ${title}` : title;
    case 'internship':
      return rng.chance(0.7) ? `${title} Intern` : title;
    default:
      return title;
  }
}

function describe(
  rng: Rng,
  occ: GeneratorOccupation,
  parts: { title: string; company: string; location: string; modeSentence: string | null; pay: GeneratedPay | null; skills: string[] },
): string {
  const html = rng.chance(0.1);
  const paragraphs: string[] = [];
  const intro = rng.next();
  const article = /^[AEIOU]/i.test(parts.title) ? 'an' : 'a';
  if (intro < 0.4) paragraphs.push(`${parts.company} is hiring ${article} ${parts.title} in ${parts.location}.`);
  else if (intro < 0.6) paragraphs.push(`Join ${parts.company} as ${article} ${parts.title}.`);
  paragraphs.push(occ.description);
  const tasks = sample(rng, occ.tasks, rng.int(4, 8));
  const heading = rng.pick(['Responsibilities:', 'What you will do:', 'Duties:', 'Key responsibilities']);
  const bullet = rng.pick(['- ', '• ', '* ']);
  const skillsLine = parts.skills.length > 0 ? `Skills: ${parts.skills.join(', ')}` : null;
  const tail: string[] = [];
  if (parts.modeSentence) tail.push(parts.modeSentence);
  if (parts.pay) tail.push(rng.pick(['Pay: ', 'Compensation: ', parts.pay.period === 'hour' ? 'Hourly rate: ' : 'Salary: ']) + parts.pay.text);
  if (rng.chance(0.3)) tail.push(rng.pick(BENEFITS));
  if (rng.chance(0.2)) tail.push(rng.pick(EEO));

  if (html) {
    const p = (t: string) => `<p>${t.replace(/&/g, '&amp;')}</p>`;
    return [
      ...paragraphs.map(p),
      `<p><strong>${heading}</strong></p><ul>${tasks.map((t) => `<li>${t.replace(/&/g, '&amp;')}</li>`).join('')}</ul>`,
      ...(skillsLine ? [p(skillsLine)] : []),
      ...tail.map(p),
    ].join('');
  }
  return [...paragraphs, `${heading}\n${tasks.map((t) => bullet + t).join('\n')}`, ...(skillsLine ? [skillsLine] : []), ...tail].join('\n\n');
}

/**
 * A deterministic source of realistic postings: `next(i)` is the i-th row of the stream for this
 * seed, computed from (seed, i) alone. Titles, duties, skills and pay come from O*NET and OEWS for
 * an occupation drawn by US employment; employers and places from the real posting samples.
 * About 1.5% of rows repeat an earlier posting under a new source id (same title, employer, place
 * and text, later date), and 0.2% have no title, as real feeds do.
 */
export function createPostingGenerator(corpus: GeneratorCorpus, seed: number, opts: PostingGeneratorOptions = {}): (i: number) => RawPosting {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  const referenceMs = Date.parse(opts.referenceDate ?? GENERATOR_DEFAULTS.referenceDate);
  if (Number.isNaN(referenceMs)) throw new RangeError(`referenceDate is not a date: ${opts.referenceDate}`);
  const repostRate = opts.repostRate ?? GENERATOR_DEFAULTS.repostRate;
  const junkRate = opts.junkRate ?? GENERATOR_DEFAULTS.junkRate;
  const pickOccupation = createWeightedPicker(corpus.occupations.map((o) => o.weight));
  // Square root: the samples over-represent a few tech hubs; damp them without losing them.
  const pickLocation = createWeightedPicker(corpus.locations.map((l) => Math.sqrt(l.count)));

  const ids = (i: number) => {
    const sourceId = `gen-${seed}-${i}`;
    return { sourceId, url: `https://example.org/jobs/${sourceId}` };
  };

  const original = (i: number, rng: Rng): RawPosting => {
    const occ = corpus.occupations[pickOccupation(rng)];
    const baseTitle =
      occ.reportedTitles.length > 0 && (occ.alternateTitles.length === 0 || rng.chance(0.55)) ? rng.pick(occ.reportedTitles) : rng.pick(occ.alternateTitles);
    const drawn = pickExperience(rng);
    // Director and executive levels only for titles that lead people or an organisation.
    const level = (drawn === 'director' || drawn === 'executive') && !LEADS.test(baseTitle) ? 'mid_senior' : drawn;
    const employment: Employment = level === 'internship' ? 'internship' : pickEmployment(rng);
    const mode = pickMode(rng);
    const company = rng.pick(corpus.companies);
    const place = corpus.locations[pickLocation(rng)].text;

    let title = levelTitle(rng, baseTitle, level);
    // How the work mode is given: a field (LinkedIn), the title, the text only, or not at all.
    const modeHow = rng.next();
    const modeField = modeHow < 0.35 ? rng.pick(MODE_LABEL[mode]) : null;
    if (mode === 'remote' && modeHow >= 0.35 && modeHow < 0.55) title += rng.pick(REMOTE_TITLE_SUFFIXES);
    else if (employment === 'part_time' && rng.chance(0.2)) title += ' (Part-Time)';
    else if (rng.chance(0.025)) title += rng.pick([' (Night Shift)', ' - Night Shift', ' (Weekends)', ' - 2nd Shift']);
    const modeSentence = modeHow >= 0.35 && modeHow < 0.75 ? rng.pick(MODE_SENTENCES[mode]).replace('{location}', place.split(',')[0]) : null;
    const location = mode === 'remote' && rng.chance(0.3) ? rng.pick(['United States', 'Remote', 'Remote, US']) : place;

    const pay = occ.wages && rng.chance(0.45) ? generatePay(rng, occ.wages, level) : null;
    const skills = occ.skills.length > 0 ? sample(rng, occ.skills.slice(0, 15), rng.int(3, 8)) : [];
    const description = describe(rng, occ, { title, company, location: place, modeSentence, pay, skills });
    const postedMs = referenceMs - Math.floor(rng.next() * POSTED_SPAN_DAYS * DAY_MS);

    const posting: RawPosting = {
      source: 'generated',
      ...ids(i),
      rowNumber: i + 1,
      title,
      company,
      location,
      description,
      postedAt: new Date(postedMs).toISOString(),
    };
    if (modeField) posting.workMode = modeField;
    if (rng.chance(0.35)) posting.experience = EXPERIENCE_LABEL[level];
    if (rng.chance(0.55)) posting.employmentType = rng.pick(EMPLOYMENT_LABEL[employment]);
    if (pay && rng.chance(0.4)) posting.payText = pay.text;
    if (skills.length > 0 && rng.chance(0.25)) posting.skills = skills;
    return posting;
  };

  const next = (i: number): RawPosting => {
    if (!Number.isSafeInteger(i) || i < 0) throw new RangeError(`posting index must be a non-negative integer, got ${i}`);
    const rng = createRng(seed, i);
    const kind = rng.next();
    if (kind < junkRate) {
      const posting = original(i, rng);
      posting.title = rng.pick(['', '   ', null]);
      return posting;
    }
    if (kind < junkRate + repostRate && i > 0) {
      const j = i - 1 - Math.floor(rng.next() * Math.min(i, REPOST_WINDOW));
      // The row as it was emitted (itself possibly a repost), so the copy is exact.
      const earlier = next(j);
      const postedMs = Math.min(Date.parse(String(earlier.postedAt)) + rng.int(1, 30) * DAY_MS, referenceMs);
      return { ...earlier, ...ids(i), rowNumber: i + 1, postedAt: new Date(postedMs).toISOString() };
    }
    return original(i, rng);
  };
  return next;
}
