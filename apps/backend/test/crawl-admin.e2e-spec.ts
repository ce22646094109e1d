import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Pool } from 'pg';
import { chromium } from 'playwright-core';
import request from 'supertest';
import { loadConfig } from '@jobportal/config';
import { QUEUES } from '@jobportal/contracts';
import { createApp } from '../src/app.factory';
import { grantRole, signUpWithCode, type TestAccount } from '../../../test/support/accounts';
import { FakeTwilio } from '../../../test/support/fake-twilio';
import { REPO_ROOT, waitFor } from '../../../test/support/stack';

/**
 * Crawl sources in PostgreSQL through the operator API, their BullMQ schedules in Redis, Bull Board
 * at /admin/queues, and runs by the real workers process and the real `crawl` CLI against a local
 * site serving a saved Indeed page. The test meets the workers only through HTTP, Redis, PostgreSQL
 * and their built entry points.
 */
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/jobportal_test';
const stamp = `${process.pid}-${Date.now()}`;

describe('crawl sources: operator API, schedules, Bull Board, run reports', () => {
  const creds = FakeTwilio.credentials();
  const twilio = new FakeTwilio(creds);
  const dir = mkdtempSync(join(tmpdir(), 'crawl-admin-'));
  const seedFile = join(dir, 'sources.json');
  let env: NodeJS.ProcessEnv;
  let config: ReturnType<typeof loadConfig>;
  let app: INestApplication;
  let site: Server;
  let base: string;
  let pool: Pool;
  let redis: Redis;
  let queue: Queue;
  let olga: TestAccount;
  let bob: TestAccount;
  const http = () => request(app.getHttpServer());

  async function boot(): Promise<void> {
    await app?.close();
    app = await createApp(config, { logger: false });
    await app.init();
  }
  async function schedulers(): Promise<Array<[string, string | undefined, string | undefined]>> {
    const list = await queue.getJobSchedulers(0, -1, true);
    return list.map((j) => [j.key, j.pattern ?? undefined, j.tz ?? undefined] as [string, string | undefined, string | undefined]).sort((a, b) => a[0].localeCompare(b[0]));
  }
  const sources = async () => (await http().get('/api/admin/crawl/sources').set('Cookie', olga.cookie).expect(200)).body as Array<Record<string, unknown> & { name: string }>;

  beforeAll(async () => {
    await twilio.start();
    const page = readFileSync(resolve(REPO_ROOT, '../shared/data/html/indeed_posting_pages_2019/001b92395ed0fb62_fccid.html'));
    site = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/robots.txt') return void res.writeHead(200).end('User-agent: *\nDisallow: /private\n');
      if (url.pathname === '/sitemap.xml') {
        return void res.writeHead(200, { 'content-type': 'application/xml' }).end(
          `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${base}/viewjob?jk=001b92395ed0fb62</loc></url><url><loc>${base}/private/1</loc></url><url><loc>${base}/gone</loc></url></urlset>`,
        );
      }
      if (url.pathname === '/viewjob') return void res.writeHead(200, { 'content-type': 'text/html' }).end(page);
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    writeFileSync(
      seedFile,
      JSON.stringify([
        { name: 'local-site', adapter: 'sitemap', pageAdapter: 'indeed', startUrls: [`${base}/sitemap.xml`], cron: '0 */6 * * *', enabled: true },
        { name: 'never-run', adapter: 'greenhouse', startUrls: ['https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true'], cron: '0 3 * * *', enabled: false },
      ]),
    );
    env = {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: TEST_DATABASE_URL,
      ES_INDEX_PREFIX: `e2e-crawl-admin-${stamp}-`,
      QUEUE_PREFIX: `e2e-crawl-admin-${stamp}`,
      CRAWL_SOURCES_FILE: seedFile,
      CRAWL_HOST_RATE_PER_S: '100',
      CRAWL_HOST_BURST: '10',
      CRAWL_MAX_RETRIES: '0',
      TWILIO_ACCOUNT_SID: creds.accountSid,
      TWILIO_AUTH_TOKEN: creds.authToken,
      TWILIO_FROM: '+15005550006',
      TWILIO_API_BASE_URL: twilio.url,
      AUTH_IP_LIMIT: '10000',
    };
    config = loadConfig(env);
    pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 2 });
    redis = new Redis(config.redis.url);
    queue = new Queue(QUEUES.crawl, { connection: redis, prefix: config.redis.queuePrefix });

    // A first boot migrates the test database; then the crawl tables are emptied, as on a fresh install.
    await boot();
    olga = await signUpWithCode(app, twilio, 'Olga Operator');
    bob = await signUpWithCode(app, twilio, 'Bob User');
    grantRole(TEST_DATABASE_URL, olga.phone, 'operator');
    await sources();
    await pool.query('DELETE FROM crawl_sources');
    await pool.query('DELETE FROM crawl_sources_seed');
    await boot();
  });

  afterAll(async () => {
    await app?.close();
    await twilio.stop();
    await new Promise((r) => site.close(r));
    await queue?.close();
    const keys = await redis.keys(`${config.redis.queuePrefix}*`);
    for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
    await redis.quit();
    await pool.end();
    await fetch(`${config.elastic.node}/${config.elastic.indexPrefix}*`, { method: 'DELETE' }).catch(() => undefined);
  });

  it('answers 401 without a session and 403 forbidden_role for a plain user, on every route', async () => {
    const routes: Array<[string, string]> = [['get', '/api/admin/crawl/sources'], ['post', '/api/admin/crawl/sources'], ['patch', '/api/admin/crawl/sources/local-site'], ['delete', '/api/admin/crawl/sources/local-site'], ['post', '/api/admin/crawl/sources/local-site/run']];
    for (const [method, path] of routes) {
      const anon = await (http() as unknown as Record<string, (p: string) => request.Test>)[method](path).send({});
      expect([path, anon.status, anon.body.code]).toEqual([path, 401, 'unauthenticated']);
      const user = await (http() as unknown as Record<string, (p: string) => request.Test>)[method](path).set('Cookie', bob.cookie).send({});
      expect([path, user.status, user.body.code]).toEqual([path, 403, 'forbidden_role']);
    }
  });

  it('seeds an empty table from the sources file once, with schedules for the enabled sources, and never undoes an edit', async () => {
    const seeded = await sources();
    expect(seeded.map((s) => [s.name, s.adapter, s.cron, s.enabled, s.render, s.lastRun])).toEqual([
      ['local-site', 'sitemap', '0 */6 * * *', true, false, null],
      ['never-run', 'greenhouse', '0 3 * * *', false, false, null],
    ]);
    expect(seeded[0]).toEqual(expect.objectContaining({ pageAdapter: 'indeed', startUrls: [`${base}/sitemap.xml`], maxPages: null }));
    expect(await schedulers()).toEqual([['crawl-local-site', '0 */6 * * *', 'UTC']]);

    // The operator's edits, then a restart (which seeds again if it may): the edits stand.
    await http().patch('/api/admin/crawl/sources/never-run').set('Cookie', olga.cookie).send({ cron: '30 4 * * 1' }).expect(200);
    await http().delete('/api/admin/crawl/sources/local-site').set('Cookie', olga.cookie).expect(204);
    await boot();
    const after = await sources();
    expect(after.map((s) => [s.name, s.cron])).toEqual([['never-run', '30 4 * * 1']]);
    // Even an operator who deletes every source does not get the file's back.
    await http().delete('/api/admin/crawl/sources/never-run').set('Cookie', olga.cookie).expect(204);
    await boot();
    expect(await sources()).toEqual([]);
    const { rows } = await pool.query<{ seeded: number }>('SELECT seeded FROM crawl_sources_seed');
    expect(rows).toEqual([{ seeded: 2 }]);
    expect(await schedulers()).toEqual([]);
  });

  it('rejects bad sources with 400 naming each field, and a taken name with 409', async () => {
    const bad = await http()
      .post('/api/admin/crawl/sources')
      .set('Cookie', olga.cookie)
      .send({ name: 'Bad Name', adapter: 'myspace', startUrls: ['ftp://example.com/jobs'], cron: '61 * * * *', enabled: 'yes', render: 1, maxPages: 0 })
      .expect(400);
    expect(bad.body.code).toBe('validation_failed');
    const fields = (bad.body.errors as Array<{ field: string; reason: string }>).map((e) => e.field);
    expect(new Set(fields)).toEqual(new Set(['name', 'adapter', 'startUrls', 'cron', 'enabled', 'render', 'maxPages']));
    expect(bad.body.errors).toEqual(expect.arrayContaining([
      { field: 'cron', reason: expect.stringContaining('expected range 0-59') },
      { field: 'startUrls', reason: expect.stringContaining('http(s)') },
      { field: 'adapter', reason: expect.stringContaining('greenhouse') },
    ]));
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ cron: '0 */6 * *' }, 'cron'],
      [{ cron: '*/5 * * * * *' }, 'cron'],
      [{ cron: 'every day' }, 'cron'],
      [{ startUrls: [] }, 'startUrls'],
      [{ startUrls: ['not a url'] }, 'startUrls'],
      [{ maxPages: 1_000_001 }, 'maxPages'],
      [{ maxPages: 2.5 }, 'maxPages'],
      [{ pageAdapter: 'jsonld' }, 'pageAdapter'],
      [{ schedule: 'daily' }, 'schedule'],
    ];
    const good = { name: 'acme', adapter: 'greenhouse', startUrls: ['https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true'], cron: '0 3 * * *' };
    for (const [change, field] of cases) {
      const res = await http().post('/api/admin/crawl/sources').set('Cookie', olga.cookie).send({ ...good, ...change });
      expect([change, res.status, res.body.errors?.map((e: { field: string }) => e.field)]).toEqual([change, 400, [field]]);
    }
    expect(await sources()).toEqual([]);

    const created = await http().post('/api/admin/crawl/sources').set('Cookie', olga.cookie).send(good).expect(201);
    expect(created.body).toEqual(expect.objectContaining({ ...good, enabled: false, render: false, pageAdapter: null, maxPages: null, lastRun: null }));
    const dup = await http().post('/api/admin/crawl/sources').set('Cookie', olga.cookie).send({ ...good, cron: '0 4 * * *' }).expect(409);
    expect(dup.body).toEqual(expect.objectContaining({ code: 'crawl_source_exists', errors: [{ field: 'name', reason: 'is taken' }] }));
    // PATCH: the same checks on the merged source, the name is not a field, unknown names are 404.
    const patchBad = await http().patch('/api/admin/crawl/sources/acme').set('Cookie', olga.cookie).send({ cron: '0 25 * * *', pageAdapter: 'indeed' }).expect(400);
    expect(patchBad.body.errors.map((e: { field: string }) => e.field)).toEqual(['cron']);
    const mismatch = await http().patch('/api/admin/crawl/sources/acme').set('Cookie', olga.cookie).send({ pageAdapter: 'indeed' }).expect(400);
    expect(mismatch.body.errors).toEqual([{ field: 'pageAdapter', reason: expect.stringContaining('sitemap') }]);
    await http().patch('/api/admin/crawl/sources/acme').set('Cookie', olga.cookie).send({ name: 'other' }).expect(400);
    const missing = await http().patch('/api/admin/crawl/sources/nope').set('Cookie', olga.cookie).send({ enabled: true }).expect(404);
    expect(missing.body.code).toBe('crawl_source_not_found');
    await http().delete('/api/admin/crawl/sources/nope').set('Cookie', olga.cookie).expect(404);
    await http().post('/api/admin/crawl/sources/nope/run').set('Cookie', olga.cookie).expect(404);
    await http().delete('/api/admin/crawl/sources/acme').set('Cookie', olga.cookie).expect(204);
  });

  it('keeps the BullMQ job scheduler in step with every change: create, cron, disable, enable, delete', async () => {
    const body = { name: 'sched', adapter: 'lever', startUrls: ['https://api.lever.co/v0/postings/northwind?mode=json'], cron: '*/30 * * * *', enabled: true };
    await http().post('/api/admin/crawl/sources').set('Cookie', olga.cookie).send(body).expect(201);
    expect(await schedulers()).toEqual([['crawl-sched', '*/30 * * * *', 'UTC']]);
    const patched = await http().patch('/api/admin/crawl/sources/sched').set('Cookie', olga.cookie).send({ cron: '5 1 * * *', maxPages: 50, render: true }).expect(200);
    expect(patched.body).toEqual(expect.objectContaining({ cron: '5 1 * * *', maxPages: 50, render: true, enabled: true }));
    expect(await schedulers()).toEqual([['crawl-sched', '5 1 * * *', 'UTC']]);
    const schedulerJob = await queue.getJobScheduler('crawl-sched');
    expect(schedulerJob?.template?.data).toEqual({ source: 'sched' });
    await http().patch('/api/admin/crawl/sources/sched').set('Cookie', olga.cookie).send({ enabled: false }).expect(200);
    expect(await schedulers()).toEqual([]);
    await http().patch('/api/admin/crawl/sources/sched').set('Cookie', olga.cookie).send({ enabled: true, maxPages: null }).expect(200);
    expect(await schedulers()).toEqual([['crawl-sched', '5 1 * * *', 'UTC']]);
    await http().delete('/api/admin/crawl/sources/sched').set('Cookie', olga.cookie).expect(204);
    expect(await schedulers()).toEqual([]);
  });

  it('answers 503 queue_unavailable and changes nothing while Redis cannot be reached', async () => {
    await http().post('/api/admin/crawl/sources').set('Cookie', olga.cookie).send({ name: 'steady', adapter: 'lever', startUrls: ['https://api.lever.co/v0/postings/northwind?mode=json'], cron: '0 2 * * *', enabled: true }).expect(201);
    // The same database, a Redis port nothing listens on.
    const cut = await createApp(loadConfig({ ...env, REDIS_URL: 'redis://127.0.0.1:1/4' }), { logger: false });
    await cut.init();
    try {
      const patch = await request(cut.getHttpServer()).patch('/api/admin/crawl/sources/steady').set('Cookie', olga.cookie).send({ cron: '0 5 * * *' }).expect(503);
      expect(patch.body.code).toBe('queue_unavailable');
      const run = await request(cut.getHttpServer()).post('/api/admin/crawl/sources/steady/run').set('Cookie', olga.cookie).expect(503);
      expect(run.body.code).toBe('queue_unavailable');
      await request(cut.getHttpServer()).delete('/api/admin/crawl/sources/steady').set('Cookie', olga.cookie).expect(503);
      const board = await request(cut.getHttpServer()).get('/admin/queues/api/queues').set('Cookie', olga.cookie).expect(503);
      expect(board.body.code).toBe('queue_unavailable');
      // Reading needs no Redis.
      const list = await request(cut.getHttpServer()).get('/api/admin/crawl/sources').set('Cookie', olga.cookie).expect(200);
      expect(list.body.map((x: { name: string; cron: string }) => [x.name, x.cron])).toEqual([['steady', '0 2 * * *']]);
    } finally {
      await cut.close();
    }
    expect(await schedulers()).toEqual([['crawl-steady', '0 2 * * *', 'UTC']]);
    await http().delete('/api/admin/crawl/sources/steady').set('Cookie', olga.cookie).expect(204);
  });

  it('runs a source now through the workers process and stores its report; the crawl CLI stores its run too', async () => {
    await http()
      .post('/api/admin/crawl/sources')
      .set('Cookie', olga.cookie)
      .send({ name: 'local-site', adapter: 'sitemap', pageAdapter: 'indeed', startUrls: [`${base}/sitemap.xml`], cron: '0 */6 * * *', enabled: false })
      .expect(201);
    const queued = await http().post('/api/admin/crawl/sources/local-site/run').set('Cookie', olga.cookie).expect(202);
    expect(queued.body).toEqual({ source: 'local-site', jobId: expect.any(String) });
    const job = await queue.getJob(queued.body.jobId);
    expect([job?.name, job?.data]).toEqual(['crawl-source', { source: 'local-site' }]);

    const workers: ChildProcess = spawn(process.execPath, [resolve(REPO_ROOT, 'workers/dist/main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    workers.stdout!.on('data', (d) => (log += d));
    workers.stderr!.on('data', (d) => (log += d));
    try {
      const run = await waitFor(async () => {
        const s = (await sources()).find((x) => x.name === 'local-site');
        const r = s?.lastRun as Record<string, unknown> | null;
        return r && r.running === false ? r : undefined;
      }, 120_000, 500).catch((err: Error) => {
        throw new Error(`${err.message}; workers log:\n${log}`);
      });
      expect(run).toEqual(expect.objectContaining({ source: 'local-site', pages: 4, fetched: 4, new: 1, updated: 0, unchanged: 0, expired: 0, errors: 2, errorsByReason: { robots_disallowed: 1, not_found: 1 }, finishedAt: expect.any(String), startedAt: expect.any(String) }));
      expect(Date.parse(run.finishedAt as string)).toBeGreaterThanOrEqual(Date.parse(run.startedAt as string));
    } finally {
      workers.kill('SIGTERM');
      await new Promise((r) => (workers.exitCode !== null ? r(null) : workers.on('exit', r)));
    }

    // `npm run crawl -- --source local-site --once`: the source from the table, its run stored as the last.
    const before = (await sources()).find((x) => x.name === 'local-site')!.lastRun as { runId: string };
    const cli = spawn(process.execPath, [resolve(REPO_ROOT, 'workers/dist/cli/crawl.js'), '--source', 'local-site', '--once', '--no-classify', '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    cli.stdout!.on('data', (d) => (out += d));
    cli.stderr!.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((r) => cli.on('exit', r));
    expect([code, err]).toEqual([0, expect.any(String)]);
    const printed = JSON.parse(out.trim()) as { runId: string };
    const stored = (await sources()).find((x) => x.name === 'local-site')!.lastRun as Record<string, unknown>;
    expect(stored.runId).toBe(printed.runId);
    expect(stored.runId).not.toBe(before.runId);
    // The sitemap is byte for byte the same as in the workers' run: counted unchanged, its links not followed again.
    expect(stored).toEqual(expect.objectContaining({ running: false, pages: 1, fetched: 1, new: 0, unchanged: 1, errors: 0, errorsByReason: {} }));
  });

  describe('Bull Board at /admin/queues', () => {
    it('sends an anonymous browser to the login page, answers 401 to its API and 403 to a plain user', async () => {
      const page = await http().get('/admin/queues').set('Accept', 'text/html').expect(302);
      expect(page.headers.location).toBe('/login?returnUrl=%2Fadmin%2Fqueues');
      const api = await http().get('/admin/queues/api/queues').expect(401);
      expect(api.body.code).toBe('unauthenticated');
      for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
        const res = await http().get(path).set('Cookie', bob.cookie).expect(403);
        expect(res.body.code).toBe('forbidden_role');
      }
      // A state-changing call is refused before it reaches the board, whatever its path.
      await http().put('/admin/queues/api/queues/crawl/pause').set('Cookie', bob.cookie).expect(403);
    });

    it('shows an operator every queue of the app, its page and API answering under the helmet CSP', async () => {
      const html = await http().get('/admin/queues').set('Cookie', olga.cookie).expect(200);
      expect(html.headers['content-type']).toMatch(/text\/html/);
      expect(html.headers['content-security-policy']).toContain("script-src 'self'");
      // Every script is a same-origin file (nothing inline for the CSP to refuse) and is served.
      const scripts = [...html.text.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
      for (const attrs of scripts) expect(attrs).toMatch(/\bsrc="static\/|type="application\/json"/);
      const src = /<script[^>]*\bsrc="(static\/[^"]+)"/.exec(html.text)![1];
      const asset = await http().get(`/admin/queues/${src}`).set('Cookie', olga.cookie).expect(200);
      expect(asset.headers['content-type']).toMatch(/javascript/);

      const api = await http().get('/admin/queues/api/queues').set('Cookie', olga.cookie).expect(200);
      const names = (api.body.queues as Array<{ name: string }>).map((q) => q.name).sort();
      expect(names).toEqual(Object.values(QUEUES).sort());
    });

    it('renders in a real browser for an operator with no CSP violation of scripts', async () => {
      const server = app.getHttpServer() as Server;
      if (!server.listening) await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'] });
      try {
        const context = await browser.newContext();
        const [name, value] = olga.cookie.split(/=(.*)/s);
        await context.addCookies([{ name, value, url: origin }]);
        const page = await context.newPage();
        const violations: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'error' && /Content Security Policy/i.test(m.text()) && /script/i.test(m.text())) violations.push(m.text());
        });
        await page.goto(`${origin}/admin/queues`);
        // The board lists the queues it read from its own API: the React app ran.
        await page.getByText('maintenance', { exact: false }).first().waitFor({ timeout: 60_000 });
        await expect(page.getByText('crawl', { exact: false }).first().isVisible()).resolves.toBe(true);
        expect(violations).toEqual([]);
      } finally {
        await browser.close();
      }
    });
  });
});
