import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { generate } from 'otplib';
import { DataSource } from 'typeorm';
import { loadConfig } from '@jobportal/config';
import { createApp } from '../src/app.factory';
import { normalizePhone } from '../src/auth/identifiers';
import { FakeTwilio } from '../../../test/support/fake-twilio';
import { SmtpCatcher } from '../../../test/support/smtp-catcher';

/**
 * Sign-up, log-in and sessions against real PostgreSQL (database jobportal_test) and Redis, with
 * the real twilio SDK talking to a local Messages API server and nodemailer to a local SMTP server.
 */
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/jobportal_test';
const TABLES = 'notification_marks, saved_searches, saved_jobs, sessions, otp_challenges, users';
const FROM = '+15005550006';

let phoneSeq = 0;
/** A valid, unused US number per call (555-01xx is reserved for fiction, so use other 555 lines). */
function newPhone(): string {
  for (;;) {
    const n = `+1415555${String(2000 + ((process.pid * 37 + Date.now() + phoneSeq++ * 7919) % 7999)).padStart(4, '0')}`;
    if (normalizePhone(n) === n && !usedPhones.has(n)) {
      usedPhones.add(n);
      return n;
    }
  }
}
const usedPhones = new Set<string>();
let emailSeq = 0;
const newEmail = () => `user${process.pid}-${Date.now()}-${emailSeq++}@example.com`;

const cookieOf = (res: request.Response): string => {
  const set = res.headers['set-cookie'] as unknown as string[] | undefined;
  const cookie = set?.find((c) => c.startsWith('jp_session='));
  if (!cookie) throw new Error(`no session cookie in ${JSON.stringify(res.headers)}`);
  return cookie;
};
const cookiePair = (setCookie: string) => setCookie.split(';')[0];

describe('accounts: one-time-code sign-up and log-in (real PostgreSQL, Redis, twilio SDK, SMTP)', () => {
  const twilioCreds = FakeTwilio.credentials();
  const twilio = new FakeTwilio(twilioCreds);
  const smtp = new SmtpCatcher();
  const apps: INestApplication[] = [];
  let app: INestApplication;
  let db: DataSource;

  function env(extra: Record<string, string> = {}) {
    return {
      ...process.env,
      NODE_ENV: 'test',
      ES_INDEX_PREFIX: 'e2e-auth-',
      DATABASE_URL: TEST_DATABASE_URL,
      // Own Redis keys per app: limits counted by one test do not leak into another.
      QUEUE_PREFIX: `e2e-auth-${process.pid}-${Date.now()}-${apps.length}`,
      TWILIO_ACCOUNT_SID: twilioCreds.accountSid,
      TWILIO_AUTH_TOKEN: twilioCreds.authToken,
      TWILIO_FROM: FROM,
      TWILIO_API_BASE_URL: twilio.url,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Job portal <codes@jobportal.test>',
      // Every request here comes from 127.0.0.1; the per-IP limit has its own test below.
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

  async function signUp(opts: { name?: string; email?: string | null; a?: INestApplication } = {}) {
    const phone = newPhone();
    const email = opts.email === undefined ? newEmail() : opts.email;
    const a = opts.a ?? app;
    const res = await http(a)
      .post('/api/auth/signup')
      .send({ name: opts.name ?? 'Jane Doe', phone, ...(email ? { email } : {}) })
      .expect(202);
    const code = await twilio.codeFor(phone, 1);
    const verified = await http(a).post('/api/auth/verify').send({ challengeId: res.body.challengeId, code }).expect(200);
    return { phone, email, cookie: cookiePair(cookieOf(verified)), me: verified.body };
  }

  describe('sign-up -> verify -> session -> logout', () => {
    it('sends an SMS through the Twilio Messages API, activates the account and starts a session that logout revokes', async () => {
      const phone = newPhone();
      const email = newEmail();
      const before = await twilio.to(phone).length;
      const res = await http().post('/api/auth/signup').send({ name: '  Ada Lovelace ', phone, email }).expect(202);
      expect(res.body).toEqual({
        challengeId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        channel: 'sms',
        sentTo: `+1 ••• ${phone.slice(-4)}`,
        expiresAt: expect.any(String),
        resendAfter: 60,
        codeLength: 6,
      });
      const ttl = Date.parse(res.body.expiresAt) - Date.now();
      expect(ttl).toBeGreaterThan(9 * 60_000);
      expect(ttl).toBeLessThanOrEqual(10 * 60_000);

      // What the real SDK sent: the Messages resource of our account, Basic auth, a form body.
      const sms = await twilio.waitForMessage(phone, before + 1);
      expect(sms.path).toBe(`/2010-04-01/Accounts/${twilioCreds.accountSid}/Messages.json`);
      expect(sms.authUser).toBe(twilioCreds.accountSid);
      expect(sms.contentType).toContain('application/x-www-form-urlencoded');
      expect(sms.userAgent).toMatch(/^twilio-node\//);
      expect(sms.from).toBe(FROM);
      expect(sms.body).toMatch(/^\d{6} is your Job portal code\. It expires in 10 minutes\./);
      const code = /\d{6}/.exec(sms.body)![0];

      // No account exists until the code is verified.
      expect(await db.query('SELECT 1 FROM users WHERE phone = $1', [phone])).toHaveLength(0);

      const verified = await http().post('/api/auth/verify').send({ challengeId: res.body.challengeId, code }).expect(200);
      expect(verified.body).toEqual({ id: expect.any(String), name: 'Ada Lovelace', phone, email, totpEnabled: false, roles: ['user'], createdAt: expect.any(String) });
      const setCookie = cookieOf(verified);
      expect(setCookie).toMatch(/^jp_session=s%3A/); // signed
      expect(setCookie).toMatch(/; HttpOnly/);
      expect(setCookie).toMatch(/; SameSite=Lax/);
      expect(setCookie).toMatch(/; Path=\//);
      expect(setCookie).not.toMatch(/; Secure/); // Secure only in production
      const cookie = cookiePair(setCookie);

      const me = await http().get('/api/me').set('Cookie', cookie).expect(200);
      expect(me.body).toEqual(verified.body);

      // The same code (and challenge) cannot be used twice.
      const reused = await http().post('/api/auth/verify').send({ challengeId: res.body.challengeId, code }).expect(400);
      expect(reused.body).toMatchObject({ code: 'challenge_used', errors: [{ field: 'challengeId', reason: expect.stringContaining('already been used') }] });

      const logout = await http().post('/api/auth/logout').set('Cookie', cookie).expect(204);
      expect((logout.headers['set-cookie'] as unknown as string[])[0]).toMatch(/^jp_session=;/);
      // Revoked on the server: the old cookie no longer works even if a client keeps it.
      const after = await http().get('/api/me').set('Cookie', cookie).expect(401);
      expect(after.body).toEqual({ statusCode: 401, code: 'unauthenticated', message: 'Log in to continue.' });
      const [row] = await db.query('SELECT revoked_at FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.phone = $1', [phone]);
      expect(row.revoked_at).not.toBeNull();
    });

    it('refuses a cookie that was not signed by the server, and requests without one', async () => {
      const { cookie } = await signUp();
      const value = decodeURIComponent(cookie.slice('jp_session='.length));
      const forged = `jp_session=${encodeURIComponent(value.slice(0, -3) + (value.endsWith('AAA') ? 'BBB' : 'AAA'))}`;
      await http().get('/api/me').set('Cookie', forged).expect(401);
      const unsigned = `jp_session=${encodeURIComponent(value.slice(2).split('.')[0])}`;
      await http().get('/api/me').set('Cookie', unsigned).expect(401);
      await http().get('/api/me').expect(401);
      await http().get('/api/me').set('Cookie', cookie).expect(200);
    });

    it('keeps OTP and authenticator secrets only encrypted', async () => {
      const { cookie } = await signUp();
      const [challenge] = await db.query('SELECT secret FROM otp_challenges ORDER BY created_at DESC LIMIT 1');
      expect(challenge.secret).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
      const enrolled = await http().post('/api/me/totp').set('Cookie', cookie).expect(200);
      const [user] = await db.query(`SELECT totp_pending_secret FROM users WHERE id = $1`, [(await http().get('/api/me').set('Cookie', cookie)).body.id]);
      expect(user.totp_pending_secret).toMatch(/^v1\./);
      expect(user.totp_pending_secret).not.toContain(enrolled.body.secret);
    });

    it('lists the sessions of the account and revokes another one', async () => {
      const { phone, cookie } = await signUp();
      const login = await http().post('/api/auth/login').send({ phone }).expect(202);
      const code = await twilio.codeFor(phone, 2);
      const second = cookiePair(cookieOf(await http().post('/api/auth/verify').set('User-Agent', 'second-browser').send({ challengeId: login.body.challengeId, code }).expect(200)));
      const list = await http().get('/api/me/sessions').set('Cookie', cookie).expect(200);
      expect(list.body).toHaveLength(2);
      const other = list.body.find((s: { current: boolean }) => !s.current);
      expect(other.userAgent).toBe('second-browser');
      await http().delete(`/api/me/sessions/${other.id}`).set('Cookie', cookie).expect(204);
      await http().get('/api/me').set('Cookie', second).expect(401);
      await http().get('/api/me').set('Cookie', cookie).expect(200);
      await http().delete(`/api/me/sessions/${other.id}`).set('Cookie', cookie).expect(404);
    });
  });

  describe('log-in', () => {
    it('by phone: a code by SMS, then the same verify starts a session', async () => {
      const { phone, me } = await signUp();
      const res = await http().post('/api/auth/login').send({ phone }).expect(202);
      expect(res.body).toMatchObject({ channel: 'sms', sentTo: `+1 ••• ${phone.slice(-4)}`, resendAfter: 60, codeLength: 6 });
      const code = await twilio.codeFor(phone, 2);
      const verified = await http().post('/api/auth/verify').send({ challengeId: res.body.challengeId, code }).expect(200);
      expect(verified.body.id).toBe(me.id);
      await http().get('/api/me').set('Cookie', cookiePair(cookieOf(verified))).expect(200);
    });

    it('by e-mail: a code through SMTP', async () => {
      const { email, me } = await signUp({ email: newEmail().replace('user', 'Mixed.Case') });
      const res = await http().post('/api/auth/login').send({ email: email!.toUpperCase() }).expect(202);
      expect(res.body).toMatchObject({ channel: 'email', sentTo: `m•••@example.com` });
      const mail = await smtp.waitForMail(email!.toLowerCase());
      expect(mail.from).toBe('codes@jobportal.test');
      expect(mail.subject).toMatch(/^Your Job portal code: \d{6}$/);
      const code = await smtp.codeFor(email!.toLowerCase());
      const verified = await http().post('/api/auth/verify').send({ challengeId: res.body.challengeId, code }).expect(200);
      expect(verified.body).toMatchObject({ id: me.id, email: email!.toLowerCase() });
    });

    it('by authenticator app: enroll (otpauth URI + QR), confirm, then log in with the app code; a code works once', async () => {
      const { phone, email, cookie, me } = await signUp();
      const enrolled = await http().post('/api/me/totp').set('Cookie', cookie).expect(200);
      expect(enrolled.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/Job%20portal:/);
      expect(enrolled.body.otpauthUri).toContain(`secret=${enrolled.body.secret}`);
      expect(enrolled.body.qrDataUrl).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/=]{200,}$/);
      const secret: string = enrolled.body.secret;

      // Not usable before it is confirmed.
      expect((await http().get('/api/me').set('Cookie', cookie)).body.totpEnabled).toBe(false);
      const wrong = String((Number(await generate({ secret })) + 1) % 1_000_000).padStart(6, '0');
      const refused = await http().post('/api/me/totp/confirm').set('Cookie', cookie).send({ code: wrong }).expect(400);
      expect(refused.body).toMatchObject({ code: 'invalid_code', errors: [{ field: 'code' }] });
      const confirmed = await http().post('/api/me/totp/confirm').set('Cookie', cookie).send({ code: await generate({ secret }) }).expect(200);
      expect(confirmed.body.totpEnabled).toBe(true);

      const smsBefore = twilio.to(phone).length;
      const mailBefore = smtp.to(email!).length;
      const login = await http().post('/api/auth/login').send({ email, channel: 'app' }).expect(202);
      expect(login.body).toMatchObject({ channel: 'app', sentTo: null, resendAfter: 0, codeLength: 6 });
      // The confirmation used the current time step; the app's next code is the one to log in with.
      const nextStep = (Math.floor(Date.now() / 30_000) + 1) * 30;
      const appCode = await generate({ secret, epoch: nextStep });
      const verified = await http().post('/api/auth/verify').send({ challengeId: login.body.challengeId, code: appCode }).expect(200);
      expect(verified.body.id).toBe(me.id);
      expect(twilio.to(phone)).toHaveLength(smsBefore);
      expect(smtp.to(email!)).toHaveLength(mailBefore);

      // The same app code cannot start a second session (replay).
      const again = await http().post('/api/auth/login').send({ phone, channel: 'app' }).expect(202);
      const replay = await http().post('/api/auth/verify').send({ challengeId: again.body.challengeId, code: appCode }).expect(400);
      expect(replay.body.code).toBe('invalid_code');
      await http().post('/api/auth/resend').send({ challengeId: again.body.challengeId }).expect(400);
    });

    it('a sign-up for a phone that has an account answers the same and sends a log-in code for that account', async () => {
      const { phone, me } = await signUp({ name: 'Original Name' });
      const res = await http().post('/api/auth/signup').send({ name: 'Someone Else', phone }).expect(202);
      expect(Object.keys(res.body).sort()).toEqual(['challengeId', 'channel', 'codeLength', 'expiresAt', 'resendAfter', 'sentTo']);
      const code = await twilio.codeFor(phone, 2);
      const verified = await http().post('/api/auth/verify').send({ challengeId: res.body.challengeId, code }).expect(200);
      expect(verified.body).toMatchObject({ id: me.id, name: 'Original Name' });
    });
  });

  describe('brute force, cooldown, lockout and limits', () => {
    it('the 6th try is refused even with the right code', async () => {
      const { phone } = await signUp();
      const res = await http().post('/api/auth/login').send({ phone }).expect(202);
      const code = await twilio.codeFor(phone, 2);
      const wrong = (i: number) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0');
      for (let i = 0; i < 5; i++) {
        const r = await http().post('/api/auth/verify').send({ challengeId: res.body.challengeId, code: wrong(i) }).expect(400);
        expect(r.body).toMatchObject({ code: 'invalid_code', errors: [{ field: 'code', reason: expect.stringContaining('is not the code we sent') }] });
        expect(r.body.errors[0].reason).toContain(i < 4 ? `${4 - i} tr` : 'request a new code');
      }
      const sixth = await http().post('/api/auth/verify').send({ challengeId: res.body.challengeId, code }).expect(429);
      expect(sixth.body).toMatchObject({ statusCode: 429, code: 'too_many_attempts', errors: [{ field: 'code' }] });
      expect(sixth.headers['set-cookie']).toBeUndefined();
    });

    it('resend inside the cooldown is a 429 with Retry-After; after it a new code replaces the old one', async () => {
      const { phone } = await signUp();
      const res = await http().post('/api/auth/login').send({ phone }).expect(202);
      const first = await twilio.codeFor(phone, 2);
      const early = await http().post('/api/auth/resend').send({ challengeId: res.body.challengeId }).expect(429);
      expect(early.body).toMatchObject({ statusCode: 429, code: 'resend_too_soon' });
      const retryAfter = Number(early.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(55);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(twilio.to(phone)).toHaveLength(2);

      // Let the cooldown pass (moving the send time back rather than sleeping a minute).
      await db.query(`UPDATE otp_challenges SET last_sent_at = last_sent_at - interval '61 seconds' WHERE id = $1`, [res.body.challengeId]);
      const resent = await http().post('/api/auth/resend').send({ challengeId: res.body.challengeId }).expect(202);
      expect(resent.body).toMatchObject({ challengeId: res.body.challengeId, resendAfter: 60 });
      const second = await twilio.codeFor(phone, 3);
      if (second !== first) {
        await http().post('/api/auth/verify').send({ challengeId: res.body.challengeId, code: first }).expect(400);
      }
      await http().post('/api/auth/verify').send({ challengeId: res.body.challengeId, code: second }).expect(200);
    });

    it('an expired challenge is refused with the field and the reason', async () => {
      const { phone } = await signUp();
      const res = await http().post('/api/auth/login').send({ phone }).expect(202);
      const code = await twilio.codeFor(phone, 2);
      await db.query(`UPDATE otp_challenges SET expires_at = now() - interval '1 second' WHERE id = $1`, [res.body.challengeId]);
      const r = await http().post('/api/auth/verify').send({ challengeId: res.body.challengeId, code }).expect(400);
      expect(r.body).toMatchObject({ code: 'challenge_expired', errors: [{ field: 'challengeId', reason: 'has expired; request a new code' }] });
      await http().post('/api/auth/resend').send({ challengeId: res.body.challengeId }).expect(400);
    });

    it('too many wrong codes lock the phone out with a clear Retry-After', async () => {
      const strict = await startApp({ AUTH_FAILURE_LIMIT: '3', AUTH_LOCKOUT_S: '600' });
      const { phone } = await signUp({ a: strict });
      const res = await http(strict).post('/api/auth/login').send({ phone }).expect(202);
      const code = await twilio.codeFor(phone, 2);
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      await http(strict).post('/api/auth/verify').send({ challengeId: res.body.challengeId, code: wrong }).expect(400);
      await http(strict).post('/api/auth/verify').send({ challengeId: res.body.challengeId, code: wrong }).expect(400);
      const third = await http(strict).post('/api/auth/verify').send({ challengeId: res.body.challengeId, code: wrong }).expect(429);
      expect(third.body.code).toBe('locked');
      expect(Number(third.headers['retry-after'])).toBe(600);
      // Locked: the right code is refused, and so is a new log-in for the phone.
      const right = await http(strict).post('/api/auth/verify').send({ challengeId: res.body.challengeId, code }).expect(429);
      expect(right.body.code).toBe('locked');
      const login = await http(strict).post('/api/auth/login').send({ phone }).expect(429);
      expect(login.body).toMatchObject({ code: 'locked', message: expect.stringMatching(/try again in \d+ seconds/) });
      expect(Number(login.headers['retry-after'])).toBeGreaterThan(590);
    });

    it('limits codes per phone and per IP, with Retry-After', async () => {
      const limited = await startApp({ AUTH_IDENTIFIER_LIMIT: '2', AUTH_RATE_WINDOW_S: '300' });
      const phone = newPhone();
      await http(limited).post('/api/auth/login').send({ phone }).expect(202);
      await http(limited).post('/api/auth/login').send({ phone }).expect(202);
      const third = await http(limited).post('/api/auth/login').send({ phone }).expect(429);
      expect(third.body.code).toBe('rate_limited');
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(third.headers['retry-after'])).toBeLessThanOrEqual(300);
      await http(limited).post('/api/auth/login').send({ phone: newPhone() }).expect(202);

      const byIp = await startApp({ AUTH_IP_LIMIT: '2' });
      await http(byIp).post('/api/auth/login').send({ phone: newPhone() }).expect(202);
      await http(byIp).post('/api/auth/login').send({ email: newEmail() }).expect(202);
      const ipRes = await http(byIp).post('/api/auth/login').send({ phone: newPhone() }).expect(429);
      expect(ipRes.body).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('from this network') });
      expect(ipRes.headers['retry-after']).toBeDefined();
    });
  });

  describe('no account enumeration', () => {
    it('a log-in for an unknown phone answers like one for a known phone, sends nothing, and never verifies', async () => {
      const { phone: known } = await signUp();
      const unknown = newPhone();
      const a = await http().post('/api/auth/login').send({ phone: known }).expect(202);
      const b = await http().post('/api/auth/login').send({ phone: unknown }).expect(202);
      const shape = (body: Record<string, unknown>) => Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v]));
      expect(shape(b.body)).toEqual(shape(a.body));
      expect(b.body).toMatchObject({ channel: 'sms', sentTo: `+1 ••• ${unknown.slice(-4)}`, resendAfter: a.body.resendAfter, codeLength: 6 });
      expect(Math.abs(Date.parse(b.body.expiresAt) - Date.parse(a.body.expiresAt))).toBeLessThan(5000);

      await twilio.waitForMessage(known, 2);
      await new Promise((r) => setTimeout(r, 300));
      expect(twilio.to(unknown)).toHaveLength(0);

      const knownCode = await twilio.codeFor(known, 2);
      const wrong = String((Number(knownCode) + 1) % 1_000_000).padStart(6, '0');
      const wrongKnown = await http().post('/api/auth/verify').send({ challengeId: a.body.challengeId, code: wrong }).expect(400);
      const wrongUnknown = await http().post('/api/auth/verify').send({ challengeId: b.body.challengeId, code: wrong }).expect(400);
      expect(wrongUnknown.body).toEqual(wrongKnown.body);
      expect(wrongUnknown.body).toMatchObject({ code: 'invalid_code', errors: [{ field: 'code', reason: 'is not the code we sent; 4 tries left' }] });

      // Unknown e-mail and unknown app log-ins look the same as known ones too.
      const { email } = await signUp();
      const c = await http().post('/api/auth/login').send({ email }).expect(202);
      const d = await http().post('/api/auth/login').send({ email: newEmail() }).expect(202);
      expect(shape(d.body)).toEqual(shape(c.body));
      const e = await http().post('/api/auth/login').send({ email, channel: 'app' }).expect(202);
      const f = await http().post('/api/auth/login').send({ email: newEmail(), channel: 'app' }).expect(202);
      expect({ ...f.body, challengeId: 'x', expiresAt: 'x' }).toEqual({ ...e.body, challengeId: 'x', expiresAt: 'x' });
    });
  });

  describe('bad input: 4xx with the field and the reason, nothing half-created', () => {
    const count = async () => {
      const [row] = await db.query('SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM otp_challenges)::int AS challenges');
      return row as { users: number; challenges: number };
    };

    it.each([
      ['a phone without country code', { name: 'A', phone: '4155550123' }, 'phone', 'must be a valid phone number in international format, e.g. +14155550123'],
      ['a phone too short', { name: 'A', phone: '+1415555012' }, 'phone', 'must be a valid phone number in international format, e.g. +14155550123'],
      ['a number that does not exist in its country', { name: 'A', phone: '+447700900123' }, 'phone', 'must be a valid phone number in international format, e.g. +14155550123'],
      ['a malformed e-mail', { name: 'A', phone: '+14155552671', email: 'jane@' }, 'email', 'must be an e-mail address'],
      ['an oversized e-mail', { name: 'A', phone: '+14155552671', email: `${'a'.repeat(250)}@example.com` }, 'email', 'must be at most 254 characters'],
      ['an oversized name', { name: 'x'.repeat(101), phone: '+14155552671' }, 'name', 'must be 1 to 100 characters'],
      ['an empty name', { name: '   ', phone: '+14155552671' }, 'name', 'must be 1 to 100 characters'],
      ['an unknown field', { name: 'A', phone: '+14155552671', admin: true }, 'admin', 'property admin should not exist'],
    ])('sign-up with %s', async (_what, body, field, reason) => {
      const before = await count();
      const res = await http().post('/api/auth/signup').send(body).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'validation_failed' });
      expect(res.body.errors).toContainEqual({ field, reason });
      expect(await count()).toEqual(before);
    });

    it.each([
      ['neither phone nor e-mail', {}, 'phone'],
      ['both phone and e-mail', { phone: '+14155552671', email: 'a@example.com' }, 'email'],
      ['sms for an e-mail address', { email: 'a@example.com', channel: 'sms' }, 'channel'],
      ['an unknown channel', { phone: '+14155552671', channel: 'fax' }, 'channel'],
      ['a malformed phone', { phone: '+1 555' }, 'phone'],
    ])('log-in with %s', async (_what, body, field) => {
      const before = await count();
      const res = await http().post('/api/auth/login').send(body).expect(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await count()).toEqual(before);
    });

    it.each([
      ['5 digits', '12345'],
      ['7 digits', '1234567'],
      ['letters', '12a456'],
      ['a number', 123456],
    ])('a code of %s', async (_what, code) => {
      const phone = newPhone();
      const res = await http().post('/api/auth/login').send({ phone }).expect(202);
      const r = await http().post('/api/auth/verify').send({ challengeId: res.body.challengeId, code }).expect(400);
      expect(r.body.errors).toContainEqual({ field: 'code', reason: 'must be exactly 6 digits' });
      const [row] = await db.query('SELECT attempts FROM otp_challenges WHERE id = $1', [res.body.challengeId]);
      expect(row.attempts).toBe(0);
    });

    it('an unknown or malformed challenge id', async () => {
      const unknown = await http().post('/api/auth/verify').send({ challengeId: '5f0c1b0e-4a4b-4c61-9d7e-2f1d2c3b4a59', code: '123456' }).expect(400);
      expect(unknown.body).toMatchObject({ code: 'challenge_not_found', errors: [{ field: 'challengeId', reason: 'is unknown; request a new code' }] });
      const malformed = await http().post('/api/auth/verify').send({ challengeId: 'abc', code: '123456' }).expect(400);
      expect(malformed.body.errors).toContainEqual({ field: 'challengeId', reason: 'must be the challengeId returned by sign-up or log-in' });
    });

    it('an e-mail already used by another account: 409 on verify, no account created', async () => {
      const { email } = await signUp();
      const phone = newPhone();
      const res = await http().post('/api/auth/signup').send({ name: 'B', phone, email }).expect(202);
      const code = await twilio.codeFor(phone);
      const before = await count();
      const r = await http().post('/api/auth/verify').send({ challengeId: res.body.challengeId, code }).expect(409);
      expect(r.body).toMatchObject({ code: 'email_taken', errors: [{ field: 'email', reason: expect.stringContaining('already used') }] });
      expect(r.headers['set-cookie']).toBeUndefined();
      expect((await count()).users).toBe(before.users);
      expect(await db.query('SELECT 1 FROM users WHERE phone = $1', [phone])).toHaveLength(0);
    });
  });

  describe('delivery and the development outbox', () => {
    it('has no outbox outside development', async () => {
      const res = await http().get('/api/dev/outbox').expect(404);
      expect(res.body).toEqual({ statusCode: 404, code: 'not_found', message: 'Cannot GET /api/dev/outbox' });
    });

    it('in development, shows the latest codes in the outbox (no SMS provider configured)', async () => {
      const dev = await startApp({ NODE_ENV: 'development', TWILIO_ACCOUNT_SID: '', TWILIO_AUTH_TOKEN: '', TWILIO_FROM: '', SMTP_URL: '' });
      const phone = newPhone();
      const res = await http(dev).post('/api/auth/signup').send({ name: 'Demo', phone }).expect(202);
      const outbox = await http(dev).get('/api/dev/outbox').expect(200);
      const entry = outbox.body.messages.find((m: { to: string }) => m.to === phone);
      expect(entry).toMatchObject({ channel: 'sms', kind: 'otp', delivery: 'outbox only' });
      const code = /\d{6}/.exec(entry.text)![0];
      await http(dev).post('/api/auth/verify').send({ challengeId: res.body.challengeId, code }).expect(200);
      expect(twilio.to(phone)).toHaveLength(0);
    });

    it('outside development, a channel without a provider is a 503 before anything is stored', async () => {
      const noSms = await startApp({ TWILIO_ACCOUNT_SID: '', TWILIO_AUTH_TOKEN: '', TWILIO_FROM: '' });
      const [before] = await db.query('SELECT count(*)::int AS n FROM otp_challenges');
      const res = await http(noSms).post('/api/auth/signup').send({ name: 'A', phone: newPhone() }).expect(503);
      expect(res.body).toMatchObject({ code: 'channel_unavailable' });
      const [after] = await db.query('SELECT count(*)::int AS n FROM otp_challenges');
      expect(after.n).toBe(before.n);
    });
  });
});
