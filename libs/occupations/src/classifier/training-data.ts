import type { OccupationCore } from '../onet/occupation';
import { titleWords } from './featurize';
import { createRng, shuffle, type Rng } from './rng';

/** One class of the classifier: an O*NET-SOC occupation. */
export interface OccupationLabel {
  onetCode: string;
  /** Detailed SOC 2018 code, e.g. "15-1252". */
  socCode: string;
  title: string;
  socTitle: string;
  /** Two-digit SOC major group, e.g. "15". */
  major: string;
  majorTitle: string;
}

export type ExampleSource = 'title' | 'alternate' | 'short' | 'reported' | 'task' | 'description' | 'noisy-title' | 'title+task' | 'correction';

export interface Example {
  title: string;
  description?: string;
  /** Index into the label list. */
  label: number;
  source: ExampleSource;
}

export interface SplitOptions {
  seed: number;
  /** Share of each occupation's alternate titles held out for evaluation. */
  evaluationShare: number;
  /** Share held out to fit the calibration temperature. */
  calibrationShare: number;
  /** Share of training titles also given as a noisy posting-style variant ("Sr. X - Remote"). */
  noisyTitleShare: number;
  /** Share of training titles also given with one of the occupation's tasks as the description. */
  titleWithTaskShare: number;
}

export const DEFAULT_SPLIT: SplitOptions = {
  seed: 42,
  evaluationShare: 0.1,
  calibrationShare: 0.05,
  noisyTitleShare: 0.15,
  titleWithTaskShare: 0.25,
};

/**
 * A title coded by a person outside O*NET: an analyst's confirmation or correction in the review
 * queue (issue 13). `onetCode` picks the label when given; else the SOC code's ".00" occupation.
 */
export interface ExtraExample {
  title: string;
  socCode: string;
  onetCode?: string;
}

/** What became of the extra examples: used, or left out because evaluation holds the title or the code is unknown. */
export interface ExtraExamplesReport {
  given: number;
  used: number;
  heldOut: number;
  unknownCode: number;
}

/** A human-checked real posting title is weighted like an occupation's official title (3 copies). */
export const EXTRA_EXAMPLE_REPEATS = 3;

export interface TrainingSet {
  labels: OccupationLabel[];
  train: Example[];
  /** Held-out alternate titles, used for nothing but fitting the temperature. */
  calibration: Example[];
  /** Held-out alternate titles: no example in train or calibration has the same (normalized) title. */
  evaluation: Example[];
  /** Present when extra examples were given to buildTrainingSet. */
  extra?: ExtraExamplesReport;
}

export function labelsOf(occupations: Iterable<OccupationCore>): OccupationLabel[] {
  return [...occupations]
    .map((o) => ({
      onetCode: o.onetCode,
      socCode: o.soc.code,
      title: o.title,
      socTitle: o.soc.title,
      major: o.soc.majorPrefix,
      majorTitle: o.soc.major.title,
    }))
    .sort((a, b) => a.onetCode.localeCompare(b.onetCode));
}

/** The key two titles share when they read the same to the model. */
export function titleKey(title: string): string {
  return titleWords(title).join(' ');
}

const NOISE_PREFIXES = ['Senior', 'Sr.', 'Junior', 'Jr.', 'Experienced', 'Entry Level'];
const NOISE_SUFFIXES = [' - Remote', ' (Full Time)', ' - Part Time', ' - Nights', ' II', ' III', ' - Contract', ' (Temporary)', ' - Immediate Start', ' - Hybrid', ' - $20/hr'];

/** A title as postings write it: a level in front or a schedule, place or pay behind. */
function noisyTitle(title: string, rng: Rng): string {
  const r = rng.next();
  const prefix = NOISE_PREFIXES[rng.below(NOISE_PREFIXES.length)];
  const suffix = NOISE_SUFFIXES[rng.below(NOISE_SUFFIXES.length)];
  if (r < 0.4) return `${prefix} ${title}`;
  if (r < 0.8) return `${title}${suffix}`;
  return `${prefix} ${title}${suffix}`;
}

/**
 * Training, calibration and evaluation examples from O*NET. A share of every occupation's
 * alternate titles is held out (stratified, so each occupation keeps most of its titles), and a
 * held-out title is removed from training under every source and occupation, so evaluation is on
 * titles the model never saw. The same seed gives the same split and order.
 */
export function buildTrainingSet(occupations: Iterable<OccupationCore>, options: SplitOptions = DEFAULT_SPLIT, extraExamples: readonly ExtraExample[] = []): TrainingSet {
  const occList = [...occupations].sort((a, b) => a.onetCode.localeCompare(b.onetCode));
  const labels = labelsOf(occList);
  const labelOf = new Map(labels.map((l, i) => [l.onetCode, i]));
  const rng = createRng(options.seed, 1);

  const evaluation: Example[] = [];
  const calibration: Example[] = [];
  const heldOut = new Set<string>();
  for (const occ of occList) {
    const label = labelOf.get(occ.onetCode)!;
    const byKey = new Map<string, string>();
    for (const t of occ.alternateTitles) {
      const key = titleKey(t);
      if (key && !byKey.has(key)) byKey.set(key, t);
    }
    const keys = shuffle([...byKey.keys()].sort(), rng);
    const n = keys.length;
    // Occupations with few titles keep them all: their official title alone is too little to learn from.
    if (n < 5) continue;
    const nEval = Math.max(1, Math.round(n * options.evaluationShare));
    const nCal = Math.round(n * options.calibrationShare);
    keys.slice(0, nEval).forEach((k) => evaluation.push({ title: byKey.get(k)!, label, source: 'alternate' }));
    keys.slice(nEval, nEval + nCal).forEach((k) => calibration.push({ title: byKey.get(k)!, label, source: 'alternate' }));
    keys.slice(0, nEval + nCal).forEach((k) => heldOut.add(k));
  }

  const train: Example[] = [];
  const addTitle = (title: string, label: number, source: ExampleSource, tasks: readonly string[]) => {
    const key = titleKey(title);
    if (!key || heldOut.has(key)) return;
    train.push({ title, label, source });
    if (rng.next() < options.noisyTitleShare) train.push({ title: noisyTitle(title, rng), label, source: 'noisy-title' });
    if (tasks.length > 0 && rng.next() < options.titleWithTaskShare) {
      train.push({ title, description: tasks[rng.below(tasks.length)], label, source: 'title+task' });
    }
  };
  for (const occ of occList) {
    const label = labelOf.get(occ.onetCode)!;
    const tasks = occ.tasks.map((t) => t.text);
    // The official title three times: it is the one title every occupation is sure to have.
    for (let i = 0; i < 3; i++) addTitle(occ.title, label, 'title', tasks);
    for (const t of occ.alternateTitles) addTitle(t, label, 'alternate', tasks);
    for (const t of occ.shortTitles) addTitle(t, label, 'short', tasks);
    for (const t of occ.reportedTitles) addTitle(t, label, 'reported', tasks);
    for (const t of tasks) train.push({ title: '', description: t, label, source: 'task' });
    if (occ.description) train.push({ title: '', description: occ.description, label, source: 'description' });
  }
  // Extra examples join training only: the held-out split (and its fingerprint) stays O*NET's, and
  // an extra title that evaluation holds is left out so the held-out titles stay unseen.
  const extra = extraExamples.length > 0 ? addExtraExamples(train, extraExamples, labels, heldOut) : undefined;
  shuffle(train, rng);
  return { labels, train, calibration, evaluation, ...(extra ? { extra } : {}) };
}

function addExtraExamples(train: Example[], extras: readonly ExtraExample[], labels: readonly OccupationLabel[], heldOut: ReadonlySet<string>): ExtraExamplesReport {
  const byOnet = new Map(labels.map((l, i) => [l.onetCode, i]));
  const bySoc = new Map<string, number>();
  labels.forEach((l, i) => {
    if (!bySoc.has(l.socCode) || l.onetCode === `${l.socCode}.00`) bySoc.set(l.socCode, i);
  });
  const report: ExtraExamplesReport = { given: extras.length, used: 0, heldOut: 0, unknownCode: 0 };
  for (const e of extras) {
    const label = (e.onetCode !== undefined ? byOnet.get(e.onetCode) : undefined) ?? bySoc.get(e.socCode);
    if (label === undefined) {
      report.unknownCode++;
      continue;
    }
    const key = titleKey(e.title);
    if (!key || heldOut.has(key)) {
      report.heldOut++;
      continue;
    }
    for (let i = 0; i < EXTRA_EXAMPLE_REPEATS; i++) train.push({ title: e.title, label, source: 'correction' });
    report.used++;
  }
  return report;
}
