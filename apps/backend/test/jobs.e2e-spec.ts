import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { loadConfig, type AppConfig } from '@jobportal/config';
import type { Facet, JobCategory, JobDetail, JobSearchResponse, JobSummary, LocationSuggestion, SuggestResponse } from '@jobportal/contracts';
import { buildJobSearchRequest, createSearchClient, deleteIndex, type Client } from '@jobportal/search';
import { createApp } from '../src/app.factory';
import { REPO_ROOT, startElasticsearch, stopElasticsearch, waitFor } from '../../../test/support/stack';

/**
 * The job-search API against a real Elasticsearch holding the six real sample datasets, imported
 * afresh by the ingest CLI (the same pipeline as production) into an index of its own.
 */
const PREFIX = 'e2e-jobs-';
const SAMPLE_POSTINGS = 3211;

type Query = Record<string, string | number | Array<string | number>>;

function qs(query: Query): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, String(x));
  return p.toString();
}

function importSamples(env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  const cli = resolve(REPO_ROOT, 'workers/dist/cli/ingest.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build:server" first.`);
  return new Promise((done) => {
    const child = spawn('node', [cli, '--samples', '--refresh'], { env, cwd: REPO_ROOT });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => done({ code: code ?? -1, out }));
  });
}

const bucketsOf = (res: JobSearchResponse, key: string) => (res.facets.find((f: Facet) => f.key === key) ?? { buckets: [] }).buckets;
const text = (h: JobSummary) => h.title.toLowerCase();

describe('job search API (real Elasticsearch, real samples)', () => {
  const env = { ...process.env, NODE_ENV: 'test', ES_INDEX_PREFIX: PREFIX, ES_REQUEST_TIMEOUT_MS: '5000' };
  let config: AppConfig;
  let app: INestApplication;
  let es: Client;

  const get = (path: string, query: Query = {}) => request(app.getHttpServer()).get(`${path}${Object.keys(query).length ? `?${qs(query)}` : ''}`);

  async function search(query: Query): Promise<JobSearchResponse> {
    const res = await get('/api/jobs/search', query);
    if (res.status !== 200) throw new Error(`search ${qs(query)} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as JobSearchResponse;
  }

  /** Every job of a search, following nextCursor. */
  async function walk(query: Query, size: number): Promise<JobSummary[]> {
    const out: JobSummary[] = [];
    let after: string | null = null;
    for (let i = 0; i < 200; i++) {
      const page: JobSearchResponse = await search({ ...query, size, ...(after ? { after } : {}) });
      out.push(...page.hits);
      after = page.nextCursor;
      if (!after) return out;
    }
    throw new Error('cursor paging did not end');
  }

  /** Every job of a search, page by page. */
  async function pages(query: Query, size: number): Promise<JobSummary[]> {
    const out: JobSummary[] = [];
    for (let page = 1; page <= 100; page++) {
      const res = await search({ ...query, size, page });
      out.push(...res.hits);
      if (res.hits.length < size) return out;
    }
    throw new Error('page paging did not end');
  }

  beforeAll(async () => {
    config = loadConfig(env);
    es = createSearchClient({ node: config.elastic.node });
    // Always from scratch, so every run sees the same data.
    await deleteIndex(es, 'postings', { prefix: PREFIX });
    const imported = await importSamples(env);
    if (imported.code !== 0) throw new Error(`sample import failed (${imported.code}):\n${imported.out}`);
    const count = await es.count({ index: `${PREFIX}postings` });
    expect(count.count).toBe(SAMPLE_POSTINGS);
    app = await createApp(config, { logger: false });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await es?.close();
  });

  describe('relevance', () => {
    it('"data engineer" ranks data engineer titles first', async () => {
      const res = await search({ q: 'data engineer' });
      expect(res.hits.length).toBeGreaterThanOrEqual(5);
      for (const h of res.hits.slice(0, 5)) expect(text(h)).toContain('data engineer');
    });

    it('"enginer" (a typo) finds engineers', async () => {
      const res = await search({ q: 'enginer', size: 10 });
      expect(res.total.value).toBeGreaterThan(100);
      expect(res.hits.filter((h) => text(h).includes('engineer')).length).toBeGreaterThanOrEqual(9);
    });

    it('"rn" finds registered nurses through the job-title synonyms', async () => {
      const all = await walk({ q: 'rn' }, 100);
      const isNurse = (h: JobSummary) => /registered nurse|\bRN\b/i.test(h.title);
      const nurses = all.filter(isNurse);
      expect(nurses.length).toBeGreaterThanOrEqual(5);
      // Every posting titled "Registered Nurse" or "RN" ranks above every other match.
      expect(all.slice(0, nurses.length).every(isNurse)).toBe(true);
      // Including titles that say only "Registered Nurse": the synonym at work.
      expect(nurses.some((h) => /registered nurse/i.test(h.title) && !/\bRN\b/.test(h.title))).toBe(true);
    });

    it('the recency boost never zeroes undated postings: they still outrank weaker dated matches', async () => {
      const all = await walk({ q: 'rn' }, 100);
      const firstUndated = all.findIndex((h) => h.postedAt === null);
      const lastDated = all.map((h) => h.postedAt !== null).lastIndexOf(true);
      expect(firstUndated).toBeGreaterThanOrEqual(0);
      expect(firstUndated).toBeLessThan(lastDated);
      expect(all[firstUndated].title).toMatch(/registered nurse|\bRN\b/i);
    });

    it('takes any text as words, never as query syntax', async () => {
      for (const q of ['c++ "developer" (remote) -senior', 'AND OR NOT *', '\\ / [ ] { } ~ ^ :', '<script>alert(1)</script>']) {
        const res = await get('/api/jobs/search', { q });
        expect({ q, status: res.status }).toEqual({ q, status: 200 });
      }
      for (const q of ['c++', '.*', '(', 'a|b']) {
        const res = await get('/api/jobs/suggest', { q });
        expect({ q, status: res.status }).toEqual({ q, status: 200 });
      }
    });

    it('highlights matches with <mark> and escapes everything else', async () => {
      const res = await search({ q: 'nurse', size: 20 });
      const withTitle = res.hits.filter((h) => h.highlights.title);
      expect(withTitle.length).toBeGreaterThan(0);
      expect(withTitle[0].highlights.title).toMatch(/<mark>nurse<\/mark>/i);
      for (const h of res.hits) {
        for (const fragment of [h.highlights.title ?? '', ...(h.highlights.description ?? [])]) {
          expect(fragment.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
        }
      }
      // Words matched across fields are marked too (the place in the location, the job in the title).
      const across = await search({ q: 'nurse san antonio' });
      expect(across.hits.length).toBeGreaterThan(0);
      for (const h of across.hits) expect(h.highlights.title ?? h.highlights.description?.[0]).toMatch(/<mark>/);
    });

    it('shows a job reposted under another id once, while the total counts postings', async () => {
      // Tech Jobs for Good lists CyberCoders' "Junior Java Developer" in San Ramon twice, under two URLs.
      const query = { q: 'junior java developer', company: 'CyberCoders', source: 'tjfg_indeed_2020' };
      const res = await search(query);
      const ids = res.hits.map((h) => h.id);
      const details = await Promise.all(ids.map(async (id) => (await get(`/api/jobs/${id}`)).body as JobDetail));
      const fingerprints = details.map((d) => d.fingerprint);
      expect(new Set(fingerprints).size).toBe(fingerprints.length);
      expect(res.total.value).toBeGreaterThan(res.hits.length);
    });
  });

  describe('filters and facets', () => {
    it('workMode=remote returns only remote postings while the workMode facet still counts hybrid and onsite', async () => {
      const all = await walk({ workMode: 'remote' }, 100);
      expect(all.length).toBeGreaterThan(100);
      for (const h of all) expect(h.workMode).toBe('remote');
      const res = await search({ workMode: 'remote' });
      const modes = Object.fromEntries(bucketsOf(res, 'workMode').map((b) => [b.value, b]));
      expect(modes.remote).toMatchObject({ selected: true, count: res.total.value });
      expect(modes.hybrid.count).toBeGreaterThan(0);
      expect(modes.onsite.count).toBeGreaterThan(0);
      expect(modes.hybrid.selected).toBe(false);
    });

    it('takes repeated keys and comma lists alike', async () => {
      const repeated = await search({ workMode: ['remote', 'hybrid'] });
      const commas = await search({ workMode: 'remote,hybrid' });
      expect(commas.total).toEqual(repeated.total);
      const remote = await search({ workMode: 'remote' });
      const hybrid = await search({ workMode: 'hybrid' });
      expect(repeated.total.value).toBe(remote.total.value + hybrid.total.value);
      expect(bucketsOf(repeated, 'workMode').filter((b) => b.selected).map((b) => b.value).sort()).toEqual(['hybrid', 'remote']);
    });

    /** The bucket's count is the total of the same search with that bucket's value added. */
    async function expectCountsMatchFilteredTotals(base: Query, key: string, param: string, limit: number) {
      const res = await search(base);
      const buckets = bucketsOf(res, key).filter((b) => !b.selected).slice(0, limit);
      expect(buckets.length).toBeGreaterThan(0);
      for (const b of buckets) {
        const existing = base[param];
        const values = existing === undefined ? [b.value] : [...(Array.isArray(existing) ? existing : [existing]), b.value];
        const filtered = await search({ ...base, [param]: values.map(String) });
        expect({ key, value: b.value, total: filtered.total.value }).toEqual({ key, value: b.value, total: b.count });
      }
    }

    it.each([
      ['workMode', 'workMode', 3],
      ['experience', 'experience', 6],
      ['employmentType', 'employmentType', 4],
      ['source', 'source', 6],
      ['company', 'company', 3],
      ['skills', 'skills', 3],
      ['location', 'place', 4],
    ])('facet %s counts equal the totals of the filtered searches (no other filter)', async (key, param, limit) => {
      await expectCountsMatchFilteredTotals({ q: 'engineer' }, key, param, limit);
    });

    it.each([
      ['experience', 'experience', 4],
      ['skills', 'skills', 3],
      ['location', 'place', 3],
    ])('facet %s counts equal the totals of the filtered searches with other filters active', async (key, param, limit) => {
      await expectCountsMatchFilteredTotals({ workMode: 'remote', employmentType: 'full_time' }, key, param, limit);
    });

    it('pay band counts equal the totals of the payMin/payMax searches they stand for', async () => {
      const res = await search({ q: 'engineer' });
      const bands = bucketsOf(res, 'pay');
      expect(bands.length).toBeGreaterThanOrEqual(4);
      for (const b of bands) {
        const [min, max] = b.value.split('-');
        const filtered = await search({ q: 'engineer', ...(min ? { payMin: min } : {}), ...(max ? { payMax: max } : {}) });
        expect({ band: b.value, total: filtered.total.value }).toEqual({ band: b.value, total: b.count });
        const again = await search({ q: 'engineer', ...(min ? { payMin: min } : {}), ...(max ? { payMax: max } : {}) });
        expect(bucketsOf(again, 'pay').find((x) => x.value === b.value)?.selected).toBe(true);
      }
    });

    it('payMin matches postings whose annual range reaches it, payMax those starting at or below it', async () => {
      const rich = await walk({ payMin: 100000 }, 100);
      expect(rich.length).toBeGreaterThan(50);
      for (const h of rich) expect(h.pay!.annualMax ?? h.pay!.annualMin!).toBeGreaterThanOrEqual(100000);
      const modest = await walk({ payMax: 40000 }, 100);
      expect(modest.length).toBeGreaterThan(10);
      for (const h of modest) expect(h.pay!.annualMin ?? h.pay!.annualMax!).toBeLessThanOrEqual(40000);
      // An hourly posting is compared by its annualized figures.
      expect(rich.concat(modest).some((h) => h.pay!.period !== 'year')).toBe(true);
    });

    it('a radius search returns only postings inside the radius, with their distance', async () => {
      const res = await search({ location: 'San Francisco, CA', radius: '25mi' });
      expect(res.resolvedLocation).toMatchObject({ city: 'San Francisco', regionCode: 'CA', radius: '25mi' });
      const all = await walk({ location: 'San Francisco, CA', radius: '25mi' }, 100);
      expect(all.length).toBeGreaterThan(100);
      for (const h of all) {
        expect(h.distance).toBeDefined();
        expect(h.distance!).toBeLessThanOrEqual(25.05);
      }
      // Nearby cities count, not only the city itself.
      expect(new Set(all.map((h) => h.location.city)).size).toBeGreaterThan(3);
      const km = await search({ location: 'San Francisco, CA', radius: '40km', size: 100 });
      for (const h of km.hits) expect(h.distance!).toBeLessThanOrEqual(40.05);
    });

    it('a location without radius keeps to the place itself; a state keeps to the state', async () => {
      const city = await walk({ location: 'San Francisco, CA' }, 100);
      expect(city.length).toBeGreaterThan(50);
      for (const h of city) expect(h.location).toMatchObject({ city: 'San Francisco', regionCode: 'CA' });
      const state = await search({ location: 'Texas', radius: '25mi', size: 100 });
      expect(state.resolvedLocation).toMatchObject({ region: 'Texas', city: null, radius: null });
      expect(state.hits.length).toBeGreaterThan(0);
      for (const h of state.hits) expect(h.location.regionCode).toBe('TX');
    });
  });

  describe('sorting and paging', () => {
    it('sorts by date (undated last) and by pay (without pay last)', async () => {
      const byDate = await search({ sort: 'date', size: 100, source: 'linkedin_2023_24' });
      const dates = byDate.hits.map((h) => (h.postedAt ? Date.parse(h.postedAt) : 0));
      expect(dates).toEqual([...dates].sort((a, b) => b - a));
      const byPay = await search({ sort: 'pay', size: 100, q: 'engineer' });
      const pays = byPay.hits.map((h) => h.pay?.annualMax ?? -Infinity);
      expect(pays).toEqual([...pays].sort((a, b) => b - a));
      expect(pays[0]).toBeGreaterThan(100000);
    });

    it.each([
      ['date, browsing a source with reposts', { sort: 'date', source: 'tjfg_indeed_2020' }],
      ['relevance, a text search', { q: 'data', workMode: ['remote', 'onsite'] }],
      ['pay', { sort: 'pay', source: ['indeed_2019', 'linkedin_2024'], experience: 'mid_senior' }],
    ])('deep paging with `after` (%s) visits every job once, as page paging does', async (_name, query) => {
      const byCursor = await walk(query as Query, 50);
      const byPage = await pages(query as Query, 100);
      expect(byCursor.length).toBeGreaterThan(150);
      const ids = byCursor.map((h) => h.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(byPage.map((h) => h.id));
      // One job per fingerprint: as many jobs as distinct fingerprints among the matching postings.
      const first = await search(query as Query);
      const distinct = await es.search({
        index: `${PREFIX}postings`,
        size: 0,
        query: { terms: { id: ids } },
        aggs: { fp: { cardinality: { field: 'fingerprint', precision_threshold: 10000 } } },
      });
      expect((distinct.aggregations as { fp: { value: number } }).fp.value).toBe(ids.length);
      expect(first.total.value).toBeGreaterThanOrEqual(ids.length);
    });

    it.each([
      ['date, a source with reposts', { sort: 'date', source: 'tjfg_indeed_2020' }],
      ['date, a text search', { sort: 'date', q: 'developer' }],
      ['pay, with a filter', { sort: 'pay', experience: 'mid_senior' }],
    ])('date and pay pages, found without collapse, list what Elasticsearch collapse lists (%s)', async (_name, query) => {
      const index = `${PREFIX}postings`;
      const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
      for (const page of [1, 2, 5]) {
        const size = 20;
        const api = await search({ ...query, size, page } as Query);
        // The parameters as the API's validation hands them to the service (lists as arrays).
        const lists = Object.fromEntries(Object.entries(query).filter(([k]) => k === 'source' || k === 'experience').map(([k, v]) => [k, [v]]));
        const params = { ...query, ...lists, size, page } as Parameters<typeof buildJobSearchRequest>[0];
        const { aggs: _aggs, ...collapsed } = buildJobSearchRequest(params, { index, now, place: null });
        expect(collapsed.collapse).toEqual({ field: 'fingerprint' });
        const truth = await es.search(collapsed);
        expect(api.hits.map((h) => h.id)).toEqual(truth.hits.hits.map((h) => h._id));
        expect(api.total.value).toBe((truth.hits.total as { value: number }).value);
        if (page === 1) expect(api.hits.length).toBe(size);
      }
    });

    it('the reposts a cursor walk folds are exactly the extra postings in the total', async () => {
      const query = { sort: 'date', source: 'tjfg_indeed_2020' };
      const jobs = await walk(query, 50);
      const { total } = await search(query);
      const fps = await es.search({
        index: `${PREFIX}postings`,
        size: 0,
        query: { term: { source: 'tjfg_indeed_2020' } },
        aggs: { fp: { cardinality: { field: 'fingerprint', precision_threshold: 10000 } } },
      });
      expect(jobs.length).toBe((fps.aggregations as { fp: { value: number } }).fp.value);
      expect(total.value).toBeGreaterThan(jobs.length);
    });
  });

  describe('bad input answers 400 with the field and the reason', () => {
    it.each([
      ['an unknown work mode', { workMode: 'sometimes' }, 'workMode'],
      ['an unknown value in a comma list', { experience: 'entry,guru' }, 'experience'],
      ['size over 100', { size: 101 }, 'size'],
      ['size zero', { size: 0 }, 'size'],
      ['a page that is not a number', { page: 'two' }, 'page'],
      ['q over 256 characters', { q: 'x'.repeat(257) }, 'q'],
      ['radius without location', { radius: '25mi' }, 'radius'],
      ['a radius without a unit', { location: 'Boston, MA', radius: '25' }, 'radius'],
      ['a radius over 500', { location: 'Boston, MA', radius: '900km' }, 'radius'],
      ['payMin above payMax', { payMin: 100000, payMax: 50000 }, 'payMax'],
      ['negative pay', { payMin: -1 }, 'payMin'],
      ['an unparseable cursor', { after: 'not-a-cursor' }, 'after'],
      ['a cursor of another sort', { after: Buffer.from('[1,"x"]').toString('base64url') }, 'after'],
      ['a cursor with a page', { sort: 'date', after: Buffer.from('[1,"x"]').toString('base64url'), page: 2 }, 'after'],
      ['page * size over 10000', { page: 101, size: 100 }, 'page'],
      ['an unknown sort', { sort: 'best' }, 'sort'],
      ['an unknown postedWithin', { postedWithin: '2d' }, 'postedWithin'],
      ['an unknown source', { source: 'monster' }, 'source'],
      ['a malformed place', { place: 'New York' }, 'place'],
      ['a malformed occupation', { occupation: 'nurses' }, 'occupation'],
      ['a repeated single-valued key', { q: ['a', 'b'] }, 'q'],
      ['an unknown parameter', { colour: 'blue' }, 'colour'],
    ])('%s', async (_name, query, field) => {
      const res = await get('/api/jobs/search', query as Query);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'validation_failed' });
      const errors = res.body.errors as Array<{ field: string; reason: string }>;
      expect(errors.map((e) => e.field)).toContain(field);
      for (const e of errors) expect(e.reason.length).toBeGreaterThan(3);
    });

    it('an unknown place', async () => {
      const res = await get('/api/jobs/search', { location: 'Xyzzyville Qqq' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'location', reason: 'unknown place' }] });
    });

    it('suggest endpoints without q', async () => {
      for (const path of ['/api/jobs/suggest', '/api/locations/suggest']) {
        const res = await get(path);
        expect(res.status).toBe(400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('q');
      }
    });
  });

  describe('one job, similar jobs, suggestions, categories', () => {
    it('GET /api/jobs/:id answers the posting, and 404 job_not_found for an unknown id', async () => {
      const { hits } = await search({ q: 'data engineer', source: 'linkedin_2024', size: 1 });
      const res = await get(`/api/jobs/${hits[0].id}`);
      expect(res.status).toBe(200);
      const job = res.body as JobDetail;
      expect(job).toMatchObject({ id: hits[0].id, title: hits[0].title });
      expect(job.description.length).toBeGreaterThan(100);
      expect(typeof job.fingerprint).toBe('string');
      expect(job.applyUrl ?? job.url).toMatch(/^https?:\/\//);
      if (job.descriptionHtml) expect(job.descriptionHtml).not.toMatch(/<script/i);

      for (const id of ['0000000000000000dead', 'no such id!']) {
        const missing = await get(`/api/jobs/${encodeURIComponent(id)}`);
        expect(missing.status).toBe(404);
        expect(missing.body).toMatchObject({ statusCode: 404, code: 'job_not_found' });
      }
    });

    it('similar jobs never include a repost of the job', async () => {
      const { hits } = await search({ q: 'junior java developer', company: 'CyberCoders', source: 'tjfg_indeed_2020', size: 1 });
      const job = (await get(`/api/jobs/${hits[0].id}`)).body as JobDetail;
      const res = await get(`/api/jobs/${job.id}/similar`);
      expect(res.status).toBe(200);
      const similar = res.body as JobSummary[];
      expect(similar.length).toBeGreaterThan(0);
      expect(similar.length).toBeLessThanOrEqual(6);
      for (const s of similar) {
        expect(s.id).not.toBe(job.id);
        const detail = (await get(`/api/jobs/${s.id}`)).body as JobDetail;
        expect(detail.fingerprint).not.toBe(job.fingerprint);
      }
      expect((await get('/api/jobs/0000000000000000dead/similar')).status).toBe(404);
    });

    it('suggest answers at most 10 of each, titles starting with what was typed', async () => {
      const res = await get('/api/jobs/suggest', { q: 'nur' });
      expect(res.status).toBe(200);
      const s = res.body as SuggestResponse;
      expect(s.titles.length).toBeGreaterThan(0);
      for (const list of [s.titles, s.companies, s.skills]) expect(list.length).toBeLessThanOrEqual(10);
      for (const t of [...s.titles, ...s.companies, ...s.skills]) expect(t).toMatch(/(^|[^a-z0-9])nur/i);
      expect(s.titles).toEqual(expect.arrayContaining(['Registered Nurse']));
      const py = (await get('/api/jobs/suggest', { q: 'pyth' })).body as SuggestResponse;
      expect(py.skills).toContain('Python');
    });

    it('categories: each work mode and experience level, counted like the search', async () => {
      const res = await get('/api/jobs/categories');
      expect(res.status).toBe(200);
      const categories = res.body as JobCategory[];
      expect(categories.map((c) => c.key)).toEqual(['remote', 'hybrid', 'onsite', 'internship', 'entry', 'associate', 'mid_senior', 'director', 'executive']);
      for (const c of categories) {
        const filtered = await search(c.params as Query);
        expect({ key: c.key, count: filtered.total.value }).toEqual({ key: c.key, count: c.count });
        expect(c.top.length).toBe(Math.min(3, c.count));
        for (const t of c.top) {
          if (c.params.workMode) expect(t.workMode).toBe(c.params.workMode);
          if (c.params.experience) expect(t.experience).toBe(c.params.experience);
        }
      }
    });

    it('location suggestions are places a search understands', async () => {
      const res = await get('/api/locations/suggest', { q: 'portl' });
      expect(res.status).toBe(200);
      const places = res.body as LocationSuggestion[];
      expect(places.length).toBeGreaterThan(1);
      expect(places.length).toBeLessThanOrEqual(10);
      expect(places[0]).toMatchObject({ label: 'Portland, OR', city: 'Portland', regionCode: 'OR', countryCode: 'US' });
      const narrowed = (await get('/api/locations/suggest', { q: 'portland, me' })).body as LocationSuggestion[];
      expect(narrowed[0]).toMatchObject({ label: 'Portland, ME' });
      const nyc = (await get('/api/locations/suggest', { q: 'new yor' })).body as LocationSuggestion[];
      expect(nyc.map((p) => p.label)).toEqual(expect.arrayContaining(['New York, NY', 'New York']));
      for (const p of [...places.slice(0, 3), ...nyc.slice(0, 3)]) {
        const found = await search({ location: p.label, radius: '10mi', size: 1 });
        expect(found.resolvedLocation).toMatchObject({ city: p.city, regionCode: p.regionCode });
      }
    });
  });

  it('documents the endpoints and their parameters in OpenAPI', async () => {
    const res = await get('/api/docs-json');
    const paths = res.body.paths as Record<string, { get: { parameters?: Array<{ name: string }> } }>;
    for (const p of ['/api/jobs/search', '/api/jobs/suggest', '/api/jobs/categories', '/api/jobs/{id}', '/api/jobs/{id}/similar', '/api/locations/suggest']) {
      expect(paths[p]).toBeDefined();
    }
    const names = paths['/api/jobs/search'].get.parameters!.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['q', 'location', 'radius', 'workMode', 'payMin', 'payMax', 'postedWithin', 'place', 'sort', 'page', 'size', 'after']));
  });

  // Last: it stops the Elasticsearch node at ES_URL (started by elastic/stack.sh) and starts it again.
  it('answers 503 search_unavailable while Elasticsearch is stopped and recovers without a restart', async () => {
    stopElasticsearch();
    try {
      for (const path of ['/api/jobs/search?q=nurse', '/api/jobs/suggest?q=nur', '/api/jobs/categories', '/api/jobs/0cba2fb823d3476296fb']) {
        const res = await request(app.getHttpServer()).get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 503 });
        expect(res.body).toMatchObject({ statusCode: 503, code: 'search_unavailable' });
        expect(res.headers['retry-after']).toBeDefined();
      }
    } finally {
      startElasticsearch();
    }
    const back = await waitFor(async () => {
      const r = await request(app.getHttpServer()).get('/api/jobs/search?q=nurse');
      return r.status === 200 ? r : undefined;
    }, 90_000, 500);
    expect(back.body.total.value).toBeGreaterThan(0);
  });
});
