import { reliability, type ReliabilityBin } from './calibration';

/** A coder's answer for one item: SOC 2018 codes and major groups, most likely first. */
export interface RankedAnswer {
  soc: readonly string[];
  majors: readonly string[];
  /** Probability (or score) of the first SOC code; null for coders without one. */
  confidence: number | null;
}

export interface Truth {
  soc: string;
  major: string;
}

export interface EvaluationMetrics {
  count: number;
  top1Soc: number;
  top5Soc: number;
  top1Major: number;
  top5Major: number;
  /** Present when answers carry a calibrated confidence. */
  confidence?: {
    threshold: number;
    /** Share of items at or above the threshold. */
    shareAbove: number;
    /** Top-1 accuracy (6-digit) of those items. */
    top1SocAbove: number;
    top1MajorAbove: number;
    /** Reliability of the top-1 6-digit probability, 10 bins. */
    bins: ReliabilityBin[];
    /** Expected calibration error of the same. */
    ece: number;
  };
}

/** Top-1 / top-5 accuracy at the 6-digit and 2-digit levels, and calibration when answers have probabilities. */
export function evaluateAnswers(answers: readonly RankedAnswer[], truth: readonly Truth[], threshold: number | null): EvaluationMetrics {
  if (answers.length !== truth.length) throw new Error(`evaluateAnswers: ${answers.length} answers for ${truth.length} items`);
  const n = answers.length;
  const rate = (hits: number, of = n) => (of === 0 ? 0 : hits / of);
  let top1Soc = 0;
  let top5Soc = 0;
  let top1Major = 0;
  let top5Major = 0;
  const correct: boolean[] = [];
  answers.forEach((a, i) => {
    const t = truth[i];
    const hitSoc = a.soc[0] === t.soc;
    correct.push(hitSoc);
    if (hitSoc) top1Soc++;
    if (a.soc.slice(0, 5).includes(t.soc)) top5Soc++;
    if (a.majors[0] === t.major) top1Major++;
    if (a.majors.slice(0, 5).includes(t.major)) top5Major++;
  });
  const metrics: EvaluationMetrics = { count: n, top1Soc: rate(top1Soc), top5Soc: rate(top5Soc), top1Major: rate(top1Major), top5Major: rate(top5Major) };
  if (threshold !== null && answers.every((a) => a.confidence !== null)) {
    const conf = answers.map((a) => a.confidence!);
    const above = answers.map((_, i) => i).filter((i) => conf[i] >= threshold);
    const { bins, ece } = reliability(conf, correct);
    metrics.confidence = {
      threshold,
      shareAbove: rate(above.length),
      top1SocAbove: rate(above.filter((i) => correct[i]).length, above.length),
      top1MajorAbove: rate(above.filter((i) => answers[i].majors[0] === truth[i].major).length, above.length),
      bins,
      ece,
    };
  }
  return metrics;
}
