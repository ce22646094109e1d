import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { loadConfig, type AppConfig } from '@jobportal/config';
import type { OccupationDetailResponse, OccupationSearchResponse } from '@jobportal/contracts';
import { createSearchClient, deleteIndex, type Client } from '@jobportal/search';
import { createApp } from '../src/app.factory';
import { REPO_ROOT } from '../../../test/support/stack';

/**
 * The occupations API against a real Elasticsearch: the O*NET catalog indexed by
 * `npm run index:occupations` and the six sample datasets imported by the ingest CLI (which codes
 * every posting), each into indices of their own.
 */
const PREFIX = 'e2e-occupations-';
const ONET_OCCUPATIONS = 1016;

function runCli(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  const cli = resolve(REPO_ROOT, 'workers/dist/cli', script);
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build:server" first.`);
  return new Promise((done) => {
    const child = spawn('node', [cli, ...args], { env, cwd: REPO_ROOT });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => done({ code: code ?? -1, out }));
  });
}

async function expectOk(run: Promise<{ code: number; out: string }>, what: string) {
  const r = await run;
  if (r.code !== 0) throw new Error(`${what} failed (${r.code}):\n${r.out}`);
  return r.out;
}

describe('occupations API (real Elasticsearch, O*NET catalog, coded sample postings)', () => {
  const env = { ...process.env, NODE_ENV: 'test', ES_INDEX_PREFIX: PREFIX, ES_REQUEST_TIMEOUT_MS: '5000' };
  let config: AppConfig;
  let app: INestApplication;
  let es: Client;

  const get = (path: string) => request(app.getHttpServer()).get(path);

  async function search(query: string): Promise<OccupationSearchResponse> {
    const res = await get(`/api/occupations?${query}`);
    if (res.status !== 200) throw new Error(`/api/occupations?${query} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as OccupationSearchResponse;
  }

  beforeAll(async () => {
    config = loadConfig(env);
    es = createSearchClient({ node: config.elastic.node });
    await deleteIndex(es, 'occupations', { prefix: PREFIX });
    await deleteIndex(es, 'postings', { prefix: PREFIX });
    const [indexed] = await Promise.all([
      expectOk(runCli('index-occupations.js', [], env), 'index:occupations'),
      expectOk(runCli('ingest.js', ['--samples', '--refresh'], env), 'sample import'),
    ]);
    expect(indexed).toContain(`Indexed ${ONET_OCCUPATIONS} occupations into ${PREFIX}occupations`);
    app = await createApp(config, { logger: false });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await es?.close();
  });

  it('indexing again replaces the profiles instead of adding copies', async () => {
    await expectOk(runCli('index-occupations.js', [], env), 'second index:occupations');
    expect((await es.count({ index: `${PREFIX}occupations` })).count).toBe(ONET_OCCUPATIONS);
  });

  describe('GET /api/occupations?q=', () => {
    it('"registered nurse" ranks Registered Nurses first, matched on its title', async () => {
      const res = await search('q=registered%20nurse');
      expect(res.total).toBeGreaterThan(1);
      expect(res.hits[0]).toMatchObject({
        onetCode: '29-1141.00',
        socCode: '29-1141',
        title: 'Registered Nurses',
        major: { code: '29-0000', title: 'Healthcare Practitioners and Technical Occupations' },
        jobZone: 4,
        matchedOn: 'title',
      });
      expect(res.hits[0].medianAnnualWage).toBeGreaterThan(50_000);
      expect(typeof res.hits[0].projectedGrowthPercent).toBe('number');
      expect(res.hits[0].description.length).toBeLessThanOrEqual(400);
    });

    it('"rn" (an abbreviation) finds Registered Nurses first', async () => {
      const res = await search('q=rn');
      expect(res.hits[0].socCode).toBe('29-1141');
    });

    it('an alternate title finds its occupation and shows the title that matched', async () => {
      const res = await search('q=line%20cook&size=5');
      expect(res.hits[0].major.code).toBe('35-0000');
      expect(res.hits[0]).toMatchObject({ matchedOn: 'alternate_title', matchedText: '<mark>Line Cook</mark>' });

      const cdl = await search('q=CDL-A%20truck%20driver');
      expect(cdl.hits[0]).toMatchObject({ socCode: '53-3032', matchedOn: 'alternate_title' });
      // Highlights are HTML: only <mark> is markup, the rest is escaped.
      expect(cdl.hits[0].matchedText).toMatch(/<mark>.*<\/mark>/);
      expect(cdl.hits[0].matchedText!.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
    });

    it('words found only in tasks still find the occupation, explained by the task', async () => {
      const res = await search('q=administer%20anesthetics&size=10');
      expect(res.hits.length).toBeGreaterThan(0);
      const task = res.hits.find((h) => h.matchedOn === 'task');
      expect(task?.matchedText).toMatch(/<mark>/);
    });

    it('pages with size and page', async () => {
      const first = await search('q=engineer&size=5');
      const second = await search('q=engineer&size=5&page=2');
      expect(first.hits).toHaveLength(5);
      expect(second.total).toBe(first.total);
      const firstCodes = new Set(first.hits.map((h) => h.onetCode));
      expect(second.hits.some((h) => firstCodes.has(h.onetCode))).toBe(false);
    });

    it.each([
      ['no q', '', 'q', 'is required'],
      ['a blank q', 'q=%20%20', 'q', 'is required'],
      ['a q of 257 characters', `q=${'a'.repeat(257)}`, 'q', 'must be at most 256 characters'],
      ['two q', 'q=nurse&q=cook', 'q', 'must be a single text value'],
      ['size=0', 'q=nurse&size=0', 'size', 'must be a whole number from 1 to 100'],
      ['size=101', 'q=nurse&size=101', 'size', 'must be a whole number from 1 to 100'],
      ['page=x', 'q=nurse&page=x', 'page', 'must be a whole number, 1 or more'],
      ['a page past 10,000 results', 'q=nurse&page=200&size=100', 'page', 'page * size must be at most 10000'],
      ['an unknown parameter', 'q=nurse&sort=date', 'sort', 'property sort should not exist'],
    ])('%s is a 400 naming the parameter', async (_label, query, field, reason) => {
      const res = await get(`/api/occupations?${query}`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'validation_failed' });
      expect(res.body.errors).toContainEqual({ field, reason });
    });
  });

  describe('GET /api/occupations/:code', () => {
    it('a SOC code returns its .00 occupation with wages, projections, siblings and live postings', async () => {
      const res = await get('/api/occupations/29-1141');
      expect(res.status).toBe(200);
      const body = res.body as OccupationDetailResponse;
      expect(body.occupation).toMatchObject({ onetCode: '29-1141.00', title: 'Registered Nurses', soc: { code: '29-1141' } });
      expect(body.occupation.wages).toMatchObject({ period: 'May 2024', socCode: '29-1141', level: 'detailed' });
      expect(typeof body.occupation.wages!.annual.median).toBe('number');
      expect(body.occupation.wages!.annual.median).toBeGreaterThan(50_000);
      expect(body.occupation.projections).toMatchObject({ period: '2024-34' });
      expect(typeof body.occupation.projections!.changePercent).toBe('number');
      expect(typeof body.occupation.projections!.openingsAnnual).toBe('number');
      expect(body.occupation.tasks.length).toBeGreaterThan(10);
      expect(body.occupation.interests?.code).toMatch(/^[RIASEC]{1,3}$/);
      expect(body.siblings.map((s) => s.onetCode)).toEqual(expect.arrayContaining(['29-1141.01', '29-1141.04']));
      expect(body.siblings.map((s) => s.onetCode)).not.toContain('29-1141.00');

      // Live data agrees with the coded postings in the index.
      const coded = (await es.count({ index: `${PREFIX}postings`, query: { term: { 'soc.code': '29-1141' } } })).count;
      expect(coded).toBeGreaterThan(0);
      const { live } = body;
      expect(live.postingCount).toBe(coded);
      expect(live.postings.length).toBe(Math.min(10, coded));
      const dated = live.postings.map((p) => p.postedAt).filter((d): d is string => d !== null);
      expect([...dated].sort().reverse()).toEqual(dated);
      const monthly = live.monthlyTrend.reduce((n, m) => n + m.count, 0);
      const withDate = (await es.count({ index: `${PREFIX}postings`, query: { bool: { filter: [{ term: { 'soc.code': '29-1141' } }, { exists: { field: 'posted_at' } }] } } })).count;
      expect(monthly).toBe(withDate);
      expect(live.monthlyTrend.every((m) => /^\d{4}-\d{2}$/.test(m.month))).toBe(true);
      expect(live.topCompanies.length).toBeLessThanOrEqual(10);
      expect(live.topPlaces.length).toBeLessThanOrEqual(10);
      if (live.postedPay) {
        expect(live.postedPay.count).toBeGreaterThan(0);
        expect(live.postedPay.p25!).toBeLessThanOrEqual(live.postedPay.median!);
        expect(live.postedPay.median!).toBeLessThanOrEqual(live.postedPay.p75!);
      }
    });

    it('an O*NET-SOC code returns that occupation, with the .00 one among its siblings', async () => {
      const res = await get('/api/occupations/29-1141.01');
      expect(res.status).toBe(200);
      expect(res.body.occupation).toMatchObject({ onetCode: '29-1141.01', soc: { code: '29-1141' } });
      expect(res.body.siblings).toContainEqual({ onetCode: '29-1141.00', title: 'Registered Nurses' });
    });

    it('an unknown code is a 404', async () => {
      for (const code of ['99-9999', '29-1141.09']) {
        const res = await get(`/api/occupations/${code}`);
        expect(res.status).toBe(404);
        expect(res.body).toMatchObject({ statusCode: 404, code: 'occupation_not_found' });
      }
    });

    it('a malformed code is a 400 naming the code', async () => {
      for (const code of ['nurse', '29-11411', '29-1141.1', '291141']) {
        const res = await get(`/api/occupations/${code}`);
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'code' }] });
      }
    });
  });

  describe('before `npm run index:occupations` has run', () => {
    let bare: INestApplication;
    beforeAll(async () => {
      bare = await createApp(loadConfig({ ...env, ES_INDEX_PREFIX: `${PREFIX}none-` }), { logger: false });
      await bare.init();
    });
    afterAll(async () => {
      await bare?.close();
    });

    it('search and detail answer 503 occupations_not_indexed, naming the command', async () => {
      for (const path of ['/api/occupations?q=nurse', '/api/occupations/29-1141']) {
        const res = await request(bare.getHttpServer()).get(path);
        expect(res.status).toBe(503);
        expect(res.body).toMatchObject({ statusCode: 503, code: 'occupations_not_indexed' });
        expect(res.body.message).toContain('npm run index:occupations');
      }
    });
  });

  describe('with Elasticsearch unreachable', () => {
    let down: INestApplication;
    beforeAll(async () => {
      // A node that refuses connections: the same failure as a stopped Elasticsearch, without
      // stopping the one the other suites share.
      down = await createApp(loadConfig({ ...env, ES_URL: 'http://127.0.0.1:9' }), { logger: false });
      await down.init();
    });
    afterAll(async () => {
      await down?.close();
    });

    it('search and detail answer 503 search_unavailable', async () => {
      for (const path of ['/api/occupations?q=nurse', '/api/occupations/29-1141']) {
        const res = await request(down.getHttpServer()).get(path);
        expect(res.status).toBe(503);
        expect(res.body).toMatchObject({ statusCode: 503, code: 'search_unavailable' });
        expect(res.headers['retry-after']).toBe('5');
      }
    });
  });
});
