import type { RawPosting, SourceName } from '@jobportal/contracts';
import { canonicalUrl } from './canonical-url';
import { looseDate } from './loose-date';
import { CRAWL_SOURCE_NAMES, type PageExtraction } from './types';

/*
 * The public job-board APIs (no key needed). Each maps the vendor's documented response onto
 * RawPosting; a listing is authoritative (it holds every live posting of the board), so a posting
 * missing from two listings in a row expires. Items that lack an id or title are counted as
 * `invalid_item`, never dropped silently.
 */

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : null;
}
function s(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}
function n(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : null;
}
function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
function join(...parts: Array<string | null | undefined>): string | null {
  const kept = parts.filter((p): p is string => Boolean(p && p.trim()));
  return kept.length ? kept.join(', ') : null;
}

const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region' });

/** "CA" -> "Canada": a bare two-letter code after a city reads as a US state ("Toronto, CA", "Berlin, DE"). */
function countryName(code: string | null): string | null {
  if (!code || !/^[a-z]{2}$/i.test(code)) return code;
  try {
    return REGION_NAMES.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

function base(source: SourceName, sourceId: string, rowNumber: number, fetchedAt: string | null): RawPosting {
  return { source, sourceId, rowNumber, collectedAt: fetchedAt, skills: [], industries: [], benefits: [] };
}

/** The board name: the path segment after the one the vendor's API puts before it. */
function boardOf(url: string, after: string): string {
  const parts = new URL(url).pathname.split('/').filter(Boolean);
  const i = parts.indexOf(after);
  return (i >= 0 ? parts[i + 1] : parts[parts.length - 1]) ?? 'board';
}

function push(out: PageExtraction, raw: RawPosting, item: unknown): void {
  if (!raw.title || !raw.sourceId) {
    out.problems.push({ reason: 'invalid_item', detail: `Listing item ${raw.rowNumber} has no ${raw.title ? 'id' : 'title'}: ${JSON.stringify(item).slice(0, 200)}` });
    return;
  }
  out.postings.push(raw);
}

/** Greenhouse Job Board API: GET boards-api.greenhouse.io/v1/boards/{board}/jobs?content=true -> { jobs: [...], meta }. */
export function extractGreenhouse(data: unknown, url: string, fetchedAt: string | null, out: PageExtraction): void {
  const jobs = obj(data)?.['jobs'];
  if (!Array.isArray(jobs)) {
    out.problems.push({ reason: 'no_posting', detail: 'Greenhouse answer has no "jobs" array.' });
    return;
  }
  const board = boardOf(url, 'boards');
  out.authoritative = true;
  jobs.forEach((item, i) => {
    const j = obj(item) ?? {};
    const id = s(j['id']);
    const loc = obj(j['location']);
    const link = s(j['absolute_url']);
    push(out, {
      ...base(CRAWL_SOURCE_NAMES.greenhouse, id ? `${board}:${id}` : '', i + 1, fetchedAt),
      url: link ? canonicalUrl(link) : null,
      applyUrl: link ? canonicalUrl(link) : null,
      title: s(j['title']),
      company: s(j['company_name']) ?? board,
      // content is the description as entity-escaped HTML; the text normalizer decodes and sanitizes it.
      description: s(j['content']),
      location: s(loc?.['name']),
      postedAt: looseDate(j['first_published'] ?? j['updated_at']),
      industries: list(j['departments']).map((d) => s(obj(d)?.['name'])).filter((x): x is string => x !== null),
    }, item);
  });
}

const LEVER_WORKPLACE: Record<string, string> = { remote: 'Remote', hybrid: 'Hybrid', 'on-site': 'Onsite', onsite: 'Onsite' };
const LEVER_INTERVAL: Record<string, string> = {
  'per-year-salary': 'year', 'per-month-salary': 'month', 'per-week-salary': 'week', 'per-day-wage': 'day', 'per-hour-wage': 'hour',
};

/** Lever Postings API: GET api.lever.co/v0/postings/{site}?mode=json -> [ posting, ... ]. */
export function extractLever(data: unknown, url: string, fetchedAt: string | null, out: PageExtraction): void {
  if (!Array.isArray(data)) {
    out.problems.push({ reason: 'no_posting', detail: 'Lever answer is not an array of postings.' });
    return;
  }
  const site = boardOf(url, 'postings');
  out.authoritative = true;
  data.forEach((item, i) => {
    const p = obj(item) ?? {};
    const cat = obj(p['categories']) ?? {};
    const id = s(p['id']);
    const lists = list(p['lists']).map((l) => `<h3>${s(obj(l)?.['text']) ?? ''}</h3><ul>${s(obj(l)?.['content']) ?? ''}</ul>`).join('');
    const salary = obj(p['salaryRange']);
    push(out, {
      ...base(CRAWL_SOURCE_NAMES.lever, id ? `${site}:${id}` : '', i + 1, fetchedAt),
      url: s(p['hostedUrl']) ? canonicalUrl(s(p['hostedUrl'])!) : null,
      applyUrl: s(p['applyUrl']),
      title: s(p['text']),
      company: site,
      description: `${s(p['description']) ?? ''}${lists}${s(p['additional']) ?? ''}` || s(p['descriptionPlain']),
      location: join(s(cat['location']), countryName(s(p['country']))),
      postedAt: typeof p['createdAt'] === 'number' ? p['createdAt'] : null,
      employmentType: s(cat['commitment']),
      workMode: LEVER_WORKPLACE[s(p['workplaceType']) ?? ''] ?? null,
      payMin: n(salary?.['min']),
      payMax: n(salary?.['max']),
      payCurrency: s(salary?.['currency']),
      payPeriod: LEVER_INTERVAL[s(salary?.['interval']) ?? ''] ?? null,
      industries: [s(cat['department']), s(cat['team'])].filter((x): x is string => x !== null),
    }, item);
  });
}

const ASHBY_EMPLOYMENT: Record<string, string> = { FullTime: 'full time', PartTime: 'part time', Intern: 'internship', Contract: 'contract', Temporary: 'temporary' };
const ASHBY_WORKPLACE: Record<string, string> = { Remote: 'Remote', Hybrid: 'Hybrid', OnSite: 'Onsite' };
const ASHBY_INTERVAL: Record<string, string> = { '1 YEAR': 'year', '1 MONTH': 'month', '1 WEEK': 'week', '1 DAY': 'day', '1 HOUR': 'hour' };

/** Ashby Job Postings API: GET api.ashbyhq.com/posting-api/job-board/{board}?includeCompensation=true -> { apiVersion, jobs }. */
export function extractAshby(data: unknown, url: string, fetchedAt: string | null, out: PageExtraction): void {
  const jobs = obj(data)?.['jobs'];
  if (!Array.isArray(jobs)) {
    out.problems.push({ reason: 'no_posting', detail: 'Ashby answer has no "jobs" array.' });
    return;
  }
  const board = boardOf(url, 'job-board');
  out.authoritative = true;
  jobs.forEach((item, i) => {
    const j = obj(item) ?? {};
    // Unlisted postings are reachable by link but not on the board: not ours to index.
    if (j['isListed'] === false) return;
    const id = s(j['id']);
    const address = obj(obj(j['address'])?.['postalAddress']);
    const salary = list(obj(j['compensation'])?.['summaryComponents'])
      .map(obj)
      .find((c) => c?.['compensationType'] === 'Salary');
    push(out, {
      ...base(CRAWL_SOURCE_NAMES.ashby, id ? `${board}:${id}` : '', i + 1, fetchedAt),
      url: s(j['jobUrl']) ? canonicalUrl(s(j['jobUrl'])!) : null,
      applyUrl: s(j['applyUrl']),
      title: s(j['title']),
      company: board,
      description: s(j['descriptionHtml']) ?? s(j['descriptionPlain']),
      location: address ? join(s(address['addressLocality']), s(address['addressRegion']), s(address['addressCountry'])) : s(j['location']),
      postedAt: looseDate(j['publishedAt']),
      employmentType: ASHBY_EMPLOYMENT[s(j['employmentType']) ?? ''] ?? s(j['employmentType']),
      workMode: ASHBY_WORKPLACE[s(j['workplaceType']) ?? ''] ?? (j['isRemote'] === true ? 'Remote' : null),
      payMin: n(salary?.['minValue']),
      payMax: n(salary?.['maxValue']),
      payCurrency: s(salary?.['currencyCode']),
      payPeriod: ASHBY_INTERVAL[s(salary?.['interval']) ?? ''] ?? null,
      industries: [s(j['department']), s(j['team'])].filter((x): x is string => x !== null),
    }, item);
  });
}

/**
 * SmartRecruiters Posting API: the list GET api.smartrecruiters.com/v1/companies/{company}/postings
 * -> { totalFound, content: [...] } carries no description, so its items are followed (`ref`);
 * a posting GET .../postings/{id} -> { id, name, jobAd: { sections } } is the posting.
 */
export function extractSmartRecruiters(data: unknown, url: string, fetchedAt: string | null, out: PageExtraction): void {
  const d = obj(data);
  if (Array.isArray(d?.['content'])) {
    out.authoritative = true;
    for (const item of d['content'] as unknown[]) {
      const ref = s(obj(item)?.['ref']) ?? (s(obj(item)?.['id']) ? `${url.replace(/[?#].*$/, '').replace(/\/$/, '')}/${s(obj(item)?.['id'])}` : null);
      if (ref) out.links.push({ url: ref, lastmod: s(obj(item)?.['releasedDate']) });
      else out.problems.push({ reason: 'invalid_item', detail: `SmartRecruiters listing item without id: ${JSON.stringify(item).slice(0, 200)}` });
    }
    return;
  }
  if (!d || !s(d['id'])) {
    out.problems.push({ reason: 'no_posting', detail: 'SmartRecruiters answer is neither a postings list nor a posting.' });
    return;
  }
  const company = obj(d['company']);
  const loc = obj(d['location']) ?? {};
  const sections = obj(obj(d['jobAd'])?.['sections']) ?? {};
  const description = ['companyDescription', 'jobDescription', 'qualifications', 'additionalInformation']
    .map((k) => obj(sections[k]))
    .filter((x): x is Obj => x !== null && Boolean(s(x['text'])))
    .map((x) => `<h3>${s(x['title']) ?? ''}</h3>${s(x['text'])}`)
    .join('');
  push(out, {
    ...base(CRAWL_SOURCE_NAMES.smartrecruiters, `${s(company?.['identifier']) ?? 'company'}:${s(d['id'])}`, 1, fetchedAt),
    url: s(d['postingUrl']) ? canonicalUrl(s(d['postingUrl'])!) : canonicalUrl(url),
    applyUrl: s(d['applyUrl']),
    title: s(d['name']),
    company: s(company?.['name']),
    description: description || null,
    location: s(loc['fullLocation']) ?? join(s(loc['city']), s(loc['region']), s(loc['country'])?.toUpperCase()),
    postedAt: looseDate(d['releasedDate']),
    employmentType: s(obj(d['typeOfEmployment'])?.['label']),
    experience: s(obj(d['experienceLevel'])?.['label']),
    workMode: loc['remote'] === true ? 'Remote' : loc['hybrid'] === true ? 'Hybrid' : null,
    industries: [s(obj(d['industry'])?.['label'])].filter((x): x is string => x !== null),
  }, d);
}

/** Workable widget API: GET apply.workable.com/api/v1/widget/accounts/{account}?details=true -> { name, jobs }. */
export function extractWorkable(data: unknown, url: string, fetchedAt: string | null, out: PageExtraction): void {
  const d = obj(data);
  const jobs = d?.['jobs'];
  if (!Array.isArray(jobs)) {
    out.problems.push({ reason: 'no_posting', detail: 'Workable answer has no "jobs" array.' });
    return;
  }
  const account = boardOf(url, 'accounts');
  out.authoritative = true;
  jobs.forEach((item, i) => {
    const j = obj(item) ?? {};
    const code = s(j['shortcode']);
    const loc = obj(list(j['locations'])[0]);
    const link = s(j['url']) ?? s(j['shortlink']);
    push(out, {
      ...base(CRAWL_SOURCE_NAMES.workable, code ? `${account}:${code}` : '', i + 1, fetchedAt),
      url: link ? canonicalUrl(link) : null,
      applyUrl: s(j['application_url']),
      title: s(j['title']),
      company: s(d?.['name']) ?? account,
      description: s(j['description']),
      location: loc ? join(s(loc['city']), s(loc['region']), countryName(s(loc['countryCode'])) ?? s(loc['country'])) : join(s(j['city']), s(j['state']), s(j['country'])),
      postedAt: looseDate(j['published_on'] ?? j['created_at']),
      employmentType: s(j['employment_type']),
      experience: s(j['experience']),
      education: s(j['education']),
      workMode: j['telecommuting'] === true ? 'Remote' : null,
      industries: [s(j['industry']), s(j['department'])].filter((x): x is string => x !== null),
    }, item);
  });
}
