import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { loadConfig } from '@jobportal/config';
import { createApp } from '../src/app.factory';
import { startElasticsearch, stopElasticsearch, waitFor } from '../../../test/support/stack';

describe('GET /api/health (real Elasticsearch, Redis, PostgreSQL)', () => {
  const env = { ...process.env, NODE_ENV: 'test', ES_INDEX_PREFIX: 'e2e-health-', ES_REQUEST_TIMEOUT_MS: '3000' };
  let app: INestApplication;

  beforeAll(async () => {
    app = await createApp(loadConfig(env), { logger: false });
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('reports every service up', async () => {
    const res = await waitFor(async () => {
      const r = await request(app.getHttpServer()).get('/api/health');
      return r.status === 200 ? r : undefined;
    }, 20_000);
    expect(res.body.status).toBe('ok');
    expect(res.body.down).toEqual([]);
    for (const name of ['elasticsearch', 'redis', 'postgres']) {
      expect(res.body.services[name].status).toBe('up');
    }
  });

  it('answers 503 naming Redis when Redis cannot be reached', async () => {
    const broken = await createApp(loadConfig({ ...env, REDIS_URL: 'redis://127.0.0.1:6390' }), { logger: false });
    await broken.init();
    try {
      const res = await request(broken.getHttpServer()).get('/api/health');
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('dependency_unavailable');
      expect(res.body.down).toEqual(['redis']);
      expect(res.body.services.elasticsearch.status).toBe('up');
    } finally {
      await broken.close();
    }
  });

  it('answers 503 naming PostgreSQL when its database is missing', async () => {
    const broken = await createApp(loadConfig({ ...env, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/no_such_db_for_health' }), { logger: false });
    await broken.init();
    try {
      const res = await request(broken.getHttpServer()).get('/api/health');
      expect(res.status).toBe(503);
      expect(res.body.down).toEqual(['postgres']);
      expect(res.body.services.postgres.error).toContain('no_such_db_for_health');
    } finally {
      await broken.close();
    }
  });

  it('answers 503 while Elasticsearch is stopped and recovers without a restart', async () => {
    stopElasticsearch();
    try {
      const down = await request(app.getHttpServer()).get('/api/health');
      expect(down.status).toBe(503);
      expect(down.body.down).toEqual(['elasticsearch']);
      const overview = await request(app.getHttpServer()).get('/api/stats/overview');
      expect(overview.status).toBe(503);
      expect(overview.body).toMatchObject({ statusCode: 503, code: 'search_unavailable' });
    } finally {
      startElasticsearch();
    }
    const back = await waitFor(async () => {
      const r = await request(app.getHttpServer()).get('/api/health');
      return r.status === 200 ? r : undefined;
    }, 60_000);
    expect(back.body.services.elasticsearch.status).toBe('up');
    const overview = await request(app.getHttpServer()).get('/api/stats/overview');
    expect(overview.status).toBe(200);
  });
});

describe('API basics', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createApp(loadConfig({ ...process.env, NODE_ENV: 'test', ES_INDEX_PREFIX: 'e2e-basics-' }), { logger: false });
    await app.init();
  });
  afterAll(async () => app?.close());

  it('serves the OpenAPI document', async () => {
    const res = await request(app.getHttpServer()).get('/api/docs-json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/stats/overview']));
  });

  it('answers unknown API routes with the error envelope', async () => {
    const res = await request(app.getHttpServer()).get('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ statusCode: 404, code: 'not_found', message: 'Cannot GET /api/no-such-thing' });
  });

  it('counts zero postings before anything is imported', async () => {
    const res = await request(app.getHttpServer()).get('/api/stats/overview');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ postings: 0, sources: [], remoteShare: 0 });
  });
});
