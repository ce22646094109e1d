import type { WorkMode } from '@jobportal/contracts';
import { cleanString } from './normalize-text';

export interface WorkModeInput {
  /** A work-mode field: LinkedIn 2024 `job_type` (Onsite/Hybrid/Remote), or remote_allowed "1.0". */
  field?: unknown;
  /** LinkedIn 2023-24 `remote_allowed`: "1.0"/1/true means remote; empty or 0 says nothing. */
  remoteAllowed?: unknown;
  title?: unknown;
  location?: unknown;
  description?: unknown;
}

const FIELD_VALUES: ReadonlyArray<readonly [RegExp, WorkMode]> = [
  [/^(?:hybrid|hybrid remote|partially remote|partly remote|flexible)$/, 'hybrid'],
  [/^(?:remote|fully remote|100% remote|remote only|work from home|wfh|telecommute|virtual|anywhere|yes|true|1(?:\.0+)?)$/, 'remote'],
  [/^(?:on[\s-]?site|onsite|on[\s-]?premises?|in[\s-]?office|in[\s-]?person|office|office based)$/, 'onsite'],
];

const TRUTHY = /^(?:1(?:\.0+)?|true|yes|y|t)$/i;

/*
 * Negations apply to the signal right after them: "not remote", "no remote work",
 * "non-remote", "remote work is not available", "not a remote position".
 */
const NEGATED_BEFORE = /\b(?:not|no|non|never|without|isn't|is not|cannot|can't)(?:\s+(?:a|an|be|considered|eligible\s+for|available\s+for|offer|open\s+to))?[\s-]*$/i;
const NEGATED_AFTER = /^[^.;\n]{0,30}?\b(?:is|are|will be)\s+not\b|^[^.;\n]{0,20}?\b(?:not (?:available|possible|offered|an option|permitted|allowed)|unavailable)\b/i;

/** Short fields (title, location): a bare word is enough. */
const SHORT_REMOTE = /\b(?:remote|virtual|work from home|wfh|telecommute|anywhere)\b/gi;
/** "3 days on-site", "onsite twice a week", "2 days remote": part office, part home. */
const SPLIT_WEEK =
  '\\b[1-4]\\s*(?:-\\s*[1-4]\\s*)?(?:days?|x)\\s*(?:(?:a|per|\\/|each)\\s*week\\s*)?(?:on[\\s-]?site|in[\\s-]office|in the office|remote(?:ly)?)\\b' +
  '|\\b(?:on[\\s-]?site|in[\\s-]office|in the office|remote(?:ly)?)\\s+(?:once|twice|[1-4]\\s*(?:-\\s*[1-4]\\s*)?(?:days?|x))\\s*(?:a|per|\\/|each)\\s*week\\b';
const SHORT_HYBRID = new RegExp(`\\bhybrid\\b|${SPLIT_WEEK}`, 'gi');
const SHORT_ONSITE = /\b(?:on[\s-]?site|in[\s-]?office|in[\s-]?person)\b/gi;

/** Long text: the phrase must be about where the work happens, not "hybrid cloud" or "on-site parking". */
const TEXT_REMOTE =
  /\b(?:100% remote(?:ly)?|fully remote|remote[\s-]first|work(?:ing)? (?:from|at) home|wfh|telecommut\w*|work(?:ing)? remotely|(?:position|role|job|opportunity) is (?:100% |fully )?remote|remote (?:position|role|job|opportunity|work(?:er)?|employee|eligible|friendly)|(?:can|may) be (?:performed|done|worked) remotely)\b/gi;
const TEXT_HYBRID = new RegExp(
  `${SPLIT_WEEK}|` +
    /\bhybrid[\s-]+(?:work(?:ing)?|schedule|role|position|model|arrangement|opportunity|remote|office|setting|environment|in[\s-]office|on[\s-]?site|workplace|policy)\b|\b(?:is|are|be)\s+(?:a\s+)?hybrid\b|\bhybrid\s*\(|\bhybrid\s*[:-]\s*\d|\b\d\s*days?\s+(?:a|per)\s+week\s+(?:in|at)\s+(?:the\s+)?office\b/.source,
  'gi',
);
const TEXT_ONSITE =
  /\b(?:100% |fully |must work |work(?:ing)? |required to (?:be|work) )(?:on[\s-]?site|in[\s-]office|in[\s-]person)\b|\b(?:on[\s-]?site|in[\s-]office|in[\s-]person) (?:position|role|job|only|requirement|work)\b|\b(?:position|role|job) is (?:100% |fully )?(?:on[\s-]?site|in[\s-]office|in[\s-]person)\b/gi;

function fromField(v: unknown): WorkMode | null {
  const s = cleanString(v);
  if (!s) return null;
  const k = s.toLowerCase().replace(/[_]+/g, ' ').replace(/\s+/g, ' ');
  for (const [re, mode] of FIELD_VALUES) if (re.test(k)) return mode;
  return null;
}

/** First non-negated match of a global regex, or -1. */
function firstPositive(re: RegExp, s: string): number {
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const before = s.slice(Math.max(0, m.index - 40), m.index);
    const after = s.slice(m.index + m[0].length, m.index + m[0].length + 40);
    if (!NEGATED_BEFORE.test(before) && !NEGATED_AFTER.test(after)) return m.index;
  }
  return -1;
}

/** Words each kind of signal contains: a description without them skips that regex (most do). */
const HYBRID_WORDS = ['hybrid', 'week', 'day'];
const REMOTE_WORDS = ['remote', 'home', 'wfh', 'telecommut', 'virtual', 'anywhere'];
const ONSITE_WORDS = ['site', 'office', 'person'];

function mentions(lower: string, words: readonly string[]): boolean {
  return words.some((w) => lower.includes(w));
}

function fromText(s: string, remote: RegExp, hybrid: RegExp, onsite: RegExp): WorkMode | null {
  const lower = s.toLowerCase();
  // Hybrid first: hybrid postings also talk about remote days and office days.
  if (mentions(lower, HYBRID_WORDS) && firstPositive(hybrid, s) >= 0) return 'hybrid';
  if (mentions(lower, REMOTE_WORDS) && firstPositive(remote, s) >= 0) return 'remote';
  if (mentions(lower, ONSITE_WORDS) && firstPositive(onsite, s) >= 0) return 'onsite';
  return null;
}

/**
 * Remote / hybrid / onsite from the source's field when it has one (the field always wins), else
 * from the location ("Los Angeles, CA/Remote"), the title ("Data Engineer (Hybrid)") and then the
 * description ("100% remote", "work from home", "hybrid schedule", "this is an on-site role").
 * Negated mentions ("not remote", "no remote work") do not count. Silence is null, not onsite.
 */
export function normalizeWorkMode(input: WorkModeInput): WorkMode | null {
  const field = fromField(input.field);
  if (field) return field;
  const ra = cleanString(input.remoteAllowed);
  if (ra && TRUTHY.test(ra)) return 'remote';
  if (input.remoteAllowed === true || input.remoteAllowed === 1) return 'remote';

  for (const short of [input.location, input.title]) {
    const s = cleanString(short);
    if (!s) continue;
    const mode = fromText(s, SHORT_REMOTE, SHORT_HYBRID, SHORT_ONSITE);
    if (mode) return mode;
  }
  const text = typeof input.description === 'string' ? input.description : null;
  return text ? fromText(text, TEXT_REMOTE, TEXT_HYBRID, TEXT_ONSITE) : null;
}
