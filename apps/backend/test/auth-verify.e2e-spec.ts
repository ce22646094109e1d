import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { loadConfig } from '@jobportal/config';
import { createApp } from '../src/app.factory';
import { normalizePhone } from '../src/auth/identifiers';
import { FakeTwilio } from '../../../test/support/fake-twilio';
import { SmtpCatcher } from '../../../test/support/smtp-catcher';

/**
 * SMS codes through Twilio Verify (TWILIO_VERIFY_SERVICE_SID): the real twilio SDK talks to a local
 * server speaking Verify's protocol, which makes the codes; the test reads them from what that
 * server "sent". Real PostgreSQL and Redis. Our own limits must stay in front of Verify.
 *
 * Its own database (the test database's name + "_verify", created if missing): the other account
 * specs truncate the account tables and count their rows, so sharing theirs would make both flaky
 * whenever Jest runs the spec files side by side.
 */
const BASE_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/jobportal_test';
const DATABASE_URL = (() => {
  const url = new URL(BASE_DATABASE_URL);
  url.pathname = `${url.pathname}_verify`;
  return url.toString();
})();
const TABLES = 'notification_marks, saved_searches, saved_jobs, sessions, otp_challenges, users';

async function ensureDatabase(): Promise<void> {
  const client = new Client({ connectionString: BASE_DATABASE_URL });
  await client.connect();
  try {
    const name = new URL(DATABASE_URL).pathname.slice(1);
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

const usedPhones = new Set<string>();
let phoneSeq = 0;
/** A valid, unused US number per call. */
function newPhone(): string {
  for (;;) {
    const n = `+1415555${String(2000 + ((process.pid * 53 + Date.now() + phoneSeq++ * 7919) % 7999)).padStart(4, '0')}`;
    if (normalizePhone(n) === n && !usedPhones.has(n)) {
      usedPhones.add(n);
      return n;
    }
  }
}
let emailSeq = 0;
const newEmail = () => `verify${process.pid}-${Date.now()}-${emailSeq++}@example.com`;

const cookieOf = (res: request.Response): string => {
  const cookie = (res.headers['set-cookie'] as unknown as string[] | undefined)?.find((c) => c.startsWith('jp_session='));
  if (!cookie) throw new Error(`no session cookie in ${JSON.stringify(res.headers)}`);
  return cookie.split(';')[0];
};
const otherCode = (code: string, i = 0) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0');

describe('accounts: SMS codes through Twilio Verify (real PostgreSQL, Redis, twilio SDK)', () => {
  const creds = FakeTwilio.credentials();
  const twilio = new FakeTwilio(creds);
  const smtp = new SmtpCatcher();
  const apps: INestApplication[] = [];
  let app: INestApplication;
  let db: DataSource;

  function env(extra: Record<string, string>) {
    return {
      ...process.env,
      NODE_ENV: 'test',
      ES_INDEX_PREFIX: 'e2e-auth-verify-',
      DATABASE_URL,
      QUEUE_PREFIX: `e2e-auth-verify-${process.pid}-${Date.now()}-${apps.length}`,
      TWILIO_ACCOUNT_SID: creds.accountSid,
      TWILIO_AUTH_TOKEN: creds.authToken,
      TWILIO_VERIFY_SERVICE_SID: twilio.verifyServiceSid,
      // No TWILIO_FROM: with Verify, codes need no Messages API sender.
      TWILIO_FROM: '',
      TWILIO_API_BASE_URL: twilio.url,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Job portal <codes@jobportal.test>',
      AUTH_IP_LIMIT: '10000',
      ...extra,
    };
  }

  async function startApp(extra: Record<string, string> = {}): Promise<INestApplication> {
    const a = await createApp(loadConfig(env(extra)), { logger: false });
    await a.init();
    apps.push(a);
    return a;
  }

  beforeAll(async () => {
    await ensureDatabase();
    await twilio.start();
    await smtp.start();
    app = await startApp();
    db = app.get(DataSource);
    await db.initialize();
    await db.query(`TRUNCATE ${TABLES} CASCADE`);
  });
  afterAll(async () => {
    for (const a of apps) await a.close();
    await twilio.stop();
    await smtp.stop();
  });

  const http = (a: INestApplication = app) => request(a.getHttpServer());
  const verify = (challengeId: string, code: string, a: INestApplication = app) => http(a).post('/api/auth/verify').send({ challengeId, code });

  async function signUp(a: INestApplication = app) {
    const phone = newPhone();
    const email = newEmail();
    const res = await http(a).post('/api/auth/signup').send({ name: 'Grace Hopper', phone, email }).expect(202);
    const code = await twilio.verifyCodeFor(phone, 1);
    const verified = await verify(res.body.challengeId, code, a).expect(200);
    return { phone, email, me: verified.body, cookie: cookieOf(verified) };
  }

  it('sign-up: Verify sends the code (no Messages API, nothing stored), its check approves it, a session starts', async () => {
    const phone = newPhone();
    const res = await http().post('/api/auth/signup').send({ name: 'Ada Lovelace', phone }).expect(202);
    expect(res.body).toEqual({
      challengeId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      channel: 'sms',
      sentTo: `+1 ••• ${phone.slice(-4)}`,
      expiresAt: expect.any(String),
      resendAfter: 60,
      codeLength: 6,
    });

    // What the real SDK sent: Verify's Verifications resource of our service, Basic auth, a form body.
    const sent = await twilio.waitForVerification(phone, 1);
    expect(sent).toMatchObject({ path: `/v2/Services/${twilio.verifyServiceSid}/Verifications`, channel: 'sms', authUser: creds.accountSid });
    expect(sent.contentType).toContain('application/x-www-form-urlencoded');
    expect(sent.userAgent).toMatch(/^twilio-node\//);
    expect(twilio.to(phone)).toHaveLength(0);

    // We keep no secret for a Verify code: the code exists only at Verify and on the phone.
    const [row] = await db.query('SELECT secret, destination FROM otp_challenges WHERE id = $1', [res.body.challengeId]);
    expect(row).toEqual({ secret: null, destination: phone });

    const verified = await verify(res.body.challengeId, sent.code).expect(200);
    expect(verified.body).toMatchObject({ name: 'Ada Lovelace', phone, email: null, totpEnabled: false });
    expect(twilio.checksFor(phone)).toEqual([expect.objectContaining({ serviceSid: twilio.verifyServiceSid, code: sent.code, outcome: 'approved' })]);
    const me = await http().get('/api/me').set('Cookie', cookieOf(verified)).expect(200);
    expect(me.body.id).toBe(verified.body.id);

    // A used challenge is refused by us; Verify is not asked again.
    const reused = await verify(res.body.challengeId, sent.code).expect(400);
    expect(reused.body).toMatchObject({ code: 'challenge_used', errors: [{ field: 'challengeId' }] });
    expect(twilio.checksFor(phone)).toHaveLength(1);
  });

  it('log-in by phone: a code through Verify starts a session for the same account', async () => {
    const { phone, me } = await signUp();
    const res = await http().post('/api/auth/login').send({ phone }).expect(202);
    expect(res.body).toMatchObject({ channel: 'sms', sentTo: `+1 ••• ${phone.slice(-4)}`, resendAfter: 60, codeLength: 6 });
    const code = await twilio.verifyCodeFor(phone, 2);
    const verified = await verify(res.body.challengeId, code).expect(200);
    expect(verified.body.id).toBe(me.id);
    await http().get('/api/me').set('Cookie', cookieOf(verified)).expect(200);
  });

  it('log-in by e-mail is unchanged: our own code through SMTP, Verify not involved', async () => {
    const { email, phone, me } = await signUp();
    const checksBefore = twilio.verificationChecks.length;
    const res = await http().post('/api/auth/login').send({ email }).expect(202);
    expect(res.body.channel).toBe('email');
    const code = await smtp.codeFor(email);
    const verified = await verify(res.body.challengeId, code).expect(200);
    expect(verified.body.id).toBe(me.id);
    expect(twilio.verificationsTo(phone)).toHaveLength(1);
    expect(twilio.verificationChecks).toHaveLength(checksBefore);
    const [row] = await db.query('SELECT secret FROM otp_challenges WHERE id = $1', [res.body.challengeId]);
    expect(row.secret).toMatch(/^v1\./);
  });

  it('every wrong code counts toward our 5 tries; the 6th try is refused even when right, without asking Verify', async () => {
    const { phone } = await signUp();
    const res = await http().post('/api/auth/login').send({ phone }).expect(202);
    const code = await twilio.verifyCodeFor(phone, 2);
    const checksBefore = twilio.checksFor(phone).length;
    for (let i = 0; i < 5; i++) {
      const r = await verify(res.body.challengeId, otherCode(code, i)).expect(400);
      expect(r.body).toMatchObject({ code: 'invalid_code', errors: [{ field: 'code', reason: expect.stringContaining('is not the code we sent') }] });
      expect(r.body.errors[0].reason).toContain(i < 4 ? `${4 - i} tr` : 'request a new code');
    }
    expect(twilio.checksFor(phone).slice(checksBefore).map((c) => c.outcome)).toEqual(['pending', 'pending', 'pending', 'pending', 'pending']);

    const sixth = await verify(res.body.challengeId, code).expect(429);
    expect(sixth.body).toMatchObject({ statusCode: 429, code: 'too_many_attempts', errors: [{ field: 'code' }] });
    expect(sixth.headers['set-cookie']).toBeUndefined();
    expect(twilio.checksFor(phone)).toHaveLength(checksBefore + 5);
  });

  it('resend inside the cooldown is a 429 with Retry-After and sends nothing; after it Verify sends again', async () => {
    const { phone } = await signUp();
    const res = await http().post('/api/auth/login').send({ phone }).expect(202);
    await twilio.waitForVerification(phone, 2);
    const early = await http().post('/api/auth/resend').send({ challengeId: res.body.challengeId }).expect(429);
    expect(early.body).toMatchObject({ statusCode: 429, code: 'resend_too_soon' });
    const retryAfter = Number(early.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(55);
    expect(retryAfter).toBeLessThanOrEqual(60);
    await new Promise((r) => setTimeout(r, 200));
    expect(twilio.verificationsTo(phone)).toHaveLength(2);

    await db.query(`UPDATE otp_challenges SET last_sent_at = last_sent_at - interval '61 seconds' WHERE id = $1`, [res.body.challengeId]);
    await http().post('/api/auth/resend').send({ challengeId: res.body.challengeId }).expect(202);
    // Verify re-sends the pending verification's code (its own rule); it is the one that works.
    const code = await twilio.verifyCodeFor(phone, 3);
    await verify(res.body.challengeId, code).expect(200);
  });

  it('our lockout and expiry stay in front of Verify', async () => {
    const strict = await startApp({ AUTH_FAILURE_LIMIT: '2', AUTH_LOCKOUT_S: '600' });
    const { phone } = await signUp(strict);
    const res = await http(strict).post('/api/auth/login').send({ phone }).expect(202);
    const code = await twilio.verifyCodeFor(phone, 2);
    await verify(res.body.challengeId, otherCode(code), strict).expect(400);
    const locked = await verify(res.body.challengeId, otherCode(code, 1), strict).expect(429);
    expect(locked.body.code).toBe('locked');
    expect(Number(locked.headers['retry-after'])).toBe(600);
    const checks = twilio.checksFor(phone).length;
    expect((await verify(res.body.challengeId, code, strict).expect(429)).body.code).toBe('locked');
    expect(twilio.checksFor(phone)).toHaveLength(checks);

    const other = await signUp();
    const login = await http().post('/api/auth/login').send({ phone: other.phone }).expect(202);
    const otherCodeSent = await twilio.verifyCodeFor(other.phone, 2);
    await db.query(`UPDATE otp_challenges SET expires_at = now() - interval '1 second' WHERE id = $1`, [login.body.challengeId]);
    const expired = await verify(login.body.challengeId, otherCodeSent).expect(400);
    expect(expired.body).toMatchObject({ code: 'challenge_expired', errors: [{ field: 'challengeId', reason: 'has expired; request a new code' }] });
    expect(twilio.checksFor(other.phone)).toHaveLength(1);
  });

  it('no enumeration: an unknown phone answers like a known one, and Verify neither sends to it nor checks it', async () => {
    const { phone: known } = await signUp();
    const unknown = newPhone();
    const a = await http().post('/api/auth/login').send({ phone: known }).expect(202);
    const b = await http().post('/api/auth/login').send({ phone: unknown }).expect(202);
    expect({ ...b.body, challengeId: 'x', expiresAt: 'x', sentTo: 'x' }).toEqual({ ...a.body, challengeId: 'x', expiresAt: 'x', sentTo: 'x' });
    const knownCode = await twilio.verifyCodeFor(known, 2);
    const wrongKnown = await verify(a.body.challengeId, otherCode(knownCode)).expect(400);
    const wrongUnknown = await verify(b.body.challengeId, otherCode(knownCode)).expect(400);
    expect(wrongUnknown.body).toEqual(wrongKnown.body);
    await new Promise((r) => setTimeout(r, 200));
    expect(twilio.verificationsTo(unknown)).toHaveLength(0);
    expect(twilio.checksFor(unknown)).toHaveLength(0);
  });

  it('with TWILIO_FROM set as well, codes still go through Verify (the Messages API is left to digests)', async () => {
    const both = await startApp({ TWILIO_FROM: '+15005550006' });
    const phone = newPhone();
    const res = await http(both).post('/api/auth/signup').send({ name: 'Both', phone }).expect(202);
    const code = await twilio.verifyCodeFor(phone, 1);
    await verify(res.body.challengeId, code, both).expect(200);
    expect(twilio.to(phone)).toHaveLength(0);
  });

  it('Verify unreachable: 503 with a code and a message, the try is not counted, and codes work again once it is back', async () => {
    const { phone } = await signUp();
    twilio.unreachable = true;
    try {
      // The code goes out after the answer (timing must not tell known accounts from unknown ones).
      const pending = await http().post('/api/auth/login').send({ phone }).expect(202);
      const down = await verify(pending.body.challengeId, '123456').expect(503);
      expect(down.body).toEqual({ statusCode: 503, code: 'sms_unavailable', message: 'Codes by SMS are temporarily unavailable; try again in a minute.' });
      expect(down.headers['retry-after']).toBeDefined();
      const [row] = await db.query('SELECT attempts FROM otp_challenges WHERE id = $1', [pending.body.challengeId]);
      expect(row.attempts).toBe(0);

      // Known to be down: new codes are refused at once, before anything is stored or counted.
      const [before] = await db.query('SELECT count(*)::int AS n FROM otp_challenges WHERE identifier = $1', [phone]);
      const refused = await http().post('/api/auth/login').send({ phone }).expect(503);
      expect(refused.body).toMatchObject({ statusCode: 503, code: 'sms_unavailable', message: expect.stringContaining('temporarily unavailable') });
      const signup = await http().post('/api/auth/signup').send({ name: 'Later', phone: newPhone() }).expect(503);
      expect(signup.body.code).toBe('sms_unavailable');
      const [after] = await db.query('SELECT count(*)::int AS n FROM otp_challenges WHERE identifier = $1', [phone]);
      expect(after.n).toBe(before.n);
    } finally {
      twilio.unreachable = false;
    }

    // Back: within a few seconds a request probes Verify and codes flow again.
    const deadline = Date.now() + 15_000;
    let res: request.Response;
    for (;;) {
      res = await http().post('/api/auth/login').send({ phone });
      if (res.status !== 503 || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(res.status).toBe(202);
    // The send while it was unreachable never arrived: this is the second code Verify sent here.
    const code = await twilio.verifyCodeFor(phone, 2);
    await verify(res.body.challengeId, code).expect(200);
  });
});
