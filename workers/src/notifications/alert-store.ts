import type { AlertChannel, AlertFrequency, SavedSearchParams } from '@jobportal/contracts';
import { Pool, type PoolClient } from 'pg';

export interface AlertUser {
  id: string;
  name: string;
  phone: string;
  email: string | null;
}

export interface AlertSavedSearch {
  id: string;
  name: string;
  params: SavedSearchParams;
  channel: AlertChannel;
  /** The high-water mark: postings ingested at or before it were sent already (or predate the search). */
  ingestedAfter: Date;
}

export type DigestClaim = 'claimed' | 'done';

/**
 * The workers' view of the account tables, in plain SQL over `pg`: the schema and its migrations
 * belong to the backend (apps/backend/src/database/migrations), the one migration source; this
 * reads users and saved searches and writes only the alert bookkeeping (marks, digest rows).
 */
export class AlertStore {
  private readonly pool: Pool;

  constructor(databaseUrl: string) {
    this.pool = new Pool({ connectionString: databaseUrl, max: 4, connectionTimeoutMillis: 5000 });
    // An idle client losing its connection must not crash the worker; the next query reconnects.
    this.pool.on('error', () => undefined);
  }

  async user(userId: string): Promise<AlertUser | null> {
    const { rows } = await this.pool.query<AlertUser>(`SELECT id, name, phone, email FROM users WHERE id = $1`, [userId]);
    return rows[0] ?? null;
  }

  /** Active saved searches of one frequency, each with its mark (the search's creation time when it has none yet). */
  async savedSearches(userId: string, frequency: AlertFrequency): Promise<AlertSavedSearch[]> {
    const { rows } = await this.pool.query<{ id: string; name: string; params: SavedSearchParams; channel: AlertChannel; ingested_after: Date }>(
      `SELECT s.id, s.name, s.params, s.channel, COALESCE(m.ingested_through, s.created_at) AS ingested_after
         FROM saved_searches s LEFT JOIN notification_marks m ON m.saved_search_id = s.id
        WHERE s.user_id = $1 AND s.frequency = $2 AND NOT s.paused
        ORDER BY s.created_at, s.id`,
      [userId, frequency],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, params: r.params, channel: r.channel, ingestedAfter: r.ingested_after }));
  }

  /** Users with at least one active saved search of this frequency. */
  async usersWithSearches(frequency: AlertFrequency): Promise<string[]> {
    const { rows } = await this.pool.query<{ user_id: string }>(`SELECT DISTINCT user_id FROM saved_searches WHERE frequency = $1 AND NOT paused`, [frequency]);
    return rows.map((r) => r.user_id);
  }

  /**
   * Records the digest of (user, frequency, window) before anything is sent. 'done' when that
   * digest was already sent (a retried or duplicated job): the caller sends nothing.
   */
  async claimDigest(userId: string, frequency: AlertFrequency, windowEnd: Date): Promise<DigestClaim> {
    const { rows } = await this.pool.query<{ status: string }>(
      `INSERT INTO alert_digests (user_id, frequency, window_end) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, frequency, window_end) DO UPDATE SET user_id = EXCLUDED.user_id
       RETURNING status`,
      [userId, frequency, windowEnd],
    );
    return rows[0].status === 'sending' ? 'claimed' : 'done';
  }

  /**
   * In one transaction: every mark moves up to the window's end (never down: GREATEST, in case a
   * later window finished first) and the digest row is closed, so a rerun finds nothing new.
   */
  async finishDigest(userId: string, frequency: AlertFrequency, windowEnd: Date, savedSearchIds: string[], postings: number): Promise<void> {
    await this.transaction(async (c) => {
      for (const id of savedSearchIds) {
        await c.query(
          `INSERT INTO notification_marks (saved_search_id, ingested_through, last_sent_at, updated_at)
           VALUES ($1, $2, CASE WHEN $3::int > 0 THEN now() END, now())
           ON CONFLICT (saved_search_id) DO UPDATE SET
             ingested_through = GREATEST(notification_marks.ingested_through, EXCLUDED.ingested_through),
             last_sent_at = COALESCE(EXCLUDED.last_sent_at, notification_marks.last_sent_at),
             updated_at = now()`,
          [id, windowEnd, postings],
        );
      }
      await c.query(
        `UPDATE alert_digests SET status = $4, postings = $5, finished_at = now() WHERE user_id = $1 AND frequency = $2 AND window_end = $3`,
        [userId, frequency, windowEnd, postings > 0 ? 'sent' : 'empty', postings],
      );
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async transaction<T>(fn: (c: PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const out = await fn(c);
      await c.query('COMMIT');
      return out;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      c.release();
    }
  }
}
