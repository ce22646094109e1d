import type { Client } from '@elastic/elasticsearch';
import type { estypes } from '@elastic/elasticsearch';
import { toSearchError } from './client';

export interface ScanOptions {
  batchSize?: number;
  query?: estypes.QueryDslQueryContainer;
  /** How long the point in time lives between two pages. */
  keepAlive?: string;
  /** false: ids only (source is then undefined). */
  source?: boolean;
}

/**
 * Every document of one index, page by page, from a point in time (PIT + search_after on
 * _shard_doc): a consistent snapshot that concurrent writes do not shift. The minimal
 * distribution used here has no _reindex, so copies between index versions read through this.
 */
export async function* scanIndex<T>(client: Client, index: string, opts: ScanOptions = {}): AsyncGenerator<Array<{ id: string; source: T }>> {
  const keepAlive = opts.keepAlive ?? '5m';
  const size = opts.batchSize ?? 1000;
  let pitId: string;
  try {
    pitId = (await client.openPointInTime({ index, keep_alive: keepAlive })).id;
  } catch (err) {
    throw toSearchError(err, `open a point in time on ${index}`);
  }
  try {
    let after: Array<string | number | boolean | null> | undefined;
    for (;;) {
      let res;
      try {
        res = await client.search<T>({
          pit: { id: pitId, keep_alive: keepAlive },
          size,
          query: opts.query ?? { match_all: {} },
          sort: [{ _shard_doc: 'asc' }] as never,
          search_after: after,
          track_total_hits: false,
          _source: opts.source ?? true,
        });
      } catch (err) {
        throw toSearchError(err, `read ${index}`);
      }
      if (res.pit_id) pitId = res.pit_id;
      const hits = res.hits.hits;
      if (hits.length === 0) return;
      yield hits.map((h) => ({ id: h._id!, source: h._source as T }));
      if (hits.length < size) return;
      after = hits[hits.length - 1].sort as typeof after;
    }
  } finally {
    await client.closePointInTime({ id: pitId }).catch(() => undefined);
  }
}

/** Which of `ids` exist in `index` (a multi-get without sources). */
export async function existingIds(client: Client, index: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  try {
    const res = await client.mget({ index, ids, _source: false });
    return new Set(res.docs.filter((d) => 'found' in d && d.found).map((d) => d._id));
  } catch (err) {
    throw toSearchError(err, `look up ids in ${index}`);
  }
}

/** The sources of `ids` in `index`; ids not found are left out. */
export async function getSources<T>(client: Client, index: string, ids: string[]): Promise<Array<{ id: string; source: T }>> {
  if (ids.length === 0) return [];
  try {
    const res = await client.mget<T>({ index, ids });
    return res.docs.flatMap((d) => ('found' in d && d.found && d._source ? [{ id: d._id, source: d._source }] : []));
  } catch (err) {
    throw toSearchError(err, `read ids from ${index}`);
  }
}
