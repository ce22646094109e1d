/**
 * The job-search API contract (GET /api/jobs/search and friends), shared by the backend, the
 * Angular app and the benchmarks. Words here are API words (workMode), never ES field paths.
 */
import type { EmploymentType, ExperienceLevel, ExpiryReason, PayPeriod, PostingStatus, SourceName, WorkMode } from './posting';
import type { JobOccupation } from './occupations';

export const POSTED_WITHIN = ['1d', '3d', '7d', '30d'] as const;
export type PostedWithin = (typeof POSTED_WITHIN)[number];

export const SEARCH_SORTS = ['relevance', 'date', 'pay'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export const DISTANCE_UNITS = ['km', 'mi'] as const;

/** Query parameters of GET /api/jobs/search, after validation. Multi-valued = OR within, AND across. */
export interface JobSearchParams {
  q?: string;
  location?: string;
  /** e.g. "25mi" or "40km"; only with `location`. */
  radius?: string;
  workMode?: WorkMode[];
  experience?: ExperienceLevel[];
  employmentType?: EmploymentType[];
  /** Annualized pay bounds (USD-equivalent figures as posted). */
  payMin?: number;
  payMax?: number;
  postedWithin?: PostedWithin;
  company?: string[];
  skills?: string[];
  /** SOC major group ("15") now; detailed codes ("15-1252") once postings carry them. */
  occupation?: string[];
  source?: SourceName[];
  sort?: SearchSort;
  page?: number;
  size?: number;
  /** Opaque cursor from the previous page's `nextCursor` (search_after). */
  after?: string;
  /** Location facet selections, the `location` facet's bucket values ("NY|New York"). */
  place?: string[];
}

export const FACET_KEYS = [
  'workMode',
  'experience',
  'employmentType',
  'pay',
  'postedWithin',
  'company',
  'location',
  'skills',
  'occupation',
  'source',
] as const;
export type FacetKey = (typeof FACET_KEYS)[number];

export interface FacetBucket {
  /** The value to send back as the filter parameter (e.g. "remote", "50000-75000", "NY|New York"). */
  value: string;
  /** Display label. */
  label: string;
  count: number;
  selected: boolean;
}

export interface Facet {
  key: FacetKey;
  buckets: FacetBucket[];
}

export interface JobPay {
  min: number | null;
  max: number | null;
  period: PayPeriod;
  currency: string;
  annualMin: number | null;
  annualMax: number | null;
}

export interface JobLocation {
  text: string | null;
  city: string | null;
  region: string | null;
  regionCode: string | null;
  country: string | null;
  countryCode: string | null;
}

export interface JobSummary {
  id: string;
  title: string;
  company: string | null;
  location: JobLocation;
  workMode: WorkMode | null;
  experience: ExperienceLevel | null;
  employmentType: EmploymentType | null;
  pay: JobPay | null;
  postedAt: string | null;
  skills: string[];
  source: SourceName;
  /** The SOC 2018 occupation the posting was coded to (null before classification). */
  occupation: JobOccupation | null;
  /** Highlighted snippets: HTML with <mark> around matches, everything else escaped. */
  highlights: { title?: string; description?: string[] };
  /** Present when the search had a location: distance from it in the request's unit. */
  distance?: number;
}

export interface JobSearchResponse {
  hits: JobSummary[];
  total: { value: number; relation: 'eq' | 'gte' };
  page: number;
  size: number;
  /** Cursor for the next page (search_after); null on the last page. */
  nextCursor: string | null;
  facets: Facet[];
  tookMs: number;
  /** What the `location` text was understood as (null when the search had none). */
  resolvedLocation?: ResolvedLocation | null;
}

/** A search's `location` as resolved by the gazetteer, and how it filtered. */
export interface ResolvedLocation {
  label: string;
  city: string | null;
  region: string | null;
  regionCode: string | null;
  countryCode: string | null;
  /** The point distances are measured from; null for a country. */
  lat: number | null;
  lon: number | null;
  /** The radius applied around the point, e.g. "25mi"; null when the place itself filtered (city, state or country match). */
  radius: string | null;
}

export interface JobDetail extends JobSummary {
  description: string;
  /** Sanitized HTML (safe to render) or null when the source had plain text. */
  descriptionHtml: string | null;
  url: string | null;
  applyUrl: string | null;
  industries: string[];
  benefits: string[];
  education: string | null;
  expiresAt: string | null;
  fingerprint: string;
  /** `expired`: the posting is gone from its source (it still opens, e.g. from a saved job). */
  status: PostingStatus;
  expiredAt: string | null;
  expiryReason: ExpiryReason | null;
}

export interface SuggestResponse {
  titles: string[];
  companies: string[];
  skills: string[];
}

export interface LocationSuggestion {
  label: string;
  city: string | null;
  region: string | null;
  regionCode: string | null;
  countryCode: string | null;
  lat: number;
  lon: number;
}

export interface JobCategory {
  key: string;
  label: string;
  /** Query parameters that open this category as a search. */
  params: Partial<Record<'workMode' | 'experience', string>>;
  count: number;
  top: JobSummary[];
}
