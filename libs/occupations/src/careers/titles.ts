/**
 * Finding the job titles a resume holds. A resume names its titles in a few places: a headline
 * under the name, the lines of its experience entries ("Line Cook, Olive Garden, 2019 - 2022"), and
 * in free text ("I worked as a cashier"). Each found title is normalized (seniority words, codes,
 * company names and dates removed) and weighted by where it was found, how recent its entry is
 * (resumes list the newest job first; a "present" or later end year weighs more) and how often it
 * repeats.
 */
export type TitleSource = 'heading' | 'first_line' | 'experience' | 'text';

export interface FoundTitle {
  raw: string;
  normalized: string;
  weight: number;
  source: TitleSource;
}

const SOURCE_WEIGHT: Record<TitleSource, number> = { experience: 1, first_line: 0.8, text: 0.9, heading: 0.6 };
/** Each older experience entry weighs this much of the one before it, down to RECENCY_FLOOR. */
const RECENCY_DECAY = 0.8;
const RECENCY_FLOOR = 0.3;
export const MAX_TITLES = 8;
const HEADLINE_MAX_CHARS = 100;
const HEADLINE_MAX_WORDS = 12;

const SECTION = /^(?:professional\s+|work\s+|employment\s+|relevant\s+|career\s+)?(experience|employment(?:\s+history)?|work\s+history|history|summary|profile|objective|about(?:\s+me)?|education|skills?|technical\s+skills|certifications?|licen[sc]es?|references|projects|awards|volunteer(?:ing)?(?:\s+experience)?|languages|interests|contact|qualifications|core\s+competencies|training|activities)\s*:?$/i;
const EXPERIENCE_SECTION = /experience|employment|work\s+history|^history/i;
const OTHER_SECTION = /education|skills?|certification|licen[sc]e|references|projects|awards|languages|interests|contact|competencies|training|activities|summary|profile|objective|about|qualifications/i;

const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const YEAR = '(?:19|20)\\d{2}';
const DATE = `(?:${MONTH}\\s*${YEAR}|\\d{1,2}/${YEAR}|${YEAR})`;
const DATE_RANGE = new RegExp(`(${DATE})\\s*(?:-|–|—|to|until)\\s*(${DATE}|present|current|now|today)`, 'i');
const LONE_DATE = new RegExp(`\\b${DATE}\\b`, 'i');

const CONTACT = /@|https?:|www\.|linkedin|\+?\d[\d\s().-]{7,}\d|\b\d{5}(?:-\d{4})?\b/i;

/** Words of rank, not of occupation ("Senior", "II", "Lead" as a prefix). */
const SENIORITY = new Set(['senior', 'sr', 'junior', 'jr', 'associate', 'assistant-level', 'entry', 'entry-level', 'level', 'lead', 'principal', 'staff', 'intern', 'trainee', 'apprentice-level', 'i', 'ii', 'iii', 'iv', 'v', 'head', 'chief-level', 'temporary', 'temp', 'part-time', 'full-time', 'seasonal', 'contract', 'contractor', 'remote', 'acting', 'interim', 'former']);
/** Words that end the title part of an entry line and begin the employer ("Cook at Denny's"). */
const COMPANY_SPLIT = /\s+(?:at|@|with|for)\s+|\s*[|•·]\s*|\s+[-–—]\s+|,\s+/i;
/** Company-looking tails that survive the split ("Walmart Inc"). */
const COMPANY_WORD = /\b(inc|llc|ltd|corp|corporation|company|co|group|plc|gmbh|hospital|university|college|school district)\b\.?/i;

/** A line that reads like a job title: short, no sentence punctuation, some letters, not contact info. */
function titleLike(s: string): boolean {
  const t = s.trim();
  if (t.length < 3 || t.length > 80) return false;
  if (CONTACT.test(t)) return false;
  if (/[.!?]\s*$/.test(t) && !/\b(sr|jr|inc|co|ltd)\.$/i.test(t)) return false;
  const words = t.split(/\s+/);
  if (words.length > 8) return false;
  if (!/\p{L}{2,}/u.test(t)) return false;
  if (SECTION.test(t)) return false;
  return true;
}

/** "Sr. Registered Nurse II (RN-2)" -> "registered nurse". */
export function normalizeTitle(raw: string): string {
  let t = raw.toLowerCase();
  t = t.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ');
  t = t.replace(DATE_RANGE, ' ').replace(new RegExp(`\\b${DATE}\\b`, 'gi'), ' ');
  // Requisition and grade codes: "#1234", "RN-2", "GS-11", "L3".
  t = t.replace(/#\s*\w+|\b[a-z]{1,3}-?\d+\b|\b\d+\b/g, ' ');
  t = t.replace(/[^\p{L}\s'&/+-]/gu, ' ');
  const words = t.split(/\s+/).filter(Boolean);
  const kept = words.filter((w) => !SENIORITY.has(w.replace(/\.$/, '')));
  return kept.join(' ').replace(/\s+/g, ' ').replace(/^[-/&\s]+|[-/&\s]+$/g, '').trim();
}

/** The title part of an experience line: before the employer, the dates and the place. */
function titlePart(line: string, lexicon?: TitleLexicon): string {
  let t = line.replace(DATE_RANGE, ' ').replace(new RegExp(`\\b${DATE}\\b`, 'gi'), ' ');
  t = t.replace(/\s{2,}/g, ' | ').trim();
  const first = t.split(COMPANY_SPLIT).map((p) => p.trim()).filter((p) => /\p{L}{2,}/u.test(p));
  // "Olive Garden - Line Cook": with a lexicon, the part that names an occupation, wherever it is.
  const named = lexicon ? first.find((p) => !COMPANY_WORD.test(p) && hasTitleHead(normalizeTitle(p), lexicon)) : undefined;
  return named ?? first.find((p) => !COMPANY_WORD.test(p)) ?? first[0] ?? '';
}

function endYear(line: string): number | null {
  const m = DATE_RANGE.exec(line);
  if (!m) return null;
  if (/present|current|now|today/i.test(m[2])) return 9999;
  const y = /(?:19|20)\d{2}/.exec(m[2]);
  return y ? Number(y[0]) : null;
}

/** "I worked as a line cook", "experience as a forklift operator", "I am a certified nursing assistant". */
const PROSE_TITLE = /\b(?:worked|working|work|employed|experience|years?|served|hired|job)\s+as\s+(?:an?\s+|the\s+)?([\p{L}][\p{L}\s'/&-]{2,60}?)(?=\s+(?:at|for|in|with|and|where|since|from|during|until|to)\b|[,.;:!?()\n]|$)|\b(?:i\s+am|i'm|i\s+was|currently\s+an?)\s+(?:an?\s+)(?:(?:certified|licensed|experienced|skilled|professional|former)\s+)*([\p{L}][\p{L}\s'/&-]{2,50}?)(?=\s+(?:at|for|in|with|and|who|where|since|from|of)\b|[,.;:!?()\n]|$)/giu;

const BULLET = /^\s*(?:[-*•·▪◦‣–—>]|\d+[.)])\s*/;

/** "2018 - 2021", "Austin, TX | Jan 2019 - Present": a line that dates the entry above it. */
function dateOnly(line: string): boolean {
  if (!LONE_DATE.test(line)) return false;
  const rest = line.replace(DATE_RANGE, ' ').replace(new RegExp(`\\b${DATE}\\b`, 'gi'), ' ').trim();
  return rest.split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w)).length <= 4;
}

interface Candidate {
  raw: string;
  normalized: string;
  source: TitleSource;
  /** Position-based weight (source x recency) of this one mention. */
  weight: number;
}

/**
 * The words job titles end in ("nurse", "cook", "engineer", "operator"), from O*NET's own titles,
 * alternate and reported titles. A line or phrase is only taken for a title when its head word is
 * one of them: the first lines of a document are as often a company's name or a slogan ("Acme
 * Health: caring since 1952") as a headline, and "experience as a team" is no title.
 */
export interface TitleLexicon {
  heads: ReadonlySet<string>;
}

/** A head word needs this many O*NET titles ending in it: one-off titles add noise, not reach. */
const LEXICON_MIN_TITLES = 3;
const LEXICON_MIN_HEAD_SHARE = 0.5;

export function buildTitleLexicon(titles: Iterable<string>): TitleLexicon {
  const asHead = new Map<string, number>();
  const anywhere = new Map<string, number>();
  for (const t of titles) {
    const normalized = normalizeTitle(t);
    for (const head of headWords(normalized)) asHead.set(head, (asHead.get(head) ?? 0) + 1);
    for (const w of new Set(normalized.split(/[\s/]+/).map(stem))) anywhere.set(w, (anywhere.get(w) ?? 0) + 1);
  }
  // "Nurse" ends most titles it is in, "health" or "care" qualifies them ("Health Educator"): a
  // word is a head when at least half the titles that have it end in it.
  const heads = [...asHead].filter(([w, n]) => n >= LEXICON_MIN_TITLES && n / (anywhere.get(w) ?? n) >= LEXICON_MIN_HEAD_SHARE);
  return { heads: new Set(heads.map(([w]) => w)) };
}

function stem(word: string): string {
  return word.replace(/(?:'s|s')$/, '').replace(/ies$/, 'y').replace(/([^s])s$/, '$1');
}

/** The word a title is about: its last word, and the word before "of" ("Director of Nursing"). */
function headWords(normalized: string): string[] {
  const words = normalized.split(/[\s/]+/).filter((w) => /\p{L}/u.test(w));
  if (words.length === 0) return [];
  const out = [stem(words[words.length - 1])];
  const of = words.indexOf('of');
  if (of > 0) out.push(stem(words[of - 1]));
  return out;
}

/** Whether a normalized title names an occupation by the lexicon (always, without a lexicon). */
export function hasTitleHead(normalized: string, lexicon?: TitleLexicon): boolean {
  if (!lexicon) return true;
  return headWords(normalized).some((w) => lexicon.heads.has(w));
}

export function findTitles(text: string, max = MAX_TITLES, lexicon?: TitleLexicon): FoundTitle[] {
  const lines = text.split(/\r?\n/).map((l) => l.replace(/\s+$/, ''));
  const candidates: Candidate[] = [];
  let section: 'top' | 'experience' | 'other' = 'top';
  let experienceIndex = 0;
  let topSeen = 0;
  const entries: Array<{ line: number; end: number | null }> = [];

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    if (SECTION.test(line) || (/^[A-Z][A-Z\s&]{3,40}:?$/.test(line) && line.split(/\s+/).length <= 4 && (EXPERIENCE_SECTION.test(line) || OTHER_SECTION.test(line)))) {
      section = EXPERIENCE_SECTION.test(line) && !/education|volunteer/i.test(line) ? 'experience' : 'other';
      continue;
    }
    if (section === 'top') {
      // The first line is usually the name; the short lines after it are a headline ("Line Cook | Prep Cook").
      topSeen++;
      if (topSeen > 4) continue;
      if (topSeen === 1 && looksLikeName(line)) continue;
      // A headline is a short line of its own; a paragraph (a summary, a company's blurb) split at
      // its commas is not a list of titles.
      if (line.length > HEADLINE_MAX_CHARS || line.split(/\s+/).length > HEADLINE_MAX_WORDS) continue;
      for (const part of line.split(/\s*[|•·,/]\s*/)) {
        if (!titleLike(part)) continue;
        const normalized = normalizeTitle(part);
        if (normalized.length >= 3 && hasTitleHead(normalized, lexicon)) candidates.push({ raw: part.trim(), normalized, source: 'first_line', weight: SOURCE_WEIGHT.first_line });
      }
      continue;
    }
    if (section === 'experience') {
      const hasDates = DATE_RANGE.test(line) || LONE_DATE.test(line);
      const prev = entries.at(-1);
      // An entry starts with a title-like line that has dates, or that a dated line follows.
      if (BULLET.test(line)) continue;
      // Table cells come out as paragraphs with blank lines between: look at the next two non-empty lines.
      const ahead = lines.slice(i + 1, i + 6).map((l) => l.trim()).filter(Boolean).slice(0, 2);
      const datedAt = ahead.findIndex((l) => dateOnly(l));
      const nextDated = datedAt !== -1 && !ahead.slice(0, datedAt).some((l) => DATE_RANGE.test(l));
      if ((hasDates || nextDated) && (!prev || prev.line < i - 1 || hasDates)) {
        const part = titlePart(line, lexicon);
        if (!titleLike(part)) continue;
        const normalized = normalizeTitle(part);
        if (normalized.length < 3 || !hasTitleHead(normalized, lexicon)) continue;
        const end = endYear(line) ?? (nextDated ? endYear(ahead[datedAt]) : null);
        entries.push({ line: i, end });
        const recency = Math.max(RECENCY_FLOOR, RECENCY_DECAY ** experienceIndex);
        experienceIndex++;
        candidates.push({ raw: part, normalized, source: 'experience', weight: SOURCE_WEIGHT.experience * recency, });
        // The employer and date lines belong to this entry, not a new one.
        if (nextDated && !hasDates) while (i + 1 < lines.length && lines[i + 1].trim() !== ahead[datedAt]) i++;
        if (nextDated && !hasDates) i++;
      }
      continue;
    }
  }

  // Free text: "I worked as a ...". Each mention counts.
  for (const m of text.matchAll(PROSE_TITLE)) {
    const raw = (m[1] ?? m[2] ?? '').trim();
    const normalized = normalizeTitle(raw);
    if (normalized.length < 3 || normalized.split(' ').length > 6 || !hasTitleHead(normalized, lexicon)) continue;
    candidates.push({ raw, normalized, source: 'text', weight: SOURCE_WEIGHT.text });
  }

  // Experience entries whose end year is newest weigh most, whatever their order in the file.
  const years = entries.map((e) => e.end).filter((y): y is number => y !== null);
  if (years.length >= 2) {
    const sorted = [...new Set(years)].sort((a, b) => b - a);
    let k = 0;
    for (const c of candidates) {
      if (c.source !== 'experience') continue;
      const end = entries[k++]?.end;
      if (end === null || end === undefined) continue;
      c.weight = SOURCE_WEIGHT.experience * Math.max(RECENCY_FLOOR, RECENCY_DECAY ** sorted.indexOf(end));
    }
  }

  // Repeated titles add up: the strongest mention, plus half of each further one.
  const merged = new Map<string, FoundTitle>();
  for (const c of candidates.sort((a, b) => b.weight - a.weight)) {
    const seen = merged.get(c.normalized);
    if (seen) seen.weight += c.weight / 2;
    else merged.set(c.normalized, { raw: c.raw, normalized: c.normalized, weight: c.weight, source: c.source });
  }
  return [...merged.values()]
    .map((t) => ({ ...t, weight: Math.round(t.weight * 1000) / 1000 }))
    .sort((a, b) => b.weight - a.weight || a.normalized.localeCompare(b.normalized))
    .slice(0, max);
}

/** "Maria Lopez", "JOHN A. SMITH": two to four capitalized words, no title-ish word among them. */
function looksLikeName(line: string): boolean {
  const words = line.split(/\s+/);
  if (words.length < 2 || words.length > 4) return false;
  return words.every((w) => /^(?:[A-Z][a-z'’-]+|[A-Z]\.?|[A-Z]{2,})$/.test(w)) && !/\b(nurse|cook|driver|manager|clerk|assistant|technician|engineer|developer|operator|worker|teacher|cashier|analyst|specialist|representative|mechanic|electrician|officer|aide|attendant|designer|accountant|server|welder|carpenter|plumber)\b/i.test(line);
}
