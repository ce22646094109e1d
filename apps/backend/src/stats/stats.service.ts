import { Inject, Injectable } from '@nestjs/common';
import { SOURCE_LABELS, type SourceName } from '@jobportal/contracts';
import { buildOverviewRequest, isIndexNotFound, mapOverviewResponse, toSearchError, type Client } from '@jobportal/search';
import { SEARCH_CLIENT, SearchIndices } from '../search/search.module';
import type { OverviewDto } from './dto/overview.dto';

@Injectable()
export class StatsService {
  constructor(
    @Inject(SEARCH_CLIENT) private readonly es: Client,
    @Inject(SearchIndices) private readonly indices: SearchIndices,
  ) {}

  async overview(): Promise<OverviewDto> {
    try {
      const res = await this.es.search(buildOverviewRequest(this.indices.postings));
      const counts = mapOverviewResponse(res);
      return {
        ...counts,
        sources: counts.sources.map((s) => ({ ...s, label: SOURCE_LABELS[s.source as SourceName] ?? s.source })),
      };
    } catch (err) {
      // Before the first import there is no index yet: that is "nothing indexed", not an error.
      if (isIndexNotFound(err)) {
        return { postings: 0, sources: [], workModes: [], remoteShare: 0, updatedAt: null };
      }
      throw toSearchError(err, 'overview');
    }
  }
}
