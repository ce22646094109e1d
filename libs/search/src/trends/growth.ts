/**
 * Growth by geography, the pure part: which windows each source is compared over, the interval of a
 * ratio of two Poisson counts, the too-small rule and the "rising" order. See docs/trends.md.
 */
import { GROWTH_MIN_EMPLOYERS, GROWTH_MIN_POSTINGS, type GrowthRow, type GrowthSort, type GrowthSourceWindow, type SourceName } from '@jobportal/contracts';

const DAY = 86_400_000;
export const GROWTH_Z = 1.959964;

/**
 * 95% Wald interval of recent/prior - 1 on the log scale: ln(r/p) +- z * sqrt(1/r + 1/p), the
 * standard interval for a ratio of two Poisson counts over equal exposures. Null when either is 0.
 */
export function rateRatioInterval(recent: number, prior: number, z = GROWTH_Z): { low: number; high: number } | null {
  if (recent <= 0 || prior <= 0) return null;
  const log = Math.log(recent / prior);
  const se = Math.sqrt(1 / recent + 1 / prior);
  return { low: Math.exp(log - z * se) - 1, high: Math.exp(log + z * se) - 1 };
}

export function isTooSmall(c: { recent: number; prior: number; employers: number; priorEmployers: number }): boolean {
  return Math.min(c.recent, c.prior) < GROWTH_MIN_POSTINGS || Math.min(c.employers, c.priorEmployers) < GROWTH_MIN_EMPLOYERS;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Like with like: each source is compared only over windows it covers on both sides. Anchor
 * 'per_source' ends the recent window on the day after the source's last posting; 'common' on `end`.
 * A source is included when its first posting is on or before the prior window's start and its
 * last on or after the recent window's last day.
 */
export function sourceWindows(
  coverage: Array<{ source: SourceName; from: Date | null; to: Date | null }>,
  windowDays: number,
  end: Date | null,
): GrowthSourceWindow[] {
  return coverage.map(({ source, from, to }) => {
    const cov = { from: from ? day(from) : null, to: to ? day(to) : null };
    if (!from || !to) return { source, coverage: cov, recent: null, prior: null, included: false, reason: 'no posting dates' };
    const recentTo = end ?? new Date(Math.floor(to.getTime() / DAY) * DAY + DAY);
    const recentFrom = new Date(recentTo.getTime() - windowDays * DAY);
    const priorFrom = new Date(recentFrom.getTime() - windowDays * DAY);
    const covers = from.getTime() <= priorFrom.getTime() && to.getTime() >= recentTo.getTime() - DAY;
    return {
      source,
      coverage: cov,
      recent: covers ? { from: day(recentFrom), to: day(recentTo) } : null,
      prior: covers ? { from: day(priorFrom), to: day(recentFrom) } : null,
      included: covers,
      reason: covers ? null : `covers ${cov.from}..${cov.to}, not both ${windowDays}-day windows ${day(priorFrom)}..${day(recentTo)}`,
    };
  });
}

/** Rising: by the interval's low end (a large but uncertain rise ranks below a sure one); too-small cells last. */
export function sortGrowthRows(rows: GrowthRow[], sort: GrowthSort): GrowthRow[] {
  const key = (r: GrowthRow): number => {
    if (sort === 'count') return r.recent;
    if (r.tooSmall) return Number.NEGATIVE_INFINITY;
    return (sort === 'rising' ? r.interval?.low : r.growthRate) ?? Number.NEGATIVE_INFINITY;
  };
  return [...rows].sort((a, b) => (a.tooSmall === b.tooSmall || sort === 'count' ? 0 : a.tooSmall ? 1 : -1) || key(b) - key(a) || b.recent - a.recent || a.place.value.localeCompare(b.place.value));
}
