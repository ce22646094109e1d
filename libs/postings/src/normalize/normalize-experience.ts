import type { ExperienceLevel } from '@jobportal/contracts';
import { cleanString } from './normalize-text';

export interface ExperienceInput {
  /** LinkedIn 2023-24 `formatted_experience_level` ("Mid-Senior level"), LinkedIn 2024 `job level` ("Mid senior"). */
  field?: unknown;
  title?: unknown;
  description?: unknown;
}

const FIELD_VALUES: ReadonlyArray<readonly [RegExp, ExperienceLevel]> = [
  [/^(?:internship|intern|student|co-?op)$/, 'internship'],
  [/^(?:entry(?: level)?|junior|jr|graduate|new grad|trainee|apprentice|beginner)$/, 'entry'],
  [/^(?:associate|intermediate)$/, 'associate'],
  [/^(?:mid(?: |-)?senior(?: level)?|mid(?: level)?|senior(?: level)?|experienced|lead|principal|expert)$/, 'mid_senior'],
  [/^(?:director|vp|vice president|head)$/, 'director'],
  [/^(?:executive|c-level|c level|chief|c-suite)$/, 'executive'],
];

/*
 * Title rules, first match wins. "Vice President" must be tested before "President", "Associate
 * Director" and "Executive Director" are directors, "Executive Assistant" is not an executive.
 */
const TITLE_RULES: ReadonlyArray<readonly [RegExp, ExperienceLevel]> = [
  [/\b(?:intern|interns|internship|co-?op|summer associate|summer law clerk)\b/i, 'internship'],
  [/\b(?:vice[\s-]+president|[sea]?vp|director|head of|managing director)\b/i, 'director'],
  [/\b(?:chief|ceo|cto|cfo|coo|cio|cmo|cpo|ciso|cdo|president|founder|co-founder)\b/i, 'executive'],
  [/\b(?:senior|sr|snr|lead|principal|staff\s+(?:software|engineer|data|scientist|developer|machine|ml|product|designer|architect|research)|distinguished|iii|iv)\b/i, 'mid_senior'],
  [/\s(?:i|1)$|^entry\b|\b(?:junior|jr|entry[\s-]level|graduate|new[\s-]grad|trainee|apprentice|level\s*(?:1|i))\b/i, 'entry'],
  [/\b(?:associate|ii)\b/i, 'associate'],
];

/** "0-2 years", "5+ years of experience", "3 or more years of experience", "five (5) years experience". */
const YEARS_OF_EXPERIENCE =
  /\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s*(?:\(\d{1,2}\)\s*)?(?:\+|plus|or more)?\s*(?:(?:-|–|to|or)\s*(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s*\+?\s*)?(?:years?|yrs?)['’]?(?:\s+of)?(?:\s+(?:[\w/-]+\s+){0,4}?)?\s*(?:experience|exp)\b/gi;
const COMPANY_BOAST = /\b(?:we|we've|we have|our|company|firm|team|founded|history)\b[^.]{0,30}$/i;
const ENTRY_PHRASE = /\b(?:entry[\s-]level|new grads?|recent graduates?|no (?:prior )?experience (?:is )?(?:required|necessary|needed))\b/i;
const WORD_NUMBERS: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
};

function fromField(v: unknown): ExperienceLevel | null {
  const s = cleanString(v);
  if (!s) return null;
  const k = s.toLowerCase().replace(/[_]+/g, ' ').replace(/\s+level$/, ' level').trim();
  for (const [re, level] of FIELD_VALUES) if (re.test(k)) return level;
  return null;
}

function fromTitle(v: unknown): ExperienceLevel | null {
  const s = cleanString(v);
  if (!s) return null;
  for (const [re, level] of TITLE_RULES) if (re.test(s)) return level;
  return null;
}

function yearsToLevel(years: number): ExperienceLevel {
  if (years <= 2) return 'entry';
  if (years <= 4) return 'associate';
  return 'mid_senior';
}

/** The lowest "N years of experience" the description asks for, ignoring a company's own history. */
function fromDescription(v: unknown): ExperienceLevel | null {
  if (typeof v !== 'string' || !v) return null;
  const lower = v.toLowerCase();
  if (!lower.includes('exp') && !lower.includes('entry') && !lower.includes('grad')) return null;
  let lowest: number | null = null;
  YEARS_OF_EXPERIENCE.lastIndex = 0;
  for (let m = YEARS_OF_EXPERIENCE.exec(v); m; m = YEARS_OF_EXPERIENCE.exec(v)) {
    const raw = m[1].toLowerCase();
    const years = WORD_NUMBERS[raw] ?? parseInt(raw, 10);
    if (!Number.isFinite(years) || years > 15) continue;
    if (COMPANY_BOAST.test(v.slice(Math.max(0, m.index - 40), m.index))) continue;
    if (lowest === null || years < lowest) lowest = years;
  }
  if (lowest !== null) return yearsToLevel(lowest);
  return ENTRY_PHRASE.test(v) ? 'entry' : null;
}

/**
 * Seniority from the source's field when it has one, else from the title ("Senior", "Sr.", "Lead",
 * "Principal" -> mid_senior; "Junior", "Entry" -> entry; "Intern" -> internship; "Director", "VP",
 * "Head of" -> director; "Chief", "CEO", "CTO" -> executive), else, as a weaker signal, from the
 * years of experience the description asks for (0-2 entry, 3-4 associate, 5+ mid_senior).
 */
export function normalizeExperience(input: ExperienceInput): ExperienceLevel | null {
  return fromField(input.field) ?? fromTitle(input.title) ?? fromDescription(input.description);
}
