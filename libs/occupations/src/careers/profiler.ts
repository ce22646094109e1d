import { RIASEC_KEYS, WORK_VALUE_KEYS, type Occupation, type RiasecProfile, type WorkValues } from '../onet/occupation';

/** The Short Form's answer scale: 1 strongly dislike .. 5 strongly like, scored 0-4. */
export const ANSWER_MIN = 1;
export const ANSWER_MAX = 5;
export const AREA_MAX = 40;
/** Work-value ratings: 1 (not important) .. 5 (very important). */
export const VALUE_MIN = 1;
export const VALUE_MAX = 5;

/** Share of the match from interests when work values are given; the rest is work-value similarity. */
export const INTEREST_WEIGHT_WITH_VALUES = 0.7;

export type RiasecKey = (typeof RIASEC_KEYS)[number];
export type WorkValueKey = (typeof WORK_VALUE_KEYS)[number];

export interface ProfilerItem {
  item: number;
  area: RiasecKey;
  elementId: string;
  text: string;
}

/** Sums each area's 10 answers scored 0-4 (answer - 1), as the Short Form does: 0-40 per area. */
export function scoreAnswers(answers: readonly number[], items: readonly ProfilerItem[]): RiasecProfile {
  const scores: RiasecProfile = { realistic: 0, investigative: 0, artistic: 0, social: 0, enterprising: 0, conventional: 0 };
  items.forEach((it, i) => {
    scores[it.area] += answers[i] - ANSWER_MIN;
  });
  return scores;
}

export function profileVector(p: RiasecProfile): number[] {
  return RIASEC_KEYS.map((k) => p[k]);
}

/** Pearson's r; null when either side has no variance (a flat profile has no shape to compare). */
export function pearson(a: readonly number[], b: readonly number[]): number | null {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - ma;
    const db = b[i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  if (saa < 1e-12 || sbb < 1e-12) return null;
  return sab / Math.sqrt(saa * sbb);
}

export function isFlatProfile(p: RiasecProfile): boolean {
  const v = profileVector(p);
  return v.every((x) => x === v[0]);
}

/** A 0-40 area score on O*NET's 1-7 interest scale (1 + 6 * score / 40), for the radar chart. */
export function toOnetScale(p: RiasecProfile): RiasecProfile {
  const out = {} as RiasecProfile;
  for (const k of RIASEC_KEYS) out[k] = Math.round((1 + (6 * p[k]) / AREA_MAX) * 100) / 100;
  return out;
}

/** An occupation's 1-7 profile as the 0-40 scores a person would enter (rounded, as answers give integers). */
export function fromOnetScale(p: RiasecProfile): RiasecProfile {
  const out = {} as RiasecProfile;
  for (const k of RIASEC_KEYS) out[k] = Math.round(((p[k] - 1) / 6) * AREA_MAX);
  return out;
}

/** High-point code: the three highest areas, in order (ties by RIASEC order), as O*NET writes it. */
export function interestCode(p: RiasecProfile): string {
  return [...RIASEC_KEYS]
    .map((k, i) => ({ k, v: p[k], i }))
    .sort((a, b) => b.v - a.v || a.i - b.i)
    .slice(0, 3)
    .map((x) => x.k[0].toUpperCase())
    .join('');
}

/** A 1-5 importance rating on O*NET's 1-7 work-value extent scale. */
export function valueToOnetScale(rating: number): number {
  return 1 + ((rating - VALUE_MIN) * 6) / (VALUE_MAX - VALUE_MIN);
}

/**
 * 1 - mean absolute difference / 6 over the values the person rated, both on the 1-7 scale:
 * 1 when every rated value is as important to the occupation as to the person, 0 at opposite ends.
 */
export function workValueSimilarity(ratings: Partial<Record<WorkValueKey, number>>, occupation: WorkValues): number | null {
  const keys = WORK_VALUE_KEYS.filter((k) => ratings[k] !== undefined);
  if (keys.length === 0) return null;
  const diff = keys.reduce((s, k) => s + Math.abs(valueToOnetScale(ratings[k]!) - occupation[k]), 0) / keys.length;
  return 1 - diff / 6;
}

export interface InterestQuery {
  scores: RiasecProfile;
  /** Job zones to keep (1-5); all when empty. */
  jobZones?: readonly number[];
  workValues?: Partial<Record<WorkValueKey, number>>;
  limit?: number;
}

export interface InterestRanking {
  occupation: Occupation;
  match: number;
  correlation: number;
  workValueSimilarity: number | null;
}

/**
 * Ranks occupations by the shape of the person's RIASEC profile: Pearson's r with each
 * occupation's O*NET interest profile (what O*NET's own Interest Profiler results do), blended with
 * work-value similarity when values are given. match = 100 * max(0, r) alone, or
 * 100 * (0.7 * max(0, r) + 0.3 * similarity) with values. Throws on a flat profile.
 */
export function rankByInterests(occupations: Iterable<Occupation>, query: InterestQuery): InterestRanking[] {
  if (isFlatProfile(query.scores)) throw new FlatProfileError();
  const user = profileVector(query.scores);
  const zones = query.jobZones && query.jobZones.length > 0 ? new Set(query.jobZones) : null;
  const hasValues = query.workValues && WORK_VALUE_KEYS.some((k) => query.workValues![k] !== undefined);
  const out: InterestRanking[] = [];
  for (const occ of occupations) {
    if (!occ.interests) continue;
    if (zones && (!occ.jobZone || !zones.has(occ.jobZone.zone))) continue;
    const r = pearson(user, profileVector(occ.interests.scores));
    if (r === null) continue;
    const sim = hasValues && occ.workValues ? workValueSimilarity(query.workValues!, occ.workValues) : null;
    if (hasValues && sim === null) continue;
    const blended = sim === null ? Math.max(0, r) : INTEREST_WEIGHT_WITH_VALUES * Math.max(0, r) + (1 - INTEREST_WEIGHT_WITH_VALUES) * sim;
    out.push({ occupation: occ, match: Math.round(blended * 100), correlation: r, workValueSimilarity: sim });
  }
  // Exact blended score first (not the rounded %), then the code, so the order is stable.
  out.sort((a, b) => blendedOf(b) - blendedOf(a) || a.occupation.onetCode.localeCompare(b.occupation.onetCode));
  return out.slice(0, query.limit ?? 10);
}

function blendedOf(r: InterestRanking): number {
  return r.workValueSimilarity === null ? Math.max(0, r.correlation) + r.correlation * 1e-6 : INTEREST_WEIGHT_WITH_VALUES * Math.max(0, r.correlation) + (1 - INTEREST_WEIGHT_WITH_VALUES) * r.workValueSimilarity;
}

export class FlatProfileError extends Error {
  constructor() {
    super('All six interest areas scored the same, so there is no profile shape to match.');
  }
}
