import type { estypes } from '@elastic/elasticsearch';
import type { AnalystField, AnalystFieldType, AnalystFieldsResponse } from '@jobportal/contracts';

export interface AnalystFieldDef {
  name: string;
  type: AnalystFieldType;
  aggregatable: boolean;
  description: string;
}

const f = (name: string, type: AnalystFieldType, description: string, aggregatable = type !== 'text'): AnalystFieldDef => ({ name, type, aggregatable, description });

/**
 * The fields an analyst may query, break down and export: the postings mapping
 * (elastic/indices/postings.json) less what is not indexed (url, apply_url, description_html,
 * salary.text) or is internal. A field outside this list is an `unknown_field`, whatever the
 * mapping holds. Names are the Elasticsearch paths, so the DSL uses them as they are.
 */
export const ANALYST_FIELDS: readonly AnalystFieldDef[] = [
  f('id', 'keyword', 'Posting id'),
  f('source', 'keyword', 'Source dataset or crawler (linkedin_2023_24, indeed_2019, ...)'),
  f('source_id', 'keyword', "The posting's id at its source"),
  f('title', 'text', 'Job title (words; use title.keyword to break down)'),
  f('title.keyword', 'keyword', 'Job title, exact'),
  f('company', 'text', 'Employer name (words; use company.keyword to break down)'),
  f('company.keyword', 'keyword', 'Employer name, exact'),
  f('description', 'text', 'Posting text'),
  f('location.city', 'keyword', 'City'),
  f('location.region', 'keyword', 'State or region name'),
  f('location.region_code', 'keyword', 'State code (NY, CA, ...)'),
  f('location.country_code', 'keyword', 'Country code'),
  f('location.postal_code', 'keyword', 'Postal code'),
  f('work_mode', 'keyword', 'remote, hybrid or onsite'),
  f('experience_level', 'keyword', 'internship, entry, associate, mid_senior, director, executive'),
  f('employment_type', 'keyword', 'full_time, part_time, contract, ...'),
  f('salary.min', 'number', 'Posted pay, lower end, in its own period'),
  f('salary.max', 'number', 'Posted pay, upper end, in its own period'),
  f('salary.period', 'keyword', 'Pay period as posted (year, hour, ...)'),
  f('salary.currency', 'keyword', 'Pay currency'),
  f('salary.annual_min', 'number', 'Posted pay, lower end, converted to a year (USD)'),
  f('salary.annual_max', 'number', 'Posted pay, upper end, converted to a year (USD)'),
  f('salary.bands', 'keyword', 'Annual pay bands'),
  f('skills', 'keyword', 'Skills named in the posting (one posting, several values)'),
  f('industries', 'keyword', 'Industries'),
  f('benefits', 'keyword', 'Benefits'),
  f('education', 'keyword', 'Education asked for'),
  f('posted_at', 'date', 'When the job was posted (the time range applies to it)'),
  f('expires_at', 'date', 'When the posting expires'),
  f('ingested_at', 'date', 'When the posting was imported'),
  f('fingerprint', 'keyword', 'Duplicate-detection key: distinct fingerprints are distinct jobs'),
  f('soc.code', 'keyword', 'SOC 2018 occupation code (15-1252)'),
  f('soc.title', 'keyword', 'SOC occupation title'),
  f('soc.major', 'keyword', 'SOC major group (15)'),
  f('soc.major_title', 'keyword', 'SOC major group title'),
  f('soc.onet_code', 'keyword', 'O*NET-SOC code'),
  f('soc.confidence', 'number', "The classifier's confidence, 0 to 1"),
  f('soc.needs_review', 'boolean', 'Classified with low confidence'),
];

const BY_NAME = new Map(ANALYST_FIELDS.map((d) => [d.name, d]));

export function analystField(name: string): AnalystFieldDef | undefined {
  return BY_NAME.get(name);
}

/** Top values per keyword/boolean field, min/max per number/date field: one size-0 search. */
const TOP_VALUES = 8;

const aggName = (i: number) => `f${i}`;

export function buildAnalystFieldsRequest(index: string): estypes.SearchRequest {
  const aggs: Record<string, estypes.AggregationsAggregationContainer> = {};
  ANALYST_FIELDS.forEach((d, i) => {
    if (!d.aggregatable) return;
    if (d.type === 'keyword' || d.type === 'boolean') {
      // Ids and fingerprints are unique per posting: their "top values" would be noise.
      if (d.name === 'id' || d.name === 'source_id' || d.name === 'fingerprint') return;
      aggs[aggName(i)] = { terms: { field: d.name, size: TOP_VALUES } };
    } else {
      aggs[`${aggName(i)}_min`] = { min: { field: d.name } };
      aggs[`${aggName(i)}_max`] = { max: { field: d.name } };
    }
  });
  return { index, size: 0, track_total_hits: true, timeout: '10s', aggs };
}

export function mapAnalystFieldsResponse(res: estypes.SearchResponse | null): AnalystFieldsResponse {
  const aggs = (res?.aggregations ?? {}) as Record<string, unknown>;
  const total = res ? (typeof res.hits.total === 'number' ? res.hits.total : (res.hits.total?.value ?? 0)) : 0;
  const fields: AnalystField[] = ANALYST_FIELDS.map((d, i) => {
    const out: AnalystField = { ...d };
    const terms = aggs[aggName(i)] as estypes.AggregationsStringTermsAggregate | undefined;
    if (terms) {
      out.topValues = (terms.buckets as estypes.AggregationsStringTermsBucket[]).map((b) => ({ value: String(b.key_as_string ?? b.key), count: b.doc_count }));
    }
    const min = aggs[`${aggName(i)}_min`] as estypes.AggregationsMinAggregate | undefined;
    const max = aggs[`${aggName(i)}_max`] as estypes.AggregationsMaxAggregate | undefined;
    if (min && max) {
      const value = (a: estypes.AggregationsMinAggregate) => (a.value === null || a.value === undefined ? null : d.type === 'date' ? new Date(a.value).toISOString() : a.value);
      out.min = value(min);
      out.max = value(max);
    }
    return out;
  });
  return { fields, total };
}
