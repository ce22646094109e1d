/** A seeded PRNG (sfc32): shuffles, splits and initial weights are the same on every machine. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  below(n: number): number;
  /** A seed for another generator (tfjs initializers take a number). */
  fork(): number;
}

function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

export function createRng(seed: number, stream = 0): Rng {
  let a = fmix32(seed | 0);
  let b = fmix32(Math.floor(seed / 0x1_0000_0000) ^ 0x5bd1e995);
  let c = fmix32(stream ^ 0x27d4eb2d);
  let d = 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return {
    next,
    below: (n) => (next() * n) | 0,
    fork: () => Math.floor(next() * 2 ** 31),
  };
}

/** Fisher-Yates shuffle in place. */
export function shuffle<A extends { length: number; [i: number]: unknown }>(items: A, rng: Rng): A {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    const t = items[i];
    items[i] = items[j];
    items[j] = t;
  }
  return items;
}
