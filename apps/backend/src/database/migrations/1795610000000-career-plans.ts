import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 9, career plans: a signed-in user's saved careers result. The table has no place for resume
 * text or the file (the privacy rule); the result JSON is size-capped by the API, and the CHECK
 * keeps `kind` to the three paths the page has.
 */
export class CareerPlans1795610000000 implements MigrationInterface {
  name = 'CareerPlans1795610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE career_plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind varchar(10) NOT NULL CHECK (kind IN ('resume', 'text', 'interests')),
        name varchar(100) NOT NULL,
        matches jsonb NOT NULL,
        also_consider jsonb NOT NULL DEFAULT '[]'::jsonb,
        skills text[] NOT NULL DEFAULT '{}'::text[],
        inputs jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX career_plans_user_idx ON career_plans (user_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS career_plans`);
  }
}
