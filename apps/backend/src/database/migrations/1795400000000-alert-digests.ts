import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 4, alerts: a saved search can be paused (the unsubscribe link), and every digest is
 * recorded per (user, frequency, window) before it is sent, so a retried job sends it once.
 */
export class AlertDigests1795400000000 implements MigrationInterface {
  name = 'AlertDigests1795400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE saved_searches ADD COLUMN paused boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE INDEX saved_searches_frequency_idx ON saved_searches (frequency, user_id) WHERE NOT paused`);
    await q.query(`
      CREATE TABLE alert_digests (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        frequency varchar(10) NOT NULL CHECK (frequency IN ('instant', 'daily', 'weekly')),
        window_end timestamptz NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'sending' CHECK (status IN ('sending', 'sent', 'empty')),
        postings integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        PRIMARY KEY (user_id, frequency, window_end)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS alert_digests`);
    await q.query(`DROP INDEX IF EXISTS saved_searches_frequency_idx`);
    await q.query(`ALTER TABLE saved_searches DROP COLUMN IF EXISTS paused`);
  }
}
