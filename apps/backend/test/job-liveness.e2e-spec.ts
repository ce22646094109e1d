import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { loadConfig } from '@jobportal/config';
import type { JobSearchResponse, PostingDocument, SavedJob, TrendsResponse } from '@jobportal/contracts';
import { bulkIndexPostings, createSearchClient, deleteIndex, ensureIndex, expirePostings, type Client } from '@jobportal/search';
import { createApp } from '../src/app.factory';
import { signUpWithCode } from '../../../test/support/accounts';
import { FakeTwilio } from '../../../test/support/fake-twilio';

/**
 * An expired posting through the API (real Elasticsearch, PostgreSQL, Redis): gone from job
 * search, its facets and suggestions; still counted by trends; still opening from a saved job,
 * marked expired.
 */
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/jobportal_test';
const TABLES = 'notification_marks, saved_searches, saved_jobs, sessions, otp_challenges, users';
const PREFIX = `e2e-liveness-${process.pid}-`;

function posting(id: string, over: Partial<PostingDocument> = {}): PostingDocument {
  return {
    id,
    source: 'crawl_greenhouse',
    source_id: `acme:${id}`,
    url: `https://boards.greenhouse.io/acme/jobs/${id}`,
    apply_url: null,
    title: 'Lighthouse Keeper',
    company: 'Acme Lights',
    description: 'Keep the lamp lit and the logbook current.',
    description_html: null,
    location: { text: 'Portland, ME', city: 'Portland', region: 'Maine', region_code: 'ME', country: 'United States', country_code: 'US', postal_code: null },
    geo: { lat: 43.6591, lon: -70.2568 },
    work_mode: 'onsite',
    experience_level: 'entry',
    employment_type: 'full_time',
    salary: null,
    skills: [],
    industries: [],
    benefits: [],
    education: null,
    posted_at: '2026-11-10T00:00:00.000Z',
    expires_at: null,
    fingerprint: `fp-${id}`,
    ingested_at: '2026-11-10T00:00:00.000Z',
    status: 'live',
    expired_at: null,
    expiry_reason: null,
    ...over,
  };
}

const LIVE = 'e2eliveness000000000000000000000000live';
const GONE = 'e2eliveness000000000000000000000000gone';

describe('expired postings through the API', () => {
  const creds = FakeTwilio.credentials();
  const twilio = new FakeTwilio(creds);
  let app: INestApplication;
  let es: Client;
  let alias: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    await twilio.start();
    const config = loadConfig({
      ...process.env,
      NODE_ENV: 'test',
      ES_INDEX_PREFIX: PREFIX,
      DATABASE_URL: TEST_DATABASE_URL,
      QUEUE_PREFIX: `e2e-liveness-${process.pid}-${Date.now()}`,
      TWILIO_ACCOUNT_SID: creds.accountSid,
      TWILIO_AUTH_TOKEN: creds.authToken,
      TWILIO_FROM: '+15005550006',
      TWILIO_API_BASE_URL: twilio.url,
      AUTH_IP_LIMIT: '10000',
    });
    es = createSearchClient({ node: config.elastic.node });
    await deleteIndex(es, 'postings', { prefix: PREFIX });
    alias = (await ensureIndex(es, 'postings', { prefix: PREFIX })).alias;
    const indexed = await bulkIndexPostings(es, alias, [posting(LIVE), posting(GONE, { title: 'Lighthouse Keeper (night)', company: 'Acme Lights Night' })], { refresh: true });
    expect(indexed.failed).toEqual([]);
    app = await createApp(config, { logger: false });
    await app.init();
    const db = app.get(DataSource);
    if (!db.isInitialized) await db.initialize();
    await db.query(`TRUNCATE ${TABLES} CASCADE`);
  });

  afterAll(async () => {
    await app?.close();
    await deleteIndex(es, 'postings', { prefix: PREFIX }).catch(() => undefined);
    await es?.close();
    await twilio.stop();
  });

  it('a saved job that expires stays saved, opens marked expired, and leaves search but not trends', async () => {
    const { cookie } = await signUpWithCode(app, twilio, 'Keeper');
    const saved = await http().put(`/api/me/saved-jobs/${GONE}`).set('Cookie', cookie).send({}).expect(201);
    expect((saved.body as SavedJob).postingStatus).toBe('live');

    const search = async () => (await http().get('/api/jobs/search?q=lighthouse&size=10').expect(200)).body as JobSearchResponse;
    const trends = async () => (await http().get('/api/trends?q=lighthouse&from=2026-01-01&to=2027-01-01&interval=month&panels=companies').expect(200)).body as TrendsResponse;
    const before = await search();
    expect(before.hits.map((h) => h.id).sort()).toEqual([GONE, LIVE]);
    const trendsBefore = await trends();
    expect(trendsBefore.total).toBe(2);

    // What the crawler writes when the posting's page answers 404.
    expect(await expirePostings(es, alias, [GONE], 'gone', new Date('2026-12-01T08:00:00Z'), { refresh: true })).toBe(1);

    const after = await search();
    expect(after.hits.map((h) => h.id)).toEqual([LIVE]);
    expect(after.total.value).toBe(1);
    const companies = after.facets.find((f) => f.key === 'company')!.buckets.map((b) => b.value);
    expect(companies).toEqual(['Acme Lights']);
    const suggest = (await http().get('/api/jobs/suggest?q=acme').expect(200)).body as { companies: string[] };
    expect(suggest.companies).toEqual(['Acme Lights']);
    // Trends still count it: it was posted.
    const trendsAfter = await trends();
    expect(trendsAfter.total).toBe(2);
    expect(trendsAfter.companies!.map((c) => c.value).sort()).toEqual(['Acme Lights', 'Acme Lights Night']);

    const detail = await http().get(`/api/jobs/${GONE}`).expect(200);
    expect(detail.body).toEqual(expect.objectContaining({ id: GONE, status: 'expired', expiredAt: '2026-12-01T08:00:00.000Z', expiryReason: 'gone' }));
    expect((await http().get(`/api/jobs/${LIVE}`).expect(200)).body).toEqual(expect.objectContaining({ status: 'live', expiredAt: null, expiryReason: null }));

    const list = (await http().get('/api/me/saved-jobs').set('Cookie', cookie).expect(200)).body as SavedJob[];
    expect(list.map((j) => [j.jobId, j.postingStatus, j.job.title])).toEqual([[GONE, 'expired', 'Lighthouse Keeper (night)']]);
    expect(((await http().get(`/api/me/saved-jobs/${GONE}`).set('Cookie', cookie).expect(200)).body as SavedJob).postingStatus).toBe('expired');
    // Expiring again changes nothing: the first expiry's time and reason stay.
    expect(await expirePostings(es, alias, [GONE], 'absent_from_listing', new Date(), { refresh: true })).toBe(0);
    expect((await http().get(`/api/jobs/${GONE}`).expect(200)).body.expiryReason).toBe('gone');
  });
});
