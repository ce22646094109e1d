import type { CrawlReport } from '@jobportal/contracts';
import { crawlSourceFromRow, type CrawlSource, type CrawlSourceRow } from '@jobportal/postings';
import { Pool } from 'pg';

/** A problem the operator can fix (database down, not migrated): the CLI prints its message alone. */
export class CrawlSourceStoreError extends Error {
  override readonly name = 'CrawlSourceStoreError';
}

const COLUMNS = 'name, adapter, page_adapter, start_urls, cron, enabled, render, max_pages';

/**
 * The workers' view of the crawl_sources table, in plain SQL over `pg`: the schema, its migration
 * and the seeding belong to the backend (apps/backend/src/database/migrations, src/crawl); this
 * reads sources and writes only the last-run columns.
 */
export class CrawlSourceStore {
  private readonly pool: Pool;

  constructor(databaseUrl: string) {
    this.pool = new Pool({ connectionString: databaseUrl, max: 4, connectionTimeoutMillis: 5000 });
    // An idle client losing its connection must not crash the worker; the next query reconnects.
    this.pool.on('error', () => undefined);
  }

  private async query<R extends object>(sql: string, params: unknown[] = []): Promise<R[]> {
    try {
      return (await this.pool.query<R>(sql, params)).rows;
    } catch (err) {
      const e = err as Error & { code?: string };
      if (e.code === '42P01' || e.code === '42703') throw new CrawlSourceStoreError('The database at DATABASE_URL has no crawl_sources table yet: start the backend once (it runs the migrations and seeds the sources), then retry.');
      if (e.code === 'ECONNREFUSED' || /connect|timeout/i.test(e.message)) throw new CrawlSourceStoreError(`PostgreSQL is not reachable at DATABASE_URL (${e.message}); start it with npm run stack:up.`);
      throw err;
    }
  }

  async list(): Promise<CrawlSource[]> {
    return (await this.query<CrawlSourceRow>(`SELECT ${COLUMNS} FROM crawl_sources ORDER BY name`)).map(crawlSourceFromRow);
  }

  async get(name: string): Promise<CrawlSource | null> {
    const [row] = await this.query<CrawlSourceRow>(`SELECT ${COLUMNS} FROM crawl_sources WHERE name = $1`, [name]);
    return row ? crawlSourceFromRow(row) : null;
  }

  /** A run began: it is the source's last run from now on (its report is empty until it finishes). */
  async runStarted(source: string, runId: string, startedAt: Date): Promise<void> {
    await this.query(`UPDATE crawl_sources SET last_run_id = $2, last_run_started_at = $3, last_run_finished_at = NULL, last_run_report = NULL WHERE name = $1`, [source, runId, startedAt]);
  }

  /** A run finished: its report is stored unless a newer run of the source has started meanwhile. */
  async runFinished(report: CrawlReport, finishedAt: Date): Promise<void> {
    await this.query(`UPDATE crawl_sources SET last_run_finished_at = $3, last_run_report = $4 WHERE name = $1 AND last_run_id = $2`, [report.source, report.runId, finishedAt, JSON.stringify(report)]);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
