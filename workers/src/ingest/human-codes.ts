import type { PostingDocument, PostingSoc } from '@jobportal/contracts';
import { buildHumanCodedRequest, DEFAULT_RETRY, isUnavailable, mapHumanCoded, SearchUnavailableError, toSearchError, type Client, type RetryPolicy } from '@jobportal/search';
import { Pool } from 'pg';

/** After a failed lookup the table is skipped this long, so a PostgreSQL outage costs one timeout, not one per batch. */
const TABLE_RETRY_MS = 60_000;

/** One correction as training and evaluation read it: the posting's title and the analyst's code. */
export interface StoredCorrection {
  postingId: string;
  source: string;
  title: string;
  /** The code the posting had when the analyst decided (the model's, at ingest or reclassify time). */
  machineCode: string | null;
  humanCode: string;
  humanOnetCode: string;
  action: 'confirm' | 'correct';
}

/**
 * The workers' read side of the backend's occupation_corrections table (migration 1795900000000,
 * owned by the backend; plain SQL over `pg`, like AlertStore). Only the latest decision per
 * posting counts: an analyst may correct a correction.
 */
export class CorrectionStore {
  private readonly pool: Pool;

  constructor(databaseUrl: string) {
    this.pool = new Pool({ connectionString: databaseUrl, max: 2, connectionTimeoutMillis: 3000 });
    // An idle client losing its connection must not crash the worker; the next query reconnects.
    this.pool.on('error', () => undefined);
  }

  /** The human `soc` of each of `ids` that has a correction. */
  async humanCodes(ids: readonly string[]): Promise<Map<string, PostingSoc>> {
    if (ids.length === 0) return new Map();
    const { rows } = await this.pool.query<{ posting_id: string; human_soc: PostingSoc }>(
      `SELECT DISTINCT ON (posting_id) posting_id, human_soc FROM occupation_corrections
        WHERE posting_id = ANY ($1::varchar[]) ORDER BY posting_id, created_at DESC, id`,
      [ids],
    );
    return new Map(rows.map((r) => [r.posting_id, { ...r.human_soc, coded_by: 'human' as const }]));
  }

  /** Every posting's latest correction, oldest posting first (stable for training). */
  async latest(): Promise<StoredCorrection[]> {
    const { rows } = await this.pool.query<{ posting_id: string; source: string; title: string; machine_code: string | null; human_code: string; human_soc: PostingSoc; action: 'confirm' | 'correct' }>(
      `SELECT * FROM (
         SELECT DISTINCT ON (posting_id) posting_id, source, title, machine_code, human_code, human_soc, action, created_at
           FROM occupation_corrections ORDER BY posting_id, created_at DESC, id
       ) latest ORDER BY created_at, posting_id`,
    );
    return rows.map((r) => ({
      postingId: r.posting_id,
      source: r.source,
      title: r.title,
      machineCode: r.machine_code,
      humanCode: r.human_code,
      humanOnetCode: r.human_soc.onet_code,
      action: r.action,
    }));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

export interface HumanCodeGuardOptions {
  /** The corrections table; null when there is no database to ask. */
  store: CorrectionStore | null;
  es: Client;
  /** Told once per outage that only the index flag protects human codes meanwhile. */
  warn?: (message: string) => void;
  now?: () => number;
}

/**
 * Keeps analysts' codes through ingest and reclassify. For a batch about to be coded it finds the
 * postings a human coded and gives them that code, so the classifier codes only the rest:
 * - the corrections table is the source of truth (its latest row per posting wins);
 * - the index flag soc.coded_by = "human" is the fast check: on the documents themselves when
 *   they come from the index (reclassify), or looked up by id when they are fresh from a source
 *   (ingest), and the fallback while PostgreSQL is unreachable.
 */
export class HumanCodeGuard {
  private tableDownUntil = 0;

  constructor(private readonly opts: HumanCodeGuardOptions) {}

  /**
   * Sets the human `soc` on the docs that have one and returns the others (to be coded).
   * `lookupIndex`: the alias to check the flag in for docs that do not carry it (ingest).
   * `retry`: while Elasticsearch is unavailable that lookup is retried like the batch's bulk write
   * (the ingest pipeline passes the same policy), so an outage mid-import is ridden out, not fatal.
   */
  async apply(docs: PostingDocument[], lookupIndex: string | null, retry: RetryPolicy = DEFAULT_RETRY): Promise<PostingDocument[]> {
    if (docs.length === 0) return docs;
    const ids = docs.map((d) => d.id);
    const human = new Map<string, PostingSoc>();
    for (const d of docs) if (d.soc?.coded_by === 'human') human.set(d.id, d.soc);
    if (lookupIndex) {
      const unflagged = ids.filter((id) => !human.has(id));
      if (unflagged.length > 0) {
        for (const [id, soc] of await this.lookUpFlags(lookupIndex, unflagged, retry)) human.set(id, soc);
      }
    }
    for (const [id, soc] of await this.fromTable(ids)) human.set(id, soc);
    if (human.size === 0) return docs;
    const rest: PostingDocument[] = [];
    for (const d of docs) {
      const soc = human.get(d.id);
      if (soc) d.soc = soc;
      else rest.push(d);
    }
    return rest;
  }

  private async lookUpFlags(index: string, ids: string[], retry: RetryPolicy): Promise<Map<string, PostingSoc>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return mapHumanCoded(await this.opts.es.search(buildHumanCodedRequest(index, ids)));
      } catch (err) {
        if (!isUnavailable(err)) throw toSearchError(err, 'look up human-coded postings');
        if (attempt >= retry.attempts) {
          const detail = err instanceof Error ? err.message : String(err);
          throw new SearchUnavailableError(
            `Elasticsearch did not accept the batch after ${attempt} attempts (looking up human-coded postings: ${detail}). Check that it is running (npm run stack:up) and run the same import again: it resumes without duplicates.`,
            err,
          );
        }
        const delay = retry.initialDelayMs * 2 ** (attempt - 1);
        retry.onRetry?.(attempt, delay, err);
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  private async fromTable(ids: string[]): Promise<Map<string, PostingSoc>> {
    const now = this.opts.now ?? Date.now;
    if (!this.opts.store || now() < this.tableDownUntil) return new Map();
    try {
      return await this.opts.store.humanCodes(ids);
    } catch (err) {
      this.tableDownUntil = now() + TABLE_RETRY_MS;
      const code = (err as { code?: string }).code;
      // Before the backend has migrated there is no table: nothing has been corrected yet.
      if (code === '42P01') return new Map();
      this.opts.warn?.(
        `The corrections table (DATABASE_URL) is not reachable (${err instanceof Error ? err.message : String(err)}); ` +
          `human codes are kept by the index flag alone for the next ${TABLE_RETRY_MS / 1000} s.`,
      );
      return new Map();
    }
  }
}

/**
 * The stored corrections for training and evaluation, when the database is reachable; null with
 * the reason when it is not (the commands then run on O*NET alone and say so).
 */
export async function readStoredCorrections(databaseUrl: string): Promise<{ corrections: StoredCorrection[] } | { corrections: null; reason: string }> {
  const store = new CorrectionStore(databaseUrl);
  try {
    return { corrections: await store.latest() };
  } catch (err) {
    const code = (err as { code?: string }).code;
    const reason = code === '42P01' ? 'the database has no occupation_corrections table yet (start the backend once to migrate it)' : `the database is not reachable (${err instanceof Error ? err.message : String(err)})`;
    return { corrections: null, reason };
  } finally {
    await store.close();
  }
}
