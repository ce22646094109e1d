import type { RawPosting, SourceName } from '@jobportal/contracts';

/** The crawl adapters; a source in data/crawl-sources.json names one. */
export const CRAWL_ADAPTERS = [
  'jsonld',
  'indeed',
  'craigslist',
  'greenhouse',
  'lever',
  'ashby',
  'smartrecruiters',
  'workable',
  'sitemap',
] as const;
export type CrawlAdapterName = (typeof CRAWL_ADAPTERS)[number];

/** Why part of a page yielded no posting; counted per reason in the source's report. */
export type ExtractionProblemReason =
  | 'not_html'
  | 'not_json'
  | 'not_xml'
  | 'jsonld_malformed'
  | 'jsonld_not_jobposting'
  | 'no_posting'
  | 'invalid_item';

export interface ExtractionProblem {
  reason: ExtractionProblemReason;
  detail: string;
}

/** A page or API response as fetched. */
export interface CrawlPage {
  /** The final URL (after redirects). */
  url: string;
  body: string;
  contentType?: string | null;
  /** When it was fetched (ISO); relative dates count back from it. */
  fetchedAt?: string | null;
}

/** A URL found on a listing page, sitemap or API response, to be fetched next. */
export interface DiscoveredLink {
  url: string;
  /** Sitemap `<lastmod>`: unchanged since the last crawl means no fetch. */
  lastmod?: string | null;
}

export interface PageExtraction {
  postings: RawPosting[];
  /** The page says the posting is gone (expired, deleted, removed). */
  expired: boolean;
  links: DiscoveredLink[];
  /**
   * The page lists every live posting of the source (a job-board API, a sitemap): a posting absent
   * from two such listings in a row expires. A Craigslist search page is not (it is one page of many).
   */
  authoritative: boolean;
  problems: ExtractionProblem[];
}

export function emptyExtraction(): PageExtraction {
  return { postings: [], expired: false, links: [], authoritative: false, problems: [] };
}

export const CRAWL_SOURCE_NAMES: Readonly<Record<Exclude<CrawlAdapterName, 'sitemap'>, SourceName>> = {
  jsonld: 'crawl_jsonld',
  indeed: 'crawl_indeed',
  craigslist: 'crawl_craigslist',
  greenhouse: 'crawl_greenhouse',
  lever: 'crawl_lever',
  ashby: 'crawl_ashby',
  smartrecruiters: 'crawl_smartrecruiters',
  workable: 'crawl_workable',
};
