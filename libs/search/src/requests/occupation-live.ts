import type { estypes } from '@elastic/elasticsearch';
import type { NamedCount, OccupationLiveData, PostingDocument } from '@jobportal/contracts';

const TOP = 10;
const PERCENTS = [25, 50, 75];

/**
 * Live labor-market data for one SOC 2018 code from the postings alias, in one request: the count,
 * postings per month, top companies and places, pay percentiles and the newest postings.
 *
 * Pay: the API reports the midpoint of each posting's annual range, but the node has no scripting
 * (no painless), so a per-posting midpoint cannot be computed in Elasticsearch. The request takes
 * percentiles of the range's low and high ends separately, and the mapper averages them: exact
 * for postings that state one figure, and a close estimate of the midpoint's percentiles otherwise.
 */
export function buildOccupationLiveRequest(index: string, socCode: string): estypes.SearchRequest {
  return {
    index,
    size: TOP,
    track_total_hits: true,
    query: { bool: { filter: [{ term: { 'soc.code': socCode } }] } },
    sort: [{ posted_at: { order: 'desc', missing: '_last' } }, { id: { order: 'asc' } }],
    _source: ['id', 'title', 'company', 'location', 'posted_at'],
    aggs: {
      monthly: { date_histogram: { field: 'posted_at', calendar_interval: 'month', format: 'yyyy-MM', min_doc_count: 0 } },
      companies: { terms: { field: 'company.keyword', size: TOP } },
      // Top cities split by region ("Portland" in OR and in ME are two places), and postings that
      // name only a region; the mapper merges both into one top list.
      cities: { terms: { field: 'location.city', size: TOP * 2 }, aggs: { regions: { terms: { field: 'location.region_code', size: 5, missing: '' } } } },
      regions_only: {
        filter: { bool: { must_not: [{ exists: { field: 'location.city' } }] } },
        aggs: { regions: { terms: { field: 'location.region', size: TOP } } },
      },
      pay: {
        filter: { bool: { should: [{ exists: { field: 'salary.annual_min' } }, { exists: { field: 'salary.annual_max' } }], minimum_should_match: 1 } },
        aggs: {
          low: { percentiles: { field: 'salary.annual_min', percents: PERCENTS, keyed: false } },
          high: { percentiles: { field: 'salary.annual_max', percents: PERCENTS, keyed: false } },
        },
      },
    },
  };
}

type Buckets<B = object> = { buckets: Array<{ key: string | number; key_as_string?: string; doc_count: number } & B> };
type Percentiles = { values: Array<{ key: number; value: number | null }> };
interface LiveAggs {
  monthly: Buckets;
  companies: Buckets;
  cities: Buckets<{ regions: Buckets }>;
  regions_only: { doc_count: number; regions: Buckets };
  pay: { doc_count: number; low: Percentiles; high: Percentiles };
}

const EMPTY_AGGS: LiveAggs = {
  monthly: { buckets: [] },
  companies: { buckets: [] },
  cities: { buckets: [] },
  regions_only: { doc_count: 0, regions: { buckets: [] } },
  pay: { doc_count: 0, low: { values: [] }, high: { values: [] } },
};

function percentile(p: Percentiles, key: number): number | null {
  const v = p.values.find((x) => x.key === key)?.value;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function midpoint(a: number | null, b: number | null): number | null {
  if (a === null) return b === null ? null : Math.round(b);
  return Math.round(b === null ? a : (a + b) / 2);
}

function placeOf(loc: Partial<PostingDocument['location']> | undefined): string | null {
  if (!loc) return null;
  if (loc.city) return loc.region_code ? `${loc.city}, ${loc.region_code}` : loc.city;
  return loc.text || loc.region || loc.country || null;
}

export function mapOccupationLiveResponse(res: estypes.SearchResponse): OccupationLiveData {
  const total = typeof res.hits.total === 'number' ? res.hits.total : (res.hits.total?.value ?? 0);
  const aggs = (res.aggregations as unknown as LiveAggs | undefined) ?? EMPTY_AGGS;

  const places: NamedCount[] = [];
  for (const city of aggs.cities.buckets) {
    for (const region of city.regions.buckets) {
      places.push({ name: region.key ? `${city.key}, ${region.key}` : String(city.key), count: region.doc_count });
    }
  }
  for (const region of aggs.regions_only.regions.buckets) places.push({ name: String(region.key), count: region.doc_count });
  places.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));

  const pay = aggs.pay.doc_count
    ? {
        count: aggs.pay.doc_count,
        p25: midpoint(percentile(aggs.pay.low, 25), percentile(aggs.pay.high, 25)),
        median: midpoint(percentile(aggs.pay.low, 50), percentile(aggs.pay.high, 50)),
        p75: midpoint(percentile(aggs.pay.low, 75), percentile(aggs.pay.high, 75)),
      }
    : null;

  return {
    postingCount: total,
    monthlyTrend: aggs.monthly.buckets.map((b) => ({ month: b.key_as_string ?? new Date(Number(b.key)).toISOString().slice(0, 7), count: b.doc_count })),
    topCompanies: aggs.companies.buckets.map((b) => ({ name: String(b.key), count: b.doc_count })),
    topPlaces: places.slice(0, TOP),
    postedPay: pay,
    postings: res.hits.hits.map((h) => {
      const doc = h._source as Pick<PostingDocument, 'id' | 'title' | 'company' | 'location' | 'posted_at'>;
      return { id: doc.id, title: doc.title, company: doc.company ?? null, location: placeOf(doc.location), postedAt: doc.posted_at ?? null };
    }),
  };
}

/** Before the first import there is no postings index: an occupation simply has no postings yet. */
export const EMPTY_OCCUPATION_LIVE_DATA: OccupationLiveData = {
  postingCount: 0,
  monthlyTrend: [],
  topCompanies: [],
  topPlaces: [],
  postedPay: null,
  postings: [],
};
