import { Inject, Injectable } from '@nestjs/common';
import type { OccupationDetailResponse, OccupationLiveData, OccupationSearchResponse } from '@jobportal/contracts';
import {
  DEFAULT_OCCUPATION_PAGE_SIZE,
  EMPTY_OCCUPATION_LIVE_DATA,
  buildOccupationLiveRequest,
  buildOccupationSearchRequest,
  buildOccupationsBySocRequest,
  isIndexNotFound,
  mapOccupationLiveResponse,
  mapOccupationSearchResponse,
  mapOccupationsBySoc,
  parseOccupationCode,
  toSearchError,
  type Client,
} from '@jobportal/search';
import { ApiError } from '../common/error-envelope.filter';
import { SEARCH_CLIENT, SearchIndices } from '../search/search.module';

const CODE_REASON = 'must be an O*NET-SOC code ("29-1141.00") or a SOC 2018 detailed code ("29-1141")';

/**
 * Without the occupations index every answer would be wrong (no hits, every code unknown), so
 * its absence is a setup problem the caller is told about, with the command that fixes it.
 */
function notIndexed(): ApiError {
  return new ApiError(503, 'occupations_not_indexed', 'The occupations index does not exist yet; run `npm run index:occupations`.');
}

@Injectable()
export class OccupationsService {
  constructor(
    @Inject(SEARCH_CLIENT) private readonly es: Client,
    @Inject(SearchIndices) private readonly indices: SearchIndices,
  ) {}

  async search(params: { q: string; size?: number; page?: number }): Promise<OccupationSearchResponse> {
    const size = params.size ?? DEFAULT_OCCUPATION_PAGE_SIZE;
    const from = ((params.page ?? 1) - 1) * size;
    try {
      return mapOccupationSearchResponse(await this.es.search(buildOccupationSearchRequest(this.indices.occupations, { q: params.q, size, from })));
    } catch (err) {
      if (isIndexNotFound(err)) throw notIndexed();
      throw toSearchError(err, 'occupation search');
    }
  }

  async byCode(code: string): Promise<OccupationDetailResponse> {
    const parsed = parseOccupationCode(code);
    if (!parsed) throw new ApiError(400, 'validation_failed', `code: ${CODE_REASON}`, [{ field: 'code', reason: CODE_REASON }]);
    const [found, live] = await Promise.all([this.occupationsOf(parsed), this.live(parsed.socCode)]);
    if (!found) throw new ApiError(404, 'occupation_not_found', `No occupation has the code "${code}".`);
    return { ...found, live };
  }

  private async occupationsOf(parsed: { socCode: string; onetCode: string | null }) {
    try {
      return mapOccupationsBySoc(await this.es.search(buildOccupationsBySocRequest(this.indices.occupations, parsed.socCode)), parsed);
    } catch (err) {
      if (isIndexNotFound(err)) throw notIndexed();
      throw toSearchError(err, 'occupation by code');
    }
  }

  private async live(socCode: string): Promise<OccupationLiveData> {
    try {
      return mapOccupationLiveResponse(await this.es.search(buildOccupationLiveRequest(this.indices.postings, socCode)));
    } catch (err) {
      // Before the first import there are no postings: the occupation simply has none yet.
      if (isIndexNotFound(err)) return EMPTY_OCCUPATION_LIVE_DATA;
      throw toSearchError(err, 'occupation live data');
    }
  }
}
