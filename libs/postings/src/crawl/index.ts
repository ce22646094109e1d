export * from './types';
export { canonicalUrl } from './canonical-url';
export { looseDate } from './loose-date';
export { repairJsonLd, extractJsonLd } from './jsonld';
export { extractPage, adapterForUrl } from './extract-page';
export { summarizePosting, type CrawledPostingSummary } from './posting-summary';
export { loadCrawlSources, CrawlSourcesError, type CrawlSource } from './crawl-sources';
