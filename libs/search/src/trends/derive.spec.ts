import { movingAverage, periodChange, remoteShares, risingSkills, RISING_MIN_COUNT } from './derive';

const pts = (...values: number[]) => values.map((value, i) => ({ date: `2024-01-0${i + 1}`, value }));

describe('trend derivations', () => {
  it('movingAverage is a trailing mean, shorter at the start', () => {
    expect(movingAverage(pts(2, 4, 6, 8), 2).map((p) => p.value)).toEqual([2, 3, 5, 7]);
    expect(movingAverage(pts(3, 3, 9), 3).map((p) => p.value)).toEqual([3, 3, 5]);
    expect(movingAverage([], 3)).toEqual([]);
  });

  it('periodChange is the fraction against the previous point, null without a base', () => {
    expect(periodChange(pts(0, 10, 15, 0, 5)).map((p) => p.value)).toEqual([null, null, 0.5, -1, null]);
  });

  it('remoteShares divides by the postings whose mode is known', () => {
    const [a, b] = remoteShares([
      { date: 'd1', modes: { remote: 1, hybrid: 1, onsite: 2 } },
      { date: 'd2', modes: {} },
    ]);
    expect(a).toEqual({ date: 'd1', known: 4, remote: 1, hybrid: 1, remoteShare: 0.25, hybridShare: 0.25 });
    expect(b.remoteShare).toBeNull();
  });

  describe('risingSkills', () => {
    it('finds a skill whose share clearly rose and ranks by score', () => {
      const cur = new Map([['rust', 120], ['sql', 300], ['go', 60]]);
      const prior = new Map([['rust', 20], ['sql', 300], ['go', 30]]);
      const rising = risingSkills(cur, prior, 1000, 1000, 10);
      expect(rising.map((s) => s.skill)).toEqual(['rust', 'go']);
      expect(rising[0]).toMatchObject({ count: 120, priorCount: 20, share: 0.12, priorShare: 0.02 });
      expect(rising[0].score).toBeGreaterThan(rising[1].score);
    });

    it('is empty when the shares are the same up to sampling noise (no trend)', () => {
      // Counts drawn from the same distribution in both windows: small wobbles are not rising.
      const cur = new Map([['a', 105], ['b', 198], ['c', 52]]);
      const prior = new Map([['a', 100], ['b', 205], ['c', 48]]);
      expect(risingSkills(cur, prior, 1000, 1000, 10)).toEqual([]);
    });

    it('ignores rare skills, falling skills and windows without postings', () => {
      expect(risingSkills(new Map([['x', RISING_MIN_COUNT - 1]]), new Map(), 100, 100, 10)).toEqual([]);
      expect(risingSkills(new Map([['x', 10]]), new Map([['x', 50]]), 100, 100, 10)).toEqual([]);
      expect(risingSkills(new Map([['x', 50]]), new Map(), 100, 0, 10)).toEqual([]);
    });

    it('compares shares, not counts: more postings overall is not a rising skill', () => {
      expect(risingSkills(new Map([['x', 200]]), new Map([['x', 100]]), 2000, 1000, 10)).toEqual([]);
    });

    it('respects the limit', () => {
      const cur = new Map(Array.from({ length: 5 }, (_, i) => [`s${i}`, 100] as [string, number]));
      expect(risingSkills(cur, new Map(), 1000, 1000, 3)).toHaveLength(3);
    });
  });
});
