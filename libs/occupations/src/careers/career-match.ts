import type { SkillMatcher } from '@jobportal/postings';
import type { Occupation } from '../onet/occupation';
import { buildTitleLexicon, type FoundTitle, type TitleLexicon } from './titles';

/**
 * Score weights (docs/careers.md): the classifier reads the resume's titles, retrieval reads all of
 * it (titles >> alternate/reported titles >> tasks >> technology skills), the skill part is how
 * much of the resume's technology the occupation uses.
 */
export const CAREER_WEIGHTS = { classifier: 0.45, retrieval: 0.4, skills: 0.15 } as const;
export const FIT_BEST = 80;
export const FIT_GREAT = 60;

/** One occupation the retrieval query found, with its raw score and highlighted fields. */
export interface RetrievalHit {
  onetCode: string;
  socCode: string;
  score: number;
  highlight: Record<string, string[]>;
}

export interface ClassifierSignal {
  /** SOC code -> title-weighted probability (0-1) and the best O*NET child the classifier named. */
  bySoc: Map<string, { probability: number; onetCode: string }>;
}

export interface Evidence {
  resume: string;
  occupation: string;
  occupationHighlight?: string | null;
}

export interface ScoredCareer {
  socCode: string;
  onetCode: string;
  occupation: Occupation;
  match: number;
  fit: 'best' | 'great' | 'good';
  parts: { classifier: number; retrieval: number; skills: number };
  reasons: { titles: Evidence[]; skills: Evidence[]; tasks: Evidence[] };
}

/**
 * What scoring needs from O*NET, built once: each occupation's technology skills under the
 * postings normalizer's canonical names, and each name's IDF over occupations (Microsoft Office
 * says little, AutoCAD a lot).
 */
export class CareerCatalog {
  readonly skillsOf = new Map<string, Map<string, string>>();
  readonly skillIdf = new Map<string, number>();
  readonly bySoc = new Map<string, Occupation[]>();
  /** Head words of O*NET titles: what findTitles accepts as a title. */
  readonly titleLexicon: TitleLexicon;

  constructor(
    readonly occupations: ReadonlyMap<string, Occupation>,
    readonly skillMatcher: SkillMatcher,
  ) {
    const df = new Map<string, number>();
    for (const occ of occupations.values()) {
      const names = new Map<string, string>();
      for (const t of occ.technologySkills) {
        const canonical = skillMatcher.canonical(t.name) ?? t.name;
        if (!names.has(canonical.toLowerCase())) names.set(canonical.toLowerCase(), t.name);
      }
      this.skillsOf.set(occ.onetCode, names);
      for (const k of names.keys()) df.set(k, (df.get(k) ?? 0) + 1);
      let list = this.bySoc.get(occ.soc.code);
      if (!list) this.bySoc.set(occ.soc.code, (list = []));
      list.push(occ);
    }
    const n = occupations.size;
    for (const [k, d] of df) this.skillIdf.set(k, Math.log((1 + n) / (1 + d)) + 1);
    this.titleLexicon = buildTitleLexicon([...occupations.values()].flatMap((o) => [o.title, ...o.alternateTitles, ...o.reportedTitles]));
  }

  /** Skills and technologies the text names, under their canonical names. */
  extractSkills(text: string): string[] {
    return this.skillMatcher.match(text, 40);
  }
}

/** Combines the per-title classifier outputs into one probability per SOC code, by title weight. */
export function combineClassifications(
  perTitle: ReadonlyArray<{ weight: number; soc: ReadonlyArray<{ code: string; onetCode: string; probability: number }> }>,
): ClassifierSignal {
  const total = perTitle.reduce((s, t) => s + t.weight, 0);
  const bySoc = new Map<string, { probability: number; onetCode: string; best: number }>();
  for (const t of perTitle) {
    for (const s of t.soc) {
      const p = (t.weight / (total || 1)) * s.probability;
      const cur = bySoc.get(s.code);
      if (!cur) bySoc.set(s.code, { probability: p, onetCode: s.onetCode, best: p });
      else {
        cur.probability += p;
        if (p > cur.best) Object.assign(cur, { onetCode: s.onetCode, best: p });
      }
    }
  }
  return { bySoc: new Map([...bySoc].map(([k, v]) => [k, { probability: Math.min(1, v.probability), onetCode: v.onetCode }])) };
}

const WORD = /[\p{L}\p{N}+#]+/gu;
const STOP = new Set(['and', 'or', 'of', 'the', 'a', 'an', 'in', 'for', 'to', 'at', 'with', '&']);
function words(s: string): string[] {
  return (s.toLowerCase().match(WORD) ?? []).filter((w) => !STOP.has(w)).map((w) => w.replace(/s$/, ''));
}

/** The occupation title (own, alternate or reported) that shares most words with a resume title. */
function titleEvidence(found: readonly FoundTitle[], occ: Occupation): Evidence[] {
  const out: Evidence[] = [];
  const names = [occ.title, ...occ.alternateTitles, ...occ.reportedTitles];
  for (const t of found.slice(0, 5)) {
    const tw = new Set(words(t.normalized));
    if (tw.size === 0) continue;
    let best: { name: string; score: number } | null = null;
    for (const name of names) {
      const nw = new Set(words(name));
      let shared = 0;
      for (const w of tw) if (nw.has(w)) shared++;
      const score = shared / (tw.size + nw.size - shared);
      if (shared > 0 && (!best || score > best.score)) best = { name, score };
    }
    if (best && best.score >= 0.34) out.push({ resume: t.raw, occupation: best.name });
  }
  return out.slice(0, 3);
}

const MARK = /<mark>(.*?)<\/mark>/g;
function taskEvidence(highlight: Record<string, string[]>): Evidence[] {
  return (highlight.tasks ?? [])
    .map((fragment) => {
      const marked = [...new Set([...fragment.matchAll(MARK)].map((m) => m[1].toLowerCase()))];
      return { fragment, marked };
    })
    .filter((f) => f.marked.length >= 2)
    .sort((a, b) => b.marked.length - a.marked.length)
    .slice(0, 3)
    .map((f) => ({ resume: f.marked.join(', '), occupation: unescape(f.fragment.replace(/<\/?mark>/g, '')), occupationHighlight: f.fragment }));
}

function unescape(html: string): string {
  return html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, '&');
}

export function fitOf(match: number): ScoredCareer['fit'] {
  return match >= FIT_BEST ? 'best' : match >= FIT_GREAT ? 'great' : 'good';
}

/**
 * How much the classifier is trusted: the strongest found title's weight, at most 1. A title from
 * a dated experience entry (weight 1) gets the classifier its full share; one from a headline (0.8)
 * or prose (0.9) a little less, an old or half-remembered one less still.
 */
export function titleConfidence(titles: readonly FoundTitle[]): number {
  return Math.min(1, titles.reduce((m, t) => Math.max(m, t.weight), 0));
}

/**
 * The weights for a title confidence c: the classifier's 0.45 scaled by c, then all three
 * rescaled to sum to 1 (c = 1: 0.45 / 0.40 / 0.15; c = 0: 0 / 0.727 / 0.273).
 */
export function careerWeights(confidence: number): { classifier: number; retrieval: number; skills: number } {
  const classifier = CAREER_WEIGHTS.classifier * Math.max(0, Math.min(1, confidence));
  const total = classifier + CAREER_WEIGHTS.retrieval + CAREER_WEIGHTS.skills;
  return { classifier: classifier / total, retrieval: CAREER_WEIGHTS.retrieval / total, skills: CAREER_WEIGHTS.skills / total };
}

export interface ScoreInputs {
  catalog: CareerCatalog;
  titles: readonly FoundTitle[];
  skills: readonly string[];
  classifier: ClassifierSignal;
  hits: readonly RetrievalHit[];
  limit?: number;
}

/**
 * match = 100 * (0.45 classifier + 0.4 retrieval + 0.15 skills), where retrieval is the hit's
 * score over the best hit's, and the classifier's weight is scaled by the title confidence (the
 * others rescaled so the range stays 0-100): a posting-like text whose first lines are no titles
 * is ranked by retrieval, not by the classifier's reading of a slogan. One answer per SOC code:
 * its best O*NET occupation.
 */
export function scoreCareers(input: ScoreInputs): ScoredCareer[] {
  const { catalog, classifier, hits } = input;
  const maxScore = hits.reduce((m, h) => Math.max(m, h.score), 0) || 1;
  const hitOf = new Map(hits.map((h) => [h.onetCode, h]));
  const resumeSkills = [...new Set(input.skills.map((s) => s.toLowerCase()))];
  const resumeSkillMass = resumeSkills.reduce((s, k) => s + (catalog.skillIdf.get(k) ?? 1), 0);
  const w = careerWeights(classifier.bySoc.size > 0 ? titleConfidence(input.titles) : 0);

  const candidates = new Set<string>(hits.map((h) => h.onetCode));
  for (const [, c] of classifier.bySoc) candidates.add(c.onetCode);

  const best = new Map<string, ScoredCareer & { raw: number }>();
  for (const onetCode of candidates) {
    const occ = catalog.occupations.get(onetCode);
    if (!occ) continue;
    const hit = hitOf.get(onetCode);
    const retrieval = hit ? hit.score / maxScore : 0;
    const cls = classifier.bySoc.get(occ.soc.code)?.probability ?? 0;
    const occSkills = catalog.skillsOf.get(onetCode) ?? new Map<string, string>();
    const shared = resumeSkills.filter((k) => occSkills.has(k));
    const skills = resumeSkillMass > 0 ? shared.reduce((s, k) => s + (catalog.skillIdf.get(k) ?? 1), 0) / resumeSkillMass : 0;
    const raw = w.classifier * cls + w.retrieval * retrieval + w.skills * skills;
    const cur = best.get(occ.soc.code);
    if (cur && cur.raw >= raw) continue;
    const match = Math.round(100 * raw);
    best.set(occ.soc.code, {
      raw,
      socCode: occ.soc.code,
      onetCode,
      occupation: occ,
      match,
      fit: fitOf(match),
      parts: { classifier: round3(cls), retrieval: round3(retrieval), skills: round3(skills) },
      reasons: {
        titles: titleEvidence(input.titles, occ),
        skills: shared
          .sort((a, b) => (catalog.skillIdf.get(b) ?? 1) - (catalog.skillIdf.get(a) ?? 1))
          .slice(0, 6)
          .map((k) => ({ resume: input.skills.find((s) => s.toLowerCase() === k) ?? k, occupation: occSkills.get(k)! })),
        tasks: hit ? taskEvidence(hit.highlight) : [],
      },
    });
  }
  return [...best.values()]
    .sort((a, b) => b.raw - a.raw || a.socCode.localeCompare(b.socCode))
    .slice(0, input.limit ?? 10)
    .map(({ raw: _raw, ...rest }) => rest);
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** O*NET related occupations of the matches that are not matches themselves, most related first. */
export function alsoConsider(matches: readonly ScoredCareer[], catalog: CareerCatalog, limit = 5): Array<{ code: string; onetCode: string; title: string; relatedTo: string }> {
  const taken = new Set(matches.map((m) => m.socCode));
  const out: Array<{ code: string; onetCode: string; title: string; relatedTo: string }> = [];
  for (const rank of [0, 1, 2, 3, 4]) {
    for (const m of matches.slice(0, 5)) {
      const rel = m.occupation.relatedOccupations[rank];
      const occ = rel ? catalog.occupations.get(rel.onetCode) : undefined;
      if (!occ || taken.has(occ.soc.code)) continue;
      taken.add(occ.soc.code);
      out.push({ code: occ.soc.code, onetCode: occ.onetCode, title: occ.title, relatedTo: m.onetCode });
      if (out.length >= limit) return out;
    }
  }
  return out;
}

/** The titles (normalized) to send to the classifier: the strongest few. */
export function classifierItems(titles: readonly FoundTitle[], text: string, max = 4): Array<{ title: string; description: string; weight: number }> {
  const description = text.slice(0, 2000);
  return titles.slice(0, max).map((t) => ({ title: t.normalized, description, weight: t.weight }));
}
