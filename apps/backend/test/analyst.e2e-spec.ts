import type { INestApplication } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '@jobportal/config';
import { ANALYST_DEFAULT_EXPORT_FIELDS, ANALYST_LIMITS, type AnalystFieldsResponse, type AnalystQueryResponse, type SavedQuery } from '@jobportal/contracts';
import { createSearchClient, deleteIndex, ensureIndex, type Client } from '@jobportal/search';
import { createApp } from '../src/app.factory';
import { grantRole, signUpWithCode, type TestAccount } from '../../../test/support/accounts';
import { FakeTwilio } from '../../../test/support/fake-twilio';

/**
 * The analyst API against a real Elasticsearch node and real PostgreSQL: 3,000 generated postings
 * whose expected figures are computed here, from the documents themselves, and checked again with
 * plain _count requests; exports parsed back and counted; saved queries isolated per account.
 */
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/jobportal_test';
const PREFIX = 'e2e-analyst-';
const INDEX = `${PREFIX}postings`;
const N = 3000;
const DAY = 86_400_000;

const MODES = ['remote', 'hybrid', 'onsite', null] as const;
const REGIONS = ['NY', 'CA', 'TX', 'WA', 'IL'];
const SPECIAL_COMPANIES = ['=HYPERLINK("http://evil.example")', 'Acme, Inc.', 'Say "Hi" LLC', 'Multi\nLine Co', '@risk Partners', '-minus Corp'];

interface Doc {
  id: string;
  source: string;
  source_id: string;
  title: string;
  company: string;
  description: string;
  location: { city: string; region_code: string; country_code: string };
  work_mode?: string;
  skills: string[];
  salary?: { annual_min: number; currency: string; period: string };
  posted_at?: string;
  fingerprint: string;
  ingested_at: string;
}

function makeDocs(): Doc[] {
  const docs: Doc[] = [];
  for (let i = 0; i < N; i++) {
    const mode = MODES[i % 4];
    const company = i % 10 < SPECIAL_COMPANIES.length && i % 50 < 10 ? SPECIAL_COMPANIES[i % 10] : `Company ${i % 40}`;
    docs.push({
      id: `analyst-${i}`,
      source: i % 2 ? 'gen_b' : 'gen_a',
      source_id: String(i),
      title: `Data Engineer ${i % 5}`,
      company,
      description: 'Build pipelines.',
      location: { city: `City ${i % 5}`, region_code: REGIONS[i % 5], country_code: 'US' },
      ...(mode ? { work_mode: mode } : {}),
      skills: i % 3 === 0 ? ['python', 'sql'] : i % 3 === 1 ? ['java'] : [],
      ...(i % 7 === 0 ? {} : { salary: { annual_min: 40_000 + (i % 50) * 1000, currency: 'USD', period: 'year' } }),
      // Spread over 180 days of 2024; every hundredth posting has no date (as some real sources).
      ...(i % 100 === 99 ? {} : { posted_at: new Date(Date.UTC(2024, 0, 1) + (i % 180) * DAY + (i % 24) * 3_600_000).toISOString() }),
      fingerprint: `fp-${i % 2500}`,
      ingested_at: new Date(Date.UTC(2024, 6, 1)).toISOString(),
    });
  }
  return docs;
}

/** Reads a streamed body whatever its content type (superagent only buffers text/* and JSON). */
function raw(req: request.Test): Promise<request.Response & { text: string }> {
  return req.buffer(true).parse((res, cb) => {
    let data = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (data += chunk));
    res.on('end', () => cb(null, data));
  }).then((res) => Object.assign(res, { text: res.body as string }));
}

describe('analyst API (real Elasticsearch, real PostgreSQL)', () => {
  const creds = FakeTwilio.credentials();
  const twilio = new FakeTwilio(creds);
  const docs = makeDocs();
  let config: AppConfig;
  let app: INestApplication;
  let es: Client;
  let ann: TestAccount;
  let bob: TestAccount;
  let plain: TestAccount;

  const post = (path: string, cookie: string, body: unknown) => request(app.getHttpServer()).post(path).set('Cookie', cookie).send(body as object);
  const get = (path: string, cookie: string) => request(app.getHttpServer()).get(path).set('Cookie', cookie);
  const query = (body: unknown) => post('/api/analyst/query', ann.cookie, body);
  const count = async (q: object) => (await es.count({ index: INDEX, query: q })).count;

  beforeAll(async () => {
    await twilio.start();
    config = loadConfig({
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: TEST_DATABASE_URL,
      ES_INDEX_PREFIX: PREFIX,
      ES_REQUEST_TIMEOUT_MS: '20000',
      QUEUE_PREFIX: `e2e-analyst-${process.pid}-${Date.now()}`,
      TWILIO_ACCOUNT_SID: creds.accountSid,
      TWILIO_AUTH_TOKEN: creds.authToken,
      TWILIO_FROM: '+15005550006',
      TWILIO_API_BASE_URL: twilio.url,
      AUTH_IP_LIMIT: '10000',
    });
    es = createSearchClient({ node: config.elastic.node, requestTimeoutMs: 60_000 });
    await deleteIndex(es, 'postings', { prefix: PREFIX });
    await ensureIndex(es, 'postings', { prefix: PREFIX });
    for (let i = 0; i < docs.length; i += 1000) {
      const res = await es.bulk({ refresh: 'wait_for', operations: docs.slice(i, i + 1000).flatMap((d) => [{ index: { _index: INDEX, _id: d.id } }, d]) });
      if (res.errors) throw new Error(`bulk failed: ${JSON.stringify(res.items.find((it) => it.index?.error))}`);
    }
    app = await createApp(config, { logger: false });
    await app.init();
    const db = app.get(DataSource);
    if (!db.isInitialized) await db.initialize();
    await db.query(`TRUNCATE analyst_saved_queries, notification_marks, saved_searches, saved_jobs, sessions, otp_challenges, users CASCADE`);
    ann = await signUpWithCode(app, twilio, 'Ann Analyst');
    bob = await signUpWithCode(app, twilio, 'Bob Analyst');
    plain = await signUpWithCode(app, twilio, 'Pat Plain');
    grantRole(TEST_DATABASE_URL, ann.phone, 'analyst');
    grantRole(TEST_DATABASE_URL, bob.phone, 'analyst');
    grantRole(TEST_DATABASE_URL, plain.phone, 'operator');
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await deleteIndex(es, 'postings', { prefix: PREFIX }).catch(() => undefined);
    await es?.close();
    await twilio.stop();
  });

  it('is for the analyst role only: 401 without a session, 403 forbidden_role without the role', async () => {
    const http = () => request(app.getHttpServer());
    for (const [method, path] of [
      ['get', '/api/analyst/fields'],
      ['post', '/api/analyst/query'],
      ['post', '/api/analyst/export'],
      ['get', '/api/analyst/saved-queries'],
      ['post', '/api/analyst/saved-queries'],
      ['put', '/api/analyst/saved-queries/00000000-0000-0000-0000-000000000000'],
      ['delete', '/api/analyst/saved-queries/00000000-0000-0000-0000-000000000000'],
    ] as const) {
      const anon = await http()[method](path).send({ query: '' });
      expect({ path, status: anon.status, code: anon.body.code }).toEqual({ path, status: 401, code: 'unauthenticated' });
      // An operator is not an analyst.
      const other = await http()[method](path).set('Cookie', plain.cookie).send({ query: '' });
      expect({ path, status: other.status, code: other.body.code }).toEqual({ path, status: 403, code: 'forbidden_role' });
    }
  });

  it('lists the allowed fields with their type and top values (counts as in the index)', async () => {
    const res = await get('/api/analyst/fields', ann.cookie).expect(200);
    const body = res.body as AnalystFieldsResponse;
    expect(body.total).toBe(N);
    const byName = new Map(body.fields.map((f) => [f.name, f]));
    expect(byName.get('work_mode')).toMatchObject({ type: 'keyword', aggregatable: true });
    expect(byName.get('title')).toMatchObject({ type: 'text', aggregatable: false });
    expect(byName.has('url')).toBe(false);
    const modes = byName.get('work_mode')!.topValues!;
    for (const { value, count: c } of modes) expect(c).toBe(docs.filter((d) => d.work_mode === value).length);
    expect(modes.map((m) => m.value).sort()).toEqual(['hybrid', 'onsite', 'remote']);
    expect(byName.get('salary.annual_min')).toMatchObject({ type: 'number', min: 40_000, max: 89_000 });
    expect(byName.get('posted_at')!.min).toBe('2024-01-01T00:00:00.000Z');
  });

  it('breaks a KQL query down by terms with count and avg equal to figures computed from the documents', async () => {
    const res = await query({
      query: 'skills:python and salary.annual_min >= 60000',
      breakdowns: [{ type: 'terms', field: 'work_mode', size: 10 }],
      metrics: [{ type: 'count' }, { type: 'avg', field: 'salary.annual_min' }, { type: 'cardinality', field: 'company.keyword' }],
    }).expect(200);
    const body = res.body as AnalystQueryResponse;
    const matching = docs.filter((d) => d.skills.includes('python') && (d.salary?.annual_min ?? 0) >= 60_000);
    expect(body.total).toBe(matching.length);
    expect(body.total).toBe(await count({ bool: { filter: [{ term: { skills: 'python' } }, { range: { 'salary.annual_min': { gte: 60_000 } } }] } }));
    expect(body.columns.map((c) => c.name)).toEqual(['work_mode', 'count', 'avg(salary.annual_min)', 'cardinality(company.keyword)']);
    expect(body.rows).toHaveLength(3);
    for (const [mode, n, avg, companies] of body.rows) {
      const inMode = matching.filter((d) => d.work_mode === mode);
      expect(n).toBe(inMode.length);
      expect(avg as number).toBeCloseTo(inMode.reduce((s, d) => s + d.salary!.annual_min, 0) / inMode.length, 6);
      expect(companies).toBe(new Set(inMode.map((d) => d.company)).size);
    }
    expect(body.series).toEqual([{ name: 'count', points: body.rows.map((r) => ({ x: r[0], y: r[1] })) }]);
    expect(body.normalizedQuery).toBe('skills:python and salary.annual_min >= 60000');
    expect(body.hits.length).toBe(20);
    expect(body.timedOut).toBe(false);
  });

  it('nests a second level in a time range: date_histogram x terms, every cell as counted by a plain _count', async () => {
    const time = { from: '2024-01-01T00:00:00Z', to: '2024-04-01T00:00:00Z' };
    const res = await query({
      query: 'not work_mode:onsite',
      time,
      breakdowns: [{ type: 'date_histogram', field: 'posted_at', interval: 'month' }, { type: 'terms', field: 'location.region_code', size: 5 }],
    }).expect(200);
    const body = res.body as AnalystQueryResponse;
    const inRange = docs.filter((d) => d.posted_at && d.posted_at >= '2024-01-01' && d.posted_at < '2024-04-01' && d.work_mode !== 'onsite');
    expect(body.total).toBe(inRange.length);
    expect(body.rows).toHaveLength(3 * 5);
    expect(body.rows.reduce((s, r) => s + (r[2] as number), 0)).toBe(body.total);
    for (const [month, region, n] of body.rows.slice(0, 4)) {
      const start = new Date(month as string);
      const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
      const plain = await count({
        bool: {
          filter: [{ term: { 'location.region_code': region } }, { range: { posted_at: { gte: start.toISOString(), lt: end.toISOString() } } }],
          must_not: [{ term: { work_mode: 'onsite' } }],
        },
      });
      expect({ month, region, n }).toEqual({ month, region, n: plain });
    }
    // One series per region, over the three months.
    expect(body.series.map((s) => s.name).sort()).toEqual([...REGIONS].sort());
    expect(body.series.every((s) => s.points.length === 3)).toBe(true);
  });

  it('histogram, range and percentiles match the documents', async () => {
    const hist = (await query({ query: 'salary.annual_min:*', breakdowns: [{ type: 'histogram', field: 'salary.annual_min', interval: 10_000 }] }).expect(200)).body as AnalystQueryResponse;
    const paid = docs.filter((d) => d.salary);
    expect(hist.total).toBe(paid.length);
    for (const [key, n] of hist.rows) expect(n).toBe(paid.filter((d) => Math.floor(d.salary!.annual_min / 10_000) * 10_000 === Number(key)).length);
    const ranged = (await query({
      query: '',
      breakdowns: [{ type: 'range', field: 'salary.annual_min', ranges: [{ to: 50_000, key: 'low' }, { from: 50_000, key: 'high' }] }],
      metrics: [{ type: 'percentiles', field: 'salary.annual_min', percents: [50] }, { type: 'count' }],
    }).expect(200)).body as AnalystQueryResponse;
    expect(ranged.rows.map((r) => [r[0], r[2]])).toEqual([
      ['low', paid.filter((d) => d.salary!.annual_min < 50_000).length],
      ['high', paid.filter((d) => d.salary!.annual_min >= 50_000).length],
    ]);
    expect(ranged.rows[0][1] as number).toBeGreaterThanOrEqual(40_000);
    expect(ranged.rows[0][1] as number).toBeLessThan(50_000);
  });

  it('refuses bad queries with the position, unknown fields by name, big breakdowns with the limit', async () => {
    const cases: Array<[unknown, string, object]> = [
      [{ query: 'work_mode:remote and (skills:python' }, 'invalid_query', { field: 'query', reason: 'expected ")"', offset: 35, line: 1, column: 36 }],
      [{ query: 'title:/dat.*/' }, 'invalid_query', { field: 'query', reason: 'regular expressions are not allowed', offset: 6, line: 1, column: 7 }],
      [{ query: 'work_mode:remote\nand skills:*thon' }, 'invalid_query', { field: 'query', reason: 'leading wildcards are not allowed', offset: 28, line: 2, column: 12 }],
      [{ query: 'python' }, 'invalid_query', { field: 'query', offset: 6 }],
      [{ query: 'work_mode:remote or posted_at:"March 7"' }, 'invalid_query', { field: 'query', reason: '"posted_at" is a date field; "March 7" is not a date (use 2024-01-31)', offset: 20 }],
      [{ query: 'salary.secret:1' }, 'unknown_field', { field: 'query', reason: 'unknown field "salary.secret"', offset: 0 }],
      [{ query: '', breakdowns: [{ type: 'terms', field: 'employer' }] }, 'unknown_field', { field: 'breakdowns[0].field', reason: 'unknown field "employer"' }],
      [{ query: '', metrics: [{ type: 'sum', field: 'pay' }] }, 'unknown_field', { field: 'metrics[0].field', reason: 'unknown field "pay"' }],
      [{ query: '', breakdowns: [{ type: 'terms', field: 'skills', size: 500 }] }, 'too_many_buckets', { field: 'breakdowns[0].size', reason: 'at most 100 buckets' }],
      [{ query: '', breakdowns: [{ type: 'terms', field: 'title', size: 5 }] }, 'validation_failed', { field: 'breakdowns[0].field' }],
      [{ query: '', time: { from: 'last week' } }, 'validation_failed', { field: 'time.from' }],
    ];
    for (const [body, code, error] of cases) {
      const res = await query(body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status: 400, code });
      expect(res.body.errors[0]).toMatchObject(error);
    }
    // The worst-case product: 182 days x 100 terms, over the limit; measured on the matching data.
    const big = await query({ query: '', breakdowns: [{ type: 'date_histogram', field: 'posted_at', interval: 'day' }, { type: 'terms', field: 'company.keyword', size: 100 }] });
    expect(big.status).toBe(400);
    expect(big.body.code).toBe('too_many_buckets');
    expect(big.body.errors[0].field).toBe('breakdowns[0].interval');
    expect(big.body.errors[0].reason).toContain(`180 x 100 = 18000 buckets; at most ${ANALYST_LIMITS.totalBuckets}`);
    // The same breakdown over a week is small enough.
    await query({ query: '', time: { from: '2024-01-01', to: '2024-01-08' }, breakdowns: [{ type: 'date_histogram', field: 'posted_at', interval: 'day' }, { type: 'terms', field: 'company.keyword', size: 100 }] }).expect(200);
    // A field the DTO does not know.
    const extra = await query({ query: '', sql: 'select 1' });
    expect([extra.status, extra.body.code, extra.body.errors[0].field]).toEqual([400, 'validation_failed', 'sql']);
  });

  it('exports every match as CSV, streamed (chunked), properly escaped and formula-safe; rows = hits', async () => {
    const res = await raw(post('/api/analyst/export', ann.cookie, { query: '', format: 'csv' }));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="postings-export.csv"');
    // Streamed in pages, never one buffered body with a length.
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.headers['content-length']).toBeUndefined();
    const records = parse(res.text, { relax_column_count: false }) as string[][];
    expect(records[0]).toEqual([...ANALYST_DEFAULT_EXPORT_FIELDS]);
    const rows = records.slice(1);
    expect(rows).toHaveLength(await count({ match_all: {} }));
    expect(rows).toHaveLength(N);
    expect(res.headers['x-export-total']).toBe(String(N));
    expect(res.headers['x-export-truncated']).toBe('false');
    expect(new Set(rows.map((r) => r[0])).size).toBe(N);
    const companies = new Set(rows.map((r) => r[4]));
    expect(companies).toContain(`'=HYPERLINK("http://evil.example")`);
    expect(companies).toContain("'@risk Partners");
    expect(companies).toContain("'-minus Corp");
    expect(companies).toContain('Acme, Inc.');
    expect(companies).toContain('Say "Hi" LLC');
    expect(companies).toContain('Multi\nLine Co');
    expect([...companies].some((c) => /^[=+\-@]/.test(c))).toBe(false);
    // Newest first; undated postings last.
    const dates = rows.map((r) => r[1]).filter(Boolean);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(rows.slice(-Math.floor(N / 100)).every((r) => r[1] === '')).toBe(true);
  });

  it('exports NDJSON with the chosen columns and a closing summary; a limit truncates and says so', async () => {
    const res = await raw(post('/api/analyst/export', ann.cookie, { query: 'work_mode:remote and skills:java', format: 'json', fields: ['id', 'work_mode', 'skills', 'salary.annual_min'] }));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = res.text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const expected = docs.filter((d) => d.work_mode === 'remote' && d.skills.includes('java')).length;
    expect(expected).toBeGreaterThan(100);
    const summary = lines.pop()!;
    expect(summary).toEqual({ _export: { rows: expected, total: expected, truncated: false } });
    expect(lines).toHaveLength(expected);
    expect(lines.every((l) => l.work_mode === 'remote' && Array.isArray(l.skills) && (l.skills as string[]).includes('java'))).toBe(true);
    expect(Object.keys(lines[0])).toEqual(['id', 'work_mode', 'skills', 'salary.annual_min']);

    const capped = await raw(post('/api/analyst/export', ann.cookie, { query: '', format: 'csv', fields: ['id'], limit: 1500 }));
    const rows = (parse(capped.text) as string[][]).slice(1);
    expect(rows).toHaveLength(1500);
    expect(capped.headers['x-export-truncated']).toBe('true');
    expect(capped.headers['x-export-cap']).toBe('1500');

    const bad = await post('/api/analyst/export', ann.cookie, { query: 'skills:*x', format: 'xlsx', fields: ['id', 'secret'] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['format', 'fields[1]', 'query']);
    expect(bad.body.errors[2]).toMatchObject({ offset: 7 });
  });

  it('saved queries: create, list, read, replace, delete; only the owner sees them (404 for anyone else); capped', async () => {
    const input = { name: 'Remote Python by state', query: 'work_mode:remote and skills:python', breakdowns: [{ type: 'terms', field: 'location.region_code' }], metrics: [{ type: 'count' }] };
    const created = await post('/api/analyst/saved-queries', ann.cookie, input).expect(201);
    const saved = created.body as SavedQuery;
    expect(saved).toMatchObject({ name: input.name, query: input.query, breakdowns: [{ type: 'terms', field: 'location.region_code', size: 10 }], metrics: [{ type: 'count' }] });
    expect((await get('/api/analyst/saved-queries', ann.cookie).expect(200)).body.map((q: SavedQuery) => q.id)).toEqual([saved.id]);
    expect((await get(`/api/analyst/saved-queries/${saved.id}`, ann.cookie).expect(200)).body.query).toBe(input.query);

    // Bob, another analyst, cannot see, change or delete it.
    expect((await get('/api/analyst/saved-queries', bob.cookie).expect(200)).body).toEqual([]);
    for (const res of [
      await get(`/api/analyst/saved-queries/${saved.id}`, bob.cookie),
      await request(app.getHttpServer()).put(`/api/analyst/saved-queries/${saved.id}`).set('Cookie', bob.cookie).send(input),
      await request(app.getHttpServer()).delete(`/api/analyst/saved-queries/${saved.id}`).set('Cookie', bob.cookie),
    ]) {
      expect([res.status, res.body.code]).toEqual([404, 'saved_query_not_found']);
    }

    const replaced = await request(app.getHttpServer()).put(`/api/analyst/saved-queries/${saved.id}`).set('Cookie', ann.cookie).send({ ...input, name: 'Renamed', time: { from: '2024-01-01' } }).expect(200);
    expect(replaced.body).toMatchObject({ id: saved.id, name: 'Renamed', time: { from: '2024-01-01T00:00:00.000Z' } });

    const badKql = await post('/api/analyst/saved-queries', ann.cookie, { ...input, query: 'skills:(python' });
    expect([badKql.status, badKql.body.code]).toEqual([400, 'invalid_query']);
    expect(badKql.body.errors[0]).toMatchObject({ field: 'query', offset: 14 });
    const longName = await post('/api/analyst/saved-queries', ann.cookie, { ...input, name: 'x'.repeat(ANALYST_LIMITS.savedQueryName + 1) });
    expect([longName.status, longName.body.errors[0].field]).toEqual([400, 'name']);
    const longQuery = await post('/api/analyst/saved-queries', ann.cookie, { ...input, query: 'skills:a or '.repeat(200) + 'skills:b' });
    expect([longQuery.status, longQuery.body.errors[0].reason]).toEqual([400, `the query may be at most ${ANALYST_LIMITS.queryLength} characters`]);
    const badId = await get('/api/analyst/saved-queries/not-a-uuid', ann.cookie);
    expect([badId.status, badId.body.errors[0].field]).toEqual([400, 'id']);

    // Fill Bob's list to the cap directly, then one more through the API.
    const db = app.get(DataSource);
    const [{ id: bobId }] = (await db.query(`SELECT id FROM users WHERE name = 'Bob Analyst'`)) as Array<{ id: string }>;
    await db.query(`INSERT INTO analyst_saved_queries (user_id, name, query) SELECT $1, 'q' || g, '' FROM generate_series(1, $2) g`, [bobId, ANALYST_LIMITS.savedQueries]);
    const over = await post('/api/analyst/saved-queries', bob.cookie, input);
    expect([over.status, over.body.code]).toEqual([422, 'saved_query_limit']);
    expect((await get('/api/analyst/saved-queries', bob.cookie).expect(200)).body).toHaveLength(ANALYST_LIMITS.savedQueries);
    // Ann's own list is unaffected.
    expect((await get('/api/analyst/saved-queries', ann.cookie).expect(200)).body).toHaveLength(1);

    await request(app.getHttpServer()).delete(`/api/analyst/saved-queries/${saved.id}`).set('Cookie', ann.cookie).expect(204);
    await get(`/api/analyst/saved-queries/${saved.id}`, ann.cookie).expect(404);
  });

  it('answers 503 search_unavailable when Elasticsearch is down', async () => {
    const downConfig = loadConfig({ ...process.env, NODE_ENV: 'test', DATABASE_URL: TEST_DATABASE_URL, ES_URL: 'http://127.0.0.1:9', ES_INDEX_PREFIX: PREFIX, ES_REQUEST_TIMEOUT_MS: '2000', QUEUE_PREFIX: `e2e-analyst-down-${process.pid}` });
    const down = await createApp(downConfig, { logger: false });
    await down.init();
    try {
      const http = () => request(down.getHttpServer());
      for (const res of [
        await http().get('/api/analyst/fields').set('Cookie', ann.cookie),
        await http().post('/api/analyst/query').set('Cookie', ann.cookie).send({ query: 'work_mode:remote' }),
        await http().post('/api/analyst/export').set('Cookie', ann.cookie).send({ query: '', format: 'csv' }),
      ]) {
        expect([res.status, res.body.code]).toEqual([503, 'search_unavailable']);
      }
      // Bad input is still a 400, not a 503: it is checked before Elasticsearch is asked.
      expect((await http().post('/api/analyst/query').set('Cookie', ann.cookie).send({ query: 'nope:1' })).status).toBe(400);
    } finally {
      await down.close();
    }
  });
});
