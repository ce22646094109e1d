import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { loadConfig } from '@jobportal/config';
import type { PostingDocument } from '@jobportal/contracts';
import { bulkIndexPostings, createSearchClient, deleteIndex, ensureIndex, type Client } from '@jobportal/search';
import { createApp } from '../src/app.factory';
import { normalizePhone } from '../src/auth/identifiers';
import { FakeTwilio } from '../../../test/support/fake-twilio';

/**
 * Saved jobs and saved searches against real PostgreSQL (jobportal_test), Redis and Elasticsearch
 * (postings indexed under their own prefix). Users sign up through the real code flow.
 */
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/jobportal_test';
const TABLES = 'notification_marks, saved_searches, saved_jobs, sessions, otp_challenges, users';
const PREFIX = 'e2e-saved-';

function posting(id: string, over: Partial<PostingDocument> = {}): PostingDocument {
  return {
    id,
    source: 'generated',
    source_id: id,
    url: `https://jobs.example.com/${id}`,
    apply_url: null,
    title: 'Registered Nurse',
    company: 'Mercy Hospital',
    description: 'Care for patients on a busy medical-surgical floor.',
    description_html: null,
    location: { text: 'Austin, TX', city: 'Austin', region: 'Texas', region_code: 'TX', country: 'United States', country_code: 'US', postal_code: null },
    geo: { lat: 30.2672, lon: -97.7431 },
    work_mode: 'onsite',
    experience_level: 'mid_senior',
    employment_type: 'full_time',
    salary: { min: 38, max: 52, period: 'hour', currency: 'USD', annual_min: 79040, annual_max: 108160, text: '$38-$52/hour' },
    skills: ['Patient Care'],
    industries: [],
    benefits: [],
    education: null,
    posted_at: '2026-11-01T00:00:00.000Z',
    expires_at: null,
    fingerprint: `fp-${id}`,
    ingested_at: '2026-11-02T00:00:00.000Z',
    ...over,
  };
}

const JOB_NURSE = 'e2esaved000000000000000000000000000nurse';
const JOB_DEV = 'e2esaved00000000000000000000000000000dev';
const JOB_GONE = 'e2esaved0000000000000000000000000000gone';

let phoneSeq = 0;
const usedPhones = new Set<string>();
function newPhone(): string {
  for (;;) {
    const n = `+1646555${String(2000 + ((process.pid * 31 + Date.now() + phoneSeq++ * 7919) % 7999)).padStart(4, '0')}`;
    if (normalizePhone(n) === n && !usedPhones.has(n)) {
      usedPhones.add(n);
      return n;
    }
  }
}

describe('saved jobs and saved searches (real PostgreSQL, Redis, Elasticsearch)', () => {
  const creds = FakeTwilio.credentials();
  const twilio = new FakeTwilio(creds);
  let app: INestApplication;
  let db: DataSource;
  let es: Client;
  let alice: string;
  let bob: string;
  let noEmail: string;

  const http = () => request(app.getHttpServer());

  async function signUp(name: string, email: string | null): Promise<string> {
    const phone = newPhone();
    const res = await http()
      .post('/api/auth/signup')
      .send({ name, phone, ...(email ? { email } : {}) })
      .expect(202);
    const code = await twilio.codeFor(phone);
    const verified = await http().post('/api/auth/verify').send({ challengeId: res.body.challengeId, code }).expect(200);
    const setCookie = (verified.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('jp_session='))!;
    return setCookie.split(';')[0];
  }

  beforeAll(async () => {
    await twilio.start();
    const config = loadConfig({
      ...process.env,
      NODE_ENV: 'test',
      ES_INDEX_PREFIX: PREFIX,
      DATABASE_URL: TEST_DATABASE_URL,
      QUEUE_PREFIX: `e2e-saved-${process.pid}-${Date.now()}`,
      TWILIO_ACCOUNT_SID: creds.accountSid,
      TWILIO_AUTH_TOKEN: creds.authToken,
      TWILIO_FROM: '+15005550006',
      TWILIO_API_BASE_URL: twilio.url,
      AUTH_IP_LIMIT: '10000',
    });
    es = createSearchClient({ node: config.elastic.node });
    await deleteIndex(es, 'postings', { prefix: PREFIX });
    const { alias } = await ensureIndex(es, 'postings', { prefix: PREFIX });
    const indexed = await bulkIndexPostings(
      es,
      alias,
      [
        posting(JOB_NURSE),
        posting(JOB_DEV, { title: 'Backend Developer', company: 'Acme', salary: null, work_mode: 'remote', location: { text: 'Remote', city: null, region: null, region_code: null, country: null, country_code: null, postal_code: null }, geo: null }),
        posting(JOB_GONE, { title: 'Night Shift Nurse' }),
      ],
      { refresh: true },
    );
    expect(indexed.failed).toEqual([]);

    app = await createApp(config, { logger: false });
    await app.init();
    db = app.get(DataSource);
    await db.initialize();
    await db.query(`TRUNCATE ${TABLES} CASCADE`);
    alice = await signUp('Alice', 'alice@example.com');
    bob = await signUp('Bob', 'bob@example.com');
    noEmail = await signUp('Carol', null);
  });
  afterAll(async () => {
    await app?.close();
    await deleteIndex(es, 'postings', { prefix: PREFIX }).catch(() => undefined);
    await es?.close();
    await twilio.stop();
  });

  describe('saved jobs', () => {
    it('needs a session', async () => {
      const res = await http().get('/api/me/saved-jobs').expect(401);
      expect(res.body.code).toBe('unauthenticated');
      await http().put(`/api/me/saved-jobs/${JOB_NURSE}`).send({}).expect(401);
    });

    it('saves a job with a snapshot from the index, then updates status and note', async () => {
      const created = await http().put(`/api/me/saved-jobs/${JOB_NURSE}`).set('Cookie', alice).send({}).expect(201);
      expect(created.body).toEqual({
        jobId: JOB_NURSE,
        status: 'saved',
        note: null,
        job: {
          title: 'Registered Nurse',
          company: 'Mercy Hospital',
          location: 'Austin, TX',
          pay: { min: 38, max: 52, period: 'hour', currency: 'USD', annualMin: 79040, annualMax: 108160 },
          url: `https://jobs.example.com/${JOB_NURSE}`,
        },
        postingStatus: 'live',
        savedAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const updated = await http().put(`/api/me/saved-jobs/${JOB_NURSE}`).set('Cookie', alice).send({ status: 'applied', note: 'Applied online; follow up Friday' }).expect(200);
      expect(updated.body).toMatchObject({ status: 'applied', note: 'Applied online; follow up Friday', job: created.body.job, savedAt: created.body.savedAt });
      const noteOnly = await http().put(`/api/me/saved-jobs/${JOB_NURSE}`).set('Cookie', alice).send({ note: 'Phone screen booked' }).expect(200);
      expect(noteOnly.body).toMatchObject({ status: 'applied', note: 'Phone screen booked' });
      const one = await http().get(`/api/me/saved-jobs/${JOB_NURSE}`).set('Cookie', alice).expect(200);
      expect(one.body).toEqual(noteOnly.body);
    });

    it('lists saved jobs, filtered by status', async () => {
      await http().put(`/api/me/saved-jobs/${JOB_DEV}`).set('Cookie', alice).send({ status: 'interviewing' }).expect(201);
      const all = await http().get('/api/me/saved-jobs').set('Cookie', alice).expect(200);
      expect(all.body.map((j: { jobId: string }) => j.jobId)).toEqual([JOB_DEV, JOB_NURSE]);
      expect(all.body[0].job).toEqual({ title: 'Backend Developer', company: 'Acme', location: 'Remote', pay: null, url: `https://jobs.example.com/${JOB_DEV}` });
      const applied = await http().get('/api/me/saved-jobs?status=applied').set('Cookie', alice).expect(200);
      expect(applied.body.map((j: { jobId: string }) => j.jobId)).toEqual([JOB_NURSE]);
      const offers = await http().get('/api/me/saved-jobs?status=offer').set('Cookie', alice).expect(200);
      expect(offers.body).toEqual([]);
      const bad = await http().get('/api/me/saved-jobs?status=hired').set('Cookie', alice).expect(400);
      expect(bad.body.errors).toEqual([{ field: 'status', reason: 'must be one of: saved, applied, interviewing, offer, rejected' }]);
    });

    it('keeps the snapshot after the posting leaves the index', async () => {
      await http().put(`/api/me/saved-jobs/${JOB_GONE}`).set('Cookie', alice).send({ note: 'Night shifts only' }).expect(201);
      await es.delete({ index: `${PREFIX}postings`, id: JOB_GONE, refresh: true });
      const still = await http().get(`/api/me/saved-jobs/${JOB_GONE}`).set('Cookie', alice).expect(200);
      expect(still.body.job.title).toBe('Night Shift Nurse');
      // No longer in the index: its liveness is unknown.
      expect(still.body.postingStatus).toBeNull();
      await http().put(`/api/me/saved-jobs/${JOB_GONE}`).set('Cookie', alice).send({ status: 'rejected' }).expect(200);
      // Nobody can newly save what is no longer indexed.
      const res = await http().put(`/api/me/saved-jobs/${JOB_GONE}`).set('Cookie', bob).send({}).expect(404);
      expect(res.body.code).toBe('job_not_found');
    });

    it('a job id that is not in the index is a 404, and nothing is stored', async () => {
      const res = await http().put('/api/me/saved-jobs/doesnotexist0000000000000000000000000000').set('Cookie', alice).send({ status: 'saved' }).expect(404);
      expect(res.body).toEqual({ statusCode: 404, code: 'job_not_found', message: 'No posting with that id; it may have been removed.' });
      expect(await db.query(`SELECT 1 FROM saved_jobs WHERE job_id = 'doesnotexist0000000000000000000000000000'`)).toHaveLength(0);
    });

    it('rejects bad input with the field and the reason', async () => {
      const cases: Array<[string, object, string, string]> = [
        [JOB_NURSE, { status: 'hired' }, 'status', 'must be one of: saved, applied, interviewing, offer, rejected'],
        [JOB_NURSE, { note: 'x'.repeat(2001) }, 'note', 'must be at most 2000 characters'],
        [JOB_NURSE, { note: 42 }, 'note', 'note must be a string'],
        [JOB_NURSE, { title: 'mine now' }, 'title', 'property title should not exist'],
        ['bad%20id!', {}, 'jobId', 'must be a posting id (letters, digits, "-" or "_", at most 64)'],
      ];
      for (const [id, body, field, reason] of cases) {
        const res = await http().put(`/api/me/saved-jobs/${id}`).set('Cookie', alice).send(body).expect(400);
        expect(res.body.errors).toContainEqual({ field, reason });
      }
      const one = await http().get(`/api/me/saved-jobs/${JOB_NURSE}`).set('Cookie', alice).expect(200);
      expect(one.body).toMatchObject({ status: 'applied', note: 'Phone screen booked' });
    });

    it("IDOR: another user cannot read, change or delete Alice's saved jobs (404)", async () => {
      const read = await http().get(`/api/me/saved-jobs/${JOB_NURSE}`).set('Cookie', bob).expect(404);
      expect(read.body.code).toBe('saved_job_not_found');
      expect((await http().get('/api/me/saved-jobs').set('Cookie', bob).expect(200)).body).toEqual([]);
      // Bob's change goes nowhere near Alice's entry: the posting is gone, so he gets a 404 too.
      await http().put(`/api/me/saved-jobs/${JOB_GONE}`).set('Cookie', bob).send({ status: 'offer', note: 'hijack' }).expect(404);
      await http().delete(`/api/me/saved-jobs/${JOB_NURSE}`).set('Cookie', bob).expect(404);
      const mine = await http().get('/api/me/saved-jobs').set('Cookie', alice).expect(200);
      expect(mine.body).toHaveLength(3);
      expect(mine.body.find((j: { jobId: string }) => j.jobId === JOB_GONE)).toMatchObject({ status: 'rejected', note: 'Night shifts only' });
      // Bob saving the same (indexed) posting makes his own entry; Alice's is untouched.
      await http().put(`/api/me/saved-jobs/${JOB_NURSE}`).set('Cookie', bob).send({ status: 'offer', note: 'mine' }).expect(201);
      expect((await http().get(`/api/me/saved-jobs/${JOB_NURSE}`).set('Cookie', alice)).body).toMatchObject({ status: 'applied', note: 'Phone screen booked' });
    });

    it('deletes a saved job', async () => {
      await http().delete(`/api/me/saved-jobs/${JOB_DEV}`).set('Cookie', alice).expect(204);
      await http().get(`/api/me/saved-jobs/${JOB_DEV}`).set('Cookie', alice).expect(404);
      await http().delete(`/api/me/saved-jobs/${JOB_DEV}`).set('Cookie', alice).expect(404);
    });
  });

  describe('saved searches', () => {
    const search = { name: 'Nursing in Austin', params: { q: 'registered nurse', location: 'Austin, TX', radius: '25mi', workMode: ['onsite', 'hybrid'], payMin: 70000 }, frequency: 'daily', channel: 'email' };
    let id: string;

    it('creates, reads, lists and updates a saved search', async () => {
      const created = await http().post('/api/me/saved-searches').set('Cookie', alice).send(search).expect(201);
      expect(created.body).toEqual({ id: expect.any(String), ...search, paused: false, createdAt: expect.any(String), updatedAt: expect.any(String) });
      id = created.body.id;
      expect((await http().get(`/api/me/saved-searches/${id}`).set('Cookie', alice).expect(200)).body).toEqual(created.body);
      expect((await http().get('/api/me/saved-searches').set('Cookie', alice).expect(200)).body).toEqual([created.body]);

      const patched = await http().patch(`/api/me/saved-searches/${id}`).set('Cookie', alice).send({ frequency: 'weekly', channel: 'sms', name: 'Austin nursing' }).expect(200);
      expect(patched.body).toMatchObject({ id, name: 'Austin nursing', frequency: 'weekly', channel: 'sms', params: search.params });
      const params = await http().patch(`/api/me/saved-searches/${id}`).set('Cookie', alice).send({ params: { q: 'nurse practitioner', experience: 'mid_senior,director' } }).expect(200);
      expect(params.body.params).toEqual({ q: 'nurse practitioner', experience: ['mid_senior', 'director'] });
      // Alerts paused by an unsubscribe link are resumed here.
      await http().patch(`/api/me/saved-searches/${id}`).set('Cookie', alice).send({ paused: true }).expect(200);
      const resumed = await http().patch(`/api/me/saved-searches/${id}`).set('Cookie', alice).send({ paused: false }).expect(200);
      expect(resumed.body.paused).toBe(false);
    });

    it('validates the parameters like the search endpoint, with the field and the reason', async () => {
      const cases: Array<[object, string, string]> = [
        [{ ...search, params: { workMode: ['moon'] } }, 'params.workMode', 'must be one of: remote, hybrid, onsite'],
        [{ ...search, params: { q: 'x', payMin: 90000, payMax: 50000 } }, 'params.payMax', 'must be at least payMin'],
        [{ ...search, params: { q: 'x', radius: '25mi' } }, 'params.radius', 'needs a location'],
        [{ ...search, params: { q: 'x'.repeat(257) } }, 'params.q', 'must be at most 256 characters'],
        [{ ...search, params: { q: 'x', sort: 'date' } }, 'params.sort', 'property sort should not exist'],
        [{ ...search, params: 'nurse' }, 'params', 'must be an object of search parameters'],
        [{ ...search, name: 'n'.repeat(101) }, 'name', 'must be 1 to 100 characters'],
        [{ ...search, frequency: 'hourly' }, 'frequency', 'must be one of: instant, daily, weekly'],
        [{ ...search, channel: 'pigeon' }, 'channel', 'must be one of: email, sms'],
      ];
      for (const [body, field, reason] of cases) {
        const res = await http().post('/api/me/saved-searches').set('Cookie', bob).send(body).expect(400);
        expect(res.body.code).toBe('validation_failed');
        expect(res.body.errors).toContainEqual({ field, reason });
      }
      const empty = await http().post('/api/me/saved-searches').set('Cookie', bob).send({ ...search, params: {} }).expect(422);
      expect(empty.body.errors).toEqual([{ field: 'params', reason: 'must have search words or at least one filter' }]);
      const noMail = await http().post('/api/me/saved-searches').set('Cookie', noEmail).send(search).expect(422);
      expect(noMail.body.errors).toEqual([{ field: 'channel', reason: 'your account has no e-mail address; use sms' }]);
      const badPatch = await http().patch(`/api/me/saved-searches/${id}`).set('Cookie', alice).send({ frequency: 'hourly' }).expect(400);
      expect(badPatch.body.errors).toContainEqual({ field: 'frequency', reason: 'must be one of: instant, daily, weekly' });
      const badId = await http().get('/api/me/saved-searches/not-a-uuid').set('Cookie', alice).expect(400);
      expect(badId.body.errors).toEqual([{ field: 'id', reason: 'must be a saved search id (a UUID)' }]);
      expect((await http().get('/api/me/saved-searches').set('Cookie', bob)).body).toEqual([]);
    });

    it("IDOR: another user cannot read, change or delete Alice's saved searches (404)", async () => {
      const before = (await http().get(`/api/me/saved-searches/${id}`).set('Cookie', alice).expect(200)).body;
      const read = await http().get(`/api/me/saved-searches/${id}`).set('Cookie', bob).expect(404);
      expect(read.body).toEqual({ statusCode: 404, code: 'saved_search_not_found', message: 'No saved search with that id.' });
      await http().patch(`/api/me/saved-searches/${id}`).set('Cookie', bob).send({ name: 'mine now' }).expect(404);
      await http().delete(`/api/me/saved-searches/${id}`).set('Cookie', bob).expect(404);
      expect((await http().get('/api/me/saved-searches').set('Cookie', bob)).body).toEqual([]);
      expect((await http().get(`/api/me/saved-searches/${id}`).set('Cookie', alice).expect(200)).body).toEqual(before);
    });

    it('keeps at most 10 per user: the 11th is a 422 with the field and the reason, also under parallel requests', async () => {
      for (let i = 1; i < 8; i++) {
        await http().post('/api/me/saved-searches').set('Cookie', alice).send({ ...search, name: `Search ${i}` }).expect(201);
      }
      // 8 exist; 5 in parallel: exactly 2 fit.
      const parallel = await Promise.all(
        [0, 1, 2, 3, 4].map((i) => http().post('/api/me/saved-searches').set('Cookie', alice).send({ ...search, name: `Parallel ${i}` })),
      );
      expect(parallel.map((r) => r.status).sort()).toEqual([201, 201, 422, 422, 422]);
      const eleventh = await http().post('/api/me/saved-searches').set('Cookie', alice).send({ ...search, name: 'One too many' }).expect(422);
      expect(eleventh.body).toEqual({
        statusCode: 422,
        code: 'saved_search_limit',
        message: 'An account can keep at most 10 saved searches; delete one first.',
        errors: [{ field: 'savedSearches', reason: 'at most 10 per account; delete one first' }],
      });
      expect((await http().get('/api/me/saved-searches').set('Cookie', alice)).body).toHaveLength(10);
      // Other users have their own 10.
      await http().post('/api/me/saved-searches').set('Cookie', bob).send(search).expect(201);
    });

    it('deletes a saved search, which frees a place', async () => {
      await http().delete(`/api/me/saved-searches/${id}`).set('Cookie', alice).expect(204);
      await http().get(`/api/me/saved-searches/${id}`).set('Cookie', alice).expect(404);
      await http().delete(`/api/me/saved-searches/${id}`).set('Cookie', alice).expect(404);
      await http().post('/api/me/saved-searches').set('Cookie', alice).send({ ...search, name: 'Back to ten' }).expect(201);
    });
  });
});
