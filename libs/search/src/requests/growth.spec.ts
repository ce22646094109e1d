import type { GrowthSourceWindow } from '@jobportal/contracts';
import { buildGrowthCellsRequest, buildGrowthProjectionsRequest, mapGrowthProjections, occupationFilter } from './growth';

const sources: GrowthSourceWindow[] = [
  { source: 'linkedin_2024', coverage: { from: '2023-01-01', to: '2023-12-31' }, recent: { from: '2023-10-03', to: '2024-01-01' }, prior: { from: '2023-07-05', to: '2023-10-03' }, included: true, reason: null },
  { source: 'indeed_2019', coverage: { from: null, to: null }, recent: null, prior: null, included: false, reason: 'no posting dates' },
];

describe('growth cells request', () => {
  it('restricts each window to the included sources over their own dates, US only', () => {
    const req = buildGrowthCellsRequest('postings', sources, 'state', '15-1252');
    const windows = (req.aggs!.windows as { filters: { filters: Record<string, unknown> } }).filters.filters;
    expect(windows.recent).toEqual({
      bool: { should: [{ bool: { filter: [{ term: { source: 'linkedin_2024' } }, { range: { posted_at: { gte: '2023-10-03', lt: '2024-01-01' } } }] } }], minimum_should_match: 1 },
    });
    expect(JSON.stringify(req)).not.toContain('indeed_2019');
    expect(JSON.stringify(req.query)).toContain('"location.country_code":"US"');
    expect(JSON.stringify(req)).toContain('"cardinality":{"field":"fingerprint"');
  });

  it('nests cities under states for metro and splits by major group without an occupation', () => {
    const metro = JSON.stringify(buildGrowthCellsRequest('postings', sources, 'metro', '15'));
    expect(metro).toContain('"city":{"terms":{"field":"location.city"');
    const all = JSON.stringify(buildGrowthCellsRequest('postings', sources, 'state'));
    expect(all).toContain('"occ":{"terms":{"field":"soc.major"');
    expect(occupationFilter('15')).toEqual({ term: { 'soc.major': '15' } });
    expect(occupationFilter('15-1252')).toEqual({ term: { 'soc.code': '15-1252' } });
  });
});

describe('growth projections', () => {
  it('asks the occupations index for detailed SOC codes only, once each', () => {
    const req = buildGrowthProjectionsRequest('occupations', ['15-1252', '15', '15-1252', '29-1141']);
    expect(req.query).toEqual({ bool: { filter: [{ terms: { soc_code: ['15-1252', '29-1141'] } }, { exists: { field: 'projections.nem_code' } }] } });
    expect(req.size).toBe(16);
  });

  it("keeps the first occupation's projection per SOC code (sorted by O*NET code, so .00 first)", () => {
    const p = (nemCode: string, changePercent: number) => ({ period: '2024-34', nemCode, nemTitle: `t${nemCode}`, changePercent, openingsAnnual: 1, employment2024: 5 });
    const res = {
      hits: {
        hits: [
          { _index: 'o', _id: '1', _source: { soc_code: '15-1252', profile: { projections: p('15-1252', 15.8) } } },
          { _index: 'o', _id: '2', _source: { soc_code: '15-1252', profile: { projections: p('15-1252', 99) } } },
          { _index: 'o', _id: '3', _source: { soc_code: '29-1141', profile: { projections: null } } },
        ],
      },
    } as never;
    const out = mapGrowthProjections(res);
    expect([...out.keys()]).toEqual(['15-1252']);
    expect(out.get('15-1252')).toEqual({ period: '2024-34', nemCode: '15-1252', nemTitle: 't15-1252', changePercent: 15.8, openingsAnnual: 1 });
  });
});
