import type { OccupationCore } from '../onet/occupation';
import type { EmploymentProjections } from '../onet/bls';
import type { Example, OccupationLabel } from './training-data';

/*
 * Class priors for the prior correction of OccupationClassifier (EnsembleSettings.priorExponent).
 * The model learns the prior of its training rows: every occupation gets its official title three
 * times and ~20 task statements whatever its size, so small occupations are over-represented
 * against both the titles O*NET lists (51-9199 "Production Workers, All Other" carries 2,750
 * alternate titles) and the jobs employers advertise (fast-food workers, not ship engineers).
 */

/** Shares that sum to 1, with `smoothing` added to every count so no label gets 0. */
function shares(counts: Float64Array, smoothing: number): Float64Array {
  const total = counts.reduce((a, b) => a + b, 0) + smoothing * counts.length;
  return counts.map((n) => (n + smoothing) / total);
}

/**
 * Each label's share of the alternate titles among the training rows: the prior of O*NET's own
 * alternate titles, hence of the held-out ones (held out as a fixed share of each occupation's).
 * Counted on training rows only, so it holds nothing of the held-out titles but their number.
 */
export function alternateTitlePrior(train: readonly Example[], labelCount: number): Float64Array {
  const counts = new Float64Array(labelCount);
  for (const e of train) if (e.source === 'alternate') counts[e.label]++;
  return shares(counts, 1);
}

/** The same prior from the O*NET tables (every alternate title), for production. */
export function catalogAlternateTitlePrior(occupations: Iterable<OccupationCore>, labels: readonly OccupationLabel[]): Float64Array {
  const labelOf = new Map(labels.map((l, i) => [l.onetCode, i]));
  const counts = new Float64Array(labels.length);
  for (const o of occupations) {
    const i = labelOf.get(o.onetCode);
    if (i !== undefined) counts[i] = new Set(o.alternateTitles.map((t) => t.toLowerCase())).size;
  }
  return shares(counts, 1);
}

/**
 * Each label's share of the annual job openings BLS projects (Employment Projections 2024-34):
 * how often employers hire for it, the closest published figure to how often it is advertised.
 * Openings BLS gives for one SOC or NEM code are split evenly over the O*NET occupations that
 * share it; an occupation without figures gets the smallest share any has.
 */
export function openingsPrior(occupations: Iterable<OccupationCore>, labels: readonly OccupationLabel[], projections: EmploymentProjections): Float64Array {
  const labelOf = new Map(labels.map((l, i) => [l.onetCode, i]));
  const byRow = new Map<string, { openings: number; labels: number[] }>();
  for (const o of occupations) {
    const i = labelOf.get(o.onetCode);
    const p = projections.forOccupation(o.onetCode, o.soc.code);
    if (i === undefined || !p || p.openingsAnnual === null) continue;
    const row = byRow.get(p.nemCode) ?? { openings: p.openingsAnnual, labels: [] };
    row.labels.push(i);
    byRow.set(p.nemCode, row);
  }
  const counts = new Float64Array(labels.length);
  for (const { openings, labels: ls } of byRow.values()) for (const i of ls) counts[i] = openings / ls.length;
  const positive = counts.filter((n) => n > 0);
  const least = positive.length > 0 ? Math.min(...positive) : 1;
  for (let i = 0; i < counts.length; i++) if (counts[i] <= 0) counts[i] = least;
  return shares(counts, 0);
}
