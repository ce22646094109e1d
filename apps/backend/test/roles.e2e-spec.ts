import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { loadConfig } from '@jobportal/config';
import { createApp } from '../src/app.factory';
import { grantRole, newTestPhone, signUpWithCode } from '../../../test/support/accounts';
import { FakeTwilio } from '../../../test/support/fake-twilio';
import { REPO_ROOT } from '../../../test/support/stack';

/** Roles granted by the `user:grant` CLI against real PostgreSQL, seen by the API on the next request. */
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/jobportal_test';

describe('roles (user:grant CLI, real PostgreSQL)', () => {
  const creds = FakeTwilio.credentials();
  const twilio = new FakeTwilio(creds);
  let app: INestApplication;

  beforeAll(async () => {
    await twilio.start();
    const config = loadConfig({
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: TEST_DATABASE_URL,
      ES_INDEX_PREFIX: 'e2e-roles-',
      QUEUE_PREFIX: `e2e-roles-${process.pid}-${Date.now()}`,
      TWILIO_ACCOUNT_SID: creds.accountSid,
      TWILIO_AUTH_TOKEN: creds.authToken,
      TWILIO_FROM: '+15005550006',
      TWILIO_API_BASE_URL: twilio.url,
      AUTH_IP_LIMIT: '10000',
    });
    app = await createApp(config, { logger: false });
    await app.init();
    const db = app.get(DataSource);
    if (!db.isInitialized) await db.initialize();
    await db.query(`TRUNCATE notification_marks, saved_searches, saved_jobs, sessions, otp_challenges, users CASCADE`);
  });
  afterAll(async () => {
    await app?.close();
    await twilio.stop();
  });

  const me = (cookie: string) => request(app.getHttpServer()).get('/api/me').set('Cookie', cookie).expect(200);

  it('a new account is a user only; a grant shows on the next request, a revoke takes it back', async () => {
    const ann = await signUpWithCode(app, twilio, 'Ann Analyst');
    expect((await me(ann.cookie)).body.roles).toEqual(['user']);

    expect(grantRole(TEST_DATABASE_URL, ann.phone, 'analyst')).toContain('user, analyst');
    // Granting twice keeps one copy.
    grantRole(TEST_DATABASE_URL, ann.phone, 'analyst');
    grantRole(TEST_DATABASE_URL, ann.phone, 'operator');
    expect((await me(ann.cookie)).body.roles).toEqual(['user', 'analyst', 'operator']);

    grantRole(TEST_DATABASE_URL, ann.phone, 'analyst', true);
    expect((await me(ann.cookie)).body.roles).toEqual(['user', 'operator']);
  });

  it('an unknown phone, a bad role or a bad number fail with a message and a non-zero exit', () => {
    const cli = (...args: string[]) =>
      spawnSync('node', [resolve(REPO_ROOT, 'workers/dist/cli/user-grant.js'), ...args], { env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: TEST_DATABASE_URL }, encoding: 'utf8' });
    const unknown = cli('--phone', newTestPhone(), '--role', 'analyst');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/No account has the phone/);
    const badRole = cli('--phone', '+14155550123', '--role', 'admin');
    expect(badRole.status).toBe(2);
    expect(badRole.stderr).toMatch(/--role must be one of: analyst, operator/);
    const badPhone = cli('--phone', '415-555', '--role', 'analyst');
    expect(badPhone.status).toBe(2);
    expect(badPhone.stderr).toMatch(/international format/);
  });
});
