import { Controller, Get, Inject, Injectable } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AppConfig } from '@jobportal/config';
import { crawlRunKeys, type CrawlReport } from '@jobportal/contracts';
import { CrawlSourcesError, loadCrawlSources } from '@jobportal/postings';
import type Redis from 'ioredis';
import { RequireRoles } from '../auth/roles.guard';
import { ApiError } from '../common/error-envelope.filter';
import { APP_CONFIG } from '../config/config.module';
import { REDIS } from '../redis/redis.module';

export interface CrawlSourceView {
  name: string;
  adapter: string;
  cron: string;
  enabled: boolean;
  startUrls: string[];
  /** The latest run's counts (fetched, new, updated, unchanged, expired, errors by reason); null before the first. */
  lastRun: CrawlReport | null;
}

@Injectable()
export class CrawlAdminService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async sources(): Promise<CrawlSourceView[]> {
    let sources;
    try {
      sources = await loadCrawlSources(this.config.crawl.sourcesFile);
    } catch (err) {
      if (err instanceof CrawlSourcesError) throw new ApiError(503, 'crawl_sources_invalid', err.message);
      throw err;
    }
    const keys = crawlRunKeys(this.config.redis.queuePrefix);
    try {
      return await Promise.all(
        sources.map(async (s) => {
          const runId = await this.redis.get(keys.lastRun(s.name));
          return { name: s.name, adapter: s.adapter, cron: s.cron, enabled: s.enabled, startUrls: s.startUrls, lastRun: runId ? await this.report(runId) : null };
        }),
      );
    } catch (err) {
      if (err instanceof ApiError) throw err;
      throw new ApiError(503, 'queue_unavailable', 'Redis (the crawl state) is not reachable; try again shortly.');
    }
  }

  private async report(runId: string): Promise<CrawlReport> {
    const keys = crawlRunKeys(this.config.redis.queuePrefix);
    const [h, pages, started, source] = await Promise.all([
      this.redis.hgetall(keys.run(runId, 'counts')),
      this.redis.scard(keys.run(runId, 'seen')),
      this.redis.get(keys.run(runId, 'started')),
      this.redis.get(keys.run(runId, 'source')),
    ]);
    const n = (k: string) => Number(h[k] ?? 0);
    const errorsByReason: Record<string, number> = {};
    for (const [k, v] of Object.entries(h)) if (k.startsWith('errors:')) errorsByReason[k.slice(7)] = Number(v);
    return {
      source: source ?? '', runId, pages,
      fetched: n('fetched'), new: n('new'), updated: n('updated'), unchanged: n('unchanged'), expired: n('expired'),
      errors: Object.values(errorsByReason).reduce((a, b) => a + b, 0), errorsByReason,
      durationMs: started ? Date.now() - Number(started) : 0,
    };
  }
}

@ApiTags('admin')
@Controller('admin/crawl')
export class CrawlAdminController {
  constructor(@Inject(CrawlAdminService) private readonly service: CrawlAdminService) {}

  @Get('sources')
  @RequireRoles('operator')
  @ApiOkResponse({ description: 'The configured crawl sources with their latest run.' })
  sources(): Promise<CrawlSourceView[]> {
    return this.service.sources();
  }
}
