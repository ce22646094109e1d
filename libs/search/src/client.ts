import { Client, errors, type estypes } from '@elastic/elasticsearch';

export interface SearchClientOptions {
  node: string;
  /** Per-request timeout; searches that take longer fail fast and surface as 503s. */
  requestTimeoutMs?: number;
  maxRetries?: number;
}

export function createSearchClient(opts: SearchClientOptions): Client {
  return new Client({
    node: opts.node,
    requestTimeout: opts.requestTimeoutMs ?? 30_000,
    maxRetries: opts.maxRetries ?? 2,
    // One node here; sniffing would only find the same one and adds start-up requests.
    sniffOnStart: false,
  });
}

/** Elasticsearch could not be reached, timed out, or is overloaded: the caller should retry later. */
export class SearchUnavailableError extends Error {
  readonly code = 'search_unavailable';
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'SearchUnavailableError';
  }
}

/** True for failures that say nothing about the request itself: the node is down, slow or shedding load. */
export function isUnavailable(err: unknown): boolean {
  if (err instanceof SearchUnavailableError) return true;
  if (err instanceof errors.ConnectionError || err instanceof errors.TimeoutError || err instanceof errors.NoLivingConnectionsError) {
    return true;
  }
  if (err instanceof errors.ResponseError) {
    const status = err.meta?.statusCode ?? 0;
    return status === 429 || status === 502 || status === 503 || status === 504;
  }
  return false;
}

/** Wraps availability failures in SearchUnavailableError; other errors pass through unchanged. */
export function toSearchError(err: unknown, what: string): unknown {
  if (isUnavailable(err) && !(err instanceof SearchUnavailableError)) {
    const detail = err instanceof Error ? err.message : String(err);
    return new SearchUnavailableError(`Elasticsearch is unavailable (${what}): ${detail}`, err);
  }
  return err;
}

export type { Client } from '@elastic/elasticsearch';

/** The index or alias does not exist yet (nothing imported): callers usually treat it as empty. */
export function isIndexNotFound(err: unknown): boolean {
  return err instanceof errors.ResponseError && err.meta?.statusCode === 404;
}

/**
 * Runs searches in one _msearch and returns their responses in order. Each search of an _msearch
 * fails on its own (HTTP 200 overall); the first failure is thrown as the ResponseError a plain
 * search would have thrown, so isIndexNotFound / toSearchError treat both alike.
 */
export async function searchTogether(es: Client, searches: estypes.MsearchRequestItem[]): Promise<estypes.SearchResponse[]> {
  const { responses } = await es.msearch({ searches });
  for (const r of responses) {
    if ('error' in r) {
      const body = { error: r.error, status: r.status };
      throw new errors.ResponseError({ body, statusCode: r.status, headers: {}, warnings: null, meta: { context: null, name: 'msearch', request: { params: { method: 'POST', path: '/_msearch' }, options: {}, id: 0 }, connection: null, attempts: 0, aborted: false } } as never);
    }
  }
  return responses as estypes.SearchResponse[];
}
