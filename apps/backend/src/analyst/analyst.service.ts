import { Inject, Injectable, Logger } from '@nestjs/common';
import { ANALYST_LIMITS, type AnalystFieldsResponse, type AnalystQueryResponse } from '@jobportal/contracts';
import {
  AnalystRequestError,
  EXPORT_PAGE_SIZE,
  buildAnalystExtentRequest,
  buildAnalystFieldsRequest,
  buildAnalystQueryRequest,
  buildExportPageRequest,
  checkAnalystExport,
  checkAnalystQuery,
  checkBucketLimit,
  csvLine,
  exportRow,
  isIndexNotFound,
  mapAnalystExtent,
  mapAnalystFieldsResponse,
  mapAnalystQueryResponse,
  ndjsonLine,
  toSearchError,
  type AnalystExportPlan,
  type Client,
} from '@jobportal/search';
import type { estypes } from '@elastic/elasticsearch';
import type { Response } from 'express';
import { ApiError } from '../common/error-envelope.filter';
import { SEARCH_CLIENT, SearchIndices } from '../search/search.module';

/** Client-side bound a little over the server-side `timeout`, so Elasticsearch answers partial first. */
const REQUEST_OPTIONS = { requestTimeout: ANALYST_LIMITS.timeoutMs + 5_000, maxRetries: 0 };

export function toApiError(err: AnalystRequestError): ApiError {
  return new ApiError(400, err.code, err.message, err.errors);
}

function check<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof AnalystRequestError) throw toApiError(err);
    throw err;
  }
}

/**
 * A 400 from Elasticsearch is a request we built badly or a limit it enforces (search.max_buckets):
 * either way the caller's request was too much, never a 500 of ours.
 */
function fromSearch(err: unknown, what: string): unknown {
  const status = (err as { meta?: { statusCode?: number } }).meta?.statusCode;
  if (status === 400) {
    const reason = (err as { meta?: { body?: { error?: { root_cause?: Array<{ reason?: string }>; reason?: string } } } }).meta?.body?.error;
    const text = reason?.root_cause?.[0]?.reason ?? reason?.reason ?? 'Elasticsearch refused the request';
    return new ApiError(400, 'validation_failed', `query: ${text}`, [{ field: 'query', reason: text }]);
  }
  return toSearchError(err, what);
}

export interface ExportOutcome {
  rows: number;
  total: number;
  truncated: boolean;
}

@Injectable()
export class AnalystService {
  private readonly logger = new Logger('AnalystExport');

  constructor(
    @Inject(SEARCH_CLIENT) private readonly es: Client,
    @Inject(SearchIndices) private readonly indices: SearchIndices,
  ) {}

  async fields(): Promise<AnalystFieldsResponse> {
    try {
      return mapAnalystFieldsResponse(await this.es.search(buildAnalystFieldsRequest(this.indices.postings), REQUEST_OPTIONS));
    } catch (err) {
      if (isIndexNotFound(err)) return mapAnalystFieldsResponse(null);
      throw toSearchError(err, 'analyst fields');
    }
  }

  async query(body: Record<string, unknown>): Promise<AnalystQueryResponse> {
    const started = Date.now();
    const plan = check(() => checkAnalystQuery(body));
    try {
      // Histogram levels are bounded by the extent of what matches: measured first, refused before the big search.
      const extentRequest = buildAnalystExtentRequest(this.indices.postings, plan);
      if (extentRequest) {
        const extent = mapAnalystExtent(await this.es.search(extentRequest, REQUEST_OPTIONS));
        check(() => checkBucketLimit(plan, extent));
      }
      const res = await this.es.search(buildAnalystQueryRequest(this.indices.postings, plan), REQUEST_OPTIONS);
      return { ...mapAnalystQueryResponse(res, plan), tookMs: Date.now() - started };
    } catch (err) {
      if (err instanceof ApiError) throw err;
      if (isIndexNotFound(err)) return { total: 0, columns: [], rows: [], series: [], hits: [], normalizedQuery: plan.normalizedQuery, tookMs: Date.now() - started, timedOut: false };
      throw fromSearch(err, 'analyst query');
    }
  }

  /**
   * Streams every match (up to the plan's limit) as CSV or NDJSON. The point in time is opened and
   * the first page read before any header is sent, so a bad request or Elasticsearch down still
   * answers 400 / 503; after that, a failure can only cut the stream short (the client sees an
   * incomplete body, never a 200 that claims to be whole). Each page is written with backpressure:
   * at most one page (1,000 rows) is held in memory, whatever the row count.
   */
  async export(body: Record<string, unknown>, res: Response): Promise<ExportOutcome> {
    const plan = check(() => checkAnalystExport(body));
    let pitId: string | null = null;
    let closed = false;
    res.on('close', () => (closed = true));
    try {
      try {
        pitId = (await this.es.openPointInTime({ index: this.indices.postings, keep_alive: '1m' }, REQUEST_OPTIONS)).id;
      } catch (err) {
        if (isIndexNotFound(err)) return this.writeEmpty(plan, res);
        throw err;
      }
      let page = await this.es.search(buildExportPageRequest(plan, pitId, undefined, Math.min(EXPORT_PAGE_SIZE, plan.limit), true), REQUEST_OPTIONS);
      const total = typeof page.hits.total === 'number' ? page.hits.total : (page.hits.total?.value ?? 0);
      const truncated = total > plan.limit;
      this.writeHead(plan, res, total, truncated);
      let rows = 0;
      while (!closed) {
        const hits = page.hits.hits;
        const take = hits.slice(0, plan.limit - rows);
        if (take.length) {
          const chunk = take.map((hit) => (plan.format === 'csv' ? csvLine(exportRow(hit, plan.fields)) : ndjsonLine(plan.fields, exportRow(hit, plan.fields)))).join('');
          rows += take.length;
          if (!res.write(chunk)) await drained(res);
        }
        if (rows >= plan.limit || hits.length === 0 || closed) break;
        pitId = page.pit_id ?? pitId;
        const after = hits[hits.length - 1].sort as estypes.SortResults;
        page = await this.es.search(buildExportPageRequest(plan, pitId, after, Math.min(EXPORT_PAGE_SIZE, plan.limit - rows), false), REQUEST_OPTIONS);
      }
      if (plan.format === 'json' && !closed) res.write(`${JSON.stringify({ _export: { rows, total, truncated } })}\n`);
      res.end();
      return { rows, total, truncated };
    } catch (err) {
      if (err instanceof ApiError) throw err;
      if (res.headersSent) {
        // Too late for an error envelope: end the connection so the download is visibly incomplete.
        this.logger.warn(`export cut short: ${err instanceof Error ? err.message : String(err)}`);
        res.destroy();
        return { rows: -1, total: -1, truncated: true };
      }
      throw fromSearch(err, 'analyst export');
    } finally {
      if (pitId) await this.es.closePointInTime({ id: pitId }, REQUEST_OPTIONS).catch(() => undefined);
    }
  }

  private writeHead(plan: AnalystExportPlan, res: Response, total: number, truncated: boolean): void {
    const csv = plan.format === 'csv';
    res.status(200);
    res.setHeader('Content-Type', csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="postings-export.${csv ? 'csv' : 'ndjson'}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Export-Total', String(total));
    res.setHeader('X-Export-Cap', String(plan.limit));
    res.setHeader('X-Export-Truncated', String(truncated));
    if (csv) res.write(csvLine(plan.fields));
  }

  private writeEmpty(plan: AnalystExportPlan, res: Response): ExportOutcome {
    this.writeHead(plan, res, 0, false);
    if (plan.format === 'json') res.write(`${JSON.stringify({ _export: { rows: 0, total: 0, truncated: false } })}\n`);
    res.end();
    return { rows: 0, total: 0, truncated: false };
  }
}

function drained(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
