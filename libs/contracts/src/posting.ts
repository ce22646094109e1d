/**
 * The one posting schema every source is mapped onto. Field names are the Elasticsearch
 * document's (snake_case, see elastic/postings.mapping.json); API DTOs translate to camelCase.
 */

export const SOURCE_NAMES = [
  'linkedin_2023_24',
  'linkedin_2024',
  'indeed_2019',
  'craigslist_nyc_2019',
  'tjfg_indeed_2020',
  'tjfg_ectj_2020',
  'generated',
  // Crawled sources (issue 10): one per adapter in libs/postings/src/crawl.
  'crawl_jsonld',
  'crawl_indeed',
  'crawl_craigslist',
  'crawl_greenhouse',
  'crawl_lever',
  'crawl_ashby',
  'crawl_smartrecruiters',
  'crawl_workable',
] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

export const WORK_MODES = ['remote', 'hybrid', 'onsite'] as const;
export type WorkMode = (typeof WORK_MODES)[number];

export const EXPERIENCE_LEVELS = [
  'internship',
  'entry',
  'associate',
  'mid_senior',
  'director',
  'executive',
] as const;
export type ExperienceLevel = (typeof EXPERIENCE_LEVELS)[number];

export const EMPLOYMENT_TYPES = [
  'full_time',
  'part_time',
  'contract',
  'temporary',
  'internship',
  'volunteer',
  'other',
] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];

/**
 * Liveness of a posting (issue 10). Every imported posting starts `live`; only the crawler's expiry
 * rules (docs/crawling.md, "Expiry rules") make it `expired`. Expired postings leave default job
 * search, facets and suggestions but stay for trends and saved jobs.
 */
export const POSTING_STATUSES = ['live', 'expired'] as const;
export type PostingStatus = (typeof POSTING_STATUSES)[number];

/** Why a posting expired: the only reasons the crawler may expire one for. */
export const EXPIRY_REASONS = [
  /** Its page answered 404 or 410. */
  'gone',
  /** Its page says it is gone (Craigslist "expired" / "deleted by its author"). */
  'page_expired',
  /** Its schema.org validThrough (expires_at) is in the past. */
  'valid_through_passed',
  /** Absent from two authoritative listings (job-board API, sitemap) in a row. */
  'absent_from_listing',
] as const;
export type ExpiryReason = (typeof EXPIRY_REASONS)[number];

export const PAY_PERIODS = ['hour', 'day', 'week', 'month', 'year'] as const;
export type PayPeriod = (typeof PAY_PERIODS)[number];

export interface PostingLocation {
  /** The location as the source wrote it, trimmed. */
  text: string | null;
  city: string | null;
  /** State / province / region name, e.g. "New York" or "England". */
  region: string | null;
  /** Short region code where one exists, e.g. "NY". */
  region_code: string | null;
  country: string | null;
  /** ISO 3166-1 alpha-2, e.g. "US". */
  country_code: string | null;
  postal_code: string | null;
}

export interface GeoPoint {
  lat: number;
  lon: number;
}

export interface PostingSalary {
  min: number | null;
  max: number | null;
  period: PayPeriod;
  currency: string;
  /** min/max converted to a yearly figure (2,080 h, 260 d, 52 wk, 12 mo) for filtering and sorting. */
  annual_min: number | null;
  annual_max: number | null;
  /**
   * The PAY_BANDS values the annual range overlaps, stored at normalization so the pay facet is a
   * terms count rather than six range filters per search. Absent in postings indexed before v2.
   */
  bands?: string[];
  /** The text the figures were read from, if they came from text. */
  text: string | null;
}

/** A pay facet band; `value` is "min-max", "min-" (and up) or "-max" (up to). */
export interface PayBand {
  value: string;
  label: string;
  min: number | null;
  max: number | null;
}

export const PAY_BANDS: ReadonlyArray<PayBand> = [
  { value: '-30000', label: 'Under $30k', min: null, max: 30_000 },
  { value: '30000-50000', label: '$30k to $50k', min: 30_000, max: 50_000 },
  { value: '50000-75000', label: '$50k to $75k', min: 50_000, max: 75_000 },
  { value: '75000-100000', label: '$75k to $100k', min: 75_000, max: 100_000 },
  { value: '100000-150000', label: '$100k to $150k', min: 100_000, max: 150_000 },
  { value: '150000-', label: '$150k and up', min: 150_000, max: null },
];

/**
 * The bands an annual range belongs to, with the payMin/payMax semantics of the search filter
 * (libs/search payFilter): the top of the range reaches the band's min and the bottom is at or
 * below its max; a single figure is both ends. A jobs e2e test checks the two agree.
 */
export function payBandsOf(annualMin: number | null, annualMax: number | null): string[] {
  const top = annualMax ?? annualMin;
  const bottom = annualMin ?? annualMax;
  if (top === null || bottom === null) return [];
  return PAY_BANDS.filter((b) => (b.min === null || top >= b.min) && (b.max === null || bottom <= b.max)).map((b) => b.value);
}

/** A posting as indexed in Elasticsearch (alias `postings`). */
export interface PostingDocument {
  /** Deterministic: derived from source + source_id, so a replay never duplicates. */
  id: string;
  source: SourceName;
  source_id: string;
  url: string | null;
  apply_url: string | null;
  title: string;
  company: string | null;
  /** Clean plain text. */
  description: string;
  /** Sanitized HTML (safe to render), or null when the source only had text. */
  description_html: string | null;
  location: PostingLocation;
  geo: GeoPoint | null;
  work_mode: WorkMode | null;
  experience_level: ExperienceLevel | null;
  employment_type: EmploymentType | null;
  salary: PostingSalary | null;
  skills: string[];
  industries: string[];
  benefits: string[];
  education: string | null;
  posted_at: string | null;
  expires_at: string | null;
  /** Normalized title + company + location: the same job across sources and reposts shares it. */
  fingerprint: string;
  ingested_at: string;
  /** Absent in postings indexed before v3 (read as live: filters use "not expired"). */
  status?: PostingStatus;
  /** When the crawler expired it; null while live. */
  expired_at?: string | null;
  expiry_reason?: ExpiryReason | null;
  /** SOC 2018 / O*NET-SOC coding with the classifier's confidence (set once classification runs). */
  soc?: PostingSoc | null;
}

export interface PostingSoc {
  /** SOC 2018 detailed code, e.g. "15-1252". */
  code: string;
  /** O*NET-SOC code, e.g. "15-1252.00". */
  onet_code: string;
  title: string;
  /** Major group, e.g. "15". */
  major: string;
  major_title: string;
  confidence: number;
  needs_review: boolean;
  /**
   * Who set the code: absent or "model" for the classifier, "human" once an analyst confirmed or
   * corrected it in the review queue (confidence 1, needs_review false). Ingest and reclassify keep
   * a human code instead of recoding the posting (see docs/classifier.md, "Review queue").
   */
  coded_by?: 'model' | 'human';
}

/**
 * What a source adapter produces: the source's values, still unparsed, under canonical names.
 * The normalizers in libs/postings turn it into a PostingDocument.
 */
export interface RawPosting {
  source: SourceName;
  /** The source's own id for the row (or a stable hash of its content when it has none). */
  sourceId: string;
  /** 1-based line/record number in the input, for reports and quarantine. */
  rowNumber: number;
  url?: string | null;
  applyUrl?: string | null;
  title?: string | null;
  company?: string | null;
  /** Text or HTML. */
  description?: string | null;
  location?: string | null;
  postalCode?: string | null;
  /** Epoch ms/s, ISO, m/d/Y or relative ("3 days ago"). */
  postedAt?: string | number | null;
  expiresAt?: string | number | null;
  /** The date the row was collected, to resolve relative dates ("3 days ago"). */
  collectedAt?: string | number | null;
  /** Pay as free text ("$60k - $70k DOE", "$25/hr"). */
  payText?: string | null;
  payMin?: string | number | null;
  payMax?: string | number | null;
  payMedian?: string | number | null;
  payPeriod?: string | null;
  payCurrency?: string | null;
  /** A work-mode field ("Remote", "Onsite", "Hybrid", remote_allowed "1.0"). */
  workMode?: string | null;
  experience?: string | null;
  employmentType?: string | null;
  skills?: string[];
  industries?: string[];
  benefits?: string[];
  education?: string | null;
}

export type RejectReason =
  | 'malformed_row'
  | 'missing_title'
  | 'missing_description'
  | 'missing_id'
  | 'invalid_value';

export interface RejectedRow {
  source: SourceName;
  rowNumber: number;
  reason: RejectReason;
  detail: string;
  /** The row as read, so nothing the user gave is lost. */
  raw: unknown;
}

/** Human names of the datasets, for reports and the UI. */
export const SOURCE_LABELS: Record<SourceName, string> = {
  linkedin_2023_24: 'LinkedIn 2023-24',
  linkedin_2024: 'LinkedIn 2024',
  indeed_2019: 'Indeed 2019 (data science)',
  craigslist_nyc_2019: 'Craigslist NYC 2019 (engineering)',
  tjfg_indeed_2020: 'Tech Jobs for Good / Indeed 2020',
  tjfg_ectj_2020: 'Tech Jobs for Good 2020 (ECTJ)',
  generated: 'Generated (synthetic)',
  crawl_jsonld: 'Crawled (schema.org JobPosting)',
  crawl_indeed: 'Crawled (Indeed pages)',
  crawl_craigslist: 'Crawled (Craigslist)',
  crawl_greenhouse: 'Crawled (Greenhouse)',
  crawl_lever: 'Crawled (Lever)',
  crawl_ashby: 'Crawled (Ashby)',
  crawl_smartrecruiters: 'Crawled (SmartRecruiters)',
  crawl_workable: 'Crawled (Workable)',
};
