import { readFile } from 'node:fs/promises';
import { parseExpression } from 'cron-parser';
import { CRAWL_ADAPTERS, type CrawlAdapterName } from './types';

/**
 * One crawl source (docs/crawling.md). They live in PostgreSQL (table crawl_sources, changed through
 * the operator API); data/crawl-sources.json seeds an empty table once.
 */
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

/** The bounds every way in (the file, the operator API) checks against. */
export const CRAWL_SOURCE_LIMITS = {
  name: /^[a-z0-9][a-z0-9_-]{0,62}$/,
  startUrls: { min: 1, max: 50, urlLength: 2048 },
  maxPages: { min: 1, max: 1_000_000 },
} as const;

export class CrawlSourcesError extends Error {
  override readonly name = 'CrawlSourcesError';
}

/**
 * Why a cron expression cannot schedule a source, or null. Five fields only (minute precision: a
 * seconds field would let a source run every second), read by cron-parser, the parser BullMQ's job
 * schedulers use, so what passes here is what the scheduler accepts.
 */
export function cronProblem(cron: unknown): string | null {
  if (typeof cron !== 'string' || !cron.trim()) return 'must be a cron expression such as "0 */6 * * *"';
  if (cron.trim().split(/\s+/).length !== 5) return `must have five fields (minute hour day-of-month month day-of-week), got "${cron}"`;
  try {
    parseExpression(cron, { tz: 'UTC' });
    return null;
  } catch (err) {
    return `is not a valid cron expression (${(err as Error).message})`;
  }
}

/** Why a start URL cannot be crawled, or null: an absolute http(s) URL of bounded length. */
export function startUrlProblem(url: unknown): string | null {
  if (typeof url !== 'string') return 'must be a string';
  if (url.length > CRAWL_SOURCE_LIMITS.startUrls.urlLength) return `must be at most ${CRAWL_SOURCE_LIMITS.startUrls.urlLength} characters`;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `must be an absolute http(s) URL, got "${url}"`;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return `must be an http(s) URL, got ${u.protocol}`;
  return null;
}

/** Every problem of one source object, as [field, reason]. */
export function crawlSourceProblems(item: Record<string, unknown>): Array<[string, string]> {
  const p: Array<[string, string]> = [];
  if (typeof item?.name !== 'string' || !CRAWL_SOURCE_LIMITS.name.test(item.name)) p.push(['name', 'must be 1-63 lower-case letters, digits, - or _, starting with a letter or digit']);
  if (!(CRAWL_ADAPTERS as readonly unknown[]).includes(item?.adapter)) p.push(['adapter', `must be one of ${CRAWL_ADAPTERS.join(', ')}`]);
  if (item?.pageAdapter !== undefined && item.pageAdapter !== null) {
    if (!(CRAWL_ADAPTERS as readonly unknown[]).includes(item.pageAdapter)) p.push(['pageAdapter', `must be one of ${CRAWL_ADAPTERS.join(', ')}`]);
    else if (item.adapter !== 'sitemap') p.push(['pageAdapter', 'is only for a sitemap source (the adapter that reads the pages it lists)']);
  }
  const urls = item?.startUrls;
  const { min, max } = CRAWL_SOURCE_LIMITS.startUrls;
  if (!Array.isArray(urls) || urls.length < min || urls.length > max) p.push(['startUrls', `must be a list of ${min} to ${max} http(s) URLs`]);
  else urls.forEach((u, i) => {
    const why = startUrlProblem(u);
    if (why) p.push([`startUrls[${i}]`, why]);
  });
  const cron = cronProblem(item?.cron);
  if (cron) p.push(['cron', cron]);
  if (typeof item?.enabled !== 'boolean') p.push(['enabled', 'must be true or false']);
  if (item?.render !== undefined && typeof item.render !== 'boolean') p.push(['render', 'must be true or false']);
  if (item?.maxPages !== undefined && item.maxPages !== null) {
    const { min: lo, max: hi } = CRAWL_SOURCE_LIMITS.maxPages;
    if (!Number.isInteger(item.maxPages) || (item.maxPages as number) < lo || (item.maxPages as number) > hi) p.push(['maxPages', `must be a whole number from ${lo} to ${hi}`]);
  }
  return p;
}

/** Reads and validates a sources file (the seed); every problem names the source and the field. */
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
    for (const [field, reason] of crawlSourceProblems(item)) problems.push(`${at}: ${field} ${reason}`);
    if (typeof item?.name === 'string') {
      if (names.has(item.name)) problems.push(`${at}: name is used twice`);
      names.add(item.name);
    }
    out.push(item as unknown as CrawlSource);
  });
  if (problems.length) throw new CrawlSourcesError(`Invalid crawl sources in ${path}:\n  ${problems.join('\n  ')}`);
  return out;
}

/** A crawl_sources row's source columns (the backend's migration owns the table; both sides read it). */
export interface CrawlSourceRow {
  name: string;
  adapter: string;
  page_adapter: string | null;
  start_urls: string[];
  cron: string;
  enabled: boolean;
  render: boolean;
  max_pages: number | null;
}

/** The row as the crawler's source type: optional fields left out rather than null. */
export function crawlSourceFromRow(r: CrawlSourceRow): CrawlSource {
  return {
    name: r.name,
    adapter: r.adapter as CrawlAdapterName,
    ...(r.page_adapter ? { pageAdapter: r.page_adapter as CrawlAdapterName } : {}),
    startUrls: r.start_urls,
    cron: r.cron,
    enabled: r.enabled,
    render: r.render,
    ...(r.max_pages !== null ? { maxPages: r.max_pages } : {}),
  };
}
