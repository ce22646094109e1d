import type { JobSearchParams } from '@jobportal/contracts';
import type { Client } from '@jobportal/search';

export type QueryKind = 'text' | 'text+filters' | 'browse' | 'deep';

export interface MixQuery {
  kind: QueryKind;
  params: JobSearchParams;
}

/** mulberry32: a small seeded PRNG, so the mix is the same on every run. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Vocabulary {
  titles: string[];
  skills: string[];
  /** "City, ST" as the where-box sends it. */
  places: string[];
}

/** Real titles, skills and places: the most frequent values in the indexed generated postings. */
export async function loadVocabulary(es: Client, index: string): Promise<Vocabulary> {
  const res = await es.search({
    index,
    size: 0,
    aggs: {
      titles: { terms: { field: 'title.keyword', size: 300 } },
      skills: { terms: { field: 'skills', size: 150 } },
      // multi_terms is not in the minimal distribution: city, then its most frequent state.
      places: { terms: { field: 'location.city', size: 60 }, aggs: { region: { terms: { field: 'location.region_code', size: 1 } } } },
    },
  });
  type Buckets = { buckets: Array<{ key: string; region?: Buckets }> };
  const aggs = res.aggregations as Record<string, Buckets>;
  return {
    titles: aggs.titles.buckets.map((b) => String(b.key)),
    skills: aggs.skills.buckets.map((b) => String(b.key)),
    places: aggs.places.buckets.filter((b) => b.region?.buckets[0]).map((b) => `${b.key}, ${b.region!.buckets[0].key}`),
  };
}

/** A title as someone types it: lowercase, at most three words, without seniority noise. */
function typedTitle(title: string): string {
  const words = title
    .toLowerCase()
    .replace(/[^a-z0-9+#/ -]/g, ' ')
    .split(/\s+/)
    .filter((w) => w && !/^(senior|sr|junior|jr|lead|i|ii|iii|iv|-|\/)$/.test(w));
  return words.slice(0, 3).join(' ') || title.toLowerCase();
}

/**
 * The fixed query mix (40 by default): 30% text-only, 30% text + 2-3 filters, 25% filter-only
 * browse by date, 15% deep page (page 50 = from 980, collapsed, as the API pages with `page`).
 */
export function buildQueryMix(vocab: Vocabulary, seed: number, n = 40): MixQuery[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const text = () => (rnd() < 0.7 ? typedTitle(pick(vocab.titles)) : rnd() < 0.5 ? pick(vocab.skills).toLowerCase() : `${pick(vocab.skills).toLowerCase()} ${typedTitle(pick(vocab.titles)).split(' ').pop()}`);
  const modes = ['remote', 'hybrid', 'onsite'] as const;
  const levels = ['entry', 'associate', 'mid_senior', 'director'] as const;
  const pays = [40_000, 60_000, 80_000, 100_000, 120_000];
  const radii = ['10mi', '25mi', '50mi', '40km'];
  const filters = (count: number): JobSearchParams => {
    const all: Array<() => JobSearchParams> = [
      () => ({ workMode: [pick(modes)] }),
      () => ({ experience: rnd() < 0.7 ? [pick(levels)] : [...new Set([pick(levels), pick(levels)])] }),
      () => ({ payMin: pick(pays) }),
      () => ({ location: pick(vocab.places), radius: pick(radii) }),
    ];
    const chosen = [...all].sort(() => rnd() - 0.5).slice(0, count);
    return Object.assign({}, ...chosen.map((f) => f()));
  };
  const out: MixQuery[] = [];
  const counts: Record<QueryKind, number> = { text: Math.round(n * 0.3), 'text+filters': Math.round(n * 0.3), browse: Math.round(n * 0.25), deep: 0 };
  counts.deep = n - counts.text - counts['text+filters'] - counts.browse;
  for (let i = 0; i < counts.text; i++) out.push({ kind: 'text', params: { q: text() } });
  for (let i = 0; i < counts['text+filters']; i++) out.push({ kind: 'text+filters', params: { q: text(), ...filters(rnd() < 0.5 ? 2 : 3) } });
  for (let i = 0; i < counts.browse; i++) out.push({ kind: 'browse', params: { ...filters(rnd() < 0.5 ? 1 : 2), sort: 'date' } });
  for (let i = 0; i < counts.deep; i++) {
    out.push({ kind: 'deep', params: i % 2 === 0 ? { ...filters(1), sort: 'date', page: 50 } : { q: pick(vocab.skills).toLowerCase(), page: 50 } });
  }
  // Interleave the kinds so every stretch of the run sees the whole mix.
  return out.map((q) => ({ q, k: rnd() })).sort((a, b) => a.k - b.k).map((x) => x.q);
}

/** The API URL for a query, as the Angular app builds it (repeated keys for lists). */
export function apiPath(params: JobSearchParams): string {
  const sp = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) sp.append(key, String(v));
  }
  return `/api/jobs/search?${sp.toString()}`;
}
