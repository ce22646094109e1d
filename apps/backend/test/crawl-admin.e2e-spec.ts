import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { loadConfig } from '@jobportal/config';
import type { CrawlSource } from '@jobportal/postings';
import { createApp } from '../src/app.factory';
import { createCrawler } from '../../../workers/src/crawl/crawler';
import { createIngestPipeline } from '../../../workers/src/ingest/ingest-pipeline';
import { grantRole, signUpWithCode } from '../../../test/support/accounts';
import { FakeTwilio } from '../../../test/support/fake-twilio';

/** GET /api/admin/crawl/sources: operators only, the configured sources with a real crawl's last run. */
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/jobportal_test';

describe('crawl operator API', () => {
  const creds = FakeTwilio.credentials();
  const twilio = new FakeTwilio(creds);
  let app: INestApplication;
  let site: Server;
  let config: ReturnType<typeof loadConfig>;
  const dir = mkdtempSync(join(tmpdir(), 'crawl-admin-'));

  beforeAll(async () => {
    await twilio.start();
    site = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/robots.txt') return void res.writeHead(200).end('User-agent: *\nDisallow: /private\n');
      if (url.pathname === '/sitemap.xml') {
        return void res.writeHead(200, { 'content-type': 'application/xml' }).end(
          `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${base}/viewjob?jk=001b92395ed0fb62</loc></url><url><loc>${base}/private/1</loc></url><url><loc>${base}/gone</loc></url></urlset>`,
        );
      }
      if (url.pathname === '/viewjob') return void res.writeHead(200, { 'content-type': 'text/html' }).end(readFileSync(resolve(config.data.dir, 'html/indeed_posting_pages_2019/001b92395ed0fb62_fccid.html')));
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    const sources: CrawlSource[] = [
      { name: 'local-site', adapter: 'sitemap', pageAdapter: 'indeed', startUrls: [`${base}/sitemap.xml`], cron: '0 */6 * * *', enabled: true },
      { name: 'never-run', adapter: 'greenhouse', startUrls: ['https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true'], cron: '0 3 * * *', enabled: false },
    ];
    const file = join(dir, 'sources.json');
    writeFileSync(file, JSON.stringify(sources));
    config = loadConfig({
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: TEST_DATABASE_URL,
      ES_INDEX_PREFIX: `e2e-crawl-admin-${process.pid}-`,
      QUEUE_PREFIX: `e2e-crawl-admin-${process.pid}-${Date.now()}`,
      CRAWL_SOURCES_FILE: file,
      CRAWL_HOST_RATE_PER_S: '100',
      CRAWL_HOST_BURST: '10',
      TWILIO_ACCOUNT_SID: creds.accountSid,
      TWILIO_AUTH_TOKEN: creds.authToken,
      TWILIO_FROM: '+15005550006',
      TWILIO_API_BASE_URL: twilio.url,
      AUTH_IP_LIMIT: '10000',
    });
    // A real crawl run of the first source, so the API has a last run to show.
    const pipeline = await createIngestPipeline(config, undefined, { classify: false });
    const crawler = createCrawler({ config, pipeline, sources });
    const worker = crawler.startWorker();
    await crawler.waitForRun(await crawler.startRun('local-site'), undefined, 100);
    await worker.close();
    await crawler.close();
    await pipeline.es.indices.delete({ index: `${config.elastic.indexPrefix}*` });
    await pipeline.close();

    app = await createApp(config, { logger: false });
    await app.init();
    const db = app.get(DataSource);
    if (!db.isInitialized) await db.initialize();
  });
  afterAll(async () => {
    await app?.close();
    await twilio.stop();
    await new Promise((r) => site.close(r));
  });

  it('answers 401 without a session and 403 forbidden_role for a plain user', async () => {
    await request(app.getHttpServer()).get('/api/admin/crawl/sources').expect(401);
    const bob = await signUpWithCode(app, twilio, 'Bob User');
    const res = await request(app.getHttpServer()).get('/api/admin/crawl/sources').set('Cookie', bob.cookie).expect(403);
    expect(res.body).toEqual(expect.objectContaining({ statusCode: 403, code: 'forbidden_role' }));
  });

  it('shows an operator every source with its last run counted by reason', async () => {
    const olga = await signUpWithCode(app, twilio, 'Olga Operator');
    grantRole(TEST_DATABASE_URL, olga.phone, 'operator');
    const res = await request(app.getHttpServer()).get('/api/admin/crawl/sources').set('Cookie', olga.cookie).expect(200);
    expect(res.body).toEqual([
      expect.objectContaining({
        name: 'local-site',
        enabled: true,
        cron: '0 */6 * * *',
        lastRun: expect.objectContaining({ source: 'local-site', pages: 4, new: 1, errors: 2, errorsByReason: { robots_disallowed: 1, not_found: 1 } }),
      }),
      expect.objectContaining({ name: 'never-run', enabled: false, lastRun: null }),
    ]);
  });
});
