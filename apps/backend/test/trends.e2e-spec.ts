import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { loadConfig, type AppConfig } from '@jobportal/config';
import type { JobSearchResponse, TrendsResponse } from '@jobportal/contracts';
import { createSearchClient, deleteIndex, type Client } from '@jobportal/search';
import { createApp } from '../src/app.factory';
import { REPO_ROOT } from '../../../test/support/stack';

/** GET /api/trends against a real Elasticsearch holding the real samples, imported by the ingest CLI. */
const PREFIX = 'e2e-trends-';

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
    const imported = await importSamples(env);
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
});
