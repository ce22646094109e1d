// Module-level aliases: in Jest's sandbox every `Math.x` lookup goes through the context's global
// object, which made these loops ~25x slower than in plain Node (measured).
const { exp, log } = Math;

/** Softmax of one row of logits divided by a temperature, written into `out`. */
export function softmaxRow(logits: Float32Array, offset: number, classes: number, temperature: number, out: Float64Array): void {
  let top = -Infinity;
  for (let c = 0; c < classes; c++) if (logits[offset + c] > top) top = logits[offset + c];
  let sum = 0;
  for (let c = 0; c < classes; c++) {
    const e = exp((logits[offset + c] - top) / temperature);
    out[c] = e;
    sum += e;
  }
  for (let c = 0; c < classes; c++) out[c] /= sum;
}

/** Mean negative log-likelihood of the true labels at a temperature. */
export function negativeLogLikelihood(logits: Float32Array, labels: Int32Array, classes: number, temperature: number): number {
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const o = i * classes;
    let top = -Infinity;
    for (let c = 0; c < classes; c++) if (logits[o + c] > top) top = logits[o + c];
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += exp((logits[o + c] - top) / temperature);
    total += log(sum) - (logits[o + labels[i]] - top) / temperature;
  }
  return total / Math.max(1, labels.length);
}

/**
 * Temperature scaling (Guo et al., 2017): the one scalar T that minimizes the NLL of held-out
 * examples; probabilities become softmax(logits / T). It changes no ranking, only confidence.
 * Golden-section search on log T over [0.05, 20]: the NLL is unimodal in T.
 */
export function fitTemperature(logits: Float32Array, labels: Int32Array, classes: number): number {
  if (labels.length === 0) return 1;
  const f = (logT: number) => negativeLogLikelihood(logits, labels, classes, Math.exp(logT));
  let lo = Math.log(0.05);
  let hi = Math.log(20);
  const g = (Math.sqrt(5) - 1) / 2;
  let a = hi - g * (hi - lo);
  let b = lo + g * (hi - lo);
  let fa = f(a);
  let fb = f(b);
  for (let i = 0; i < 40; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - g * (hi - lo);
      fa = f(a);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + g * (hi - lo);
      fb = f(b);
    }
  }
  return Math.exp((lo + hi) / 2);
}

export interface ReliabilityBin {
  /** Confidence range [from, to). */
  from: number;
  to: number;
  count: number;
  meanConfidence: number;
  accuracy: number;
}

/** Reliability table in equal-width confidence bins, and the expected calibration error. */
export function reliability(confidence: readonly number[], correct: readonly boolean[], bins = 10): { bins: ReliabilityBin[]; ece: number } {
  const out: ReliabilityBin[] = Array.from({ length: bins }, (_, i) => ({ from: i / bins, to: (i + 1) / bins, count: 0, meanConfidence: 0, accuracy: 0 }));
  confidence.forEach((p, i) => {
    const bin = out[Math.min(bins - 1, Math.floor(p * bins))];
    bin.count++;
    bin.meanConfidence += p;
    bin.accuracy += correct[i] ? 1 : 0;
  });
  let ece = 0;
  for (const bin of out) {
    if (bin.count === 0) continue;
    bin.meanConfidence /= bin.count;
    bin.accuracy /= bin.count;
    ece += (bin.count / confidence.length) * Math.abs(bin.accuracy - bin.meanConfidence);
  }
  return { bins: out, ece };
}
