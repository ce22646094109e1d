import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { loadConfig } from '@jobportal/config';
import { SOURCE_ADAPTERS } from '@jobportal/postings';
import { createSearchClient, deleteIndex, type Client } from '@jobportal/search';
import { createApp } from '../src/app.factory';
import { createIngestPipeline } from '../../../workers/src/ingest/ingest-pipeline';
import { signUpWithCode, type TestAccount } from '../../../test/support/accounts';
import { FakeTwilio } from '../../../test/support/fake-twilio';
import { DATA_DIR, REPO_ROOT } from '../../../test/support/stack';

/**
 * The restore drill: `npm run backup` (pg_dump + an Elasticsearch snapshot to an fs repository),
 * then the data is deleted, then `npm run restore` brings back the postings and a user's saved job.
 */
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/jobportal_test';
const PREFIX = 'e2e-backup-';

describe('backup and restore drill (pg_dump, Elasticsearch snapshot)', () => {
  const creds = FakeTwilio.credentials();
  const twilio = new FakeTwilio(creds);
  const backupDir = mkdtempSync(join(tmpdir(), 'jp-backup-'));
  const env = { ...process.env, NODE_ENV: 'test', ES_INDEX_PREFIX: PREFIX, DATABASE_URL: TEST_DATABASE_URL, BACKUP_DIR: backupDir, ES_SNAPSHOT_LOCATION: `e2e-backup-${process.pid}` };
  let app: INestApplication;
  let es: Client;
  let account: TestAccount;
  let jobId: string;
  const cli = (script: string, args: string[]) => spawnSync('node', [resolve(REPO_ROOT, 'workers/dist/cli', script), ...args], { env, encoding: 'utf8' });
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    await twilio.start();
    const config = loadConfig({
      ...env,
      QUEUE_PREFIX: `e2e-backup-${process.pid}-${Date.now()}`,
      TWILIO_ACCOUNT_SID: creds.accountSid,
      TWILIO_AUTH_TOKEN: creds.authToken,
      TWILIO_FROM: '+15005550006',
      TWILIO_API_BASE_URL: twilio.url,
      AUTH_IP_LIMIT: '10000',
    });
    es = createSearchClient({ node: config.elastic.node });
    await deleteIndex(es, 'postings', { prefix: PREFIX });
    const pipeline = await createIngestPipeline(config);
    await pipeline.importFile('craigslist_nyc_2019', resolve(DATA_DIR, SOURCE_ADAPTERS.craigslist_nyc_2019.samplePath!), { refresh: true });
    await pipeline.close();
    app = await createApp(config, { logger: false });
    await app.init();
    const db = app.get(DataSource);
    if (!db.isInitialized) await db.initialize();
    await db.query(`TRUNCATE notification_marks, saved_searches, saved_jobs, sessions, otp_challenges, users CASCADE`);
    account = await signUpWithCode(app, twilio, 'Bea Backup');
    const hit = await es.search({ index: `${PREFIX}postings`, size: 1, sort: [{ posted_at: 'desc' }] });
    jobId = hit.hits.hits[0]._id!;
    await http().put(`/api/me/saved-jobs/${jobId}`).set('Cookie', account.cookie).send({ status: 'applied', note: 'interview Friday' }).expect(201);
  });
  afterAll(async () => {
    await app?.close();
    await twilio.stop();
    await es?.close();
    rmSync(backupDir, { recursive: true, force: true });
  });

  it('backs up, loses everything, restores: the postings and the saved job are back', async () => {
    const out = join(backupDir, 'drill');
    const backup = cli('backup.js', ['--out', out]);
    expect({ status: backup.status, stderr: backup.stderr }).toMatchObject({ status: 0 });
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.database.tables).toMatchObject({ users: 1, saved_jobs: 1 });
    expect(manifest.elasticsearch.counts).toEqual({ [`${PREFIX}postings`]: 204 });

    // The disaster: the saved job is deleted and the postings index is gone.
    await http().delete(`/api/me/saved-jobs/${jobId}`).set('Cookie', account.cookie).expect(204);
    await deleteIndex(es, 'postings', { prefix: PREFIX });
    expect(await es.indices.exists({ index: `${PREFIX}postings` })).toBe(false);
    expect((await http().get('/api/me/saved-jobs').set('Cookie', account.cookie).expect(200)).body).toEqual([]);

    const restore = cli('restore.js', ['--from', out]);
    expect({ status: restore.status, stderr: restore.stderr }).toMatchObject({ status: 0 });
    expect(restore.stdout).toContain('Restored the backup');

    expect((await es.count({ index: `${PREFIX}postings` })).count).toBe(204);
    const search = await http().get('/api/jobs/search').expect(200);
    expect(search.body.total.value).toBeGreaterThan(0);
    const saved = await http().get('/api/me/saved-jobs').set('Cookie', account.cookie).expect(200);
    expect(saved.body.map((j: { jobId: string; status: string; note: string }) => [j.jobId, j.status, j.note])).toEqual([[jobId, 'applied', 'interview Friday']]);
  });

  it('a folder without a backup is refused with what to give instead', () => {
    const res = cli('restore.js', ['--from', join(backupDir, 'nothing-here')]);
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/No backup at .*manifest\.json is missing/);
  });
});
