import { fitTemperature, negativeLogLikelihood, reliability } from './calibration';
import { topK } from './occupation-classifier';
import { createRng } from './rng';

describe('temperature scaling', () => {
  it('recovers the temperature that makes overconfident logits calibrated', () => {
    // Labels drawn from softmax(z / 2): the model's logits z are twice as sharp as the truth.
    const rng = createRng(7);
    const classes = 5;
    const n = 4000;
    const logits = new Float32Array(n * classes);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const p: number[] = [];
      for (let c = 0; c < classes; c++) {
        logits[i * classes + c] = 6 * rng.next();
        p.push(Math.exp(logits[i * classes + c] / 2));
      }
      const total = p.reduce((a, b) => a + b, 0);
      let r = rng.next() * total;
      let c = 0;
      while (c < classes - 1 && (r -= p[c]) > 0) c++;
      labels[i] = c;
    }
    const t = fitTemperature(logits, labels, classes);
    expect(t).toBeGreaterThan(1.8);
    expect(t).toBeLessThan(2.2);
    expect(negativeLogLikelihood(logits, labels, classes, t)).toBeLessThan(negativeLogLikelihood(logits, labels, classes, 1));
  });

  it('reliability bins and the expected calibration error', () => {
    const { bins, ece } = reliability([0.95, 0.95, 0.15, 0.15], [true, false, false, false]);
    expect(bins[9]).toMatchObject({ count: 2, accuracy: 0.5 });
    expect(bins[1]).toMatchObject({ count: 2, accuracy: 0 });
    expect(ece).toBeCloseTo(0.5 * 0.45 + 0.5 * 0.15, 6);
  });
});

describe('topK', () => {
  it('returns the indices of the k largest values, largest first', () => {
    expect(topK([0.1, 0.5, 0.2, 0.9, 0.5], 3)).toEqual([3, 1, 4]);
    expect(topK([1, 2], 5)).toEqual([1, 0]);
  });
});
