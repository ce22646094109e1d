import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 4: accounts, one-time-code challenges, sessions, saved jobs, saved searches and alert marks. */
export class Accounts1795301481927 implements MigrationInterface {
  name = 'Accounts1795301481927';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        phone varchar(16) NOT NULL,
        email varchar(254),
        totp_secret text,
        totp_pending_secret text,
        totp_enabled_at timestamptz,
        totp_last_step bigint,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_phone_key UNIQUE (phone),
        CONSTRAINT users_email_key UNIQUE (email),
        CONSTRAINT users_email_lower CHECK (email = lower(email))
      )`);
    await q.query(`
      CREATE TABLE otp_challenges (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        purpose varchar(10) NOT NULL CHECK (purpose IN ('signup', 'login')),
        channel varchar(10) NOT NULL CHECK (channel IN ('sms', 'email', 'app')),
        user_id uuid REFERENCES users (id) ON DELETE CASCADE,
        identifier varchar(254) NOT NULL,
        destination varchar(254),
        signup jsonb,
        secret text,
        counter integer NOT NULL DEFAULT 0,
        attempts integer NOT NULL DEFAULT 0,
        sends integer NOT NULL DEFAULT 1,
        last_sent_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        consumed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX otp_challenges_user_idx ON otp_challenges (user_id)`);
    await q.query(`CREATE INDEX otp_challenges_expires_idx ON otp_challenges (expires_at)`);
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash char(64) NOT NULL,
        user_agent varchar(300),
        ip varchar(64),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        CONSTRAINT sessions_token_hash_key UNIQUE (token_hash)
      )`);
    await q.query(`CREATE INDEX sessions_user_idx ON sessions (user_id)`);
    await q.query(`
      CREATE TABLE saved_jobs (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        job_id varchar(64) NOT NULL,
        status varchar(20) NOT NULL DEFAULT 'saved' CHECK (status IN ('saved', 'applied', 'interviewing', 'offer', 'rejected')),
        note varchar(2000),
        snapshot jsonb NOT NULL,
        saved_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, job_id)
      )`);
    await q.query(`CREATE INDEX saved_jobs_user_status_idx ON saved_jobs (user_id, status, updated_at DESC)`);
    await q.query(`
      CREATE TABLE saved_searches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        name varchar(100) NOT NULL,
        params jsonb NOT NULL,
        frequency varchar(10) NOT NULL CHECK (frequency IN ('instant', 'daily', 'weekly')),
        channel varchar(10) NOT NULL CHECK (channel IN ('email', 'sms')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX saved_searches_user_idx ON saved_searches (user_id, created_at)`);
    // One row per saved search: the newest posting (by ingested_at) already sent, so a digest never repeats one.
    await q.query(`
      CREATE TABLE notification_marks (
        saved_search_id uuid PRIMARY KEY REFERENCES saved_searches (id) ON DELETE CASCADE,
        ingested_through timestamptz,
        last_sent_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['notification_marks', 'saved_searches', 'saved_jobs', 'sessions', 'otp_challenges', 'users']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
