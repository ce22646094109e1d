import type { estypes } from '@elastic/elasticsearch';
import { TREND_PANELS } from '@jobportal/contracts';
import { TREND_PANEL_GROUPS, buildTrendsRequest, buildTrendsRequests, defaultInterval, mapTrendsResponse, mergeTrendsResponses, priorWindow, type TrendsWindow } from './trends';

const ctx = { index: 'postings', now: new Date('2024-06-01T00:00:00Z') };
const w: TrendsWindow = { from: new Date('2024-01-01T00:00:00Z'), to: new Date('2024-04-01T00:00:00Z'), interval: 'week', panels: ['series', 'skills', 'pay', 'workMode'], top: 5 };

describe('trends request', () => {
  it('filters like job search and reaches back over the prior window only when skills are asked for', () => {
    const req = buildTrendsRequest({ workMode: ['remote'] }, ctx, w);
    const body = JSON.stringify(req.query);
    expect(body).toContain('"work_mode":["remote"]');
    expect(body).toContain('"gte":"2023-10-02T00:00:00.000Z"');
    const noSkills = buildTrendsRequest({}, ctx, { ...w, panels: ['series'] });
    expect(JSON.stringify(noSkills.query)).toContain('"gte":"2024-01-01T00:00:00.000Z"');
    expect(noSkills.aggs?.prior).toBeUndefined();
  });

  it('asks only for the panels requested, with no pipeline aggregations', () => {
    const req = buildTrendsRequest({}, ctx, w);
    const current = req.aggs?.current as { filter: unknown; aggs: Record<string, unknown> };
    expect(Object.keys(current.aggs).sort()).toEqual(['pay', 'series', 'skills', 'workMode']);
    expect(current.filter).toEqual({ range: { posted_at: { gte: '2024-01-01T00:00:00.000Z', lt: '2024-04-01T00:00:00.000Z' } } });
    expect(JSON.stringify(req)).not.toMatch(/derivative|moving_fn|bucket_sort|script/);
    expect(req.size).toBe(0);
  });

  it('splits the panels into searches run side by side, each panel in exactly one', () => {
    expect([...TREND_PANEL_GROUPS.flat()].sort()).toEqual([...TREND_PANELS].sort());
    const all = buildTrendsRequests({}, ctx, { ...w, panels: TREND_PANELS });
    expect(all).toHaveLength(TREND_PANEL_GROUPS.length);
    const panelsOf = (r: estypes.SearchRequest) => Object.keys((r.aggs?.current as { aggs: object }).aggs).sort();
    expect(all.flatMap(panelsOf).sort()).toEqual([...TREND_PANELS].sort());
    // Only the search with rising skills reaches back over the prior window.
    expect(all.filter((r) => r.aggs?.prior)).toHaveLength(1);
    expect(buildTrendsRequests({}, ctx, { ...w, panels: ['pay'] })).toHaveLength(1);
    expect(panelsOf(buildTrendsRequests({}, ctx, { ...w, panels: [] })[0])).toEqual([]);
  });

  it('merges the split answers into the one mapTrendsResponse reads', () => {
    const base = { timed_out: false, _shards: { total: 1, successful: 1, failed: 0, skipped: 0 }, hits: { hits: [] } };
    const a = { ...base, took: 4, aggregations: { current: { doc_count: 30, skills: { buckets: [{ key: 'SQL', doc_count: 9 }] } }, prior: { doc_count: 10, skills: { buckets: [{ key: 'SQL', doc_count: 1 }] } } } };
    const b = { ...base, took: 7, aggregations: { current: { doc_count: 30, workMode: { buckets: [{ key: 'remote', doc_count: 6 }] } } } };
    const merged = mergeTrendsResponses([a, b] as unknown as estypes.SearchResponse[]);
    expect(merged.took).toBe(7);
    const out = mapTrendsResponse(merged, { ...w, panels: ['skills', 'workMode'] });
    expect(out.total).toBe(30);
    expect(out.workMode).toEqual([{ value: 'remote', label: 'remote', count: 6, share: 0.2 }]);
    expect(out.skills?.top[0]).toMatchObject({ skill: 'SQL', count: 9, priorCount: 1 });
  });

  it('chooses the interval from the range, and the prior window has equal length', () => {
    expect(defaultInterval(new Date('2024-01-01'), new Date('2024-02-01'))).toBe('day');
    expect(defaultInterval(new Date('2023-01-01'), new Date('2024-01-01'))).toBe('week');
    expect(defaultInterval(new Date('2019-01-01'), new Date('2024-01-01'))).toBe('month');
    expect(priorWindow(w.from, w.to)).toEqual({ from: new Date('2023-10-02T00:00:00Z'), to: w.from });
  });

  it('maps the answer and derives the moving average and changes', () => {
    const res = {
      took: 1, timed_out: false, _shards: { total: 1, successful: 1, failed: 0, skipped: 0 }, hits: { hits: [] },
      aggregations: {
        current: {
          doc_count: 30,
          series: { buckets: [{ key: Date.UTC(2024, 0, 1), doc_count: 10 }, { key: Date.UTC(2024, 0, 8), doc_count: 20 }] },
          workMode: { buckets: [{ key: 'remote', doc_count: 6 }] },
          skills: { buckets: [{ key: 'python', doc_count: 15 }] },
          pay: { doc_count: 4, overall: { values: { '10.0': 1000, '25.0': 2000, '50.0': 50000.4, '75.0': null, '90.0': 9 } }, byOccupation: { buckets: [] }, byPlace: { buckets: [] }, byExperience: { buckets: [] } },
        },
        prior: { doc_count: 30, skills: { buckets: [{ key: 'python', doc_count: 15 }] } },
      },
    } as unknown as estypes.SearchResponse;
    const out = mapTrendsResponse(res, w);
    expect(out.total).toBe(30);
    expect(out.series?.points).toEqual([{ date: '2024-01-01', value: 10 }, { date: '2024-01-08', value: 20 }]);
    expect(out.series?.moving.map((p) => p.value)).toEqual([10, 15]);
    expect(out.series?.change.map((p) => p.value)).toEqual([null, 1]);
    expect(out.workMode).toEqual([{ value: 'remote', label: 'remote', count: 6, share: 0.2 }]);
    expect(out.skills?.top[0]).toMatchObject({ skill: 'python', count: 15, priorCount: 15, share: 0.5 });
    expect(out.skills?.rising).toEqual([]);
    expect(out.pay?.overall).toEqual({ p10: 1000, p25: 2000, p50: 50000, p75: null, p90: 9, count: 4 });
  });

  it('builds the heat map rows in one aggregation: the largest groups, each with its own series', () => {
    const req = buildTrendsRequest({}, ctx, { ...w, panels: ['occupationSeries'] });
    const agg = (req.aggs?.current as { aggs: Record<string, { terms: { field: string; size: number }; aggs: Record<string, unknown> }> }).aggs.occupationSeries;
    expect(agg.terms).toEqual({ field: 'soc.major', size: 6 });
    expect(agg.aggs.series).toEqual({ date_histogram: { field: 'posted_at', calendar_interval: 'week', min_doc_count: 0, extended_bounds: { min: '2024-01-01T00:00:00.000Z', max: '2024-03-31T23:59:59.999Z' } } });
    const res = {
      hits: { hits: [] },
      aggregations: {
        current: {
          doc_count: 7,
          occupationSeries: {
            buckets: [
              { key: '15', doc_count: 5, title: { buckets: [{ key: 'Computer and Mathematical Occupations', doc_count: 5 }] }, series: { buckets: [{ key: Date.UTC(2024, 0, 1), doc_count: 2 }, { key: Date.UTC(2024, 0, 8), doc_count: 3 }] } },
              { key: '29', doc_count: 2, title: { buckets: [] }, series: { buckets: [{ key: Date.UTC(2024, 0, 1), doc_count: 0 }, { key: Date.UTC(2024, 0, 8), doc_count: 2 }] } },
            ],
          },
        },
      },
    } as unknown as estypes.SearchResponse;
    expect(mapTrendsResponse(res, w).occupationSeries).toEqual([
      { value: '15', label: 'Computer and Mathematical Occupations', count: 5, points: [{ date: '2024-01-01', value: 2 }, { date: '2024-01-08', value: 3 }] },
      { value: '29', label: '29', count: 2, points: [{ date: '2024-01-01', value: 0 }, { date: '2024-01-08', value: 2 }] },
    ]);
  });
});
