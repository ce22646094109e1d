import type { Client } from '@elastic/elasticsearch';
import type { Occupation } from '@jobportal/contracts';
import { SearchUnavailableError, toSearchError } from '../client';
import { deleteIndex, ensureIndex } from '../indices';
import { toOccupationDocument } from './occupation-document';

export interface IndexOccupationsOptions {
  /** Prefix for alias and index names (tests, browser tests). */
  prefix?: string;
  /** Drop the index first, so occupations no longer in the catalog disappear too. */
  reset?: boolean;
  /** Profiles per bulk request; a full profile is ~20 kB, so 100 keep a request near 2 MB. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface IndexOccupationsResult {
  alias: string;
  index: string;
  indexed: number;
  failed: Array<{ onetCode: string; status: number; reason: string }>;
}

/**
 * Loads the occupation profiles into the `occupations` alias (created on first use) and refreshes
 * it. Documents are keyed by O*NET-SOC code and written with `index`, so a second run replaces
 * them instead of duplicating them.
 */
export async function indexOccupations(es: Client, occupations: Iterable<Occupation>, opts: IndexOccupationsOptions = {}): Promise<IndexOccupationsResult> {
  const all = [...occupations];
  const batchSize = opts.batchSize ?? 100;
  if (opts.reset) {
    try {
      await deleteIndex(es, 'occupations', { prefix: opts.prefix });
    } catch (err) {
      throw toSearchError(err, 'reset occupations index');
    }
  }
  const { alias, index } = await ensureIndex(es, 'occupations', { prefix: opts.prefix });
  const result: IndexOccupationsResult = { alias, index, indexed: 0, failed: [] };
  opts.onProgress?.(0, all.length);
  for (let start = 0; start < all.length; start += batchSize) {
    const batch = all.slice(start, start + batchSize);
    let response;
    try {
      response = await es.bulk({ operations: batch.flatMap((o) => [{ index: { _index: index, _id: o.onetCode } }, toOccupationDocument(o)]) });
    } catch (err) {
      const wrapped = toSearchError(err, 'index occupations');
      if (wrapped instanceof SearchUnavailableError) {
        throw new SearchUnavailableError(`${wrapped.message}. Check that it is running (npm run stack:up) and run the same command again.`, err);
      }
      throw wrapped;
    }
    response.items.forEach((item, i) => {
      const res = item.index!;
      if (res.error) result.failed.push({ onetCode: batch[i].onetCode, status: res.status, reason: `${res.error.type}: ${res.error.reason ?? ''}` });
      else result.indexed++;
    });
    opts.onProgress?.(Math.min(start + batch.length, all.length), all.length);
  }
  try {
    await es.indices.refresh({ index: alias });
  } catch (err) {
    throw toSearchError(err, 'refresh occupations');
  }
  return result;
}
