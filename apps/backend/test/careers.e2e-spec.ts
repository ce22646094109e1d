import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { INestApplication, LoggerService } from '@nestjs/common';
import request from 'supertest';
import Redis from 'ioredis';
import { Client as PgClient } from 'pg';
import { loadConfig, type AppConfig } from '@jobportal/config';
import type { CareersResponse, FromInterestsResponse, InterestProfilerItems, PostingDocument } from '@jobportal/contracts';
import { bulkIndexPostings, createSearchClient, deleteIndex, ensureIndex, type Client } from '@jobportal/search';
import { createApp } from '../src/app.factory';
import { REPO_ROOT } from '../../../test/support/stack';
import { makeDocxWithTable, makeImageOnlyPdf, makePdf } from './support/resume-files';

/**
 * Careers against the real services: the O*NET catalog indexed by `npm run index:occupations`,
 * postings in their own index, the trained classifier, Redis (rate limit) and PostgreSQL (privacy
 * check). PDF and DOCX resumes are generated here with pdf-lib and docx.
 */
const PREFIX = 'e2e-careers-';
const QUEUE_PREFIX = 'e2e-careers';
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/jobportal_test';

function runCli(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  const cli = resolve(REPO_ROOT, 'workers/dist/cli', script);
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build:server" first.`);
  return new Promise((done) => {
    const child = spawn('node', [cli, ...args], { env, cwd: REPO_ROOT });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => done({ code: code ?? -1, out }));
  });
}

function posting(id: string, soc: { code: string; onet: string; title: string }, city: { city: string; rc: string; region: string; lat: number; lon: number }, title: string): PostingDocument {
  return {
    id,
    source: 'generated',
    source_id: id,
    url: `https://jobs.example.com/${id}`,
    apply_url: null,
    title,
    company: 'Example Co',
    description: `${title} wanted.`,
    description_html: null,
    location: { text: `${city.city}, ${city.rc}`, city: city.city, region: city.region, region_code: city.rc, country: 'United States', country_code: 'US', postal_code: null },
    geo: { lat: city.lat, lon: city.lon },
    work_mode: 'onsite',
    experience_level: 'mid_senior',
    employment_type: 'full_time',
    salary: null,
    skills: [],
    industries: [],
    benefits: [],
    education: null,
    posted_at: '2026-11-01T00:00:00.000Z',
    expires_at: null,
    fingerprint: `fp-${id}`,
    ingested_at: '2026-11-02T00:00:00.000Z',
    soc: { code: soc.code, onet_code: soc.onet, title: soc.title, major: soc.code.slice(0, 2), major_title: 'x', confidence: 0.9, needs_review: false },
  } as PostingDocument;
}

const AUSTIN = { city: 'Austin', rc: 'TX', region: 'Texas', lat: 30.2672, lon: -97.7431 };
const ROUND_ROCK = { city: 'Round Rock', rc: 'TX', region: 'Texas', lat: 30.5083, lon: -97.6789 };
const BOSTON = { city: 'Boston', rc: 'MA', region: 'Massachusetts', lat: 42.3601, lon: -71.0589 };
const NURSE = { code: '29-1141', onet: '29-1141.00', title: 'Registered Nurses' };
const COOK = { code: '35-2014', onet: '35-2014.00', title: 'Cooks, Restaurant' };

/** Unique words that must never leave the request: looked for in logs, Redis, PostgreSQL and temp files. */
const MARKER = 'Zyxquorthian';

const NURSE_RESUME = [
  `Dana ${MARKER}`,
  'Registered Nurse',
  'dana@example.com | (512) 555-0142',
  '',
  'EXPERIENCE',
  'Registered Nurse II, St. David\'s Medical Center, Austin TX    2020 - Present',
  '- Assess patients, administer medications and monitor vital signs on a 32-bed medical-surgical unit',
  '- Develop and carry out nursing care plans; teach patients and families about discharge care',
  'Staff Nurse, Seton Hospital',
  '2016 - 2020',
  '- Recorded patient medical histories and symptoms in Epic electronic health records',
  'Certified Nursing Assistant, Sunrise Senior Living, 2014 - 2016',
  '',
  'EDUCATION',
  'Bachelor of Science in Nursing, Texas State University, 2016',
  'LICENSES',
  'RN license, Texas; BLS and ACLS certified',
];

const COOK_ROWS = [
  ['Line Cook', 'Olive Garden, Austin TX', '2021 - Present'],
  ['Prep Cook', "Denny's", '2018 - 2021'],
  ['Dishwasher', "Joe's Diner", '2016 - 2018'],
];

describe('careers API (real Elasticsearch, Redis, PostgreSQL, trained classifier)', () => {
  const logs: string[] = [];
  const capture: LoggerService = {
    log: (m: unknown) => logs.push(String(m)),
    error: (m: unknown, ...rest: unknown[]) => logs.push([m, ...rest].map(String).join(' ')),
    warn: (m: unknown) => logs.push(String(m)),
    debug: (m: unknown) => logs.push(String(m)),
    verbose: (m: unknown) => logs.push(String(m)),
  };
  const env = { ...process.env, NODE_ENV: 'test', ES_INDEX_PREFIX: PREFIX, QUEUE_PREFIX, DATABASE_URL: TEST_DATABASE_URL, ES_REQUEST_TIMEOUT_MS: '10000', CAREERS_IP_LIMIT: '1000' };
  let config: AppConfig;
  let app: INestApplication;
  let es: Client;
  let redis: Redis;

  const post = (path: string) => request(app.getHttpServer()).post(path);

  beforeAll(async () => {
    config = loadConfig(env);
    es = createSearchClient({ node: config.elastic.node });
    redis = new Redis(config.redis.url);
    const stale = await redis.keys(`${QUEUE_PREFIX}:careers:*`);
    if (stale.length) await redis.del(...stale);
    await deleteIndex(es, 'occupations', { prefix: PREFIX });
    await deleteIndex(es, 'postings', { prefix: PREFIX });
    const indexed = await runCli('index-occupations.js', [], env);
    if (indexed.code !== 0) throw new Error(indexed.out);
    const { alias } = await ensureIndex(es, 'postings', { prefix: PREFIX });
    const docs = [
      posting('e2ecareersnurse1', NURSE, AUSTIN, 'Registered Nurse - Med/Surg'),
      posting('e2ecareersnurse2', NURSE, ROUND_ROCK, 'RN, Emergency Department'),
      posting('e2ecareersnurse3', NURSE, BOSTON, 'Registered Nurse (Boston)'),
      posting('e2ecareersnurse4', NURSE, AUSTIN, 'ICU Registered Nurse'),
      posting('e2ecareersnurse5', NURSE, AUSTIN, 'Registered Nurse, Nights'),
      posting('e2ecareerscook1', COOK, AUSTIN, 'Line Cook'),
    ];
    const res = await bulkIndexPostings(es, alias, docs, { refresh: true });
    expect(res.failed).toEqual([]);
    app = await createApp(config, { logger: capture });
    await app.init();
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await es?.close();
    redis?.disconnect();
  });

  describe('POST /api/careers/from-text', () => {
    it('a nurse resume: Registered Nurses first, with title, task and skill evidence and the postings near Austin', async () => {
      const res = await post('/api/careers/from-text').send({ text: NURSE_RESUME.join('\n'), location: 'Austin, TX', radiusKm: 50 });
      expect(res.status).toBe(200);
      const body = res.body as CareersResponse;
      expect(body.matches.length).toBeGreaterThan(3);
      expect(body.matches.length).toBeLessThanOrEqual(10);
      const top = body.matches[0];
      expect(top).toMatchObject({ code: '29-1141', title: expect.stringMatching(/Nurse/), jobZone: expect.any(Number) });
      expect(top.match).toBeGreaterThanOrEqual(60);
      expect(['best', 'great']).toContain(top.fit);
      expect(top.medianWage).toBeGreaterThan(50_000);
      expect(typeof top.projectedGrowth).toBe('number');
      expect(top.reasons.titles.map((t) => t.occupation.toLowerCase()).join(' ')).toContain('nurse');
      expect(top.reasons.tasks.length).toBeGreaterThan(0);
      expect(top.reasons.tasks[0].occupationHighlight).toContain('<mark>');
      // Four nurse postings are within 50 km of Austin (Round Rock included), the Boston one is not.
      expect(top.livePostings.count).toBe(4);
      expect(top.livePostings.nearby).toHaveLength(3);
      for (const p of top.livePostings.nearby) expect(p.distanceKm).toBeLessThanOrEqual(50);
      expect(top.livePostings.searchUrl).toBe('/jobs?occupation=29-1141&location=Austin%2C+TX&radius=50km');
      expect(body.location).toMatchObject({ label: expect.stringContaining('Austin'), radiusKm: 50 });
      // Titles found, seniority and employer removed, the newest weighing most.
      expect(body.extracted.titles[0].normalized).toBe('registered nurse');
      expect(body.extracted.titles.map((t) => t.normalized)).toEqual(expect.arrayContaining(['nurse', 'certified nursing assistant']));
      expect(body.extracted.skills).toEqual(expect.arrayContaining(['Epic']));
      expect(body.alsoConsider.length).toBeGreaterThan(0);
      expect(body.alsoConsider.every((a) => !body.matches.some((m) => m.code === a.code))).toBe(true);
    });

    it('free text in a person\'s own words finds the occupation without any heading', async () => {
      const res = await post('/api/careers/from-text').send({ text: 'For six years I worked as a forklift operator in a big warehouse, loading trucks, moving pallets and keeping count of the stock.' });
      expect(res.status).toBe(200);
      const codes = (res.body as CareersResponse).matches.slice(0, 3).map((m) => m.code);
      expect(codes).toContain('53-7051');
      expect((res.body as CareersResponse).location).toBeNull();
    });

    it('under 20 characters, a missing text and an unknown place are 400s naming the field', async () => {
      const short = await post('/api/careers/from-text').send({ text: 'cook' });
      expect(short.status).toBe(400);
      expect(short.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'text', reason: expect.stringContaining('at least 20 characters') }] });
      const none = await post('/api/careers/from-text').send({});
      expect(none.status).toBe(400);
      expect(none.body.errors[0].field).toBe('text');
      const place = await post('/api/careers/from-text').send({ text: NURSE_RESUME.join('\n'), location: 'Nowhereville Zz' });
      expect(place.status).toBe(400);
      expect(place.body).toMatchObject({ code: 'unknown_location', errors: [{ field: 'location' }] });
      const radius = await post('/api/careers/from-text').send({ text: NURSE_RESUME.join('\n'), radiusKm: 0 });
      expect(radius.status).toBe(400);
      expect(radius.body.errors[0].field).toBe('radiusKm');
    });
  });

  describe('POST /api/careers/from-resume', () => {
    it('a two-column PDF: the left column\'s jobs are read as titles, not glued to the right column\'s skills', async () => {
      const pdf = await makePdf(NURSE_RESUME, ['SKILLS', 'Epic electronic health records', 'Microsoft Excel', 'IV therapy', 'Patient education', 'Wound care']);
      const res = await post('/api/careers/from-resume').attach('file', pdf, { filename: 'resume.pdf', contentType: 'application/pdf' }).field('location', 'Austin, TX');
      expect(res.status).toBe(200);
      const body = res.body as CareersResponse;
      expect(body.matches[0].code).toBe('29-1141');
      expect(body.extracted.titles[0].normalized).toBe('registered nurse');
      expect(body.extracted.skills).toEqual(expect.arrayContaining(['Microsoft Excel']));
      expect(body.matches[0].livePostings.count).toBe(4);
    });

    it('a DOCX whose jobs are in a table: Restaurant Cooks in the top 3', async () => {
      const docx = await makeDocxWithTable(['Sam Rivera', 'Cook', '', 'Work history'], COOK_ROWS, ['Skills: grill, saute, food safety, knife skills, inventory']);
      const res = await post('/api/careers/from-resume').attach('file', docx, { filename: 'resume.docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
      expect(res.status).toBe(200);
      const body = res.body as CareersResponse;
      expect(body.matches.slice(0, 3).map((m) => m.code)).toContain('35-2014');
      expect(body.extracted.titles.map((t) => t.normalized)).toEqual(expect.arrayContaining(['line cook', 'prep cook']));
    });

    it('plain text works as an upload too', async () => {
      const res = await post('/api/careers/from-resume').attach('file', Buffer.from(NURSE_RESUME.join('\n')), { filename: 'resume.txt', contentType: 'text/plain' });
      expect(res.status).toBe(200);
      expect((res.body as CareersResponse).matches[0].code).toBe('29-1141');
    });

    it('an image-only PDF is 422 no_text_found, saying to paste the text', async () => {
      const res = await post('/api/careers/from-resume').attach('file', await makeImageOnlyPdf(), { filename: 'scan.pdf', contentType: 'application/pdf' });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('no_text_found');
      expect(res.body.message).toMatch(/pasted as text/);
    });

    it('a corrupt PDF and a corrupt DOCX are 422 unreadable_file, never a 500', async () => {
      const pdf = await post('/api/careers/from-resume').attach('file', Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage garbage\n%%EOF'), { filename: 'broken.pdf', contentType: 'application/pdf' });
      expect(pdf.status).toBe(422);
      expect(pdf.body.code).toBe('unreadable_file');
      const docxBytes = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]);
      const docx = await post('/api/careers/from-resume').attach('file', docxBytes, { filename: 'broken.docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
      expect(docx.status).toBe(422);
      expect(docx.body.code).toBe('unreadable_file');
    });

    it('another type is 415, over 5 MB is 413, no file or too little text is 400', async () => {
      const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 1)]);
      const type = await post('/api/careers/from-resume').attach('file', png, { filename: 'photo.png', contentType: 'image/png' });
      expect(type.status).toBe(415);
      expect(type.body.code).toBe('unsupported_file_type');
      const big = await post('/api/careers/from-resume').attach('file', Buffer.alloc(5 * 1024 * 1024 + 10, 'a'), { filename: 'big.txt', contentType: 'text/plain' });
      expect(big.status).toBe(413);
      expect(big.body.code).toBe('file_too_large');
      const none = await post('/api/careers/from-resume').field('location', 'Austin, TX');
      expect(none.status).toBe(400);
      expect(none.body.errors[0].field).toBe('file');
      const tiny = await post('/api/careers/from-resume').attach('file', Buffer.from('cook'), { filename: 'r.txt', contentType: 'text/plain' });
      expect(tiny.status).toBe(400);
      expect(tiny.body.errors[0]).toMatchObject({ field: 'file', reason: expect.stringContaining('at least 20 characters') });
    });

    it('privacy: nothing of the file is in the logs, Redis, PostgreSQL or a temp file after a request', async () => {
      const started = Date.now();
      const pdf = await makePdf(NURSE_RESUME);
      const res = await post('/api/careers/from-resume').attach('file', pdf, { filename: `${MARKER}.pdf`, contentType: 'application/pdf' });
      expect(res.status).toBe(200);
      // Logs (the app's logger captured every line since boot).
      expect(logs.join('\n')).not.toMatch(new RegExp(MARKER, 'i'));
      // Redis: no key, and no value of this test's keys, holds it.
      const keys = await redis.keys('*');
      expect(keys.filter((k) => k.includes(MARKER))).toEqual([]);
      for (const k of keys.filter((k) => k.startsWith(QUEUE_PREFIX))) {
        if ((await redis.type(k)) === 'string') expect(String(await redis.get(k))).not.toContain(MARKER);
      }
      // PostgreSQL: no row of any table in the test database holds it.
      const pg = new PgClient({ connectionString: TEST_DATABASE_URL });
      await pg.connect();
      try {
        const tables = await pg.query<{ t: string }>(`SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
        for (const { t } of tables.rows) {
          const hit = await pg.query(`SELECT 1 FROM ${t} x WHERE x::text ILIKE $1 LIMIT 1`, [`%${MARKER}%`]);
          expect({ table: t, rows: hit.rowCount }).toEqual({ table: t, rows: 0 });
        }
      } finally {
        await pg.end();
      }
      // Disk: no file written to the temp directory since the request holds it.
      for (const name of readdirSync(tmpdir())) {
        const p = join(tmpdir(), name);
        try {
          const st = statSync(p);
          if (st.isFile() && st.mtimeMs >= started && st.size < 10 * 1024 * 1024) expect(readFileSync(p).includes(MARKER)).toBe(false);
        } catch {
          // another process's file vanished meanwhile
        }
      }
    });
  });

  describe('interest profiler', () => {
    it('GET /api/careers/interest-profiler: the 60 Short Form items in order, the scale and the O*NET attribution', async () => {
      const res = await request(app.getHttpServer()).get('/api/careers/interest-profiler');
      expect(res.status).toBe(200);
      const body = res.body as InterestProfilerItems;
      expect(body.items).toHaveLength(60);
      expect(body.items[0]).toEqual({ item: 1, area: 'realistic', elementId: '1.B.1.a', text: 'Build kitchen cabinets' });
      expect(body.items.map((i) => i.item)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
      expect(body.scale.map((s) => s.value)).toEqual([1, 2, 3, 4, 5]);
      expect(body.attribution).toMatch(/O\*NET/);
      expect(body.workValues).toHaveLength(6);
      expect(body.education.find((e) => e.category === 1)?.jobZones).toEqual([1]);
    });

    it('answers that like only social items rank social occupations, with both radar profiles and the score parts', async () => {
      const items = ((await request(app.getHttpServer()).get('/api/careers/interest-profiler')).body as InterestProfilerItems).items;
      const answers = items.map((i) => (i.area === 'social' ? 5 : i.area === 'artistic' ? 3 : 1));
      const res = await post('/api/careers/from-interests').send({ answers, jobZones: [3, 4], workValues: { relationships: 5, independence: 2 } });
      expect(res.status).toBe(200);
      const body = res.body as FromInterestsResponse;
      expect(body.scores).toEqual({ realistic: 0, investigative: 0, artistic: 20, social: 40, enterprising: 0, conventional: 0 });
      expect(body.interestCode.startsWith('SA')).toBe(true);
      expect(body.matches).toHaveLength(10);
      for (const m of body.matches) {
        expect([3, 4]).toContain(m.jobZone);
        expect(m.interestCode[0]).toBe('S');
        expect(m.parts.interestCorrelation).toBeGreaterThan(0.5);
        expect(m.parts.workValueSimilarity).toBeGreaterThan(0);
        expect(m.userProfile).toEqual({ realistic: 1, investigative: 1, artistic: 4, social: 7, enterprising: 1, conventional: 1 });
        expect(m.occupationProfile.social).toBeGreaterThan(4);
        expect(m.userWorkValues).toMatchObject({ relationships: 7, independence: 2.5 });
      }
      expect(body.matches[0].match).toBeGreaterThanOrEqual(body.matches[9].match);
    });

    it('scores and education: Registered Nurses\' own profile ranks it near the top within the zones a bachelor\'s degree opens', async () => {
      // O*NET: Registered Nurses S 6.0, I 4.6, C 3.6, R 2.9, E 2.7, A 1.8 (approximately; rescaled to 0-40).
      const res = await post('/api/careers/from-interests').send({ scores: { realistic: 13, investigative: 24, artistic: 5, social: 33, enterprising: 11, conventional: 17 }, education: 6 });
      expect(res.status).toBe(200);
      const body = res.body as FromInterestsResponse;
      expect(body.jobZones).toEqual([1, 2, 3, 4]);
      expect(body.matches.map((m) => m.onetCode)).toContain('29-1141.00');
    });

    it('a flat profile is 422 flat_profile; a wrong count or a value out of range is 400 naming answers[i]', async () => {
      const flat = await post('/api/careers/from-interests').send({ answers: Array(60).fill(3) });
      expect(flat.status).toBe(422);
      expect(flat.body.code).toBe('flat_profile');
      expect(flat.body.message).toMatch(/strongly like/);
      const count = await post('/api/careers/from-interests').send({ answers: Array(59).fill(3) });
      expect(count.status).toBe(400);
      expect(count.body.errors[0]).toMatchObject({ field: 'answers', reason: expect.stringContaining('exactly 60') });
      const range = await post('/api/careers/from-interests').send({ answers: [...Array(7).fill(2), 6, ...Array(52).fill(4)] });
      expect(range.status).toBe(400);
      expect(range.body.errors).toEqual([{ field: 'answers[7]', reason: expect.stringContaining('1 (strongly dislike) to 5') }]);
      const score = await post('/api/careers/from-interests').send({ scores: { realistic: 50, investigative: 1, artistic: 1, social: 1, enterprising: 1, conventional: 1 } });
      expect(score.status).toBe(400);
      expect(score.body.errors[0].field).toBe('scores.realistic');
    });
  });

  it('documents the three request bodies in OpenAPI (from-resume as multipart with a binary file)', async () => {
    const res = await request(app.getHttpServer()).get('/api/docs-json');
    expect(res.status).toBe(200);
    type Body = { content: Record<string, { schema: { $ref: string } }> };
    const paths = res.body.paths as Record<string, { post: { requestBody: Body } }>;
    const schemas = res.body.components.schemas as Record<string, { required?: string[]; properties: Record<string, { type?: string; format?: string; maxItems?: number }> }>;
    const refOf = (path: string, type: string) => paths[path].post.requestBody.content[type]?.schema.$ref.split('/').pop();
    expect(refOf('/api/careers/from-text', 'application/json')).toBe('FromTextRequestDto');
    expect(refOf('/api/careers/from-resume', 'multipart/form-data')).toBe('FromResumeRequestDto');
    expect(refOf('/api/careers/from-interests', 'application/json')).toBe('FromInterestsRequestDto');
    expect(schemas.FromTextRequestDto.required).toEqual(['text']);
    expect(Object.keys(schemas.FromTextRequestDto.properties).sort()).toEqual(['location', 'radiusKm', 'text']);
    expect(schemas.FromResumeRequestDto.properties.file).toMatchObject({ type: 'string', format: 'binary' });
    expect(schemas.FromInterestsRequestDto.properties.answers).toMatchObject({ type: 'array', maxItems: 60 });
    expect(Object.keys(schemas.FromInterestsRequestDto.properties).sort()).toEqual(['answers', 'education', 'jobZones', 'limit', 'scores', 'workValues']);
  });

  it('rate limit: past CAREERS_IP_LIMIT matches per window, 429 rate_limited with Retry-After', async () => {
    const limited = await createApp(loadConfig({ ...env, CAREERS_IP_LIMIT: '2', QUEUE_PREFIX: `${QUEUE_PREFIX}-rl` }), { logger: false });
    await limited.init();
    try {
      const stale = await redis.keys(`${QUEUE_PREFIX}-rl:careers:*`);
      if (stale.length) await redis.del(...stale);
      const text = { text: 'I worked as a cashier at a grocery store for three years.' };
      for (let i = 0; i < 2; i++) expect((await request(limited.getHttpServer()).post('/api/careers/from-text').send(text)).status).toBe(200);
      const third = await request(limited.getHttpServer()).post('/api/careers/from-resume').attach('file', Buffer.from(text.text), { filename: 'r.txt', contentType: 'text/plain' });
      expect(third.status).toBe(429);
      expect(third.body.code).toBe('rate_limited');
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});
