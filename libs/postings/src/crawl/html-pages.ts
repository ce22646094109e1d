import type { CheerioAPI } from 'cheerio';
import type { RawPosting } from '@jobportal/contracts';
import { canonicalUrl } from './canonical-url';
import { looseDate } from './loose-date';
import { CRAWL_SOURCE_NAMES, type DiscoveredLink, type PageExtraction } from './types';

const INDEED_GONE = /this job has expired on indeed|this job is no longer available|the employer is no longer accepting applications/i;

/**
 * Indeed posting pages (`viewjob?jk=...`) as saved in ../shared/data/html/indeed_posting_pages_2019:
 * `<title>` and `<h2>` are "Title - Location", the rest of the body is the description.
 */
export function extractIndeedPage($: CheerioAPI, url: string, fetchedAt: string | null, out: PageExtraction): void {
  const bodyText = $('body').text();
  if (INDEED_GONE.test(bodyText)) {
    out.expired = true;
    return;
  }
  const heading = ($('h2').first().text() || $('title').first().text()).replace(/\s+/g, ' ').trim();
  if (!heading) {
    out.problems.push({ reason: 'no_posting', detail: 'The page has no <h2> or <title> to read a job title from.' });
    return;
  }
  // The title itself may hold " - " ("Analyst - Data"): the location is after the last one.
  const cut = heading.lastIndexOf(' - ');
  const title = cut > 0 ? heading.slice(0, cut).trim() : heading;
  const location = cut > 0 ? heading.slice(cut + 3).trim() : null;
  const body = $('body').clone();
  body.find('h2').first().remove();
  body.find('script, style, noscript').remove();
  const canonical = canonicalUrl(url) ?? url;
  const jk = new URL(canonical).searchParams.get('jk');
  const company = $('.jobsearch-InlineCompanyRating div, [data-company-name]').first().text().trim() || null;
  out.postings.push({
    source: CRAWL_SOURCE_NAMES.indeed,
    sourceId: jk ?? canonical,
    rowNumber: 1,
    url: canonical,
    title,
    company,
    description: body.html(),
    location,
    postalCode: location ? (/\b(\d{5})(?:-\d{4})?$/.exec(location)?.[1] ?? null) : null,
    collectedAt: fetchedAt,
    skills: [],
    industries: [],
    benefits: [],
  });
}

const CRAIGSLIST_GONE = /this posting has (?:expired|been deleted by its author|been flagged for removal)/i;

/** Craigslist search results, legacy (`li.result-row`, 2019) and current (`li.cl-static-search-result`, `div.cl-search-result`). */
function craigslistListing($: CheerioAPI, url: string): DiscoveredLink[] {
  const links = new Map<string, DiscoveredLink>();
  const add = (href: string | undefined, when: string | undefined) => {
    const u = href ? canonicalUrl(href, url) : null;
    if (u && /\/\d+\.html$/.test(new URL(u).pathname)) links.set(u, { url: u, lastmod: when ? (looseDate(when) as string | null) : null });
  };
  $('li.result-row').each((_, el) => add($(el).find('a.result-title').attr('href'), $(el).find('time.result-date').attr('datetime')));
  $('li.cl-static-search-result').each((_, el) => add($(el).find('a').first().attr('href'), undefined));
  $('div.cl-search-result').each((_, el) => add($(el).find('a.posting-title, a.cl-app-anchor').first().attr('href'), $(el).find('[title]').attr('title')));
  return [...links.values()];
}

function craigslistAttrs($: CheerioAPI): Map<string, string> {
  const attrs = new Map<string, string>();
  // Current markup: <div class="attr"><span class="labl">compensation:</span><span class="valu">$40/hr</span></div>
  $('.attrgroup .attr').each((_, el) => {
    const label = $(el).find('.labl').text().replace(/:\s*$/, '').trim().toLowerCase();
    const value = $(el).find('.valu').text().replace(/\s+/g, ' ').trim();
    if (label && value) attrs.set(label, value);
  });
  // Legacy markup: <p class="attrgroup"><span>compensation: <b>$40/hr</b></span>...</p>
  $('p.attrgroup > span').each((_, el) => {
    const text = $(el).text().replace(/\s+/g, ' ').trim();
    const m = /^([^:]+):\s*(.+)$/.exec(text);
    if (m && !attrs.has(m[1].toLowerCase())) attrs.set(m[1].trim().toLowerCase(), m[2].trim());
  });
  return attrs;
}

/** Craigslist: a search-results page yields links; a posting page yields the posting, or "expired". */
export function extractCraigslistPage($: CheerioAPI, url: string, fetchedAt: string | null, out: PageExtraction): void {
  if ($('li.result-row, li.cl-static-search-result, div.cl-search-result').length > 0) {
    out.links.push(...craigslistListing($, url));
    return;
  }
  const removed = $('.removed, #has_been_removed').text() + ' ' + $('body h2').text();
  if (CRAIGSLIST_GONE.test(removed)) {
    out.expired = true;
    return;
  }
  const title = $('#titletextonly').first().text().trim();
  if (!title) {
    out.problems.push({ reason: 'no_posting', detail: 'No #titletextonly: not a Craigslist posting or search page.' });
    return;
  }
  const body = $('#postingbody').clone();
  body.find('.print-information, .print-qrcode-container, .print-qrcode-label').remove();
  const attrs = craigslistAttrs($);
  const hood = $('.postingtitletext small').first().text().replace(/[()]/g, '').trim();
  const address = $('.mapaddress').first().text().trim();
  const postId = /post id:\s*(\d+)/i.exec($('.postinginfos').text())?.[1] ?? /\/(\d+)\.html$/.exec(url)?.[1] ?? null;
  const posted = $('.postinginfos time, .postinginfo time').first().attr('datetime') ?? $('time.timeago').first().attr('datetime');
  const canonical = canonicalUrl(url) ?? url;
  const city = $('meta[name="geo.placename"]').attr('content')?.trim();
  const region = $('meta[name="geo.region"]').attr('content')?.trim();
  const raw: RawPosting = {
    source: CRAWL_SOURCE_NAMES.craigslist,
    sourceId: postId ?? canonical,
    rowNumber: 1,
    url: canonical,
    title,
    company: null,
    description: body.html(),
    location: city ? [city, region?.replace(/^US-/, '')].filter(Boolean).join(', ') : address || hood || null,
    postedAt: posted ? looseDate(posted) : null,
    collectedAt: fetchedAt,
    payText: attrs.get('compensation') ?? null,
    employmentType: attrs.get('employment type') ?? null,
    workMode: /remote|telecommut/i.test(attrs.get('telecommuting') ?? attrs.get('remote') ?? '') ? 'Remote' : null,
    skills: [],
    industries: [],
    benefits: [],
  };
  out.postings.push(raw);
}
