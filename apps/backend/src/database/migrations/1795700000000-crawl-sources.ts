import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10, crawl sources in PostgreSQL (before: data/crawl-sources.json only), so an operator can
 * change them through the API while the workers keep reading the current row. The last run's
 * report lives on its source's row: the operator view needs only the latest, and a run that
 * finishes late cannot overwrite a newer one (the crawler matches on last_run_id).
 *
 * crawl_sources_seed records that the sources file was read once: afterwards the table is the
 * operator's, so deleting every source does not bring the file's back at the next start.
 */
export class CrawlSources1795700000000 implements MigrationInterface {
  name = 'CrawlSources1795700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE crawl_sources (
        name varchar(63) PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9_-]*$'),
        adapter varchar(32) NOT NULL,
        page_adapter varchar(32),
        start_urls text[] NOT NULL CHECK (cardinality(start_urls) > 0),
        cron varchar(100) NOT NULL,
        enabled boolean NOT NULL DEFAULT false,
        render boolean NOT NULL DEFAULT false,
        max_pages integer CHECK (max_pages > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        last_run_id varchar(200),
        last_run_started_at timestamptz,
        last_run_finished_at timestamptz,
        last_run_report jsonb
      )`);
    await q.query(`
      CREATE TABLE crawl_sources_seed (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        file text NOT NULL,
        seeded integer NOT NULL,
        seeded_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS crawl_sources_seed`);
    await q.query(`DROP TABLE IF EXISTS crawl_sources`);
  }
}
