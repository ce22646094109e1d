import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { loadConfig } from '@jobportal/config';
import { SOURCE_ADAPTERS } from '@jobportal/postings';
import { createSearchClient, deleteIndex } from '@jobportal/search';
import { createApp } from '../src/app.factory';
import { createIngestPipeline } from '../../../workers/src/ingest/ingest-pipeline';
import { grantRole, signUpWithCode, type TestAccount } from '../../../test/support/accounts';
import { FakeTwilio } from '../../../test/support/fake-twilio';
import { DATA_DIR, REPO_ROOT } from '../../../test/support/stack';
import { spawnSync } from 'node:child_process';

/**
 * Property-based fuzzing of every HTTP endpoint (fast-check) against the real app on real
 * Elasticsearch, Redis and PostgreSQL: generated query strings, path parameters and bodies (valid
 * values, near misses, garbage, malformed JSON). No answer may be a 5xx, and every 4xx is the error
 * envelope: a validation failure names the field, anything else carries one of the documented codes.
 * A fixed seed makes a failure reproducible; FUZZ_SEED replays another.
 */
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/jobportal_test';
const PREFIX = 'e2e-fuzz-';
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const TOTAL_REQUESTS = 10_000;
/** Bounds the run on a slow machine: fast-check stops an endpoint's property early rather than overrun. */
const TIME_LIMIT_MS = 540_000;

/** Non-field 4xx codes the API documents (docs/api.md); any other code is a finding. */
const DOCUMENTED_CODES = new Set([
  'unauthenticated',
  'forbidden_role',
  'csrf_rejected',
  'not_found',
  'job_not_found',
  'occupation_not_found',
  'saved_job_not_found',
  'saved_search_not_found',
  'saved_query_not_found',
  'session_not_found',
  'email_taken',
  'invalid_token',
  'too_many_attempts',
  'rate_limited',
  'payload_too_large',
  'unsupported_media_type',
]);

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface Endpoint {
  method: Method;
  path: string;
  /** Session cookie attached (the route is behind SessionGuard). */
  auth?: boolean;
  /** Known query parameter names, mixed with unknown ones. */
  query?: string[];
  /** Known body fields, mixed with unknown ones; absent: no body is sent. */
  body?: string[];
  /** Path parameter placeholder, filled with generated ids. */
  param?: string;
  weight: number;
}

const SEARCH_PARAMS = ['q', 'location', 'radius', 'workMode', 'experience', 'employmentType', 'payMin', 'payMax', 'postedWithin', 'company', 'skills', 'occupation', 'source', 'place', 'sort', 'page', 'size', 'after'];
const ENDPOINTS: Endpoint[] = [
  { method: 'get', path: '/api/health', query: [], weight: 1 },
  { method: 'get', path: '/api/jobs/search', query: SEARCH_PARAMS, weight: 14 },
  { method: 'get', path: '/api/jobs/suggest', query: ['q'], weight: 5 },
  { method: 'get', path: '/api/jobs/categories', query: [], weight: 2 },
  { method: 'get', path: '/api/jobs/:id', param: 'id', weight: 4 },
  { method: 'get', path: '/api/jobs/:id/similar', param: 'id', weight: 4 },
  { method: 'get', path: '/api/stats/overview', query: [], weight: 2 },
  { method: 'get', path: '/api/locations/suggest', query: ['q'], weight: 4 },
  { method: 'get', path: '/api/occupations', query: ['q', 'size', 'page'], weight: 5 },
  { method: 'get', path: '/api/occupations/:code', param: 'code', weight: 4 },
  { method: 'get', path: '/api/alerts/unsubscribe', query: ['token'], weight: 3 },
  { method: 'post', path: '/api/classify', body: ['items', 'title', 'description'], weight: 3 },
  { method: 'post', path: '/api/auth/signup', body: ['name', 'phone', 'email'], weight: 4 },
  { method: 'post', path: '/api/auth/login', body: ['phone', 'email', 'channel'], weight: 4 },
  { method: 'post', path: '/api/auth/resend', body: ['challengeId'], weight: 3 },
  { method: 'post', path: '/api/auth/verify', body: ['challengeId', 'code'], weight: 4 },
  { method: 'post', path: '/api/auth/logout', body: [], weight: 1 },
  { method: 'get', path: '/api/me', auth: true, weight: 1 },
  { method: 'post', path: '/api/me/totp', auth: true, body: [], weight: 1 },
  { method: 'post', path: '/api/me/totp/confirm', auth: true, body: ['code'], weight: 3 },
  { method: 'delete', path: '/api/me/totp', auth: true, weight: 1 },
  { method: 'get', path: '/api/me/sessions', auth: true, weight: 1 },
  { method: 'delete', path: '/api/me/sessions/:id', auth: true, param: 'id', weight: 3 },
  { method: 'get', path: '/api/me/saved-jobs', auth: true, query: ['status'], weight: 2 },
  { method: 'get', path: '/api/me/saved-jobs/:jobId', auth: true, param: 'jobId', weight: 3 },
  { method: 'put', path: '/api/me/saved-jobs/:jobId', auth: true, param: 'jobId', body: ['status', 'note'], weight: 5 },
  { method: 'delete', path: '/api/me/saved-jobs/:jobId', auth: true, param: 'jobId', weight: 2 },
  { method: 'get', path: '/api/me/saved-searches', auth: true, weight: 1 },
  { method: 'get', path: '/api/me/saved-searches/:id', auth: true, param: 'id', weight: 3 },
  { method: 'post', path: '/api/me/saved-searches', auth: true, body: ['name', 'params', 'frequency', 'channel'], weight: 6 },
  { method: 'patch', path: '/api/me/saved-searches/:id', auth: true, param: 'id', body: ['name', 'params', 'frequency', 'channel', 'paused'], weight: 4 },
  { method: 'delete', path: '/api/me/saved-searches/:id', auth: true, param: 'id', weight: 2 },
  // The fuzz account holds the analyst role (granted in beforeAll), so these run past the guard.
  { method: 'get', path: '/api/analyst/fields', auth: true, weight: 1 },
  { method: 'post', path: '/api/analyst/query', auth: true, body: ['query', 'time', 'breakdowns', 'metrics', 'size'], weight: 6 },
  { method: 'post', path: '/api/analyst/export', auth: true, body: ['query', 'time', 'format', 'fields', 'limit'], weight: 3 },
  { method: 'get', path: '/api/analyst/saved-queries', auth: true, weight: 1 },
  { method: 'get', path: '/api/analyst/saved-queries/:id', auth: true, param: 'id', weight: 2 },
  { method: 'post', path: '/api/analyst/saved-queries', auth: true, body: ['name', 'query', 'time', 'breakdowns', 'metrics'], weight: 3 },
  { method: 'put', path: '/api/analyst/saved-queries/:id', auth: true, param: 'id', body: ['name', 'query', 'time', 'breakdowns', 'metrics'], weight: 2 },
  { method: 'delete', path: '/api/analyst/saved-queries/:id', auth: true, param: 'id', weight: 1 },
];

/** Values a caller might send: valid words and enums, edge numbers, injection strings, control characters, huge strings. */
const scalar = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('nurse', 'software engineer', 'remote', 'hybrid', 'onsite', 'entry', 'mid_senior', 'full_time', 'daily', 'instant', 'weekly', 'email', 'sms', 'app', 'saved', 'applied', 'relevance', 'date', 'pay', '29-1141', '29-1141.00', '15-0000', 'New York, NY', '25mi', '10km', '7d', 'Austin', 'linkedin_2023') },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.bigInt()).map(String) },
  { weight: 2, arbitrary: fc.constantFrom('', ' ', '-1', '0', '1e309', 'NaN', 'Infinity', 'null', 'undefined', 'true', '[]', '{}', '%', '%zz', '../../etc/passwd', "' OR 1=1 --", '<script>alert(1)</script>', '{"$ne":1}', '*', '?', '\\', '"', '\u0000', '\uD800', '\u202E', '00000000-0000-0000-0000-000000000000', '+14155550123', 'a@b.c') },
  // Long, but inside Node's 16 kB header limit (beyond it Node itself answers 431 before the app runs).
  { weight: 1, arbitrary: fc.nat({ max: 5_000 }).map((n) => 'x'.repeat(n)) },
  { weight: 1, arbitrary: fc.uuid() },
);
const jsonValue = fc.oneof({ weight: 4, arbitrary: scalar }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) }, { weight: 1, arbitrary: fc.array(scalar, { maxLength: 4 }) });

function queryArb(known: string[]) {
  const key = known.length > 0 ? fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'q[$ne]', 'a[b]', 'page[0]', 'toString') }, { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) }) : fc.string({ minLength: 1, maxLength: 12 });
  return fc.array(fc.tuple(key, scalar), { maxLength: 2 });
}

function bodyArb(known: string[]) {
  const key = fc.oneof({ weight: 6, arbitrary: known.length > 0 ? fc.constantFrom(...known) : fc.string({ maxLength: 8 }) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }, { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor') });
  return fc.oneof(
    { weight: 8, arbitrary: fc.dictionary(key, jsonValue, { maxKeys: 6 }).map((o) => ({ kind: 'json' as const, value: o as unknown })) },
    { weight: 1, arbitrary: jsonValue.map((v) => ({ kind: 'json' as const, value: v as unknown })) },
    { weight: 1, arbitrary: fc.constantFrom('{', '{"a":', '[1,', 'not json', '{"name":"\u0000"}', '').map((raw) => ({ kind: 'raw' as const, value: raw as unknown })) },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map((raw) => ({ kind: 'form' as const, value: raw as unknown })) },
  );
}

const pathParam = fc.oneof(fc.constantFrom('0cba2fb823d3476296fb', 'missing', '29-1141', '29-1141.00', '00000000-0000-0000-0000-000000000000', '..', '%2e%2e', 'a'.repeat(200), ' '), fc.uuid(), fc.string({ minLength: 1, maxLength: 30 }), fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 40, maxLength: 40 }));

describe('fuzzing every endpoint (fast-check, real services)', () => {
  const creds = FakeTwilio.credentials();
  const twilio = new FakeTwilio(creds);
  let app: INestApplication;
  let base: string;
  let account: TestAccount;
  let sent = 0;
  const statuses = new Map<number, number>();

  beforeAll(async () => {
    await twilio.start();
    const env = { ...process.env, NODE_ENV: 'test' as const, ES_INDEX_PREFIX: PREFIX };
    const config = loadConfig({
      ...env,
      DATABASE_URL: TEST_DATABASE_URL,
      QUEUE_PREFIX: `e2e-fuzz-${process.pid}-${Date.now()}`,
      TWILIO_ACCOUNT_SID: creds.accountSid,
      TWILIO_AUTH_TOKEN: creds.authToken,
      TWILIO_FROM: '+15005550006',
      TWILIO_API_BASE_URL: twilio.url,
      AUTH_IP_LIMIT: '100000',
    });
    const es = createSearchClient({ node: config.elastic.node });
    await deleteIndex(es, 'postings', { prefix: PREFIX });
    await deleteIndex(es, 'occupations', { prefix: PREFIX });
    await es.close();
    // Real postings (through the ingest pipeline) and the real occupations catalog, so searches,
    // facets, similar jobs and occupation lookups run their full paths.
    const indexed = spawnSync('node', [resolve(REPO_ROOT, 'workers/dist/cli/index-occupations.js')], { env, encoding: 'utf8' });
    if (indexed.status !== 0) throw new Error(`index:occupations failed: ${indexed.stderr}`);
    const pipeline = await createIngestPipeline(config);
    await pipeline.importFile('craigslist_nyc_2019', resolve(DATA_DIR, SOURCE_ADAPTERS.craigslist_nyc_2019.samplePath!), { refresh: true });
    await pipeline.close();

    app = await createApp(config, { logger: false });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const db = app.get(DataSource);
    if (!db.isInitialized) await db.initialize();
    await db.query(`TRUNCATE notification_marks, saved_searches, saved_jobs, sessions, otp_challenges, users CASCADE`);
    account = await signUpWithCode(app, twilio, 'Fuzz Tester', 'fuzz@example.com');
    grantRole(TEST_DATABASE_URL, account.phone, 'analyst');
  });
  afterAll(async () => {
    console.log(`fuzz: ${sent} requests (seed ${SEED}); statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`);
    await app?.close();
    await twilio.stop();
  });

  function checkAnswer(what: string, status: number, body: unknown): void {
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    if (status >= 500) throw new Error(`${what} answered ${status}: ${JSON.stringify(body)}`);
    if (status < 400) return;
    const env = body as { statusCode?: unknown; code?: unknown; message?: unknown; errors?: Array<{ field?: unknown; reason?: unknown }> };
    if (env?.statusCode !== status || typeof env.code !== 'string' || typeof env.message !== 'string' || env.message === '') {
      throw new Error(`${what} answered ${status} without the error envelope: ${JSON.stringify(body)}`);
    }
    if (Array.isArray(env.errors)) {
      if (env.errors.length === 0 || env.errors.some((e) => typeof e.field !== 'string' || e.field === '' || typeof e.reason !== 'string')) {
        throw new Error(`${what}: field errors without a field or reason: ${JSON.stringify(body)}`);
      }
      return;
    }
    if (status === 400 || status === 422) throw new Error(`${what} answered ${status} (${env.code}) without naming the field: ${JSON.stringify(body)}`);
    if (!DOCUMENTED_CODES.has(env.code)) throw new Error(`${what} answered ${status} with an undocumented code "${env.code}": ${env.message}`);
  }

  const totalWeight = ENDPOINTS.reduce((s, e) => s + e.weight, 0);
  const deadline = () => started + TIME_LIMIT_MS;
  let started = 0;

  it(`answers ${TOTAL_REQUESTS.toLocaleString('en-US')} generated requests over ${ENDPOINTS.length} endpoints with no 5xx and only enveloped 4xx`, async () => {
    started = Date.now();
    let planned = 0;
    for (const [i, ep] of ENDPOINTS.entries()) {
      const numRuns = Math.round((TOTAL_REQUESTS * ep.weight) / totalWeight);
      planned += numRuns;
      const property = fc.asyncProperty(queryArb(ep.query ?? []), ep.param ? pathParam : fc.constant(''), ep.body ? bodyArb(ep.body) : fc.constant(null), fc.boolean(), async (query, param, body, withCookie) => {
        const path = ep.param ? ep.path.replace(`:${ep.param}`, encodeURIComponent(param)) : ep.path;
        const qs = new URLSearchParams(ep.query ? query : []).toString();
        let req = request(base)[ep.method](qs ? `${path}?${qs}` : path);
        // Authenticated routes mostly with the session, sometimes without (401) or with a forged cookie.
        if (ep.auth && (withCookie || param.length % 5 !== 0)) req = req.set('Cookie', account.cookie);
        else if (ep.auth) req = req.set('Cookie', 'jp_session=s%3Aforged.signature');
        if (body?.kind === 'json') req = req.set('Content-Type', 'application/json').send(JSON.stringify(body.value));
        else if (body?.kind === 'raw') req = req.set('Content-Type', 'application/json').send(body.value as string);
        else if (body?.kind === 'form') req = req.type('form').send(body.value as string);
        const res = await req;
        sent++;
        checkAnswer(`${ep.method.toUpperCase()} ${qs ? `${path}?${qs}` : path}${body ? ` body ${JSON.stringify(body.value).slice(0, 300)}` : ''}`, res.status, res.body);
      });
      const remaining = deadline() - Date.now();
      if (remaining <= 0) break;
      await fc.assert(property, { seed: SEED + i, numRuns, interruptAfterTimeLimit: remaining, markInterruptAsFailure: false, endOnFailure: true }).catch((err: Error) => {
        throw new Error(`${err.message}\n${err.cause instanceof Error ? err.cause.message : ''}\nReplay with FUZZ_SEED=${SEED} (endpoint ${ep.method.toUpperCase()} ${ep.path} uses seed ${SEED + i})`);
      });
    }
    // Every planned request ran: the time bound only keeps a stuck run from hanging the suite.
    expect(planned).toBeGreaterThanOrEqual(TOTAL_REQUESTS - ENDPOINTS.length);
    expect(sent).toBe(planned);
    // The session was never disturbed by the fuzzing (no generated request may log it out).
    const me = await request(base).get('/api/me').set('Cookie', account.cookie);
    expect(me.status).toBe(200);
  }, TIME_LIMIT_MS + 60_000);
});
