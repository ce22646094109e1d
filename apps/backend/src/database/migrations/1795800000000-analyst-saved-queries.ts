import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11, analyst saved queries. Sizes are capped by the API (ANALYST_LIMITS) and again here, so a
 * row can never outgrow what the query endpoint accepts; the JSON parts are stored as the API
 * checked them. Deleting an account deletes its queries.
 */
export class AnalystSavedQueries1795800000000 implements MigrationInterface {
  name = 'AnalystSavedQueries1795800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE analyst_saved_queries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        name varchar(100) NOT NULL CHECK (length(name) > 0),
        query varchar(2000) NOT NULL,
        time jsonb NOT NULL DEFAULT '{}'::jsonb,
        breakdowns jsonb NOT NULL DEFAULT '[]'::jsonb,
        metrics jsonb NOT NULL DEFAULT '[]'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX analyst_saved_queries_user_idx ON analyst_saved_queries (user_id, updated_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS analyst_saved_queries`);
  }
}
