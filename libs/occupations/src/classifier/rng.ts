import { createRng as createSfc32 } from '@jobportal/postings';

/**
 * The classifier's seeded randomness: the same sfc32 streams as the postings generator (one
 * implementation), seen through the two operations training needs.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  below(n: number): number;
  /** A seed for another generator (tfjs initializers take a number). */
  fork(): number;
}

export function createRng(seed: number, stream = 0): Rng {
  const { next } = createSfc32(seed, stream);
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
