import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '@jobportal/config';
import type { JobDetail, JobSearchResponse, PostingSoc, ReviewDecisionResponse, ReviewQueueItem, ReviewQueueResponse } from '@jobportal/contracts';
import { buildTrainingSet, loadOccupationCores, DEFAULT_SPLIT } from '@jobportal/occupations';
import { aliasTarget, createSearchClient, deleteIndex, type Client } from '@jobportal/search';
import { createApp } from '../src/app.factory';
import { readStoredCorrections } from '../../../workers/src/ingest/human-codes';
import { grantRole, signUpWithCode, type TestAccount } from '../../../test/support/accounts';
import { FakeTwilio } from '../../../test/support/fake-twilio';
import { DATA_DIR, REPO_ROOT } from '../../../test/support/stack';

/**
 * The review queue against real Elasticsearch, PostgreSQL and Redis: postings coded by the real
 * classifier through the ingest CLI, the O*NET catalog from index:occupations, accounts through
 * the code flow and roles through user:grant; re-import and reclassify are the real CLIs.
 */
const PREFIX = 'e2e-review-';
const ALIAS = `${PREFIX}postings`;
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/jobportal_test';
const CRAIGSLIST_SAMPLE = 'postings/craigslist_nyc_engineering_2019/craigslist_nyc_egr_postings_2019.csv';
const LINKEDIN_SAMPLE = 'postings/linkedin_asaniczka_2024_sample/postings_small_500.csv';

function runCli(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string; stdout: string }> {
  const cli = resolve(REPO_ROOT, 'workers/dist/cli', script);
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build:server" first.`);
  return new Promise((done) => {
    const child = spawn('node', [cli, ...args], { env, cwd: REPO_ROOT });
    let out = '';
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => done({ code: code ?? -1, out, stdout }));
  });
}

async function expectOk(run: Promise<{ code: number; out: string; stdout: string }>, what: string) {
  const r = await run;
  if (r.code !== 0) throw new Error(`${what} failed (${r.code}):\n${r.out}`);
  return r;
}

/** Titles no model reads with confidence (flagged for sure), in a file of our own to re-import. */
function oddPostingsFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'review-'));
  const file = join(dir, 'craigslist.csv');
  const rows = [
    { id: 991301, title: 'Zzqx Vrrmpf', description: '' },
    { id: 991302, title: 'Qwrx Plomb Associate', description: '' },
    { id: 991303, title: 'Vrrn Kazzt Specialist', description: '' },
  ];
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  writeFileSync(
    file,
    ['posting_id,url,title,neighborhood,compensation,employment_type,description']
      .concat(rows.map((r) => `${r.id},https://newyork.craigslist.org/mnh/egr/d/x/${r.id}.html,${quote(r.title)},Manhattan,,full-time,${quote(r.description)}`))
      .join('\n'),
  );
  return file;
}

describe('review queue (real Elasticsearch, PostgreSQL, Redis, classifier)', () => {
  const creds = FakeTwilio.credentials();
  const twilio = new FakeTwilio(creds);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    ES_INDEX_PREFIX: PREFIX,
    DATABASE_URL: TEST_DATABASE_URL,
    QUEUE_PREFIX: `e2e-review-${process.pid}-${Date.now()}`,
    QUARANTINE_DIR: mkdtempSync(join(tmpdir(), 'review-quarantine-')),
  };
  const oddFile = oddPostingsFile();
  let config: AppConfig;
  let app: INestApplication;
  let es: Client;
  let db: DataSource;
  let analyst: TestAccount;
  let plain: TestAccount;

  const http = () => request(app.getHttpServer());
  const queue = async (query: string, cookie = analyst.cookie): Promise<ReviewQueueResponse> => {
    const res = await http().get(`/api/review/postings${query ? `?${query}` : ''}`).set('Cookie', cookie);
    if (res.status !== 200) throw new Error(`GET /api/review/postings?${query} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as ReviewQueueResponse;
  };
  const decide = (id: string, body: object, cookie = analyst.cookie) => http().post(`/api/review/postings/${id}`).set('Cookie', cookie).send(body);
  const socOf = async (id: string): Promise<PostingSoc> => {
    const res = await es.search<{ soc: PostingSoc }>({ index: ALIAS, query: { term: { id } }, _source: ['soc'] });
    return res.hits.hits[0]._source!.soc;
  };
  const count = async (query: object) => (await es.count({ index: ALIAS, query })).count;
  const idOfSourceId = async (sourceId: string) => {
    const res = await es.search<{ id: string }>({ index: ALIAS, query: { term: { source_id: sourceId } }, _source: ['id'] });
    return res.hits.hits[0]._source!.id;
  };
  /** What an index restored from before the review would hold: the model's code, no flag. */
  const stripHumanFlag = async (id: string, code: string) => {
    const index = (await aliasTarget(es, ALIAS))!;
    await es.update({ index, id, doc: { soc: { code, confidence: 0.2, needs_review: true, coded_by: 'model' } }, refresh: true });
  };
  /** A well-formed SOC code other than `code` that O*NET has (nurses, else truck drivers). */
  const otherCode = (code: string) => (code === '29-1141' ? '53-3032' : '29-1141');

  beforeAll(async () => {
    await twilio.start();
    config = loadConfig({
      ...env,
      TWILIO_ACCOUNT_SID: creds.accountSid,
      TWILIO_AUTH_TOKEN: creds.authToken,
      TWILIO_FROM: '+15005550006',
      TWILIO_API_BASE_URL: twilio.url,
      AUTH_IP_LIMIT: '10000',
    });
    es = createSearchClient({ node: config.elastic.node });
    await deleteIndex(es, 'occupations', { prefix: PREFIX });
    await deleteIndex(es, 'postings', { prefix: PREFIX });

    app = await createApp(config, { logger: false });
    await app.init();
    db = app.get(DataSource);
    if (!db.isInitialized) await db.initialize();
    await db.query(`TRUNCATE occupation_corrections, notification_marks, saved_searches, saved_jobs, sessions, otp_challenges, users CASCADE`);

    await expectOk(runCli('index-occupations.js', [], env), 'index:occupations');
    for (const [source, path] of [
      ['craigslist_nyc_2019', resolve(DATA_DIR, CRAIGSLIST_SAMPLE)],
      ['linkedin_2024', resolve(DATA_DIR, LINKEDIN_SAMPLE)],
      ['craigslist_nyc_2019', oddFile],
    ]) {
      await expectOk(runCli('ingest.js', ['--source', source, '--path', path, '--refresh', '--no-alerts'], env), `import ${source}`);
    }

    analyst = await signUpWithCode(app, twilio, 'Ann Analyst');
    grantRole(TEST_DATABASE_URL, analyst.phone, 'analyst');
    plain = await signUpWithCode(app, twilio, 'Pat Plain');
  }, 600_000);

  afterAll(async () => {
    await app?.close();
    await twilio.stop();
    await deleteIndex(es, 'postings', { prefix: PREFIX }).catch(() => undefined);
    await es?.close();
  });

  it('is for analysts: 401 without a session, 403 forbidden_role for a plain user', async () => {
    expect((await http().get('/api/review/postings')).status).toBe(401);
    expect((await http().post('/api/review/postings/abc').send({ action: 'confirm' })).status).toBe(401);
    const list = await http().get('/api/review/postings').set('Cookie', plain.cookie);
    expect(list.status).toBe(403);
    expect(list.body.code).toBe('forbidden_role');
    const post = await decide('abc', { action: 'confirm' }, plain.cookie);
    expect(post.status).toBe(403);
    expect(post.body.code).toBe('forbidden_role');
  });

  it('lists the flagged postings least confident first, with paging', async () => {
    const flagged = await count({ term: { 'soc.needs_review': true } });
    expect(flagged).toBeGreaterThan(20);
    const first = await queue('size=10');
    expect(first.total).toBe(flagged);
    expect(first.items).toHaveLength(10);
    const second = await queue('size=10&page=2');
    const all = [...first.items, ...second.items];
    expect(new Set(all.map((i) => i.id)).size).toBe(20);
    const confidences = all.map((i) => i.occupation.confidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => a - b));
    for (const item of all) {
      expect(item.occupation.code).toMatch(/^\d{2}-\d{4}$/);
      expect((await socOf(item.id)).needs_review).toBe(true);
    }
  });

  it('filters by source, occupation (code or major group) and confidence range', async () => {
    const bySource = await queue('source=linkedin_2024&size=100');
    expect(bySource.total).toBe(await count({ bool: { filter: [{ term: { 'soc.needs_review': true } }, { term: { source: 'linkedin_2024' } }] } }));
    expect(bySource.total).toBeGreaterThan(0);
    expect(bySource.items.every((i) => i.source === 'linkedin_2024')).toBe(true);

    const some = (await queue('size=100')).items;
    const major = some[some.length - 1].occupation.major;
    const byMajor = await queue(`occupation=${major}&size=100`);
    expect(byMajor.total).toBe(await count({ bool: { filter: [{ term: { 'soc.needs_review': true } }, { term: { 'soc.major': major } }] } }));
    expect(byMajor.items.every((i) => i.occupation.major === major)).toBe(true);
    const code = some[0].occupation.code;
    const byCode = await queue(`occupation=${code}&size=100`);
    expect(byCode.items.length).toBeGreaterThan(0);
    expect(byCode.items.every((i) => i.occupation.code === code)).toBe(true);

    const lo = some[Math.floor(some.length / 4)].occupation.confidence;
    const hi = some[Math.floor((3 * some.length) / 4)].occupation.confidence;
    const ranged = await queue(`minConfidence=${lo}&maxConfidence=${hi}&size=100`);
    expect(ranged.total).toBe(await count({ bool: { filter: [{ term: { 'soc.needs_review': true } }, { range: { 'soc.confidence': { gte: lo, lte: hi } } }] } }));
    expect(ranged.items.every((i) => i.occupation.confidence >= lo && i.occupation.confidence <= hi)).toBe(true);
  });

  it('refuses bad input with a 400 that names the field', async () => {
    const listField = async (query: string) => {
      const res = await http().get(`/api/review/postings?${query}`).set('Cookie', analyst.cookie);
      expect({ query, status: res.status, code: res.body.code }).toEqual({ query, status: 400, code: 'validation_failed' });
      return (res.body.errors as Array<{ field: string }>).map((e) => e.field);
    };
    expect(await listField('minConfidence=1.5')).toEqual(['minConfidence']);
    expect(await listField('maxConfidence=-0.1')).toEqual(['maxConfidence']);
    expect(await listField('maxConfidence=high')).toEqual(['maxConfidence']);
    expect(await listField('minConfidence=0.6&maxConfidence=0.4')).toEqual(['maxConfidence']);
    expect(await listField('source=monster')).toEqual(['source']);
    expect(await listField('occupation=nurse')).toEqual(['occupation']);
    expect(await listField('size=500')).toEqual(['size']);

    const id = (await queue('size=1')).items[0].id;
    const postField = async (body: object) => {
      const res = await decide(id, body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status: 400, code: 'validation_failed' });
      return [...new Set((res.body.errors as Array<{ field: string }>).map((e) => e.field))];
    };
    expect(await postField({ action: 'delete' })).toEqual(['action']);
    expect(await postField({})).toEqual(['action']);
    expect(await postField({ action: 'correct' })).toEqual(['code']);
    expect(await postField({ action: 'correct', code: '151252' })).toEqual(['code']);
    expect(await postField({ action: 'correct', code: '15-1252.00' })).toEqual(['code']);
    expect(await postField({ action: 'confirm', code: '15-1252' })).toEqual(['code']);
    expect(await postField({ action: 'confirm', note: 'x'.repeat(501) })).toEqual(['note']);
    // Well-formed but no occupation has it: checked against the occupations index.
    const unknown = await decide(id, { action: 'correct', code: '99-9999' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ field: 'code', reason: expect.stringMatching(/not an occupation in the occupations index/) }]);
    const badId = await decide('not an id!', { action: 'confirm' });
    expect(badId.status).toBe(400);
    expect(badId.body.errors[0].field).toBe('jobId');
    // Nothing of the above was stored or applied.
    expect((await socOf(id)).coded_by).not.toBe('human');
    expect(Number((await db.query(`SELECT count(*) FROM occupation_corrections`))[0].count)).toBe(0);
  });

  it('404 for a posting that does not exist', async () => {
    const res = await decide('0123456789abcdef0123456789abcdef01234567', { action: 'confirm' });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('posting_not_found');
  });

  let confirmed: ReviewQueueItem;
  let corrected: ReviewQueueItem;

  it('confirm: stored, applied at once (human code, confidence 1), and the posting leaves the queue', async () => {
    const before = await queue('size=100');
    // From a sample dataset: the odd titles of our own file are kept for the re-import test.
    confirmed = (await queue('source=linkedin_2024&size=5')).items[1];
    const res = await decide(confirmed.id, { action: 'confirm', note: 'title says it' });
    expect(res.status).toBe(200);
    const body = res.body as ReviewDecisionResponse;
    expect(body.before).toEqual({ code: confirmed.occupation.code, confidence: confirmed.occupation.confidence, codedBy: 'model' });
    expect(body.soc).toMatchObject({ code: confirmed.occupation.code, confidence: 1, needs_review: false, coded_by: 'human' });

    // No refresh wait: the very next reads see it.
    const detail = (await http().get(`/api/jobs/${confirmed.id}`).expect(200)).body as JobDetail;
    expect(detail.occupation).toMatchObject({ code: confirmed.occupation.code, confidence: 1, needsReview: false });
    const after = await queue('size=100');
    expect(after.total).toBe(before.total - 1);
    expect(after.items.map((i) => i.id)).not.toContain(confirmed.id);

    const rows = await db.query(`SELECT * FROM occupation_corrections WHERE posting_id = $1`, [confirmed.id]);
    expect(rows).toHaveLength(1);
    const [me] = await db.query(`SELECT id FROM users WHERE phone = $1`, [analyst.phone]);
    expect(rows[0]).toMatchObject({
      source: confirmed.source,
      title: confirmed.title,
      machine_code: confirmed.occupation.code,
      human_code: confirmed.occupation.code,
      action: 'confirm',
      analyst_id: me.id,
      note: 'title says it',
    });
    expect(rows[0].machine_confidence).toBeCloseTo(confirmed.occupation.confidence, 4);
  });

  it('correct: the posting is found by its new code in job search right after the call', async () => {
    corrected = (await queue('source=linkedin_2024&size=5')).items[0];
    const code = otherCode(corrected.occupation.code);
    const res = await decide(corrected.id, { action: 'correct', code });
    expect(res.status).toBe(200);
    expect((res.body as ReviewDecisionResponse).soc).toMatchObject({ code, major: code.slice(0, 2), confidence: 1, needs_review: false, coded_by: 'human' });

    const q = encodeURIComponent(corrected.title);
    const search = (await http().get(`/api/jobs/search?q=${q}&occupation=${code}&size=100`).expect(200)).body as JobSearchResponse;
    expect(search.hits.map((r) => r.id)).toContain(corrected.id);
    const old = (await http().get(`/api/jobs/search?q=${q}&occupation=${corrected.occupation.code}&size=100`).expect(200)).body as JobSearchResponse;
    expect(old.hits.map((r) => r.id)).not.toContain(corrected.id);
    const detail = (await http().get(`/api/jobs/${corrected.id}`).expect(200)).body as JobDetail;
    expect(detail.occupation?.code).toBe(code);
    const [row] = await db.query(`SELECT machine_code, human_code, action, human_soc FROM occupation_corrections WHERE posting_id = $1`, [corrected.id]);
    expect(row).toMatchObject({ machine_code: corrected.occupation.code, human_code: code, action: 'correct' });
    expect(row.human_soc.onet_code).toBe(`${code}.00`);
  });

  let oddIds: string[];

  it('a re-import of the same posting keeps the human code: by the index flag, and by the table when the flag is gone', async () => {
    oddIds = await Promise.all(['991301', '991302', '991303'].map(idOfSourceId));
    for (const id of oddIds) expect((await socOf(id)).needs_review).toBe(true);
    const [flagKept, tableOnly, untouched] = oddIds;
    const flagCode = otherCode((await socOf(flagKept)).code);
    expect((await decide(flagKept, { action: 'correct', code: flagCode })).status).toBe(200);
    expect((await decide(tableOnly, { action: 'correct', code: '15-1252' })).status).toBe(200);
    const untouchedBefore = await socOf(untouched);
    // As if the index had been restored from a snapshot taken before the review.
    await stripHumanFlag(tableOnly, untouchedBefore.code);

    const out = await expectOk(runCli('ingest.js', ['--source', 'craigslist_nyc_2019', '--path', oddFile, '--refresh', '--no-alerts', '--json'], env), 're-import');
    const report = JSON.parse(out.stdout).reports[0];
    expect(report.indexed + report.updated + report.unchanged).toBe(3);

    expect(await socOf(flagKept)).toMatchObject({ code: flagCode, coded_by: 'human', confidence: 1, needs_review: false });
    expect(await socOf(tableOnly)).toMatchObject({ code: '15-1252', coded_by: 'human', confidence: 1, needs_review: false });
    // A posting nobody reviewed is coded by the model again, as before.
    expect(await socOf(untouched)).toMatchObject({ code: untouchedBefore.code, needs_review: true });
    expect((await socOf(untouched)).coded_by).not.toBe('human');
  });

  it('npm run reclassify keeps every human code (the table restores one whose flag was lost) and recodes the rest', async () => {
    await stripHumanFlag(corrected.id, corrected.occupation.code);
    const before = await aliasTarget(es, ALIAS);
    await expectOk(runCli('reclassify.js', ['--inline', '--json'], env), 'reclassify');
    const after = await aliasTarget(es, ALIAS);
    expect(after).not.toBe(before);

    expect(await socOf(confirmed.id)).toMatchObject({ code: confirmed.occupation.code, coded_by: 'human', confidence: 1, needs_review: false });
    expect(await socOf(corrected.id)).toMatchObject({ code: otherCode(corrected.occupation.code), coded_by: 'human', confidence: 1 });
    expect(await socOf(oddIds[1])).toMatchObject({ code: '15-1252', coded_by: 'human' });
    expect(await count({ term: { 'soc.coded_by': 'human' } })).toBe(4);
    // The queue still lists what no analyst has looked at, and none of the four.
    const listed = (await queue('size=100')).items.map((i) => i.id);
    for (const id of [confirmed.id, corrected.id, ...oddIds.slice(0, 2)]) expect(listed).not.toContain(id);
    expect(listed).toContain(oddIds[2]);
  });

  it('the corrections are training data: train:classifier assembles them and says how many it used', async () => {
    const stored = await readStoredCorrections(TEST_DATABASE_URL);
    expect(stored.corrections?.map((c) => c.postingId).sort()).toEqual([confirmed.id, corrected.id, oddIds[0], oddIds[1]].sort());

    const catalog = await loadOccupationCores(config.data.dir);
    const extras = stored.corrections!.map((c) => ({ title: c.title, socCode: c.humanCode, onetCode: c.humanOnetCode }));
    const set = buildTrainingSet(catalog.occupations.values(), DEFAULT_SPLIT, extras);
    const plainSet = buildTrainingSet(catalog.occupations.values(), DEFAULT_SPLIT);
    expect(set.extra).toEqual({ given: 4, used: 4, heldOut: 0, unknownCode: 0 });
    // The held-out split is O*NET's alone, with or without corrections.
    expect(set.evaluation).toEqual(plainSet.evaluation);
    const fromCorrections = set.train.filter((e) => e.source === 'correction');
    expect(fromCorrections).toHaveLength(4 * 3);
    const oddTitle = stored.corrections!.find((c) => c.postingId === oddIds[1])!.title;
    expect(fromCorrections.filter((e) => e.title === oddTitle).map((e) => set.labels[e.label].socCode)).toEqual(['15-1252', '15-1252', '15-1252']);

    const cli = await expectOk(runCli('train-classifier.js', ['--data-only', '--json'], env), 'train:classifier --data-only');
    expect(JSON.parse(cli.stdout).corrections).toEqual({ given: 4, used: 4, heldOut: 0, unknownCode: 0 });
    expect(cli.out).toMatch(/\[train\] 4 analyst corrections from the review queue/);
    const noDb = await expectOk(runCli('train-classifier.js', ['--data-only'], { ...env, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' }), 'train:classifier without a database');
    expect(noDb.stdout).toMatch(/Analyst corrections: none used \(the database is not reachable/);
  });
});
