import { readFile } from 'node:fs/promises';
import { CRAWL_ADAPTERS, type CrawlAdapterName } from './types';

/** One configured source (data/crawl-sources.json; docs/crawling.md describes the format). */
export interface CrawlSource {
  name: string;
  adapter: CrawlAdapterName;
  /** For a sitemap source: the adapter that reads the pages it lists (default jsonld). */
  pageAdapter?: CrawlAdapterName;
  startUrls: string[];
  cron: string;
  enabled: boolean;
  /** Pages needing a browser (puppeteer-core + /usr/bin/chromium). */
  render?: boolean;
  /** Upper bound on pages per run (default 10,000). */
  maxPages?: number;
}

export class CrawlSourcesError extends Error {
  override readonly name = 'CrawlSourcesError';
}

/** Reads and validates the sources file; every problem names the source and the field. */
export async function loadCrawlSources(path: string): Promise<CrawlSource[]> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new CrawlSourcesError(`Cannot read the crawl sources file ${path}: ${(err as Error).message}`);
  }
  if (!Array.isArray(data)) throw new CrawlSourcesError(`${path} must hold a JSON array of sources.`);
  const problems: string[] = [];
  const names = new Set<string>();
  const out: CrawlSource[] = [];
  data.forEach((item: Record<string, unknown>, i) => {
    const at = `source ${i + 1}${typeof item?.name === 'string' ? ` (${item.name})` : ''}`;
    if (typeof item?.name !== 'string' || !/^[a-z0-9][a-z0-9_-]{0,62}$/.test(item.name)) problems.push(`${at}: name must be lower-case letters, digits, - or _`);
    else if (names.has(item.name)) problems.push(`${at}: name is used twice`);
    else names.add(item.name);
    if (!(CRAWL_ADAPTERS as readonly unknown[]).includes(item?.adapter)) problems.push(`${at}: adapter must be one of ${CRAWL_ADAPTERS.join(', ')}`);
    if (item?.pageAdapter !== undefined && !(CRAWL_ADAPTERS as readonly unknown[]).includes(item.pageAdapter)) problems.push(`${at}: pageAdapter must be one of ${CRAWL_ADAPTERS.join(', ')}`);
    const urls = item?.startUrls;
    if (!Array.isArray(urls) || urls.length === 0 || !urls.every((u) => typeof u === 'string' && /^https?:\/\//.test(u))) problems.push(`${at}: startUrls must be a non-empty list of http(s) URLs`);
    if (typeof item?.cron !== 'string' || item.cron.trim().split(/\s+/).length < 5) problems.push(`${at}: cron must be a cron expression ("0 */6 * * *")`);
    if (typeof item?.enabled !== 'boolean') problems.push(`${at}: enabled must be true or false`);
    if (item?.render !== undefined && typeof item.render !== 'boolean') problems.push(`${at}: render must be true or false`);
    out.push(item as unknown as CrawlSource);
  });
  if (problems.length) throw new CrawlSourcesError(`Invalid crawl sources in ${path}:\n  ${problems.join('\n  ')}`);
  return out;
}
