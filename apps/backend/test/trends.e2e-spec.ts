import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { loadConfig, type AppConfig } from '@jobportal/config';
import type { GrowthResponse, JobSearchResponse, TrendsResponse } from '@jobportal/contracts';
import { createSearchClient, deleteIndex, type Client } from '@jobportal/search';
import { createApp } from '../src/app.factory';
import { DATA_DIR, REPO_ROOT } from '../../../test/support/stack';

/** GET /api/trends against a real Elasticsearch holding the real samples, imported by the ingest CLI. */
const PREFIX = 'e2e-trends-';

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

describe('trends API (real Elasticsearch, real samples)', () => {
  const env = { ...process.env, NODE_ENV: 'test', ES_INDEX_PREFIX: PREFIX, ES_REQUEST_TIMEOUT_MS: '5000' };
  let config: AppConfig;
  let app: INestApplication;
  let es: Client;
  const get = (path: string) => request(app.getHttpServer()).get(path);

  beforeAll(async () => {
    config = loadConfig(env);
    es = createSearchClient({ node: config.elastic.node });
    await deleteIndex(es, 'postings', { prefix: PREFIX });
    const imported = await runCli('ingest.js', ['--samples', '--refresh'], env);
    if (imported.code !== 0) throw new Error(`sample import failed (${imported.code}):\n${imported.out}`);
    app = await createApp(config, { logger: false });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await es?.close();
  });

  it('loads every panel in one request, and the series adds up to the total', async () => {
    const res = await get('/api/trends?from=2019-01-01&to=2025-01-01&interval=month');
    expect(res.status).toBe(200);
    const body = res.body as TrendsResponse;
    expect(body.interval).toBe('month');
    expect(body.total).toBeGreaterThan(100);
    const sum = body.series!.points.reduce((s, p) => s + p.value, 0);
    expect(sum).toBe(body.total);
    expect(body.series!.points).toHaveLength(72);
    expect(body.series!.moving).toHaveLength(72);
    for (const panel of ['occupation', 'place', 'workMode', 'experience', 'companies'] as const) expect(body[panel]!.length).toBeGreaterThan(0);
    // The heat map rows: the largest groups, each series adding up to the group's count in the occupation panel.
    expect(body.occupationSeries!.length).toBe(Math.min(6, body.occupation!.length));
    for (const row of body.occupationSeries!) {
      expect(row.points).toHaveLength(72);
      expect(row.points.reduce((n, p) => n + p.value, 0)).toBe(row.count);
      expect(body.occupation!.find((o) => o.value === row.value)?.count).toBe(row.count);
    }
    expect(body.remoteShare!.every((p) => p.remoteShare === null || (p.remoteShare >= 0 && p.remoteShare <= 1))).toBe(true);
    expect(body.skills!.top.length).toBeGreaterThan(0);
    expect(body.pay!.overall.p50).toBeGreaterThan(0);
    expect(body.pay!.overall.p10!).toBeLessThanOrEqual(body.pay!.overall.p90!);
  });

  it('counts the same postings as job search for the same filter', async () => {
    const trends = (await get('/api/trends?workMode=remote&from=2015-01-01&to=2025-01-01&interval=month&panels=workMode')).body as TrendsResponse;
    const search = (await get('/api/jobs/search?workMode=remote&size=1')).body as JobSearchResponse;
    // Job search counts undated postings too; trends only dated ones within the range.
    const undated = await es.count({ index: `${PREFIX}postings`, query: { bool: { filter: [{ term: { work_mode: 'remote' } }], must_not: [{ exists: { field: 'posted_at' } }] } } });
    expect(trends.total + undated.count).toBe(search.total.value);
    expect(trends.workMode).toEqual([{ value: 'remote', label: 'remote', count: trends.total, share: 1 }]);
    expect(trends.series).toBeUndefined();
  });

  it('defaults the range to the year before the latest matching posting', async () => {
    // linkedin_2023_24's postings end on 2024-04-19 (the samples are historical).
    const body = (await get('/api/trends?source=linkedin_2023_24&panels=series')).body as TrendsResponse;
    expect(body.to).toBe('2024-04-20T00:00:00.000Z');
    expect(body.from).toBe('2023-04-20T00:00:00.000Z');
    expect(body.interval).toBe('week');
    expect(body.total).toBe(500);
  });

  it('rejects bad parameters with the field and the reason', async () => {
    for (const [qs, field] of [
      ['interval=hour', 'interval'],
      ['panels=series,nope', 'panels'],
      ['from=yesterday', 'from'],
      ['from=2024-02-01&to=2024-01-01', 'to'],
      ['top=999', 'top'],
      ['workMode=sideways', 'workMode'],
      ['from=2020-01-01&to=2024-01-01&interval=day', 'interval'],
      ['from=1990-01-01&to=2024-01-01', 'from'],
    ]) {
      const res = await get(`/api/trends?${qs}`);
      expect({ qs, status: res.status }).toEqual({ qs, status: 400 });
      expect(JSON.stringify(res.body.errors)).toContain(field);
    }
  });

  describe('GET /api/trends/growth', () => {
    const H = 3_600_000;
    /** Synthetic dated postings: the samples' dated sources span at most two weeks, too short for any window. */
    function posting(i: number, at: number, region: string, company: string) {
      return {
        id: `growth-${i}`, source: 'generated', source_id: `g${i}`, title: 'Software Developer', company, description: 'x',
        location: { text: null, city: region === 'NY' ? 'New York' : 'Los Angeles', region: null, region_code: region, country: 'United States', country_code: 'US', postal_code: null },
        posted_at: new Date(at).toISOString(), fingerprint: `fp-${i}`, ingested_at: new Date().toISOString(), skills: [],
        soc: { code: '15-1252', onet_code: '15-1252.00', title: 'Software Developers', major: '15', major_title: 'Computer and Mathematical Occupations', confidence: 0.9, needs_review: false },
      };
    }

    const ids: string[] = [];
    beforeAll(async () => {
      // The O*NET catalog, for the BLS projections shown beside each row.
      await deleteIndex(es, 'occupations', { prefix: PREFIX });
      const indexed = await runCli('index-occupations.js', [], env);
      if (indexed.code !== 0) throw new Error(`index:occupations failed (${indexed.code}):\n${indexed.out}`);
      const docs = [];
      const jan1 = Date.UTC(2025, 0, 1);
      const jan31 = Date.UTC(2025, 0, 31);
      for (let i = 0; i < 40; i++) docs.push(posting(i, jan1 + i * 12 * H, 'NY', `co${i % 8}`));
      for (let i = 0; i < 80; i++) docs.push(posting(100 + i, jan31 + i * 6 * H, 'NY', `co${i % 8}`));
      docs.push(posting(300, Date.UTC(2025, 2, 1, 12), 'NY', 'co1'));
      // The same job posted twice (one fingerprint) counts once.
      docs.push({ ...posting(301, jan31 + H, 'NY', 'co1'), fingerprint: 'fp-100' });
      for (let i = 0; i < 10; i++) docs.push(posting(200 + i, jan31 + i * 24 * H, 'CA', `co${i % 3}`));
      ids.push(...docs.map((d) => d.id));
      await es.bulk({ refresh: true, operations: docs.flatMap((d) => [{ index: { _index: `${PREFIX}postings`, _id: d.id } }, d]) });
    });

    afterAll(async () => {
      // This node has no delete_by_query (no reindex module): delete by id.
      await es.bulk({ refresh: true, operations: ids.map((id) => ({ delete: { _index: `${PREFIX}postings`, _id: id } })) });
      await deleteIndex(es, 'occupations', { prefix: PREFIX });
    });

    it('puts the BLS 2024-34 projection beside each detailed occupation', async () => {
      // The expected figures straight from the BLS file (this row has no quoted cells).
      const line = readFileSync(resolve(DATA_DIR, 'bls/ep_2024_34_occupational_projections.csv'), 'utf8').split('\n').find((l) => l.includes(',15-1252,'))!;
      const cells = line.split(',');
      const body = (await get('/api/trends/growth?occupation=15-1252&level=state&window=30d')).body as GrowthResponse;
      expect(body.rows.length).toBeGreaterThan(0);
      for (const row of body.rows) {
        expect(row.projection).toEqual({ period: '2024-34', nemCode: '15-1252', nemTitle: cells[1], changePercent: Number(cells[9]), openingsAnnual: Number(cells[11]) });
      }
      // A major group has no BLS line of its own here: no projection rather than a wrong one.
      const major = (await get('/api/trends/growth?occupation=15&level=state&window=30d')).body as GrowthResponse;
      expect(major.rows.length).toBeGreaterThan(0);
      expect(major.rows.every((r) => r.projection === null)).toBe(true);
    });

    it('compares each source over windows it covers on both sides and says so', async () => {
      const res = await get('/api/trends/growth?occupation=15-1252&level=state&window=30d');
      expect(res.status).toBe(200);
      const body = res.body as GrowthResponse;
      const bySource = new Map(body.comparison.sources.map((s) => [s.source, s]));
      expect(bySource.get('generated')).toMatchObject({ included: true, recent: { from: '2025-01-31', to: '2025-03-02' }, prior: { from: '2025-01-01', to: '2025-01-31' } });
      // The LinkedIn samples span two weeks; the undated sources have no dates at all.
      expect(bySource.get('linkedin_2023_24')).toMatchObject({ included: false });
      expect(bySource.get('indeed_2019')).toMatchObject({ included: false, reason: 'no posting dates' });
      expect(body.comparison.summary).toBe('generated: 2025-01-31..2025-03-02 vs 2025-01-01..2025-01-31');

      const ny = body.rows.find((r) => r.place.value === 'NY')!;
      expect(ny).toMatchObject({ recent: 81, prior: 40, employers: 8, priorEmployers: 8, tooSmall: false });
      expect(ny.growthRate).toBeCloseTo(81 / 40 - 1, 10);
      expect(ny.interval!.low).toBeGreaterThan(0);
      expect(ny.interval!.low).toBeLessThan(ny.growthRate!);
      expect(ny.interval!.high).toBeGreaterThan(ny.growthRate!);
      const ca = body.rows.find((r) => r.place.value === 'CA')!;
      expect(ca).toMatchObject({ recent: 10, prior: 0, tooSmall: true, growthRate: null, interval: null });
      expect(body.rows[body.rows.length - 1].tooSmall).toBe(true);
      expect(body.tooSmallCount).toBe(1);
    });

    it('metro level splits by city; a window no source covers compares nothing', async () => {
      const metro = (await get('/api/trends/growth?occupation=15&level=metro&window=30d')).body as GrowthResponse;
      expect(metro.rows.map((r) => r.place.value).sort()).toEqual(['CA|Los Angeles', 'NY|New York']);
      const long = (await get('/api/trends/growth?occupation=15&window=365d')).body as GrowthResponse;
      expect(long.rows).toEqual([]);
      expect(long.comparison.sources.every((s) => !s.included)).toBe(true);
    });

    it('rejects bad parameters with the field', async () => {
      for (const [qs, field] of [['level=county', 'level'], ['window=7d', 'window'], ['occupation=nurse', 'occupation'], ['size=0', 'size'], ['end=soon', 'end']]) {
        const res = await get(`/api/trends/growth?${qs}`);
        expect({ qs, status: res.status }).toEqual({ qs, status: 400 });
        expect(JSON.stringify(res.body.errors)).toContain(field);
      }
    });
  });
});
