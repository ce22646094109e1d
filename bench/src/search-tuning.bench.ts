import * as os from 'node:os';
import { parseArgs } from 'node:util';
import type { estypes } from '@elastic/elasticsearch';
import { loadConfig } from '@jobportal/config';
import { normalizeLocation } from '@jobportal/postings';
import {
  buildJobSearchRequest,
  buildJobSearchRequests,
  createSearchClient,
  NOT_EXPIRED,
  pagesWithoutCollapse,
  PAY_BANDS,
  payFilter,
  searchPageByKeys,
  toMsearchBody,
  type Client,
  type ResolvedPlace,
} from '@jobportal/search';
import { log } from './search/dataset';
import { buildQueryMix, loadVocabulary, type MixQuery, type QueryKind } from './search/query-mix';
import { percentile } from './support';

/**
 * bench:search-tuning — what each search tuning moved, measured side by side: every query of the
 * bench:search mix is sent in each variant in turn (interleaved, so a noisy machine hits all
 * variants alike), one at a time, and Elasticsearch's own `took` is compared. The variants undo
 * one tuning each, rebuilt from today's request builders, so the comparison stays honest as they change.
 *
 *   npm run bench:search-tuning -- [--alias bench-search-1m-postings] [--rounds 5] [--queries 40]
 * Needs the bench:search index (run bench:search once, or node bench/dist/search/prepare.js).
 */

type Body = Record<string, unknown>;

interface Variant {
  name: string;
  /** The searches one API call makes in this variant (sent as one _msearch). */
  searches(q: MixQuery, index: string, now: Date): estypes.SearchRequest[];
}

const place = (text: string | undefined): ResolvedPlace | null => {
  if (!text) return null;
  const { location, geo } = normalizeLocation(text);
  return { city: location.city, region: location.region, regionCode: location.region_code, countryCode: location.country_code, geo };
};

/** Deep copy with every object passed through `edit` (bottom-up). */
function rewrite<T>(value: T, edit: (o: Body) => Body): T {
  if (Array.isArray(value)) return value.map((v) => rewrite(v, edit)) as T;
  if (value && typeof value === 'object') {
    const out: Body = {};
    for (const [k, v] of Object.entries(value)) out[k] = rewrite(v, edit);
    return edit(out) as T;
  }
  return value;
}

/** The fuzzy clause as it was: constant_score rewrite over up to 50 expansions. */
const oldFuzzy = (o: Body): Body => (o.fuzzy_rewrite ? { ...o, fuzzy_rewrite: 'constant_score', max_expansions: 50 } : o);
/** The highlight query as it was: one bool of both fields' clauses for every field, not one per field. */
function sharedHighlightQuery(h: estypes.SearchHighlight): estypes.SearchHighlight {
  const fields = h.fields as Record<string, estypes.SearchHighlightField>;
  const should = Object.values(fields).flatMap((f) => (f.highlight_query ? [f.highlight_query] : []));
  const bare = Object.fromEntries(Object.entries(fields).map(([name, { highlight_query: _q, ...f }]) => [name, f]));
  return { ...h, highlight_query: { bool: { should } }, fields: bare };
}

/** The title highlight as it was: two edits from 8 characters, like the search. */
const oldHighlight = (o: Body): Body => (o.fuzziness === 'AUTO:4,50' ? { ...o, fuzziness: 'AUTO:4,8' } : o);

/** The relevance lift for the words as a phrase in the description left out (the title's kept). */
const noDescriptionPhrase = (o: Body): Body =>
  Array.isArray(o.should) ? { ...o, should: (o.should as Body[]).filter((c) => !(c.match_phrase && 'description' in (c.match_phrase as Body))) } : o;

/** The liveness filter as `must_not status:expired` (NOT_EXPIRED) replaced by a plain `term status:live`. */
const liveTerm = (o: Body): Body => (isNotExpired(o) ? { term: { status: 'live' } } : o);
/** No liveness filter at all, as before postings v3 (the cost of the clause itself). */
const noLiveness = (o: Body): Body => (Array.isArray(o.filter) ? { ...o, filter: (o.filter as Body[]).filter((f) => !isNotExpired(f)) } : o);
function isNotExpired(o: Body): boolean {
  return JSON.stringify(o) === JSON.stringify(NOT_EXPIRED);
}

/**
 * The facets as they were: one filter aggregation per facet, each with every other facet's active
 * filters, rebuilt from today's grouped layout (buildFacetAggs: a shared filter, or the top level).
 */
function perFacetFilters(r: estypes.SearchRequest): estypes.SearchRequest {
  if (!r.aggs) return r;
  type Agg = estypes.AggregationsAggregationContainer;
  const out: Record<string, Agg> = {};
  const ungroup = (aggs: Record<string, Agg>, filter: estypes.QueryDslQueryContainer[]) => {
    for (const [name, agg] of Object.entries(aggs)) {
      const [key, sub] = name.split('__');
      const facet = (out[`facet_${key}`] ??= { filter: { bool: { filter } }, aggs: {} });
      facet.aggs![sub] = agg;
    }
  };
  const { facets_shared: shared, ...rest } = r.aggs as Record<string, Agg>;
  for (const [name, agg] of Object.entries(rest)) if (name.startsWith('facet_')) out[name] = agg;
  ungroup(Object.fromEntries(Object.entries(rest).filter(([n]) => !n.startsWith('facet_'))), []);
  if (shared) ungroup(shared.aggs as Record<string, Agg>, (shared.filter as { bool: { filter: estypes.QueryDslQueryContainer[] } }).bool.filter);
  return { ...r, aggs: out };
}

/** The pay facet as it was: one overlap filter per band instead of a terms count over salary.bands (per-facet layout). */
function oldPayFacet(r: estypes.SearchRequest): estypes.SearchRequest {
  const perFacet = perFacetFilters(r);
  const pay = perFacet.aggs?.facet_pay;
  if (!pay) return perFacet;
  const filters = Object.fromEntries(
    PAY_BANDS.map((b) => {
      const clauses = payFilter(b.min, b.max);
      return [b.value, clauses.length === 1 ? clauses[0] : { bool: { filter: clauses } }];
    }),
  );
  return { ...perFacet, aggs: { ...perFacet.aggs, facet_pay: { ...pay, aggs: { values: { filters: { filters } } } } } };
}

const current = (q: MixQuery, index: string, now: Date) => {
  const { hits, facets } = buildJobSearchRequests(q.params, { index, now, place: place(q.params.location) });
  return [hits, facets];
};

const VARIANTS: Variant[] = [
  { name: 'current (hits + cached facets in one _msearch)', searches: current },
  { name: 'facets not cached (request_cache=false)', searches: (q, i, n) => current(q, i, n).map((r) => (r.size === 0 ? { ...r, request_cache: false } : r)) },
  { name: 'facets each in its own filter aggregation, not cached (before)', searches: (q, i, n) => current(q, i, n).map((r) => (r.size === 0 ? perFacetFilters({ ...r, request_cache: false }) : r)) },
  { name: 'one request, facets inside (before the split)', searches: (q, index, now) => [buildJobSearchRequest(q.params, { index, now, place: place(q.params.location) })] },
  { name: 'pay facet as six overlap filters, not cached (before)', searches: (q, i, n) => current(q, i, n).map((r) => (r.size === 0 ? oldPayFacet({ ...r, request_cache: false }) : r)) },
  { name: 'fuzzy clause constant_score x50 (before)', searches: (q, i, n) => current(q, i, n).map((r) => ({ ...r, query: rewrite(r.query, oldFuzzy) })) },
  { name: 'liveness as term status:live, not must_not expired', searches: (q, i, n) => current(q, i, n).map((r) => ({ ...r, query: rewrite(r.query, liveTerm) })) },
  { name: 'no liveness filter (before postings v3)', searches: (q, i, n) => current(q, i, n).map((r) => ({ ...r, query: rewrite(r.query, noLiveness) })) },
  { name: 'one highlight query for both fields (before)', searches: (q, i, n) => current(q, i, n).map((r) => (r.highlight ? { ...r, highlight: sharedHighlightQuery(r.highlight) } : r)) },
  { name: 'no phrase clause on the description', searches: (q, i, n) => current(q, i, n).map((r) => ({ ...r, query: rewrite(r.query, noDescriptionPhrase) })) },
  { name: 'no highlights (the cost of snippets)', searches: (q, i, n) => current(q, i, n).map(({ highlight: _h, ...r }) => r) },
  { name: 'title highlight with two edits (before)', searches: (q, i, n) => current(q, i, n).map((r) => (r.highlight ? { ...r, highlight: rewrite(r.highlight, oldHighlight) } : r)) },
];

async function run(es: Client, searches: estypes.SearchRequest[]): Promise<number> {
  const res = await es.msearch({ searches: toMsearchBody(searches) });
  let took = 0;
  for (const r of res.responses) {
    if ('error' in r) throw new Error(`search failed: ${JSON.stringify(r.error).slice(0, 300)}`);
    took = Math.max(took, r.took);
  }
  // The searches of one _msearch run in parallel: the call takes as long as the slowest.
  return took;
}

/** A date or pay page as JobsService finds it (libs/search searchPageByKeys): Elasticsearch's `took`, summed. */
async function runByKeys(es: Client, q: MixQuery, index: string, now: Date): Promise<number> {
  const ctx = { index, now, place: place(q.params.location) };
  const res = await searchPageByKeys(es, q.params, ctx, buildJobSearchRequests(q.params, ctx).facets);
  if (!res) throw new Error(`no page by keys for ${JSON.stringify(q.params)} (a listing of reposts): collapse would answer it`);
  return res.took;
}

async function main() {
  const { values } = parseArgs({
    options: { alias: { type: 'string', default: 'bench-search-1m-postings' }, rounds: { type: 'string', default: '5' }, queries: { type: 'string', default: '40' }, seed: { type: 'string', default: '42' } },
  });
  const rounds = Number(values.rounds);
  const config = loadConfig();
  const es = createSearchClient({ node: config.elastic.node, requestTimeoutMs: 120_000, maxRetries: 0 });
  try {
    const alias = values.alias!;
    const { count } = await es.count({ index: alias });
    const vocab = await loadVocabulary(es, alias);
    vocab.places = vocab.places.filter((p) => place(p)?.geo);
    const mix = buildQueryMix(vocab, Number(values.seed), Number(values.queries));
    const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    // Nothing is cached between variants except what a variant caches itself (the facets request).
    await es.indices.clearCache({ index: alias, request: true });
    const took: number[][] = VARIANTS.map(() => []);
    const byKind: Array<Map<QueryKind, number[]>> = VARIANTS.map(() => new Map());
    const loadStart = os.loadavg()[0];
    for (let round = 1; round <= rounds; round++) {
      for (const q of mix) {
        for (const [i, v] of VARIANTS.entries()) {
          const ms = await run(es, v.searches(q, alias, now));
          // The first round fills the request cache; the figures are for a warm node, as in production.
          if (round === 1) continue;
          took[i].push(ms);
          const k = byKind[i].get(q.kind) ?? [];
          k.push(ms);
          byKind[i].set(q.kind, k);
        }
      }
      log(`  round ${round}/${rounds} done`);
    }
    const loadEnd = os.loadavg()[0];
    const kinds: QueryKind[] = ['text', 'text+filters', 'browse', 'deep'];
    const med = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
    console.log(`\nSearch tuning: ${count} postings in ${alias}; ${mix.length} queries x ${rounds - 1} measured rounds (after one warm-up round), one at a time`);
    console.log(`Machine: ${os.cpus()[0]?.model.trim()}, ${os.cpus().length} cores; load average ${loadStart.toFixed(2)} before, ${loadEnd.toFixed(2)} after; ${new Date().toISOString()}`);
    console.log('Figures: Elasticsearch `took` in ms (the slower of an _msearch pair)\n');
    console.log(`| variant | p50 | p95 | mean | ${kinds.map((k) => `${k} p50`).join(' | ')} | p95 vs current |`);
    console.log(`| --- | ---: | ---: | ---: | ${kinds.map(() => '---:').join(' | ')} | ---: |`);
    const baseP95 = percentile([...took[0]].sort((a, b) => a - b), 95);
    for (const [i, v] of VARIANTS.entries()) {
      const sorted = [...took[i]].sort((a, b) => a - b);
      const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
      const p95 = percentile(sorted, 95);
      console.log(`| ${v.name} | ${percentile(sorted, 50)} | ${p95} | ${mean.toFixed(1)} | ${kinds.map((k) => med(byKind[i].get(k) ?? [])).join(' | ')} | ${(p95 / baseP95).toFixed(2)} |`);
    }

    // Date and pay pages: collapsed (before) against keys + page (current), interleaved.
    const sorted = mix.filter((q) => pagesWithoutCollapse(q.params));
    const pages: Record<'collapsed' | 'keys', number[]> = { collapsed: [], keys: [] };
    for (let round = 1; round <= rounds; round++) {
      for (const q of sorted) {
        const a = await run(es, current(q, alias, now));
        const b = await runByKeys(es, q, alias, now);
        if (round === 1) continue;
        pages.collapsed.push(a);
        pages.keys.push(b);
      }
    }
    const stat = (xs: number[]) => {
      const s = [...xs].sort((x, y) => x - y);
      return { p50: percentile(s, 50), p95: percentile(s, 95), mean: s.reduce((x, y) => x + y, 0) / s.length };
    };
    const c = stat(pages.collapsed);
    const k = stat(pages.keys);
    console.log(`\nDate and pay pages (${sorted.length} of the mix's queries x ${rounds - 1} measured rounds): Elasticsearch time per listing, ms (the keys path: keys + facets _msearch, any more key rounds, the page's postings, summed)\n`);
    console.log('| listing | p50 | p95 | mean |');
    console.log('| --- | ---: | ---: | ---: |');
    console.log(`| collapsed (before) | ${c.p50} | ${c.p95} | ${c.mean.toFixed(1)} |`);
    console.log(`| keys, one posting per fingerprint, then the page (current) | ${k.p50} | ${k.p95} | ${k.mean.toFixed(1)} |`);
    console.log(`collapsed / keys: p50 ${(c.p50 / k.p50).toFixed(2)}, p95 ${(c.p95 / k.p95).toFixed(2)}, mean ${(c.mean / k.mean).toFixed(2)}`);
  } finally {
    await es.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
