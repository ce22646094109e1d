import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig } from '@jobportal/config';
import { CRAWL_JOBS, crawlRunKeys, type CrawlReport } from '@jobportal/contracts';
import { applyCrawlSchedule, crawlSourceProblems, CrawlSourcesError, loadCrawlSources, syncCrawlSchedules, crawlSourceFromRow, type CrawlSource, type CrawlSourceRow } from '@jobportal/postings';
import type Redis from 'ioredis';
import { DataSource, type EntityManager } from 'typeorm';
import { ApiError } from '../common/error-envelope.filter';
import { APP_CONFIG } from '../config/config.module';
import { DatabaseGate } from '../database/database.module';
import { BULL_QUEUES, QueueGate, type BullQueues } from '../queues/queues.module';
import { REDIS } from '../redis/redis.module';
import type { CreateCrawlSourceDto, UpdateCrawlSourceDto } from './crawl-source.dto';

/** A source's latest run: the stored report once finished, the live counts from Redis while it runs. */
export interface CrawlRunView extends Omit<CrawlReport, 'source'> {
  source: string;
  startedAt: string;
  finishedAt: string | null;
  running: boolean;
}

export interface CrawlSourceView {
  name: string;
  adapter: string;
  pageAdapter: string | null;
  startUrls: string[];
  cron: string;
  enabled: boolean;
  render: boolean;
  maxPages: number | null;
  createdAt: string;
  updatedAt: string;
  /** Null before the first run. */
  lastRun: CrawlRunView | null;
}

interface Row extends CrawlSourceRow {
  created_at: Date;
  updated_at: Date;
  last_run_id: string | null;
  last_run_started_at: Date | null;
  last_run_finished_at: Date | null;
  last_run_report: CrawlReport | null;
}

/** Any number, the same in every backend: one seeds, the others wait and find it done. */
const SEED_LOCK_ID = 4_004_010;

/** The fields a body gave: DTO instances carry every declared field, unset ones as undefined. */
function given<T extends object>(dto: T): Partial<T> {
  return Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) as Partial<T>;
}


/**
 * Crawl sources in PostgreSQL (crawl_sources) and their BullMQ job schedulers, kept in step: every
 * change writes the row and the scheduler in one transaction (a scheduler that cannot be written
 * rolls the row back, answered 503), so what the API shows is what runs.
 */
@Injectable()
export class CrawlSourcesService implements OnApplicationBootstrap {
  private readonly logger = new Logger('CrawlSources');
  private seeding?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(DatabaseGate) private readonly gate: DatabaseGate,
    @Inject(BULL_QUEUES) private readonly queues: BullQueues,
    @Inject(QueueGate) private readonly queueGate: QueueGate,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  onApplicationBootstrap() {
    this.ready().catch(() => undefined);
  }

  /** Connected, migrated and seeded (once per process; retried on the next call if it failed). */
  async ready(): Promise<void> {
    await this.gate.ready();
    this.seeding ??= this.seed().catch((err: unknown) => {
      this.seeding = undefined;
      throw err;
    });
    await this.seeding;
  }

  /**
   * Fills an empty table from the sources file, once: crawl_sources_seed records that it happened,
   * so an operator's edits and deletions are never undone by the file (not even deleting them all).
   * A bad file is logged and leaves the table as it is; the API works on the table either way.
   */
  async seed(): Promise<void> {
    const file = this.config.crawl.sourcesFile;
    const inserted = await this.db.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK_ID]);
      if (((await m.query('SELECT 1 FROM crawl_sources_seed')) as unknown[]).length) return null;
      const [{ n }] = (await m.query('SELECT count(*)::int AS n FROM crawl_sources')) as Array<{ n: number }>;
      let sources: CrawlSource[] = [];
      if (n === 0) {
        try {
          sources = await loadCrawlSources(file);
        } catch (err) {
          if (!(err instanceof CrawlSourcesError)) throw err;
          this.logger.warn(`Crawl sources not seeded: ${err.message}`);
          return null;
        }
        for (const s of sources) await this.insert(m, s, 'ON CONFLICT (name) DO NOTHING');
      }
      await m.query('INSERT INTO crawl_sources_seed (file, seeded) VALUES ($1, $2)', [file, sources.length]);
      return sources;
    });
    if (!inserted?.length) return;
    this.logger.log(`Seeded ${inserted.length} crawl sources from ${file}`);
    try {
      await this.queueGate.run(() => syncCrawlSchedules(this.queues.crawl, inserted));
    } catch (err) {
      // The workers reconcile every schedule with the table when they start.
      this.logger.warn(`Crawl schedules of the seeded sources not written (${(err as Error).message}); the workers write them at start.`);
    }
  }

  async list(): Promise<CrawlSourceView[]> {
    await this.ready();
    const rows = (await this.db.query('SELECT * FROM crawl_sources ORDER BY name')) as Row[];
    return Promise.all(rows.map((r) => this.view(r)));
  }

  async get(name: string): Promise<CrawlSourceView> {
    await this.ready();
    return this.view(await this.row(this.db.manager, name));
  }

  async create(dto: CreateCrawlSourceDto): Promise<CrawlSourceView> {
    const source: CrawlSource = { enabled: false, render: false, ...given(dto), name: dto.name, adapter: dto.adapter, startUrls: dto.startUrls, cron: dto.cron, pageAdapter: dto.pageAdapter ?? undefined, maxPages: dto.maxPages ?? undefined };
    this.check(source);
    await this.ready();
    const row = await this.db.transaction(async (m) => {
      const [created] = await this.insert(m, source, 'ON CONFLICT (name) DO NOTHING RETURNING *');
      if (!created) throw new ApiError(409, 'crawl_source_exists', `A crawl source named "${source.name}" exists already; change it with PATCH /api/admin/crawl/sources/${source.name}.`, [{ field: 'name', reason: 'is taken' }]);
      await this.schedule(crawlSourceFromRow(created));
      return created;
    });
    return this.view(row);
  }

  async update(name: string, dto: UpdateCrawlSourceDto): Promise<CrawlSourceView> {
    await this.ready();
    const row = await this.db.transaction(async (m) => {
      const current = crawlSourceFromRow(await this.row(m, name, true));
      const next: CrawlSource = { ...current, ...given(dto), pageAdapter: dto.pageAdapter === undefined ? current.pageAdapter : (dto.pageAdapter ?? undefined), maxPages: dto.maxPages === undefined ? current.maxPages : (dto.maxPages ?? undefined) };
      this.check(next);
      const [[updated]] = (await m.query(
        `UPDATE crawl_sources SET adapter = $2, page_adapter = $3, start_urls = $4, cron = $5, enabled = $6, render = $7, max_pages = $8, updated_at = now()
          WHERE name = $1 RETURNING *`,
        [name, next.adapter, next.pageAdapter ?? null, next.startUrls, next.cron, next.enabled, next.render ?? false, next.maxPages ?? null],
      )) as [Row[], number];
      await this.schedule(crawlSourceFromRow(updated));
      return updated;
    });
    return this.view(row);
  }

  async remove(name: string): Promise<void> {
    await this.ready();
    await this.db.transaction(async (m) => {
      await this.row(m, name, true);
      await m.query('DELETE FROM crawl_sources WHERE name = $1', [name]);
      await this.schedule({ name, cron: '', enabled: false });
    });
  }

  /** Queues one run now (a disabled source too: this is how an operator tries one); the workers start it. */
  async runNow(name: string): Promise<{ source: string; jobId: string }> {
    await this.ready();
    await this.row(this.db.manager, name);
    try {
      const job = await this.queueGate.run(() => this.queues.crawl.add(CRAWL_JOBS.source, { source: name }, { removeOnComplete: { count: 1000 }, removeOnFail: { count: 1000 } }));
      return { source: name, jobId: job.id ?? '' };
    } catch (err) {
      throw this.queueUnavailable(err);
    }
  }

  private check(s: CrawlSource): void {
    const problems = crawlSourceProblems(s as unknown as Record<string, unknown>);
    if (!problems.length) return;
    const errors = problems.map(([field, reason]) => ({ field, reason }));
    throw new ApiError(400, 'validation_failed', errors.map((e) => `${e.field}: ${e.reason}`).join('; '), errors);
  }

  private insert(m: EntityManager, s: CrawlSource, tail: string): Promise<Row[]> {
    return m.query(
      `INSERT INTO crawl_sources (name, adapter, page_adapter, start_urls, cron, enabled, render, max_pages) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ${tail}`,
      [s.name, s.adapter, s.pageAdapter ?? null, s.startUrls, s.cron, s.enabled, s.render ?? false, s.maxPages ?? null],
    ) as Promise<Row[]>;
  }

  private async row(m: EntityManager, name: string, lock = false): Promise<Row> {
    const [row] = (await m.query(`SELECT * FROM crawl_sources WHERE name = $1${lock ? ' FOR UPDATE' : ''}`, [name])) as Row[];
    if (!row) throw new ApiError(404, 'crawl_source_not_found', `No crawl source is named "${name}"; GET /api/admin/crawl/sources lists them.`);
    return row;
  }

  private async schedule(s: Pick<CrawlSource, 'name' | 'cron' | 'enabled'>): Promise<void> {
    try {
      await this.queueGate.run(() => applyCrawlSchedule(this.queues.crawl, s));
    } catch (err) {
      throw this.queueUnavailable(err);
    }
  }

  private queueUnavailable(err: unknown): ApiError {
    this.logger.warn(`Crawl queue not reachable: ${(err as Error).message}`);
    return new ApiError(503, 'queue_unavailable', 'Redis (the crawl queue) is not reachable, so the change was not made; try again shortly.');
  }

  private async view(r: Row): Promise<CrawlSourceView> {
    return {
      name: r.name,
      adapter: r.adapter,
      pageAdapter: r.page_adapter,
      startUrls: r.start_urls,
      cron: r.cron,
      enabled: r.enabled,
      render: r.render,
      maxPages: r.max_pages,
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
      lastRun: await this.lastRun(r),
    };
  }

  private async lastRun(r: Row): Promise<CrawlRunView | null> {
    if (!r.last_run_id || !r.last_run_started_at) return null;
    const times = { startedAt: r.last_run_started_at.toISOString(), finishedAt: r.last_run_finished_at?.toISOString() ?? null };
    if (r.last_run_report) return { ...r.last_run_report, ...times, running: false };
    return { ...(await this.liveCounts(r.name, r.last_run_id, r.last_run_started_at)), ...times, running: true };
  }

  /** A run in progress: its counts so far, from the crawler's Redis hash (zeros while Redis is away). */
  private async liveCounts(source: string, runId: string, startedAt: Date): Promise<CrawlReport> {
    const keys = crawlRunKeys(this.config.redis.queuePrefix);
    const [h, pages] = await Promise.all([this.redis.hgetall(keys.run(runId, 'counts')), this.redis.scard(keys.run(runId, 'seen'))]).catch(() => [{} as Record<string, string>, 0] as const);
    const n = (k: string) => Number(h[k] ?? 0);
    const errorsByReason: Record<string, number> = {};
    for (const [k, v] of Object.entries(h)) if (k.startsWith('errors:')) errorsByReason[k.slice(7)] = Number(v);
    return {
      source, runId, pages,
      fetched: n('fetched'), new: n('new'), updated: n('updated'), unchanged: n('unchanged'), expired: n('expired'),
      errors: Object.values(errorsByReason).reduce((a, b) => a + b, 0), errorsByReason,
      durationMs: Date.now() - startedAt.getTime(),
    };
  }
}
