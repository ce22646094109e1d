import { Inject, Injectable } from '@nestjs/common';
import type { GrowthParams, GrowthResponse, GrowthRow } from '@jobportal/contracts';
import {
  GROWTH_Z,
  buildGrowthCellsRequest,
  buildGrowthCoverageRequest,
  buildGrowthProjectionsRequest,
  isIndexNotFound,
  isTooSmall,
  mapGrowthCells,
  mapGrowthCoverage,
  mapGrowthProjections,
  rateRatioInterval,
  sortGrowthRows,
  sourceWindows,
  toSearchError,
  type Client,
} from '@jobportal/search';
import { SEARCH_CLIENT, SearchIndices } from '../search/search.module';

@Injectable()
export class GrowthService {
  constructor(
    @Inject(SEARCH_CLIENT) private readonly es: Client,
    @Inject(SearchIndices) private readonly indices: SearchIndices,
  ) {}

  async growth(params: GrowthParams): Promise<GrowthResponse> {
    const started = Date.now();
    const level = params.level ?? 'state';
    const window = params.window ?? '90d';
    const days = Number(window.replace('d', ''));
    const end = params.end ? new Date(params.end) : null;
    try {
      const coverage = mapGrowthCoverage(await this.es.search(buildGrowthCoverageRequest(this.indices.postings, params.source)));
      const sources = sourceWindows(coverage, days, end);
      const included = sources.filter((s) => s.included);
      const summary = included.length
        ? included.map((s) => `${s.source}: ${s.recent!.from}..${s.recent!.to} vs ${s.prior!.from}..${s.prior!.to}`).join('; ')
        : `no source covers both ${days}-day windows; nothing is compared`;
      const comparison = { window, anchor: end ? ('common' as const) : ('per_source' as const), sources, summary, confidence: 0.95, dedup: 'fingerprint' as const };
      let rows: GrowthRow[] = [];
      let title: string | null = null;
      if (included.length) {
        const cells = mapGrowthCells(await this.es.search(buildGrowthCellsRequest(this.indices.postings, sources, level, params.occupation)), level, params.occupation);
        const keys = new Set([...cells.recent.keys(), ...cells.prior.keys()]);
        rows = [...keys].map((key) => {
          const r = cells.recent.get(key);
          const p = cells.prior.get(key);
          const any = (r ?? p)!;
          title = title ?? r?.occupationTitle ?? p?.occupationTitle ?? null;
          const recent = r?.postings ?? 0;
          const prior = p?.postings ?? 0;
          const counts = { recent, prior, employers: r?.employers ?? 0, priorEmployers: p?.employers ?? 0 };
          const tooSmall = isTooSmall(counts);
          const shareRecent = r && r.placeTotal ? recent / r.placeTotal : null;
          const sharePrior = p && p.placeTotal ? prior / p.placeTotal : null;
          return {
            occupation: { code: any.occupation, title: any.occupationTitle ?? any.occupation },
            place: { value: any.place, label: any.placeLabel },
            ...counts,
            // Too-small cells keep their counts but no growth figures: they would not be trustworthy.
            growthRate: tooSmall || prior === 0 ? null : recent / prior - 1,
            interval: tooSmall ? null : rateRatioInterval(recent, prior, GROWTH_Z),
            shareRecent,
            sharePrior,
            shareChange: tooSmall || shareRecent === null || sharePrior === null ? null : shareRecent - sharePrior,
            tooSmall,
            projection: null,
          };
        });
        rows = sortGrowthRows(rows, params.sort ?? 'rising').slice(0, params.size ?? 50);
        const projections = await this.projections(rows.map((r) => r.occupation.code));
        rows = rows.map((r) => ({ ...r, projection: projections.get(r.occupation.code) ?? null }));
      }
      return {
        level,
        occupation: params.occupation ? { code: params.occupation, title: title ?? params.occupation } : null,
        comparison,
        rows,
        tooSmallCount: rows.filter((r) => r.tooSmall).length,
        tookMs: Date.now() - started,
      };
    } catch (err) {
      if (isIndexNotFound(err)) {
        return { level, occupation: null, comparison: { window, anchor: end ? 'common' : 'per_source', sources: [], summary: 'nothing indexed yet', confidence: 0.95, dedup: 'fingerprint' }, rows: [], tooSmallCount: 0, tookMs: 0 };
      }
      throw toSearchError(err, 'growth');
    }
  }

  /** BLS 2024-34 projections beside the observed growth; none (not an error) before the occupations are indexed. */
  private async projections(codes: string[]): Promise<Map<string, NonNullable<GrowthRow['projection']>>> {
    if (!codes.some((c) => /^\d{2}-\d{4}$/.test(c))) return new Map();
    try {
      return mapGrowthProjections(await this.es.search(buildGrowthProjectionsRequest(this.indices.occupations, codes)));
    } catch (err) {
      if (isIndexNotFound(err)) return new Map();
      throw err;
    }
  }
}
