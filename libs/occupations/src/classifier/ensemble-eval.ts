import { reliability, type ReliabilityBin } from './calibration';
import type { ClassifyItem } from './featurize';
import { DEFAULT_ENSEMBLE, type Classification, type OccupationClassifier } from './occupation-classifier';
import type { TitleIndex } from './title-index';
import type { OccupationLabel } from './training-data';

/** An item with its true SOC 2018 code (6-digit, "15-1252"). */
export interface LabelledItem extends ClassifyItem {
  soc: string;
}

export interface TopOne {
  count: number;
  top1Soc: number;
  top1Major: number;
}

/** Top-1 accuracy at 6 and 2 digits of classifications against true SOC codes. */
export function topOne(results: readonly Classification[], items: readonly LabelledItem[]): TopOne {
  let soc = 0;
  let major = 0;
  results.forEach((r, i) => {
    const top = r.soc[0];
    if (top?.code === items[i].soc) soc++;
    if (top?.major === items[i].soc.slice(0, 2)) major++;
  });
  const n = Math.max(1, items.length);
  return { count: items.length, top1Soc: soc / n, top1Major: major / n };
}

/** The dictionary alone: its most weighted label, or nothing when the title is not found. */
export function dictionaryAlone(index: TitleIndex, labels: readonly OccupationLabel[], items: readonly LabelledItem[]): TopOne & { found: number } {
  let soc = 0;
  let major = 0;
  let found = 0;
  for (const item of items) {
    const m = index.lookup(item.title, item.employer);
    if (m.kind === 'none') continue;
    found++;
    // Sum by SOC code: several O*NET occupations of one code may share a title.
    const bySoc = new Map<string, number>();
    m.labels.forEach((l, j) => bySoc.set(labels[l].socCode, (bySoc.get(labels[l].socCode) ?? 0) + m.weights[j]));
    const best = [...bySoc.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    if (best === item.soc) soc++;
    if (best.slice(0, 2) === item.soc.slice(0, 2)) major++;
  }
  const n = Math.max(1, items.length);
  return { count: items.length, top1Soc: soc / n, top1Major: major / n, found };
}

export interface GridPoint extends TopOne {
  exactWeight: number;
  partialWeight: number;
  priorExponent: number;
}

/**
 * Top-1 on `items` for each blend of dictionary weights and prior exponent (with `prior`, the
 * prior of the items' titles); the best (6-digit, then 2-digit) first.
 */
export function blendGrid(
  classifier: OccupationClassifier,
  index: TitleIndex,
  items: readonly LabelledItem[],
  prior: Float64Array | null = null,
  exactWeights = [0, 0.2, 0.4, 0.6, 0.8],
  partialWeights = [0, 0.1, 0.2, 0.4],
  priorExponents = prior ? [0, 0.25, 0.5, 0.75, 1] : [0],
): GridPoint[] {
  const out: GridPoint[] = [];
  for (const priorExponent of priorExponents) {
    for (const exactWeight of exactWeights) {
      for (const partialWeight of partialWeights) {
        const c = classifier.withTitleIndex(index, { ...DEFAULT_ENSEMBLE, exactWeight, partialWeight, priorExponent }, prior);
        out.push({ exactWeight, partialWeight, priorExponent, ...topOne(c.predict(items, 1), items) });
      }
    }
  }
  return out.sort((a, b) => b.top1Soc - a.top1Soc || b.top1Major - a.top1Major);
}

/**
 * The lowest confidence threshold at which the codes at or above it are right (6-digit) at least
 * `precision` of the time, found on a calibration split; 1 when none reaches it. Walks the
 * confidences from the top, so the share above is as large as the target allows. With z > 0 the
 * target must hold for the lower Wilson bound of the share right, not the share itself: a
 * threshold picked where a few hundred calibration titles just reach 85% lands under 85% on
 * other titles about half the time (0.798 gave 85.0% on the calibration split, 81.0% held out).
 */
export function thresholdForPrecision(results: readonly Classification[], items: readonly LabelledItem[], precision: number, minCount = 50, z = 0): number {
  const scored = results.map((r, i) => ({ conf: r.confidence, right: r.soc[0]?.code === items[i].soc })).sort((a, b) => b.conf - a.conf);
  let right = 0;
  let best = 1;
  scored.forEach((s, i) => {
    if (s.right) right++;
    const next = scored[i + 1];
    // Only between distinct confidences: a threshold cannot split a tie.
    if (i + 1 >= minCount && wilsonLower(right, i + 1, z) >= precision && (!next || next.conf < s.conf)) best = s.conf;
  });
  return best;
}

/** Lower bound of the Wilson score interval for `k` successes in `n` (z = 0: the share k / n). */
export function wilsonLower(k: number, n: number, z: number): number {
  if (n === 0) return 0;
  const p = k / n;
  if (z === 0) return p;
  const z2 = z * z;
  return (p + z2 / (2 * n) - z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
}

/**
 * How well the confidence ranks right codes (6-digit) above wrong ones: the probability that a
 * random right code's confidence is above a random wrong one's, ties counting half (the ROC AUC,
 * by the rank-sum formula); NaN when all are right or all wrong.
 */
export function rankingAuc(results: readonly { confidence: number; soc: Array<{ code: string }> }[], items: readonly LabelledItem[]): number {
  const rows = results.map((r, i) => ({ c: r.confidence, right: r.soc[0]?.code === items[i].soc })).sort((a, b) => a.c - b.c);
  let rightCount = 0;
  let rankSum = 0;
  for (let i = 0; i < rows.length; ) {
    let j = i;
    while (j < rows.length && rows[j].c === rows[i].c) j++;
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (!rows[k].right) continue;
      rightCount++;
      rankSum += midRank;
    }
    i = j;
  }
  const wrong = rows.length - rightCount;
  return rightCount && wrong ? (rankSum - (rightCount * (rightCount + 1)) / 2) / (rightCount * wrong) : NaN;
}

export interface ThresholdReport {
  threshold: number;
  /** Share of items whose code is at or above the threshold (not flagged for its confidence). */
  shareAbove: number;
  precisionAbove: number;
  precisionAboveMajor: number;
  /** Share flagged needsReview for any reason (below threshold, unknown words, empty). */
  shareFlagged: number;
  bins: ReliabilityBin[];
  ece: number;
}

export function thresholdReport(results: readonly Classification[], items: readonly LabelledItem[], threshold: number): ThresholdReport {
  const right = results.map((r, i) => r.soc[0]?.code === items[i].soc);
  const above = results.map((_, i) => i).filter((i) => results[i].confidence >= threshold);
  const { bins, ece } = reliability(
    results.map((r) => r.confidence),
    right,
  );
  const n = Math.max(1, results.length);
  return {
    threshold,
    shareAbove: above.length / n,
    precisionAbove: above.filter((i) => right[i]).length / Math.max(1, above.length),
    precisionAboveMajor: above.filter((i) => results[i].soc[0]?.major === items[i].soc.slice(0, 2)).length / Math.max(1, above.length),
    shareFlagged: results.filter((r) => r.needsReview).length / n,
    bins,
    ece,
  };
}

/** An ASCII reliability diagram: one bar per bin for accuracy, a mark at the bin's mean confidence. */
export function reliabilityChart(bins: readonly ReliabilityBin[], width = 40): string {
  const lines = ['confidence  accuracy (# = right share, | = mean confidence)'];
  for (const b of bins) {
    if (b.count === 0) {
      lines.push(`${b.from.toFixed(1)}-${b.to.toFixed(1)}     (no titles)`);
      continue;
    }
    const bar: string[] = Array.from({ length: width }, (_, i) => (i < Math.round(b.accuracy * width) ? '#' : ' '));
    const mark = Math.min(width - 1, Math.round(b.meanConfidence * width));
    bar[mark] = '|';
    lines.push(`${b.from.toFixed(1)}-${b.to.toFixed(1)}  ${bar.join('')}  ${(100 * b.accuracy).toFixed(0)}% of ${b.count}`);
  }
  return lines.join('\n');
}


export interface LabelledPosting extends LabelledItem {
  source: string;
  sourceId: string;
  note: string;
}

/**
 * The hand-labelled posting titles (libs/occupations/eval/labelled-postings.csv: source,
 * source_id, title, soc_code, note). A row with an empty soc_code is unlabellable and returned
 * apart; a code that is not one of the classifier's SOC codes is an error naming the row.
 */
export async function readLabelledPostings(
  path: string,
  labels: readonly OccupationLabel[],
): Promise<{ labelled: LabelledPosting[]; unlabellable: LabelledPosting[] }> {
  const { parse } = await import('csv-parse/sync');
  const { readFile } = await import('node:fs/promises');
  const rows = parse(await readFile(path, 'utf8'), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  const codes = new Set(labels.map((l) => l.socCode));
  const labelled: LabelledPosting[] = [];
  const unlabellable: LabelledPosting[] = [];
  rows.forEach((r, i) => {
    const item = { source: r.source, sourceId: r.source_id, title: r.title, soc: (r.soc_code ?? '').trim(), note: r.note ?? '' };
    if (!item.soc) return unlabellable.push(item);
    if (!codes.has(item.soc)) throw new Error(`${path} row ${i + 2}: soc_code "${item.soc}" is not a SOC 2018 detailed code of the classifier`);
    labelled.push(item);
  });
  return { labelled, unlabellable };
}
