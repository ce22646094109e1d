import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { loadConfig } from '@jobportal/config';
import type { CareerMatch, CreateCareerPlanRequest, InterestMatch } from '@jobportal/contracts';
import { createApp } from '../src/app.factory';
import { signUpWithCode } from '../../../test/support/accounts';
import { FakeTwilio } from '../../../test/support/fake-twilio';

/** Career plans against real PostgreSQL: saved, listed, opened and deleted by their owner only. */
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/jobportal_test';

function careerMatch(code: string, title: string, match: number): CareerMatch {
  return {
    code,
    onetCode: `${code}.00`,
    title,
    match,
    fit: match >= 80 ? 'best' : match >= 60 ? 'great' : 'good',
    reasons: { titles: [{ resume: 'staff nurse', occupation: title, occupationHighlight: `<mark>${title}</mark>` }], skills: [{ resume: 'Epic', occupation: 'Epic Systems' }], tasks: [] },
    parts: { classifier: 0.8, retrieval: 0.9, skills: 0.3 },
    jobZone: 3,
    medianWage: 86070,
    projectedGrowth: 5.2,
    livePostings: { count: 2, nearby: [{ id: 'p1', title: 'RN', company: 'Mercy', location: 'Austin, TX', postedAt: null, distanceKm: 3 }], searchUrl: '/search?q=Registered%20Nurses' },
  };
}

function interestMatch(code: string, title: string, match: number): InterestMatch {
  const profile = { realistic: 2, investigative: 4, artistic: 1.5, social: 6.5, enterprising: 3, conventional: 3.5 };
  return {
    code,
    onetCode: `${code}.00`,
    title,
    match,
    parts: { interestCorrelation: 0.91, workValueSimilarity: null },
    jobZone: 3,
    medianWage: 86070,
    projectedGrowth: 5.2,
    interestCode: 'SIC',
    userProfile: { ...profile, social: 7 },
    occupationProfile: profile,
  };
}

const resumePlan = (over: Partial<CreateCareerPlanRequest> = {}): CreateCareerPlanRequest => ({
  kind: 'resume',
  name: 'Nursing, from my resume',
  matches: [careerMatch('29-1141', 'Registered Nurses', 88), careerMatch('29-2061', 'Licensed Practical and Licensed Vocational Nurses', 71)],
  alsoConsider: [{ code: '29-1171', onetCode: '29-1171.00', title: 'Nurse Practitioners', relatedTo: '29-1141.00' }],
  skills: ['Epic Systems', 'Patient care', 'Epic Systems'],
  inputs: { location: 'Austin, TX', radiusKm: 50 },
  ...over,
});

describe('career plans (real PostgreSQL)', () => {
  const creds = FakeTwilio.credentials();
  const twilio = new FakeTwilio(creds);
  let app: INestApplication;
  let db: DataSource;
  let alice: string;
  let bob: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    await twilio.start();
    const config = loadConfig({
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: TEST_DATABASE_URL,
      ES_INDEX_PREFIX: 'e2e-career-plans-',
      QUEUE_PREFIX: `e2e-career-plans-${process.pid}-${Date.now()}`,
      TWILIO_ACCOUNT_SID: creds.accountSid,
      TWILIO_AUTH_TOKEN: creds.authToken,
      TWILIO_FROM: '+15005550006',
      TWILIO_API_BASE_URL: twilio.url,
      AUTH_IP_LIMIT: '10000',
    });
    app = await createApp(config, { logger: false });
    await app.init();
    db = app.get(DataSource);
    if (!db.isInitialized) await db.initialize();
    await db.query(`TRUNCATE career_plans, notification_marks, saved_searches, saved_jobs, sessions, otp_challenges, users CASCADE`);
    alice = (await signUpWithCode(app, twilio, 'Alice Plans')).cookie;
    bob = (await signUpWithCode(app, twilio, 'Bob Plans')).cookie;
  });
  afterAll(async () => {
    await app?.close();
    await twilio.stop();
  });

  it('saves a resume result with its skills and inputs, lists it and opens it; the table has no resume text', async () => {
    const created = await http().post('/api/me/career-plans').set('Cookie', alice).send(resumePlan()).expect(201);
    expect(created.body).toMatchObject({ kind: 'resume', name: 'Nursing, from my resume', matchCount: 2, topTitles: ['Registered Nurses', 'Licensed Practical and Licensed Vocational Nurses'] });
    // Duplicates collapse: a skill is kept once.
    expect(created.body.skills).toEqual(['Epic Systems', 'Patient care']);
    expect(created.body.inputs).toEqual({ location: 'Austin, TX', radiusKm: 50 });

    const list = await http().get('/api/me/career-plans').set('Cookie', alice).expect(200);
    expect(list.body.map((p: { id: string }) => p.id)).toEqual([created.body.id]);
    expect(list.body[0].matches).toBeUndefined();

    const opened = await http().get(`/api/me/career-plans/${created.body.id}`).set('Cookie', alice).expect(200);
    expect(opened.body.matches[0]).toEqual(careerMatch('29-1141', 'Registered Nurses', 88));
    expect(opened.body.alsoConsider).toHaveLength(1);

    const columns: Array<{ column_name: string }> = await db.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'career_plans' ORDER BY column_name`);
    expect(columns.map((c) => c.column_name)).toEqual(['also_consider', 'created_at', 'id', 'inputs', 'kind', 'matches', 'name', 'skills', 'user_id']);
  });

  it('a resume text or file field is refused, so it cannot be stored by accident', async () => {
    const res = await http()
      .post('/api/me/career-plans')
      .set('Cookie', alice)
      .send({ ...resumePlan(), text: 'Jane Doe, staff nurse at Mercy since 2019 ...' })
      .expect(400);
    expect(res.body.errors).toContainEqual({ field: 'text', reason: 'property text should not exist' });
    // Nor can it ride inside a match: strings are capped at the length of any real evidence phrase.
    const stuffed = careerMatch('29-1141', 'Registered Nurses', 88);
    stuffed.reasons.tasks = [{ resume: 'x'.repeat(5000), occupation: 'Monitor patients' }];
    const inMatch = await http().post('/api/me/career-plans').set('Cookie', alice).send(resumePlan({ matches: [stuffed] })).expect(400);
    expect(inMatch.body.errors).toContainEqual({ field: 'matches[0].reasons.tasks[0].resume', reason: 'must be at most 600 characters' });
  });

  it('saves an interests result with scores, job zones and work values', async () => {
    const body: CreateCareerPlanRequest = {
      kind: 'interests',
      name: 'My interests',
      matches: [interestMatch('21-1012', 'Educational, Guidance, and Career Counselors and Advisors', 93)],
      inputs: { scores: { realistic: 5, investigative: 20, artistic: 8, social: 38, enterprising: 12, conventional: 15 }, jobZones: [3, 4], workValues: { relationships: 5, support: 4 } },
    };
    const res = await http().post('/api/me/career-plans').set('Cookie', alice).send(body).expect(201);
    expect(res.body).toMatchObject({ kind: 'interests', skills: [], alsoConsider: [], inputs: body.inputs });
    const list = await http().get('/api/me/career-plans').set('Cookie', alice).expect(200);
    // Newest first.
    expect(list.body.map((p: { name: string }) => p.name)).toEqual(['My interests', 'Nursing, from my resume']);
  });

  it('bad input is a 400 naming the field', async () => {
    const post = (body: unknown) => http().post('/api/me/career-plans').set('Cookie', alice).send(body as object).expect(400);
    const fields = async (body: unknown) => ((await post(body)).body.errors as Array<{ field: string }>).map((e) => e.field);

    expect(await fields(resumePlan({ kind: 'cv' as never }))).toEqual(['kind']);
    expect(await fields(resumePlan({ name: '   ' }))).toEqual(['name']);
    expect(await fields(resumePlan({ matches: [] }))).toEqual(['matches']);
    expect(await fields(resumePlan({ matches: [{ ...careerMatch('29-1141', 'Registered Nurses', 88), code: '291141', match: 140 }] }))).toEqual(['matches[0].code', 'matches[0].match']);
    expect(await fields(resumePlan({ inputs: { radiusKm: 0, jobZones: [6] } }))).toEqual(['inputs.radiusKm', 'inputs.jobZones']);
    expect(await fields(resumePlan({ skills: ['a'.repeat(101)] }))).toEqual(['skills']);
    const noProfile = { ...interestMatch('21-1012', 'Counselors', 90), occupationProfile: undefined };
    expect(await fields({ kind: 'interests', name: 'x', matches: [noProfile] })).toEqual(['matches[0].occupationProfile']);
    expect(await fields({ kind: 'interests', name: 'x', matches: [interestMatch('21-1012', 'Counselors', 90)], inputs: { scores: { realistic: 41 } } })).toEqual(
      expect.arrayContaining(['inputs.scores.realistic', 'inputs.scores.social']),
    );
    const big = Array.from({ length: 20 }, (_, i) => {
      const m = careerMatch('29-1141', 'Registered Nurses', 88);
      m.reasons.tasks = Array.from({ length: 6 }, () => ({ resume: 'y'.repeat(300), occupation: 'z'.repeat(300) }));
      return { ...m, title: `Nurse ${i}` };
    });
    // Above the plan's cap but inside the 100 kB body limit every JSON route has.
    const tooBig = await post(resumePlan({ matches: big }));
    expect(tooBig.body.errors[0]).toMatchObject({ field: 'matches', reason: expect.stringMatching(/at most 80000 are kept/) });
    expect((await http().get('/api/me/career-plans/not-a-uuid').set('Cookie', alice).expect(400)).body.errors).toEqual([{ field: 'id', reason: 'must be a career plan id (a UUID)' }]);
  });

  it("another user's plan is 404 to read and to delete; the owner deletes it", async () => {
    const [plan] = (await http().get('/api/me/career-plans').set('Cookie', alice).expect(200)).body as Array<{ id: string }>;
    expect((await http().get('/api/me/career-plans').set('Cookie', bob).expect(200)).body).toEqual([]);
    expect((await http().get(`/api/me/career-plans/${plan.id}`).set('Cookie', bob).expect(404)).body.code).toBe('career_plan_not_found');
    await http().delete(`/api/me/career-plans/${plan.id}`).set('Cookie', bob).expect(404);
    await http().get(`/api/me/career-plans/${plan.id}`).set('Cookie', alice).expect(200);
    await http().delete(`/api/me/career-plans/${plan.id}`).set('Cookie', alice).expect(204);
    await http().get(`/api/me/career-plans/${plan.id}`).set('Cookie', alice).expect(404);
  });

  it('without a session every route is 401', async () => {
    await http().get('/api/me/career-plans').expect(401);
    await http().post('/api/me/career-plans').send(resumePlan()).expect(401);
    await http().get('/api/me/career-plans/00000000-0000-4000-8000-000000000000').expect(401);
    await http().delete('/api/me/career-plans/00000000-0000-4000-8000-000000000000').expect(401);
  });
});
