import { Inject, Injectable } from '@nestjs/common';
import { TREND_PANELS, type TrendsParams, type TrendsResponse } from '@jobportal/contracts';
import {
  TREND_TOP_DEFAULT,
  buildTrendsExtentRequest,
  buildTrendsRequests,
  defaultInterval,
  isIndexNotFound,
  mapTrendsExtent,
  mapTrendsResponse,
  mergeTrendsResponses,
  searchTogether,
  toMsearchBody,
  toSearchError,
  type Client,
  type JobSearchContext,
  type TrendsWindow,
} from '@jobportal/search';
import { ApiError } from '../common/error-envelope.filter';
import { LocationsService } from '../locations/locations.service';
import { SEARCH_CLIENT, SearchIndices } from '../search/search.module';

const DAY = 86_400_000;
/** The widest range one dashboard request may span: daily buckets over it stay bounded. */
const MAX_RANGE_DAYS = 366 * 10;

@Injectable()
export class TrendsService {
  constructor(
    @Inject(SEARCH_CLIENT) private readonly es: Client,
    @Inject(SearchIndices) private readonly indices: SearchIndices,
    @Inject(LocationsService) private readonly locations: LocationsService,
  ) {}

  async trends(params: TrendsParams, now = new Date()): Promise<TrendsResponse> {
    const started = Date.now();
    const ctx: JobSearchContext = { index: this.indices.postings, now: new Date(Math.floor(now.getTime() / 60_000) * 60_000), place: null };
    if (params.location) {
      const resolution = this.locations.resolve(params.location, params.radius);
      if (!resolution) throw new ApiError(400, 'validation_failed', `location: unknown place "${params.location}"`, [{ field: 'location', reason: 'unknown place' }]);
      ctx.place = resolution.place;
    }
    try {
      let to = params.to ? new Date(params.to) : null;
      if (!to) {
        const latest = mapTrendsExtent(await this.es.search(buildTrendsExtentRequest(params, ctx)));
        // Just after the latest posting's day, so that day is in the range.
        to = new Date(Math.floor((latest ?? ctx.now).getTime() / DAY) * DAY + DAY);
      }
      const from = params.from ? new Date(params.from) : new Date(Date.UTC(to.getUTCFullYear() - 1, to.getUTCMonth(), to.getUTCDate()));
      if (from >= to) throw new ApiError(400, 'validation_failed', 'from: must be before `to`', [{ field: 'from', reason: 'must be before `to`' }]);
      const interval = params.interval ?? defaultInterval(from, to);
      const days = (to.getTime() - from.getTime()) / DAY;
      if (days > MAX_RANGE_DAYS) throw new ApiError(400, 'validation_failed', `from: the range may span at most ${MAX_RANGE_DAYS} days`, [{ field: 'from', reason: `the range may span at most ${MAX_RANGE_DAYS} days` }]);
      if (interval === 'day' && days > 731) throw new ApiError(400, 'validation_failed', 'interval: daily points only over ranges up to 731 days', [{ field: 'interval', reason: 'daily points only over ranges up to 731 days; use week or month' }]);
      const w: TrendsWindow = { from, to, interval, panels: params.panels?.length ? params.panels : TREND_PANELS, top: params.top ?? TREND_TOP_DEFAULT };
      // The panels in two searches side by side (TREND_PANEL_GROUPS), merged back into one answer.
      const res = mergeTrendsResponses(await searchTogether(this.es, toMsearchBody(buildTrendsRequests(params, ctx, w))));
      return { ...mapTrendsResponse(res, w), tookMs: Date.now() - started };
    } catch (err) {
      if (err instanceof ApiError) throw err;
      if (isIndexNotFound(err)) {
        const to = params.to ?? ctx.now.toISOString();
        return { from: params.from ?? to, to, interval: params.interval ?? 'week', total: 0, tookMs: Date.now() - started };
      }
      throw toSearchError(err, 'trends');
    }
  }
}
