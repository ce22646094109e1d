import { load } from 'cheerio';
import { canonicalUrl } from './canonical-url';
import { looseDate } from './loose-date';
import type { PageExtraction } from './types';

/**
 * A sitemap (`<urlset>`) or sitemap index (`<sitemapindex>`): every `<loc>` with its `<lastmod>`.
 * A urlset is authoritative for the postings it lists; an index only points at urlsets.
 */
export function extractSitemap(body: string, url: string, out: PageExtraction): void {
  const $ = load(body, { xml: true });
  const entries = $('urlset > url, sitemapindex > sitemap');
  if ($('urlset, sitemapindex').length === 0) {
    out.problems.push({ reason: 'not_xml', detail: 'Not a sitemap: no <urlset> or <sitemapindex>.' });
    return;
  }
  out.authoritative = $('urlset').length > 0;
  entries.each((_, el) => {
    const loc = canonicalUrl($(el).children('loc').text(), url);
    if (!loc) return;
    const lastmod = looseDate($(el).children('lastmod').text());
    out.links.push({ url: loc, lastmod: typeof lastmod === 'string' ? lastmod : null });
  });
}
