/**
 * Derived trend figures computed in code: this Elasticsearch node has no aggregations module (no
 * derivative, moving_fn, bucket_sort), so every series beyond a plain count is computed here. Pure.
 */
import type { RemoteSharePoint, SkillTrend, TrendPoint } from '@jobportal/contracts';

/** Trailing mean over `window` points (fewer at the start, where there is less history). */
export function movingAverage(points: TrendPoint[], window: number): TrendPoint[] {
  const out: TrendPoint[] = [];
  let sum = 0;
  for (let i = 0; i < points.length; i++) {
    sum += points[i].value;
    if (i >= window) sum -= points[i - window].value;
    out.push({ date: points[i].date, value: sum / Math.min(i + 1, window) });
  }
  return out;
}

/** Change of each point against the one before, as a fraction; null where there is no base. */
export function periodChange(points: TrendPoint[]): Array<{ date: string; value: number | null }> {
  return points.map((p, i) => {
    const prev = i === 0 ? 0 : points[i - 1].value;
    return { date: p.date, value: prev === 0 ? null : p.value / prev - 1 };
  });
}

/** Remote and hybrid shares of the postings whose work mode is known, per bucket. */
export function remoteShares(buckets: Array<{ date: string; modes: Record<string, number> }>): RemoteSharePoint[] {
  return buckets.map(({ date, modes }) => {
    const remote = modes.remote ?? 0;
    const hybrid = modes.hybrid ?? 0;
    const known = remote + hybrid + (modes.onsite ?? 0);
    return { date, known, remote, hybrid, remoteShare: known ? remote / known : null, hybridShare: known ? hybrid / known : null };
  });
}

/** Two-sided z for 99% confidence: rising is a claim, so it needs strong evidence among ~200 candidates. */
export const RISING_Z = 2.576;
/** A skill must appear at least this often in the current window to be called rising. */
export const RISING_MIN_COUNT = 10;

/**
 * Skills whose share of postings rose significantly from the prior window to the current one:
 * a two-proportion z-test per skill (pooled), kept when z >= RISING_Z and the skill is frequent
 * enough; ranked by the JLH score significant_terms uses ((fg - bg) * fg / bg on shares). The
 * generated postings draw skills from fixed distributions, so nearly nothing passes on them.
 */
export function risingSkills(
  current: Map<string, number>,
  prior: Map<string, number>,
  currentTotal: number,
  priorTotal: number,
  limit: number,
): SkillTrend[] {
  if (currentTotal === 0 || priorTotal === 0) return [];
  const out: SkillTrend[] = [];
  for (const [skill, count] of current) {
    const priorCount = prior.get(skill) ?? 0;
    const share = count / currentTotal;
    const priorShare = priorCount / priorTotal;
    if (count < RISING_MIN_COUNT || share <= priorShare) continue;
    const pooled = (count + priorCount) / (currentTotal + priorTotal);
    const se = Math.sqrt(pooled * (1 - pooled) * (1 / currentTotal + 1 / priorTotal));
    if (se === 0 || (share - priorShare) / se < RISING_Z) continue;
    // A skill absent before: JLH with the background share floored at half a posting.
    const bg = Math.max(priorShare, 0.5 / priorTotal);
    out.push({ skill, count, priorCount, share, priorShare, score: ((share - bg) * share) / bg });
  }
  return out.sort((a, b) => b.score - a.score || a.skill.localeCompare(b.skill)).slice(0, limit);
}
