import { createRng, createWeightedPicker } from './prng';

describe('createRng', () => {
  it('repeats its sequence for the same seed and stream, and differs for another seed or stream', () => {
    const draw = (seed: number, stream: number) => {
      const rng = createRng(seed, stream);
      return Array.from({ length: 20 }, () => rng.next());
    };
    expect(draw(1, 0)).toEqual(draw(1, 0));
    expect(draw(1, 0)).not.toEqual(draw(2, 0));
    expect(draw(1, 0)).not.toEqual(draw(1, 1));
    // Seeds beyond 32 bits are not folded onto small ones.
    expect(draw(2 ** 32 + 1, 0)).not.toEqual(draw(1, 0));
  });

  it('is roughly uniform', () => {
    const rng = createRng(99);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) buckets[Math.floor(rng.next() * 10)]++;
    for (const b of buckets) expect(Math.abs(b - 10_000)).toBeLessThan(500);
    for (let i = 0; i < 1000; i++) {
      const n = rng.int(3, 5);
      expect(n >= 3 && n <= 5 && Number.isInteger(n)).toBe(true);
    }
  });
});

describe('createWeightedPicker', () => {
  it('picks in proportion to the weights and never a zero weight', () => {
    const pick = createWeightedPicker([1, 0, 3]);
    const rng = createRng(4);
    const counts = [0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[pick(rng)]++;
    expect(counts[1]).toBe(0);
    expect(counts[2] / counts[0]).toBeGreaterThan(2.7);
    expect(counts[2] / counts[0]).toBeLessThan(3.3);
  });
});
