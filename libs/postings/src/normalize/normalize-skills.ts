import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { cleanString } from './normalize-text';
import {
  ACRONYM_DENY,
  ACRONYMS_OK,
  CONTEXT_KEYWORDS,
  EXTRA_ALIASES,
  IGNORED_EXAMPLES,
  NEEDS_CONTEXT,
  NEVER_ALONE,
  PLAIN_SKILL_WORDS,
  SAFE_LOWERCASE,
  SKILL_DISPLAY,
  STANDALONE_VENDORS,
  TRAILING_GENERIC,
  VENDORS,
} from './skill-rules';

/** One O*NET Technology Skills example, aggregated over the occupations that list it. */
export interface TechnologySkillRow {
  /** The O*NET "Example" column: "Microsoft Excel", "Structured query language SQL", "Python". */
  example: string;
  /** O*NET "Hot Technology" flag. */
  hot?: boolean;
  /** How many occupation rows list it; breaks ties when two examples claim the same alias. */
  occurrences?: number;
}

export interface SkillMatcher {
  /** Number of canonical skills the matcher knows. */
  readonly size: number;
  /** Canonical skills mentioned in the text, in order of first mention, at most `limit`. */
  match(text: string, limit?: number): string[];
  /** The canonical name for a skill written on its own ("MS Excel" -> "Microsoft Excel"), or null. */
  canonical(name: string): string | null;
}

export interface ExtractSkillsInput {
  /** Skills the source lists (LinkedIn 2024 `job_skills`, LinkedIn 2023-24 skill names); comma lists are split. */
  fieldSkills?: readonly unknown[] | null;
  /** Title + description, plain text. */
  text?: string | null;
}

export const MAX_SKILLS = 40;

interface AliasEntry {
  canonical: string;
  /** The alias as it must be written (case-sensitive match), or null for any case. */
  exact: string | null;
  /** Needs another skill or a word like "programming" nearby ("R", "C", "Go", "Swift"). */
  needsContext: boolean;
  /** Hot Technology first, then how many occupations list it: decides which example owns an alias. */
  weight: number;
}

interface Tokens {
  text: string;
  /** The text lower-cased, same length (offsets are shared). */
  lower: string;
  /** Lower-cased words, made on demand (keyAt). */
  keys: string[];
  /** hashRange of each lower-cased word. */
  hashes: number[];
  starts: number[];
  ends: number[];
  /** Split out of a hyphenated word ("C-level"): too weak for a context-needing alias. */
  hyphen: boolean[];
  /** Only spaces (or one hyphen) since the previous word, so a name may run across: "AWS (EC2" may not. */
  joined: boolean[];
}

/** Trie levels are keyed by word hash; entries keep their full key to rule out hash collisions. */
interface TrieNode {
  next: Map<number, TrieNode> | null;
  entries: Array<{ key: string; list: AliasEntry[] }> | null;
}

interface Hit {
  canonical: string;
  at: number;
  needsContext: boolean;
}

/** How many words around "R" or "Go" may hold the skill or tech word that vouches for it. */
const CONTEXT_WINDOW = 8;

const DOT = 0x2e;

/** Characters that end a word: whitespace and the punctuation that never sits inside a name. */
const SEPARATORS = (() => {
  const table = new Uint8Array(0x10000);
  for (const c of ' \t\n\r\v\f\u00a0\u2028\u2029\u3000\u202f\u205f,;:()[]{}"!?<>|*\u2022\u00b7\u2026\u201c\u201d') table[c.charCodeAt(0)] = 1;
  for (let c = 0x2000; c <= 0x200b; c++) table[c] = 1;
  return table;
})();

function isSeparator(c: number): boolean {
  return SEPARATORS[c] === 1;
}

function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

function isWordChar(c: number): boolean {
  return isLetter(c) || (c >= 0x30 && c <= 0x39);
}

function isTailChar(c: number): boolean {
  return c === 0x2b || c === 0x23; // + #
}

function isApostrophe(c: number): boolean {
  return c === 0x27 || c === 0x2019;
}

function isSoftGap(text: string, from: number, to: number): boolean {
  let hyphens = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x2d) hyphens++;
    else if (c !== 0x20 && c !== 0x09 && c !== 0xa0) return false;
  }
  return hyphens <= 1;
}

function isSplitChar(c: number): boolean {
  return c === DOT || c === 0x2f || c === 0x2d; // . / -
}

const ALL_CAPS = /^[A-Z]{2,}$/;
const CONNECTORS = new Set(['and', 'of', 'for', 'the', 'a', 'an', 'as', 'to', 'in', 'on', 'with', '&']);

/** Lower-cases without changing the length, so offsets into the text stay valid ("İ" stays "İ"). */
function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

/** The word as a trie key: typographic apostrophes as plain ones. */
function normalizeKeyText(lowerWord: string): string {
  return lowerWord.indexOf('\u2019') === -1 ? lowerWord : lowerWord.replace(/\u2019/g, "'");
}

/** A number hash of lower[from, to) with ’ read as ', equal for equal keys. */
function hashRange(lower: string, from: number, to: number): number {
  let h = 0;
  for (let k = from; k < to; k++) {
    const c = lower.charCodeAt(k);
    h = (Math.imul(h, 31) + (c === 0x2019 ? 0x27 : c)) | 0;
  }
  return h;
}

function tokenKey(s: string): string {
  const k = s.toLowerCase();
  return k.indexOf('\u2019') === -1 ? k : k.replace(/\u2019/g, "'");
}

/** Word tokens of an alias: split on spaces only, so "Node.js" and "PL/SQL" stay one token. */
function aliasTokens(alias: string): string[] {
  return alias.split(/\s+/).filter(Boolean);
}

/** "SQL", "EC2", "SaaS": a short word that starts upper-case and is mostly capitals. */
function isAcronym(w: string): boolean {
  if (!/^[A-Z][A-Za-z0-9]{1,7}$/.test(w)) return false;
  const upper = w.replace(/[^A-Z]/g, '').length;
  return upper >= 2 && upper >= w.length - upper - (w.replace(/[^0-9]/g, '').length);
}

function isSubsequence(needle: string, hay: string): boolean {
  let i = 0;
  for (let j = 0; j < hay.length && i < needle.length; j++) if (hay[j] === needle[i]) i++;
  return i === needle.length;
}

/**
 * "Structured query language SQL" -> { acronym: "SQL", expansion: "Structured query language" }.
 * The acronym must be spelled by the words before it, so "Microsoft Dynamics GP" has none.
 */
function splitAcronym(words: string[]): { acronym: string; expansion: string[]; prefix: string[] } | null {
  let end = words.length;
  while (end > 1 && TRAILING_GENERIC.has(words[end - 1].toLowerCase())) end--;
  const acronym = words[end - 1];
  if (end < 2 || !isAcronym(acronym)) return null;
  const acr = acronym.toLowerCase();
  const before = words.slice(0, end - 1);
  for (let k = Math.min(before.length, 8); k >= 1; k--) {
    const exp = before.slice(before.length - k);
    const content = exp.filter((w) => !CONNECTORS.has(w.toLowerCase()));
    if (content.length === 0 || content[0][0].toLowerCase() !== acr[0]) continue;
    const initials = content.map((w) => w[0].toLowerCase()).join('');
    if (isSubsequence(initials, acr) && isSubsequence(acr, exp.join('').toLowerCase()) && (content.length >= 2 || acr.length <= 3)) {
      return { acronym, expansion: exp, prefix: before.slice(0, before.length - k) };
    }
  }
  return null;
}

function stripTrailingGeneric(words: string[]): string[] {
  let end = words.length;
  while (end > 1 && TRAILING_GENERIC.has(words[end - 1].toLowerCase())) end--;
  return words.slice(0, end);
}

function vendorOf(words: string[]): string[] | null {
  for (let n = Math.min(3, words.length - 1); n >= 1; n--) {
    if (VENDORS.has(words.slice(0, n).join(' '))) return words.slice(0, n);
  }
  return null;
}

/** A generic phrase ("Web browser software", "Data entry software"): no name in it at all. */
function isGeneric(words: string[]): boolean {
  if (words.length < 2) return false;
  return words.slice(1).every((w) => /^[a-z][a-z-]*$/.test(w)) && /^[A-Z]?[a-z-]+$/.test(words[0]);
}

interface AliasSpec {
  text: string;
  /** The example's own name (full, without trailing "software", or its only word). */
  own: boolean;
  /** Listed by hand in EXTRA_ALIASES: matches without needing context. */
  trusted?: boolean;
}

interface AliasRule {
  exact: string | null;
  needsContext: boolean;
}

/**
 * How an alias may match. Phrases match in any case. A single word matches in any case only when
 * it cannot be an ordinary word (SAFE_LOWERCASE, or it has digits/symbols: "C++", "Node.js");
 * otherwise it must be written as the alias is. A plain capitalized word ("Excel") is a skill only
 * if it is listed in PLAIN_SKILL_WORDS or is a Hot Technology's own one-word name; an unlisted
 * all-caps abbreviation ("DOE", "FIT") needs context.
 */
function caseRule(alias: string, own: boolean, hot: boolean, trusted = false): AliasRule | null {
  const lower = tokenKey(alias);
  const words = aliasTokens(alias);
  if (words.length > 1) {
    // "Front Desk", "Event Management", "Risk Management" are O*NET product names too, but in a
    // posting they are ordinary phrases: a phrase needs a name in it or a Hot Technology behind it.
    return hot || isNameLike(words) ? { exact: null, needsContext: false } : null;
  }
  if (NEVER_ALONE.has(lower)) return null;
  if (NEEDS_CONTEXT.has(alias)) return { exact: alias, needsContext: true };
  if (alias.length < 2 || !/[A-Za-z]/.test(alias)) return null;
  if (SAFE_LOWERCASE.has(lower)) return { exact: null, needsContext: false };
  if (/[^A-Za-z]/.test(alias)) return { exact: null, needsContext: false };
  if (/^[A-Z][a-z]+$/.test(alias)) {
    return trusted || PLAIN_SKILL_WORDS.has(lower) || (own && hot) ? { exact: alias, needsContext: false } : null;
  }
  if (/^[A-Z]+$/.test(alias)) {
    if (ACRONYM_DENY.has(alias)) return null;
    return { exact: alias, needsContext: !(trusted || ACRONYMS_OK.has(alias) || (own && hot)) };
  }
  return { exact: alias, needsContext: false };
}

/**
 * A multi-word name with something name-like in it: a vendor or known product ("Microsoft Word",
 * "Ruby on Rails"), capitals inside a word ("Power BI", "PowerPivot"), digits or symbols ("Civil 3D").
 */
function isNameLike(words: string[]): boolean {
  return words.some(
    (w) =>
      VENDORS.has(w) ||
      PLAIN_SKILL_WORDS.has(w.toLowerCase()) ||
      NEEDS_CONTEXT.has(w) ||
      /^[A-Z0-9]{2,}$/.test(w) ||
      /[A-Z]|\d|[^A-Za-z'-]/.test(w.slice(1)),
  );
}

interface Candidate {
  example: string;
  weight: number;
  hot: boolean;
}

/** Display name and aliases for one O*NET example. */
function describe(example: string, hot: boolean): { display: string; aliases: AliasSpec[] } | null {
  const words = aliasTokens(example);
  if (words.length === 0 || IGNORED_EXAMPLES.has(example)) return null;
  const aliases = new Map<string, AliasSpec>();
  const add = (text: string, own: boolean, trusted = false) => {
    if (text && !aliases.has(text)) aliases.set(text, { text, own, trusted });
  };
  add(example, true);
  let display = SKILL_DISPLAY[example] ?? null;

  const acr = splitAcronym(words);
  if (acr) {
    const short = (acr.acronym.length >= 3 || hot) && !NEVER_ALONE.has(acr.acronym.toLowerCase());
    if (short) {
      add([...acr.prefix, ...acr.expansion].join(' '), true);
      add(acr.expansion.join(' '), false);
      add([...acr.prefix, acr.acronym].join(' '), false);
      add(acr.acronym, false);
    }
    display ??= short ? acr.acronym : [...acr.prefix, ...acr.expansion].join(' ');
  } else if (isGeneric(words) && !hot) {
    return null;
  }

  const core = stripTrailingGeneric(words);
  if (core.length < words.length) add(core.join(' '), true);
  const vendor = vendorOf(core);
  if (vendor) {
    const rest = core.slice(vendor.length);
    const restName = rest.join(' ');
    // "Excel", "SQL Server", "After Effects" (hot) stand alone; "Risk Management", "Data Pipeline" do not.
    if (rest.length > 0 && /^[A-Za-z.]/.test(restName) && (rest.length === 1 || hot || isNameLike(rest))) {
      add(restName, false);
      if (vendor[0] === 'Microsoft') add(`MS ${restName}`, false);
      if (!display && STANDALONE_VENDORS.has(vendor.join(' ')) && caseRule(restName, false, hot)) display = restName;
    }
  }
  for (const extra of EXTRA_ALIASES[example] ?? []) add(extra, false, true);
  display ??= core.join(' ');
  return { display, aliases: [...aliases.values()] };
}

function addAlias(index: Map<string, AliasEntry[]>, spec: AliasSpec, hot: boolean, canonical: string, weight: number): void {
  const alias = spec.text;
  const rule = caseRule(alias, spec.own, hot, spec.trusted);
  if (!rule) return;
  const toks = aliasTokens(alias);
  const variants = [toks];
  // "Transact-SQL" is also written "Transact SQL"; "Node.js" stays one token.
  if (toks.some((t) => /[-/]/.test(t))) variants.push(toks.flatMap((t) => t.split(/[-/]+/)).filter(Boolean));
  for (const v of variants) {
    const key = v.map(tokenKey).join(' ');
    const list = index.get(key) ?? [];
    const exact = rule.exact === null ? null : v.join(' ');
    const same = list.find((e) => e.exact === exact);
    if (same) {
      if (weight > same.weight) Object.assign(same, { canonical, weight, needsContext: rule.needsContext });
      continue;
    }
    list.push({ canonical, exact, needsContext: rule.needsContext, weight });
    index.set(key, list);
  }
}

/**
 * Builds a matcher over O*NET Technology Skills examples. Each example gets a display name
 * ("Microsoft Excel", "SQL", "Java") and aliases: the full name, the name without its vendor
 * ("Excel"), its acronym and expansion ("SQL", "structured query language"), "MS " forms and a few
 * common spellings. Aliases that are ordinary words ("Word", "Access", "Teams") never match
 * alone; capitalized words ("Excel", "Python") match only when capitalized; "R", "C", "Go" need
 * another skill or a word like "programming" close by.
 *
 * Matching tokenizes the text once and walks a word trie from each word (longest alias wins), so
 * the cost grows with the text, not with the number of skills (~8,000 descriptions/s here).
 */
export function createSkillMatcher(rows: Iterable<TechnologySkillRow>): SkillMatcher {
  const byExample = new Map<string, Candidate>();
  for (const row of rows) {
    const example = cleanString(row.example);
    if (!example) continue;
    const hot = Boolean(row.hot);
    const weight = (hot ? 1_000_000 : 0) + (row.occurrences ?? 1);
    const prev = byExample.get(example);
    byExample.set(example, { example, weight: Math.max(prev?.weight ?? 0, weight), hot: hot || Boolean(prev?.hot) });
  }

  const index = new Map<string, AliasEntry[]>();
  const displays = new Set<string>();
  for (const { example, weight, hot } of byExample.values()) {
    const d = describe(example, hot);
    if (!d) continue;
    displays.add(d.display);
    for (const alias of d.aliases) addAlias(index, alias, hot, d.display, weight);
  }

  // A word trie over the aliases: a lookup walks only as far as the text keeps matching.
  const root = new Map<number, TrieNode>();
  const known = new Set<string>();
  for (const [key, list] of index) {
    const words = key.split(' ');
    let level = root;
    let node: TrieNode | undefined;
    for (const w of words) {
      known.add(w);
      const h = hashRange(w, 0, w.length);
      node = level.get(h);
      if (!node) {
        node = { next: null, entries: null };
        level.set(h, node);
      }
      level = node.next ??= new Map();
    }
    (node!.entries ??= []).push({ key, list });
  }

  /**
   * Words of a text as offsets plus a number hash of each lower-cased word: most words start no
   * skill, and for them no string is ever made. Keys are sliced only on a hash hit.
   */
  function tokenize(text: string): Tokens {
    const lower = lowerSameLength(text);
    const tk: Tokens = { text, lower, keys: [], hashes: [], starts: [], ends: [], hyphen: [], joined: [] };
    const push = (s: number, e: number, hyphen: boolean) => {
      const n = tk.starts.length;
      tk.joined.push(n > 0 && isSoftGap(text, tk.ends[n - 1], s));
      tk.hashes.push(hashRange(lower, s, e));
      tk.starts.push(s);
      tk.ends.push(e);
      tk.hyphen.push(hyphen);
    };
    const len = text.length;
    let i = 0;
    while (i < len) {
      while (i < len && isSeparator(text.charCodeAt(i))) i++;
      let end = i;
      while (end < len && !isSeparator(text.charCodeAt(end))) end++;
      let s = i;
      let e = end;
      i = end;
      // Trim punctuation around the word, keeping ".NET"'s dot and "C++"/"C#"'s tail.
      while (s < e && !isWordChar(text.charCodeAt(s)) && !(text.charCodeAt(s) === DOT && s + 1 < e && isLetter(text.charCodeAt(s + 1)))) s++;
      while (e > s && !isWordChar(text.charCodeAt(e - 1)) && !isTailChar(text.charCodeAt(e - 1))) e--;
      if (e - s > 2 && (text.charCodeAt(e - 1) | 0x20) === 0x73 && isApostrophe(text.charCodeAt(e - 2))) {
        e -= 2;
        while (e > s && !isWordChar(text.charCodeAt(e - 1))) e--;
      }
      if (e <= s) continue;
      let glued = false;
      let hyphen = false;
      for (let j = s + 1; j < e - 1; j++) {
        const c = text.charCodeAt(j);
        if (isSplitChar(c)) {
          glued = true;
          if (c === 0x2d) hyphen = true;
        }
      }
      if (!glued || known.has(normalizeKeyText(lower.slice(s, e)))) {
        push(s, e, false);
        continue;
      }
      // "Excel.Strong", "Python/R", "Python-based": split glued words.
      let p = s;
      for (let j = s; j <= e; j++) {
        if (j === e || isSplitChar(text.charCodeAt(j))) {
          if (j > p) push(p, j, hyphen);
          p = j + 1;
        }
      }
    }
    return tk;
  }

  function keyAt(tk: Tokens, i: number): string {
    return (tk.keys[i] ??= normalizeKeyText(tk.lower.slice(tk.starts[i], tk.ends[i])));
  }

  function raw(tk: Tokens, i: number): string {
    return tk.text.slice(tk.starts[i], tk.ends[i]);
  }

  /** An unlisted abbreviation next to a capitalized non-skill word ("REQUIRED SKILL SET") is shouting. */
  function isShouting(tk: Tokens, i: number): boolean {
    const shout = (j: number) => j >= 0 && j < tk.starts.length && !known.has(keyAt(tk, j)) && ALL_CAPS.test(raw(tk, j));
    return shout(i - 1) || shout(i + 1);
  }

  function accept(entry: AliasEntry, tk: Tokens, i: number, n: number): boolean {
    if (entry.exact === null) return true;
    let written = raw(tk, i);
    for (let j = 1; j < n; j++) written += ' ' + raw(tk, i + j);
    if (written !== entry.exact) return false;
    if (!entry.needsContext) return true;
    if (tk.hyphen[i]) return false;
    return !(n === 1 && ALL_CAPS.test(entry.exact) && isShouting(tk, i));
  }

  function match(text: string, limit = MAX_SKILLS): string[] {
    if (!text) return [];
    const tk = tokenize(text);
    const count = tk.starts.length;
    const hits: Hit[] = [];
    const ends: TrieNode[] = [];
    for (let i = 0; i < count; ) {
      let node = root.get(tk.hashes[i]);
      if (!node) {
        i++;
        continue;
      }
      // Every alias that starts here, shortest first; then try the longest.
      ends.length = 0;
      for (let j = i + 1; ; j++) {
        ends.push(node);
        if (!node.next || j >= count || !tk.joined[j]) break;
        const child = node.next.get(tk.hashes[j]);
        if (!child) break;
        node = child;
      }
      let matched = 0;
      for (let n = ends.length; n >= 1 && !matched; n--) {
        const entries = ends[n - 1].entries;
        if (!entries) continue;
        let key = keyAt(tk, i);
        for (let j = 1; j < n; j++) key += ' ' + keyAt(tk, i + j);
        for (const { key: aliasKey, list } of entries) {
          if (aliasKey !== key) continue;
          for (const entry of list) {
            if (accept(entry, tk, i, n)) {
              hits.push({ canonical: entry.canonical, at: i, needsContext: entry.needsContext });
              matched = n;
              break;
            }
          }
          if (matched) break;
        }
      }
      i += matched || 1;
    }

    const out: string[] = [];
    const seen = new Set<string>();
    for (const h of hits) {
      if (seen.has(h.canonical)) continue;
      if (h.needsContext && !hasContext(h.at, hits, tk)) continue;
      seen.add(h.canonical);
      out.push(h.canonical);
      if (out.length >= limit) break;
    }
    return out;
  }

  function hasContext(at: number, hits: Hit[], tk: Tokens): boolean {
    for (const h of hits) if (!h.needsContext && Math.abs(h.at - at) <= CONTEXT_WINDOW) return true;
    for (let j = Math.max(0, at - CONTEXT_WINDOW); j <= Math.min(tk.starts.length - 1, at + CONTEXT_WINDOW); j++) {
      if (CONTEXT_KEYWORDS.has(keyAt(tk, j))) return true;
    }
    return false;
  }

  function canonical(name: string): string | null {
    const s = cleanString(name);
    if (!s) return null;
    const tk = tokenize(s);
    const count = tk.starts.length;
    if (count === 0) return null;
    const positions = Array.from({ length: count }, (_v, i) => i);
    const list = index.get(positions.map((i) => keyAt(tk, i)).join(' '));
    if (!list) return null;
    const written = positions.map((i) => raw(tk, i)).join(' ');
    // A skill named on its own needs no context, and its case is the writer's choice.
    return (list.find((e) => e.exact === null || e.exact === written) ?? list[0]).canonical;
  }

  return { size: displays.size, match, canonical };
}

const matcherCache = new Map<string, Promise<SkillMatcher>>();

/** Parses the O*NET technology_skills.csv text (columns Example, Hot Technology). */
export function parseTechnologySkillsCsv(csv: string | Buffer): TechnologySkillRow[] {
  const records = parse(csv, { columns: true, bom: true, skip_empty_lines: true, relax_column_count: true }) as Array<
    Record<string, string | undefined>
  >;
  const rows = new Map<string, TechnologySkillRow>();
  for (const r of records) {
    const example = r['Example']?.trim();
    if (!example) continue;
    const row = rows.get(example) ?? { example, hot: false, occurrences: 0 };
    row.occurrences = (row.occurrences ?? 0) + 1;
    row.hot = row.hot || r['Hot Technology'] === 'Y';
    rows.set(example, row);
  }
  return [...rows.values()];
}

/**
 * Loads the O*NET Technology Skills CSV at `csvPath` (passed in from configuration) and builds a
 * matcher; the result is cached per path, so every caller shares one matcher.
 */
export function loadTechnologySkills(csvPath: string): Promise<SkillMatcher> {
  let pending = matcherCache.get(csvPath);
  if (!pending) {
    pending = readFile(csvPath).then((buf) => createSkillMatcher(parseTechnologySkillsCsv(buf)));
    pending.catch(() => matcherCache.delete(csvPath));
    matcherCache.set(csvPath, pending);
  }
  return pending;
}

function splitFieldSkills(values: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const v of values) {
    const s = cleanString(v);
    if (!s) continue;
    for (const part of s.split(',')) {
      const p = cleanString(part.replace(/^[\s•*-]+|[\s.;]+$/g, ''));
      if (p && p.length <= 80 && /\p{L}/u.test(p)) out.push(p);
    }
  }
  return out;
}

/**
 * The posting's skills: the ones the source lists (cleaned, kept as written) followed by the
 * technology skills found in the text, deduplicated case-insensitively and by canonical name
 * ("Excel" listed by the source is not repeated as "Microsoft Excel"), at most 40.
 */
export function extractSkills(input: ExtractSkillsInput, matcher?: SkillMatcher | null): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (name: string, canonicalName: string | null) => {
    const k = name.toLowerCase();
    const c = canonicalName?.toLowerCase();
    if (seen.has(k) || (c && seen.has(c))) return;
    seen.add(k);
    if (c) seen.add(c);
    out.push(name);
  };
  for (const s of splitFieldSkills(input.fieldSkills ?? [])) {
    if (out.length >= MAX_SKILLS) return out;
    add(s, matcher ? matcher.canonical(s) : null);
  }
  if (matcher && input.text && out.length < MAX_SKILLS) {
    for (const s of matcher.match(input.text, MAX_SKILLS)) {
      if (out.length >= MAX_SKILLS) break;
      add(s, s);
    }
  }
  return out;
}
