import { payBandsOf, type PostingDocument, type ReclassifyProgress, type ReclassifyReport } from '@jobportal/contracts';
import {
  aliasTarget,
  bulkWritePostings,
  createVersionedIndex,
  deleteConcreteIndex,
  existingIds,
  finishLoading,
  getSources,
  scanIndex,
  swapAlias,
  type BulkIndexResult,
  type Client,
  type RetryPolicy,
} from '@jobportal/search';
import type { HumanCodeGuard } from '../ingest/human-codes';
import type { PostingCoder } from '../ingest/posting-coder';

export interface ReclassifyOptions {
  es: Client;
  /** ES_INDEX_PREFIX: the alias is `<prefix>postings`. */
  prefix: string;
  coder: PostingCoder;
  /** Keeps analysts' codes instead of recoding those postings (the corrections table and the index flag). */
  humanCodes?: HumanCodeGuard;
  batchSize?: number;
  retry?: RetryPolicy;
  onProgress?: (p: ReclassifyProgress) => void;
  now?: () => Date;
}

/**
 * How far before the copy started the catch-up looks. `ingested_at` is stamped when a posting is
 * normalized, a batch (and up to ~30 s of bulk retries) before it is written, so a posting stamped
 * just before the copy began can reach the old index after the point in time was opened. The
 * catch-up only reads ids in that window and copies the ones the new index lacks, so a wide margin
 * costs little.
 */
export const CATCH_UP_MARGIN_MS = 2 * 60_000;

/** How long the old index outlives the swap before it is deleted. */
const OLD_INDEX_GRACE_MS = 2000;

/** A failure that a retry cannot fix (nothing to reclassify). */
export class ReclassifyError extends Error {
  override readonly name = 'ReclassifyError';
}

/**
 * Recodes every posting without search downtime: builds `<prefix>postings-v<n>-<stamp>` beside the
 * live index, copies it through a point in time (coding each batch with the current model), swaps
 * the alias in one _aliases call, carries over what was ingested into the old index meanwhile,
 * then drops the old index. Searches read the alias throughout, so they always see one complete
 * index; ingest writes through the alias too, so after the swap its batches land in the new one.
 */
export async function reclassifyPostings(opts: ReclassifyOptions): Promise<ReclassifyReport> {
  const { es, coder } = opts;
  const now = opts.now ?? (() => new Date());
  const started = now();
  const batchSize = opts.batchSize ?? 1000;
  const alias = `${opts.prefix}postings`;
  const fromIndex = await aliasTarget(es, alias);
  if (!fromIndex) throw new ReclassifyError(`There is no ${alias} index to reclassify: import postings first (npm run ingest).`);
  const total = (await es.count({ index: fromIndex })).count;
  const copyStart = now();
  const toIndex = await createVersionedIndex(es, 'postings', { prefix: opts.prefix, loading: true, at: copyStart });
  const progress: ReclassifyProgress = { phase: 'copy', alias, fromIndex, toIndex, total, copied: 0, caughtUp: 0, needsReview: 0 };
  const report = () => opts.onProgress?.({ ...progress });
  const write = async (docs: PostingDocument[], op: 'index' | 'create'): Promise<BulkIndexResult & { flagged: number }> => {
    // The documents carry their index flag, so no lookup in the index: only the table is asked.
    const flagged = coder.code(opts.humanCodes ? await opts.humanCodes.apply(docs, null) : docs);
    // Fields derived from the posting's own figures are recomputed too, so a rebuild brings postings
    // indexed before them (salary.bands, postings v2) up to the current mapping.
    for (const d of docs) {
      if (d.salary) d.salary.bands = payBandsOf(d.salary.annual_min, d.salary.annual_max);
      // Postings v3 adds liveness: a posting indexed before it was live (expired ones keep their fields).
      d.status ??= 'live';
      d.expired_at ??= null;
      d.expiry_reason ??= null;
    }
    const res = await bulkWritePostings(es, toIndex, docs, op, { retry: opts.retry });
    if (res.failed.length > 0) {
      const f = res.failed[0];
      throw new Error(`${res.failed.length} postings could not be written to ${toIndex}; first: ${f.id} (${f.status}) ${f.reason}`);
    }
    return { ...res, flagged };
  };

  let swapped = false;
  try {
    report();
    for await (const page of scanIndex<PostingDocument>(es, fromIndex, { batchSize })) {
      progress.needsReview += await write(page.map((h) => h.source), 'index').then((r) => r.flagged);
      progress.copied += page.length;
      report();
    }
    await finishLoading(es, 'postings', toIndex);

    progress.phase = 'swap';
    report();
    await swapAlias(es, alias, fromIndex, toIndex);
    swapped = true;

    // Batches that resolved the alias before the swap may still be landing in the old index.
    progress.phase = 'catch-up';
    report();
    await es.indices.refresh({ index: fromIndex });
    const since = new Date(copyStart.getTime() - CATCH_UP_MARGIN_MS).toISOString();
    for await (const page of scanIndex<PostingDocument>(es, fromIndex, { batchSize, source: false, query: { range: { ingested_at: { gte: since } } } })) {
      const ids = page.map((h) => h.id);
      const present = await existingIds(es, toIndex, ids);
      const missing = await getSources<PostingDocument>(es, fromIndex, ids.filter((id) => !present.has(id)));
      if (missing.length === 0) continue;
      // create-only: a posting written through the alias since the lookup is newer and wins.
      const res = await write(missing.map((h) => h.source), 'create');
      progress.caughtUp += res.created;
      report();
    }
    await es.indices.refresh({ index: toIndex });
    // Counted in the new index rather than summed: it also holds what ingest wrote through the alias since the swap.
    progress.needsReview = (await es.count({ index: toIndex, query: { term: { 'soc.needs_review': true } } })).count;

    progress.phase = 'cleanup';
    report();
    // A search that resolved the alias just before the swap may still be reading the old index.
    await new Promise((r) => setTimeout(r, OLD_INDEX_GRACE_MS));
    await deleteConcreteIndex(es, fromIndex);
  } catch (err) {
    // Before the swap the half-built index is useless: drop it so a retry starts clean. After it,
    // the old index stays for inspection: it is outside the alias and deleteIndex's pattern removes it.
    if (!swapped) await deleteConcreteIndex(es, toIndex).catch(() => undefined);
    throw err;
  }
  progress.phase = 'done';
  report();
  return { ...progress, durationMs: now().getTime() - started.getTime() };
}
