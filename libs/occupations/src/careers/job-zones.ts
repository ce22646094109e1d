import type { Occupation } from '../onet/occupation';

export interface EducationLevel {
  /** O*NET RL category, 1 (less than high school) .. 12 (post-doctoral training). */
  category: number;
  label: string;
  /** The job zones whose typical occupation needs no more than this education. */
  jobZones: number[];
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Maps an education level to job zones through the data: each zone's typical required education
 * is the median, over its occupations, of the RL category most of their workers report
 * (education_training_and_experience); a person with category c fits the zones whose median is
 * at most c. Zone 1 always fits (it asks for no preparation).
 */
export function educationToJobZones(occupations: Iterable<Occupation>): EducationLevel[] {
  const byZone = new Map<number, number[]>();
  const labels = new Map<number, string>();
  for (const o of occupations) {
    if (!o.jobZone || !o.education) continue;
    let list = byZone.get(o.jobZone.zone);
    if (!list) byZone.set(o.jobZone.zone, (list = []));
    list.push(o.education.category);
    for (const d of o.education.distribution) labels.set(d.category, d.description);
  }
  const zoneMedian = [...byZone].map(([zone, cats]) => ({ zone, median: median(cats) })).sort((a, b) => a.zone - b.zone);
  return [...labels]
    .sort((a, b) => a[0] - b[0])
    .map(([category, label]) => ({
      category,
      label,
      jobZones: zoneMedian.filter((z) => z.zone === 1 || z.median <= category).map((z) => z.zone),
    }));
}
