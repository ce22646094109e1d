import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { loadConfig } from '@jobportal/config';
import { createApp } from '../src/app.factory';
import { signUpWithCode, type TestAccount } from '../../../test/support/accounts';
import { FakeTwilio } from '../../../test/support/fake-twilio';

/** Security headers, CORS and the CSRF origin check on the real app (real PostgreSQL sessions). */
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/jobportal_test';
const PARTNER = 'https://partner.example.org';
const HOST = 'jobs.test:8080';

describe('HTTP security (helmet, CORS, CSRF)', () => {
  const creds = FakeTwilio.credentials();
  const twilio = new FakeTwilio(creds);
  let app: INestApplication;
  let account: TestAccount;

  const search = { name: 'Night nurse', params: { q: 'nurse' }, frequency: 'daily', channel: 'email' };
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    await twilio.start();
    const config = loadConfig({
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: TEST_DATABASE_URL,
      ES_INDEX_PREFIX: 'e2e-security-',
      QUEUE_PREFIX: `e2e-security-${process.pid}-${Date.now()}`,
      TWILIO_ACCOUNT_SID: creds.accountSid,
      TWILIO_AUTH_TOKEN: creds.authToken,
      TWILIO_FROM: '+15005550006',
      TWILIO_API_BASE_URL: twilio.url,
      AUTH_IP_LIMIT: '10000',
      CORS_ORIGINS: PARTNER,
    });
    app = await createApp(config, { logger: false });
    await app.init();
    const db = app.get(DataSource);
    if (!db.isInitialized) await db.initialize();
    await db.query(`TRUNCATE notification_marks, saved_searches, saved_jobs, sessions, otp_challenges, users CASCADE`);
    account = await signUpWithCode(app, twilio, 'Sam Secure', 'sam@example.com');
  });
  afterAll(async () => {
    await app?.close();
    await twilio.stop();
  });

  it('answers with helmet headers and a CSP that allows only our own scripts; no HSTS over plain http', async () => {
    const res = await http().get('/api/health');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'unsafe-hashes' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('CORS: a configured origin may call with credentials; any other origin gets no CORS headers', async () => {
    const ok = await http().options('/api/me/saved-searches').set('Origin', PARTNER).set('Access-Control-Request-Method', 'POST');
    expect(ok.status).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe(PARTNER);
    expect(ok.headers['access-control-allow-credentials']).toBe('true');
    const other = await http().get('/api/health').set('Origin', 'https://evil.example.com');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('CSRF: a cross-site POST with the session cookie is refused with csrf_rejected and changes nothing', async () => {
    const byOrigin = await http().post('/api/me/saved-searches').set('Host', HOST).set('Origin', 'https://evil.example.com').set('Cookie', account.cookie).send(search);
    expect(byOrigin.status).toBe(403);
    expect(byOrigin.body).toMatchObject({ statusCode: 403, code: 'csrf_rejected' });
    expect(byOrigin.body.message).toContain('https://evil.example.com');

    // A form posted from another site (urlencoded, no preflight) with only Sec-Fetch-Site to tell.
    const byFetchMetadata = await http().post('/api/auth/logout').set('Sec-Fetch-Site', 'cross-site').set('Cookie', account.cookie).type('form').send('x=1');
    expect(byFetchMetadata.status).toBe(403);
    expect(byFetchMetadata.body.code).toBe('csrf_rejected');

    const sandboxed = await http().delete('/api/me/totp').set('Origin', 'null').set('Cookie', account.cookie);
    expect(sandboxed.status).toBe(403);

    const list = await http().get('/api/me/saved-searches').set('Cookie', account.cookie).expect(200);
    expect(list.body.items ?? list.body).toHaveLength(0);
    // The session survived the refused logout.
    await http().get('/api/me').set('Cookie', account.cookie).expect(200);
  });

  it('CSRF: the same origin, a configured partner and a non-browser client (no Origin) pass', async () => {
    await http().post('/api/me/saved-searches').set('Host', HOST).set('Origin', `http://${HOST}`).set('Sec-Fetch-Site', 'same-origin').set('Cookie', account.cookie).send(search).expect(201);
    await http().post('/api/me/saved-searches').set('Origin', PARTNER).set('Cookie', account.cookie).send({ ...search, name: 'Partner' }).expect(201);
    await http().post('/api/me/saved-searches').set('Cookie', account.cookie).send({ ...search, name: 'curl' }).expect(201);
    const list = await http().get('/api/me/saved-searches').set('Cookie', account.cookie).expect(200);
    expect(list.body.items ?? list.body).toHaveLength(3);
  });
});
