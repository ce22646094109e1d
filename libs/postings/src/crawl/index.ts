export * from './types';
export { canonicalUrl } from './canonical-url';
export { looseDate } from './loose-date';
export { repairJsonLd, extractJsonLd } from './jsonld';
export { extractPage, adapterForUrl } from './extract-page';
export { summarizePosting, type CrawledPostingSummary } from './posting-summary';
export { loadCrawlSources, CrawlSourcesError, crawlSourceProblems, cronProblem, startUrlProblem, crawlSourceFromRow, CRAWL_SOURCE_LIMITS, type CrawlSource, type CrawlSourceRow } from './crawl-sources';
export { applyCrawlSchedule, syncCrawlSchedules, type CrawlScheduleQueue } from './crawl-schedules';
