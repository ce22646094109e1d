export type WorkMode = 'remote' | 'hybrid' | 'onsite' | 'unknown';

export interface SourceCount {
  readonly source: string;
  readonly label: string;
  readonly count: number;
}

export interface WorkModeCount {
  readonly workMode: WorkMode;
  readonly count: number;
}

/** Body of `GET /api/stats/overview`. */
export interface StatsOverview {
  readonly postings: number;
  readonly sources: readonly SourceCount[];
  /** Share of postings that are remote, 0..1. */
  readonly remoteShare: number;
  readonly workModes: readonly WorkModeCount[];
  readonly updatedAt: string;
}

export const WORK_MODE_LABELS: Record<WorkMode, string> = {
  remote: 'Remote',
  hybrid: 'Hybrid',
  onsite: 'On-site',
  unknown: 'Not stated',
};

/**
 * Checks the response shape so that anything else (an HTML page from a proxy or an SPA
 * fallback, a half-started backend) shows the error state instead of broken numbers.
 */
export function parseStatsOverview(raw: unknown): StatsOverview {
  const body = raw as Partial<Record<keyof StatsOverview, unknown>> | null;
  const isCount = (value: unknown): value is number =>
    typeof value === 'number' && Number.isFinite(value) && value >= 0;
  if (
    typeof body !== 'object' ||
    body === null ||
    !isCount(body.postings) ||
    !isCount(body.remoteShare) ||
    !Array.isArray(body.sources) ||
    !Array.isArray(body.workModes)
  ) {
    throw new Error('Unexpected response from /api/stats/overview');
  }
  const sources = (body.sources as SourceCount[])
    .filter((s) => typeof s?.source === 'string' && isCount(s.count))
    .map((s) => ({ source: s.source, label: s.label || s.source, count: s.count }))
    .sort((a, b) => b.count - a.count);
  const workModes = (body.workModes as WorkModeCount[]).filter(
    (m) => m?.workMode in WORK_MODE_LABELS && isCount(m.count),
  );
  return {
    postings: body.postings,
    remoteShare: Math.min(body.remoteShare, 1),
    sources,
    workModes,
    updatedAt: typeof body.updatedAt === 'string' ? body.updatedAt : '',
  };
}
