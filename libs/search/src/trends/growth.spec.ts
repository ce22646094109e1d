import type { GrowthRow } from '@jobportal/contracts';
import { isTooSmall, rateRatioInterval, sortGrowthRows, sourceWindows } from './growth';

describe('growth', () => {
  it('rateRatioInterval is the log rate-ratio Wald interval around the growth rate', () => {
    const ci = rateRatioInterval(200, 100)!;
    // ln 2 +- 1.96 * sqrt(1/200 + 1/100)
    expect(ci.low).toBeCloseTo(Math.exp(Math.log(2) - 1.959964 * Math.sqrt(0.015)) - 1, 10);
    expect(ci.high).toBeCloseTo(Math.exp(Math.log(2) + 1.959964 * Math.sqrt(0.015)) - 1, 10);
    expect(ci.low).toBeLessThan(1);
    expect(ci.high).toBeGreaterThan(1);
    expect(rateRatioInterval(0, 10)).toBeNull();
    expect(rateRatioInterval(10, 0)).toBeNull();
    // Equal counts: the interval straddles zero growth, and narrows as the counts grow.
    const small = rateRatioInterval(30, 30)!;
    const big = rateRatioInterval(3000, 3000)!;
    expect(small.low).toBeLessThan(0);
    expect(small.high).toBeGreaterThan(0);
    expect(big.high - big.low).toBeLessThan(small.high - small.low);
  });

  it('isTooSmall: under 30 postings or 5 employers in either window', () => {
    expect(isTooSmall({ recent: 30, prior: 30, employers: 5, priorEmployers: 5 })).toBe(false);
    expect(isTooSmall({ recent: 29, prior: 300, employers: 50, priorEmployers: 50 })).toBe(true);
    expect(isTooSmall({ recent: 300, prior: 300, employers: 50, priorEmployers: 4 })).toBe(true);
  });

  it('sourceWindows compares a source only over windows it covers on both sides', () => {
    const w = sourceWindows(
      [
        { source: 'linkedin_2024', from: new Date('2023-01-01T00:00:00Z'), to: new Date('2023-12-31T10:00:00Z') },
        { source: 'linkedin_2023_24', from: new Date('2024-04-05T00:00:00Z'), to: new Date('2024-04-19T00:00:00Z') },
        { source: 'indeed_2019', from: null, to: null },
      ],
      90,
      null,
    );
    expect(w[0]).toMatchObject({ included: true, recent: { from: '2023-10-03', to: '2024-01-01' }, prior: { from: '2023-07-05', to: '2023-10-03' }, reason: null });
    expect(w[1]).toMatchObject({ included: false, recent: null });
    expect(w[1].reason).toContain('covers 2024-04-05..2024-04-19');
    expect(w[2]).toMatchObject({ included: false, reason: 'no posting dates' });
    // A common end outside a source's coverage excludes it.
    expect(sourceWindows([{ source: 'linkedin_2024', from: new Date('2023-01-01'), to: new Date('2023-12-31') }], 30, new Date('2024-06-01'))[0].included).toBe(false);
  });

  it('rising ranks by the interval low end, too-small cells last', () => {
    const row = (value: string, recent: number, prior: number, tooSmall = false): GrowthRow => ({
      occupation: { code: '15', title: 'x' }, place: { value, label: value }, recent, prior,
      growthRate: recent / prior - 1, interval: rateRatioInterval(recent, prior), shareRecent: null, sharePrior: null, shareChange: null,
      employers: 10, priorEmployers: 10, tooSmall, projection: null,
    });
    // B grows more (x2) but on few postings; A's x1.5 on thousands is surer.
    const rows = [row('B', 60, 30), row('A', 3000, 2000), row('C', 20, 2, true)];
    expect(sortGrowthRows(rows, 'rising').map((r) => r.place.value)).toEqual(['A', 'B', 'C']);
    expect(sortGrowthRows(rows, 'growth').map((r) => r.place.value)).toEqual(['B', 'A', 'C']);
    expect(sortGrowthRows(rows, 'count').map((r) => r.place.value)).toEqual(['A', 'B', 'C']);
  });
});
