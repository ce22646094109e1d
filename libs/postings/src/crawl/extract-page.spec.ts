import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createPostingNormalizer } from '../normalize/normalize-posting';
import { canonicalUrl } from './canonical-url';
import { adapterForUrl, extractPage } from './extract-page';
import { repairJsonLd } from './jsonld';
import { summarizePosting } from './posting-summary';
import type { CrawlAdapterName } from './types';

const DATA_DIR = path.resolve(__dirname, '../../../../../shared/data');
const FIXTURES = path.join(__dirname, 'fixtures');
const normalize = createPostingNormalizer({ skills: null, now: () => new Date('2026-12-01T00:00:00Z') });

function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

function summaries(adapter: CrawlAdapterName, url: string, body: string) {
  const result = extractPage(adapter, { url, body });
  return {
    result,
    docs: result.postings.map((r) => {
      const n = normalize(r);
      if (!n.ok) throw new Error(`rejected: ${n.reject.detail}`);
      return summarizePosting(n.doc);
    }),
  };
}

describe('canonicalUrl', () => {
  it('drops tracking parameters and the fragment, sorts the rest, lower-cases the host', () => {
    expect(canonicalUrl('https://WWW.Indeed.com/viewjob?utm_source=x&jk=abc&from=serp&a=1#top')).toBe('https://www.indeed.com/viewjob?a=1&jk=abc');
    expect(canonicalUrl('/jobs/1?gclid=zz', 'https://example.com/x')).toBe('https://example.com/jobs/1');
    expect(canonicalUrl('mailto:jobs@example.com')).toBeNull();
    expect(canonicalUrl('not a url')).toBeNull();
  });
});

describe('adapterForUrl', () => {
  it.each([
    ['https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true', 'greenhouse'],
    ['https://api.lever.co/v0/postings/northwind?mode=json', 'lever'],
    ['https://api.ashbyhq.com/posting-api/job-board/contoso', 'ashby'],
    ['https://api.smartrecruiters.com/v1/companies/Fabrikam/postings', 'smartrecruiters'],
    ['https://apply.workable.com/api/v1/widget/accounts/tailspin', 'workable'],
    ['https://sfbay.craigslist.org/search/sof', 'craigslist'],
    ['https://www.indeed.com/viewjob?jk=1', 'indeed'],
    ['https://jobs.acme.example/sitemap-jobs.xml', 'sitemap'],
    ['https://jobs.acme.example/careers/1', 'jsonld'],
  ])('%s -> %s', (url, adapter) => expect(adapterForUrl(url)).toBe(adapter));
});

describe('JSON-LD adapter', () => {
  it('reads JobPostings from @graph and top-level arrays, ignoring other types', () => {
    const { result, docs } = summaries('jsonld', 'https://jobs.acme.example/careers', fixture('jsonld-graph.html'));
    expect(result.problems).toEqual([]);
    expect(docs).toEqual([
      {
        title: 'Senior Data Engineer',
        company: 'Acme Corp',
        postedAt: '2026-11-20T00:00:00.000Z',
        validThrough: '2027-01-31T23:59:59.000Z',
        employmentType: 'full_time',
        workMode: null,
        location: { city: 'Austin', countryCode: 'US' },
        pay: { min: 140000, max: 175000, currency: 'USD', period: 'year' },
        url: 'https://jobs.acme.example/postings/123',
        sourceId: 'jobs.acme.example:123',
      },
      expect.objectContaining({
        title: 'Remote Support Specialist',
        workMode: 'remote',
        employmentType: 'part_time',
        location: { city: null, countryCode: 'US' },
        pay: { min: 25, max: 25, currency: 'USD', period: 'hour' },
      }),
    ]);
  });

  it('repairs CDATA, comments, raw control characters and trailing commas; reads non-ISO dates; drops UNAVAILABLE places and 0/0 pay', () => {
    const { result, docs } = summaries('jsonld', 'https://jobs.acme.example/w/1', fixture('jsonld-malformed.html'));
    expect(docs).toEqual([
      expect.objectContaining({
        title: 'Warehouse Associate',
        company: 'Northwind Logistics',
        postedAt: '2026-11-05T14:34:00.000Z',
        validThrough: '2026-12-31T00:00:00.000Z',
        employmentType: 'full_time',
        location: { city: null, countryCode: 'US' },
        pay: null,
      }),
    ]);
    // The entity-escaped description became sanitized HTML, not literal "&lt;p&gt;".
    const doc = normalize(result.postings[0]);
    expect(doc.ok && doc.doc.description).toContain('Pick and pack orders.');
    expect(doc.ok && doc.doc.description).not.toContain('&lt;');
    expect(doc.ok && doc.doc.description_html).toContain('<li>Forklift a plus</li>');
    // The second, truncated block is reported, not dropped silently.
    expect(result.problems).toEqual([expect.objectContaining({ reason: 'jsonld_malformed' })]);
  });

  it('keeps "//" inside strings while removing comments', () => {
    expect(JSON.parse(repairJsonLd('{"url": "https://a.example/x", // c\n "b": 1,}'))).toEqual({ url: 'https://a.example/x', b: 1 });
  });

  it('reports JSON-LD that is not a JobPosting', () => {
    const { result, docs } = summaries('jsonld', 'https://acme.example/blog/1', fixture('jsonld-not-jobposting.html'));
    expect(docs).toEqual([]);
    expect(result.problems).toEqual([{ reason: 'jsonld_not_jobposting', detail: expect.stringContaining('BlogPosting') }]);
  });

  it('reports a page without JSON-LD as no_posting and a non-HTML answer as not_html', () => {
    expect(extractPage('jsonld', { url: 'https://a.example/', body: '<html><body>hi</body></html>' }).problems[0].reason).toBe('no_posting');
    expect(extractPage('jsonld', { url: 'https://a.example/', body: '%PDF-1.4 ...', contentType: 'application/pdf' }).problems[0].reason).toBe('not_html');
  });
});

describe('Indeed adapter (real saved pages in DATA_DIR/html/indeed_posting_pages_2019)', () => {
  const dir = path.join(DATA_DIR, 'html/indeed_posting_pages_2019');
  const files = readdirSync(dir).filter((f) => f.endsWith('.html'));

  it('reads a title, location and description from every one of the 1,337 pages', () => {
    expect(files).toHaveLength(1337);
    let withCity = 0;
    for (const f of files) {
      const jk = f.replace(/_fccid\.html$/, '');
      const { result, docs } = summaries('indeed', `https://www.indeed.com/viewjob?jk=${jk}&from=serp`, readFileSync(path.join(dir, f), 'utf8'));
      expect(result.problems).toEqual([]);
      expect(docs).toHaveLength(1);
      expect(docs[0].title.length).toBeGreaterThan(1);
      expect(docs[0].url).toBe(`https://www.indeed.com/viewjob?jk=${jk}`);
      if (docs[0].location.city) withCity++;
    }
    expect(withCity / files.length).toBeGreaterThan(0.9);
  });

  it('splits "Title - City, ST ZIP" at the last dash', () => {
    const body = readFileSync(path.join(dir, '001b92395ed0fb62_fccid.html'), 'utf8');
    const { docs } = summaries('indeed', 'https://www.indeed.com/viewjob?jk=001b92395ed0fb62', body);
    expect(docs[0]).toEqual(expect.objectContaining({ title: 'Data Engineer', location: { city: 'Columbus', countryCode: 'US' }, sourceId: '001b92395ed0fb62' }));
  });
});

describe('Craigslist adapter', () => {
  it('follows the 144 postings of the real saved search page (legacy markup), canonical and unique', () => {
    const body = readFileSync(path.join(DATA_DIR, 'html/craigslist/sfbay_sof_search_results_2019-12-05.html'), 'utf8');
    const result = extractPage('craigslist', { url: 'https://sfbay.craigslist.org/search/sof', body });
    expect(result.postings).toEqual([]);
    expect(result.authoritative).toBe(false);
    expect(result.links).toHaveLength(144);
    expect(new Set(result.links.map((l) => l.url)).size).toBe(144);
    expect(result.links[0]).toEqual({ url: 'https://sfbay.craigslist.org/pen/sof/d/redwood-city-senior-software-engineer/7033007594.html', lastmod: '2019-12-05 14:34' });
  });

  it('reads the current posting markup', () => {
    const { docs } = summaries('craigslist', 'https://sfbay.craigslist.org/sfc/sof/d/x/7812345678.html', fixture('craigslist-posting-current.html'));
    expect(docs).toEqual([
      expect.objectContaining({
        title: 'Senior Backend Engineer (Go)',
        postedAt: '2026-11-30T17:12:44.000Z',
        employmentType: 'full_time',
        location: { city: 'San Francisco', countryCode: 'US' },
        pay: { min: 170000, max: 200000, currency: 'USD', period: 'year' },
        sourceId: '7812345678',
      }),
    ]);
  });

  it('reads the legacy posting markup', () => {
    const { docs } = summaries('craigslist', 'https://sfbay.craigslist.org/eby/web/d/x/6998877665.html', fixture('craigslist-posting-legacy.html'));
    expect(docs).toEqual([
      expect.objectContaining({ title: 'Part-time Web Developer', employmentType: 'part_time', pay: { min: 35, max: 35, currency: 'USD', period: 'hour' }, sourceId: '6998877665' }),
    ]);
  });

  it.each(['craigslist-expired.html', 'craigslist-deleted.html'])('%s says the posting is gone', (file) => {
    const result = extractPage('craigslist', { url: 'https://sfbay.craigslist.org/sfc/sof/d/x/1.html', body: fixture(file) });
    expect(result).toEqual(expect.objectContaining({ expired: true, postings: [], problems: [] }));
  });
});

describe('job-board API adapters', () => {
  it('Greenhouse: entity-escaped content, board-scoped ids, authoritative', () => {
    const { result, docs } = summaries('greenhouse', 'https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true', fixture('greenhouse-jobs.json'));
    expect(result.authoritative).toBe(true);
    expect(result.postings.map((p) => [p.source, p.sourceId])).toEqual([['crawl_greenhouse', 'acme:4012345'], ['crawl_greenhouse', 'acme:4012399']]);
    expect(docs[0]).toEqual(expect.objectContaining({ title: 'Site Reliability Engineer', company: 'Acme', location: { city: 'New York', countryCode: 'US' }, url: 'https://boards.greenhouse.io/acme/jobs/4012345' }));
    expect(docs[0].pay).toEqual({ min: 150000, max: 180000, currency: 'USD', period: 'year' });
  });

  it('Lever: commitment, workplace type, salary range', () => {
    const { result, docs } = summaries('lever', 'https://api.lever.co/v0/postings/northwind?mode=json', fixture('lever-postings.json'));
    expect(result.authoritative).toBe(true);
    expect(docs[0]).toEqual(expect.objectContaining({
      title: 'Build Engineer', employmentType: 'full_time', workMode: 'hybrid', postedAt: '2025-11-24T16:00:00.000Z',
      location: { city: 'Toronto', countryCode: 'CA' }, pay: { min: 120000, max: 145000, currency: 'CAD', period: 'year' },
    }));
    expect(docs[1]).toEqual(expect.objectContaining({ title: 'Illustrator', employmentType: 'part_time', workMode: 'remote' }));
  });

  it('Ashby: listed jobs only, compensation components', () => {
    const { result, docs } = summaries('ashby', 'https://api.ashbyhq.com/posting-api/job-board/contoso?includeCompensation=true', fixture('ashby-job-board.json'));
    expect(docs).toEqual([
      expect.objectContaining({ title: 'Machine Learning Engineer', employmentType: 'full_time', workMode: 'hybrid', location: { city: 'London', countryCode: 'GB' }, pay: { min: 90000, max: 110000, currency: 'GBP', period: 'year' } }),
    ]);
    expect(result.postings[0].sourceId).toBe('contoso:2e7a8c9e-6d3f-4f7a-9b1e-0c1d2e3f4a5b');
  });

  it('SmartRecruiters: the list links to each posting, a posting reads its job ad', () => {
    const list = extractPage('smartrecruiters', { url: 'https://api.smartrecruiters.com/v1/companies/Fabrikam/postings', body: fixture('smartrecruiters-postings.json') });
    expect(list.authoritative).toBe(true);
    expect(list.links).toEqual([{ url: 'https://api.smartrecruiters.com/v1/companies/Fabrikam/postings/744000012345678', lastmod: '2026-11-22T15:04:05.000Z' }]);
    const { docs } = summaries('smartrecruiters', list.links[0].url, fixture('smartrecruiters-posting.json'));
    expect(docs).toEqual([
      expect.objectContaining({ title: 'Store Manager', company: 'Fabrikam', employmentType: 'full_time', location: { city: 'Chicago', countryCode: 'US' }, pay: { min: 65000, max: 75000, currency: 'USD', period: 'year' }, sourceId: 'Fabrikam:744000012345678' }),
    ]);
  });

  it('Workable: telecommuting, locations, an item without title is reported', () => {
    const { result, docs } = summaries('workable', 'https://apply.workable.com/api/v1/widget/accounts/tailspin?details=true', fixture('workable-widget.json'));
    expect(docs).toEqual([expect.objectContaining({ title: 'QA Analyst', company: 'Tailspin Toys', employmentType: 'contract', workMode: 'remote', location: { city: 'Berlin', countryCode: 'DE' }, postedAt: '2026-11-26T00:00:00.000Z' })]);
    expect(result.problems).toEqual([{ reason: 'invalid_item', detail: expect.stringContaining('NOTITLE01') }]);
  });

  it('an answer that is not JSON is not_json, never a crash', () => {
    expect(extractPage('greenhouse', { url: 'https://boards-api.greenhouse.io/v1/boards/a/jobs', body: '<html>maintenance</html>' }).problems[0].reason).toBe('not_json');
  });
});

describe('sitemap adapter', () => {
  it('lists every loc with its lastmod, canonical', () => {
    const result = extractPage('sitemap', { url: 'https://jobs.acme.example/sitemap.xml', body: fixture('sitemap.xml') });
    expect(result.authoritative).toBe(true);
    expect(result.links).toEqual([
      { url: 'https://jobs.acme.example/postings/123', lastmod: '2026-11-20' },
      { url: 'https://jobs.acme.example/postings/124', lastmod: '2026-11-28T10:00:00+00:00' },
      { url: 'https://jobs.acme.example/postings/125', lastmod: null },
    ]);
    expect(extractPage('sitemap', { url: 'https://a.example/sitemap.xml', body: '<html></html>' }).problems[0].reason).toBe('not_xml');
  });
});
