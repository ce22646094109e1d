import { load } from 'cheerio';
import { extractAshby, extractGreenhouse, extractLever, extractSmartRecruiters, extractWorkable } from './job-board-apis';
import { extractCraigslistPage, extractIndeedPage } from './html-pages';
import { extractJsonLd } from './jsonld';
import { extractSitemap } from './sitemap';
import { CRAWL_SOURCE_NAMES, emptyExtraction, type CrawlAdapterName, type CrawlPage, type PageExtraction } from './types';

const JSON_ADAPTERS = {
  greenhouse: extractGreenhouse,
  lever: extractLever,
  ashby: extractAshby,
  smartrecruiters: extractSmartRecruiters,
  workable: extractWorkable,
} as const;

/** The adapter a URL's host implies, for `crawl:extract` without --adapter. */
export function adapterForUrl(url: string): CrawlAdapterName {
  const u = new URL(url);
  const host = u.hostname.toLowerCase();
  if (host === 'boards-api.greenhouse.io') return 'greenhouse';
  if (host === 'api.lever.co') return 'lever';
  if (host === 'api.ashbyhq.com') return 'ashby';
  if (host === 'api.smartrecruiters.com') return 'smartrecruiters';
  if (host === 'apply.workable.com' && u.pathname.startsWith('/api/')) return 'workable';
  if (host.endsWith('craigslist.org')) return 'craigslist';
  if (host.endsWith('indeed.com')) return 'indeed';
  if (/sitemap[^/]*\.xml$/i.test(u.pathname)) return 'sitemap';
  return 'jsonld';
}

function looksLikeHtml(page: CrawlPage): boolean {
  const type = (page.contentType ?? '').toLowerCase();
  if (type && !/html|xml/.test(type)) return false;
  return /^\s*(?:<!--[\s\S]*?-->\s*)*</.test(page.body.slice(0, 2048)) || /<(?:html|body|head|div|p|h\d)\b/i.test(page.body.slice(0, 4096));
}

/**
 * What a fetched page holds, by the source's adapter: postings (RawPosting, ready for the one
 * ingest pipeline), links to follow, whether the page says the posting is gone, and every part that
 * yielded nothing with its reason. Pure: never throws for bad input.
 */
export function extractPage(adapter: CrawlAdapterName, page: CrawlPage): PageExtraction {
  const out = emptyExtraction();
  const fetchedAt = page.fetchedAt ?? null;
  try {
    if (adapter === 'sitemap') {
      extractSitemap(page.body, page.url, out);
      return out;
    }
    if (adapter in JSON_ADAPTERS) {
      let data: unknown;
      try {
        data = JSON.parse(page.body);
      } catch (err) {
        out.problems.push({ reason: 'not_json', detail: `The answer is not JSON (${page.contentType ?? 'no content type'}): ${err instanceof Error ? err.message : String(err)}` });
        return out;
      }
      JSON_ADAPTERS[adapter as keyof typeof JSON_ADAPTERS](data, page.url, fetchedAt, out);
      return out;
    }
    if (!looksLikeHtml(page)) {
      out.problems.push({ reason: 'not_html', detail: `Expected an HTML page, got ${page.contentType ?? 'something that is not HTML'}.` });
      return out;
    }
    const $ = load(page.body);
    // schema.org markup wins on any page: it is the site's own structured statement of the posting.
    const source = CRAWL_SOURCE_NAMES[adapter as Exclude<CrawlAdapterName, 'sitemap'>];
    const ld = extractJsonLd($, source, page.url, fetchedAt);
    out.problems.push(...ld.problems.filter((p) => p.reason === 'jsonld_malformed' || adapter === 'jsonld'));
    if (ld.postings.length > 0) {
      out.postings.push(...ld.postings);
      return out;
    }
    if (adapter === 'indeed') extractIndeedPage($, page.url, fetchedAt, out);
    else if (adapter === 'craigslist') extractCraigslistPage($, page.url, fetchedAt, out);
    else if (ld.blocks === 0) out.problems.push({ reason: 'no_posting', detail: 'The page has no application/ld+json block.' });
  } catch (err) {
    out.problems.push({ reason: 'no_posting', detail: `Extraction failed: ${err instanceof Error ? err.message : String(err)}` });
  }
  return out;
}
