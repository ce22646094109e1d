import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '@jobportal/config';
import { deleteIndex } from '@jobportal/search';
import type { Worker } from 'bullmq';
import { createApp } from '../src/app.factory';
import { createIngestPipeline, type IngestPipeline } from '../../../workers/src/ingest/ingest-pipeline';
import { createAlerting, type Alerting } from '../../../workers/src/notifications/alerting';
import { runDigest } from '../../../workers/src/notifications/digest.service';
import { ChannelDelivery } from '@jobportal/notify';
import { SmtpCatcher, type CaughtMail } from '../../../test/support/smtp-catcher';
import { FakeTwilio } from '../../../test/support/fake-twilio';

/**
 * Saved-search alerts end to end: real PostgreSQL (jobportal_test), Redis, Elasticsearch (own
 * prefix), the workers' ingest pipeline and notifications queue, e-mail through a real SMTP server,
 * and the backend's unsubscribe link.
 */
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/jobportal_test';
const TABLES = 'alert_digests, notification_marks, saved_searches, saved_jobs, sessions, otp_challenges, users';
const PREFIX = 'e2e-alerts-';
const EMAIL = 'alerts-e2e@example.com';
const BOB_PHONE = '+16465550199';

/** The message as a reader sees it: quoted-printable soft breaks and escapes undone. */
function decoded(mail: CaughtMail): string {
  return mail.raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function textPart(mail: CaughtMail): string {
  const body = decoded(mail);
  const start = body.indexOf('Content-Type: text/plain');
  const end = body.indexOf('Content-Type: text/html');
  return body.slice(start, end);
}

function line(sourceId: string, title: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    sourceId,
    title,
    company: 'Mercy Hospital',
    description: `${title} wanted for a busy hospital floor.`,
    location: 'Austin, TX',
    url: `https://jobs.example.com/${sourceId}`,
    postedAt: '2026-11-01',
    employmentType: 'Full-time',
    ...extra,
  });
}

describe('saved-search alerts (real PostgreSQL, Redis, Elasticsearch, SMTP)', () => {
  const smtp = new SmtpCatcher();
  const twilioCreds = FakeTwilio.credentials();
  const twilio = new FakeTwilio(twilioCreds);
  let config: AppConfig;
  let app: INestApplication;
  let db: DataSource;
  let alerting: Alerting;
  let pipeline: IngestPipeline;
  let worker: Worker;
  let dir: string;
  let userId: string;
  let nurseSearchId: string;

  const http = () => request(app.getHttpServer());

  async function importLines(name: string, lines: string[]) {
    const path = join(dir, `${name}.jsonl`);
    await writeFile(path, lines.join('\n') + '\n');
    return pipeline.importFile('generated', path);
  }

  async function digestsSettled(): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const c = await alerting.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      if (c.waiting + c.active + c.delayed + c.prioritized === 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('digest jobs did not finish');
  }

  beforeAll(async () => {
    await smtp.start();
    await twilio.start();
    dir = await mkdtemp(join(tmpdir(), 'alerts-e2e-'));
    config = loadConfig({
      ...process.env,
      NODE_ENV: 'test',
      ES_INDEX_PREFIX: PREFIX,
      DATABASE_URL: TEST_DATABASE_URL,
      QUEUE_PREFIX: `e2e-alerts-${process.pid}-${Date.now()}`,
      SMTP_URL: smtp.url,
      PUBLIC_URL: 'http://jobs.test',
      QUARANTINE_DIR: dir,
      // SMS digests: the real twilio SDK, pointed at a local server speaking the Messages API.
      TWILIO_ACCOUNT_SID: twilioCreds.accountSid,
      TWILIO_AUTH_TOKEN: twilioCreds.authToken,
      TWILIO_FROM: '+15005550006',
      TWILIO_API_BASE_URL: twilio.url,
    });
    app = await createApp(config, { logger: false });
    await app.init();
    db = app.get(DataSource);
    await db.initialize();
    await db.query(`TRUNCATE ${TABLES} CASCADE`);

    alerting = createAlerting(config);
    pipeline = await createIngestPipeline(config, alerting.importListener);
    await deleteIndex(pipeline.es, 'postings', { prefix: PREFIX });
    worker = await alerting.startWorker(pipeline.es, pipeline.alias);

    [{ id: userId }] = (await db.query(`INSERT INTO users (name, phone, email) VALUES ('Alice', '+16465550123', $1) RETURNING id`, [EMAIL])) as Array<{ id: string }>;
    [{ id: nurseSearchId }] = (await db.query(
      `INSERT INTO saved_searches (user_id, name, params, frequency, channel) VALUES ($1, 'Nurses in Austin', $2, 'instant', 'email') RETURNING id`,
      [userId, { q: 'registered nurse', location: 'Austin, TX' }],
    )) as Array<{ id: string }>;
    // A daily search of the same user: an instant digest must not include it.
    await db.query(`INSERT INTO saved_searches (user_id, name, params, frequency, channel) VALUES ($1, 'Welders', $2, 'daily', 'email')`, [userId, { q: 'welder' }]);
    // Another user, alerted by SMS.
    const [{ id: bobId }] = (await db.query(`INSERT INTO users (name, phone) VALUES ('Bob', $1) RETURNING id`, [BOB_PHONE])) as Array<{ id: string }>;
    await db.query(`INSERT INTO saved_searches (user_id, name, params, frequency, channel) VALUES ($1, 'Welding', $2, 'instant', 'sms')`, [bobId, { q: 'welder' }]);
  });

  afterAll(async () => {
    await worker?.close();
    await alerting?.queue.obliterate({ force: true }).catch(() => undefined);
    await alerting?.close();
    await pipeline?.close();
    await app?.close();
    await smtp.stop();
    await twilio.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('after an import, exactly the matching new postings are sent once, with an unsubscribe link', async () => {
    const report = await importLines('first', [
      line('a-1', 'Registered Nurse'),
      line('a-2', 'Registered Nurse - ICU', { company: 'St. David' }),
      line('a-3', 'Backend Developer', { company: 'Acme' }),
      line('a-4', 'Registered Nurse', { location: 'Seattle, WA' }),
      line('a-5', 'Welder', { company: 'Steelworks' }),
    ]);
    expect(report).toMatchObject({ read: 5, indexed: 5, rejected: 0 });
    await digestsSettled();

    const mail = await smtp.waitForMail(EMAIL);
    expect(smtp.to(EMAIL)).toHaveLength(1);
    // Folded encoded words (the quotes make nodemailer encode the subject) come back with a doubled space.
    expect(mail.subject.replace(/\s+/g, ' ')).toBe('New jobs for "Nurses in Austin": 2 new');
    const text = textPart(mail);
    expect(text).toContain('Registered Nurse (Mercy Hospital');
    expect(text).toContain('Registered Nurse - ICU (St. David');
    expect(text).not.toMatch(/Seattle|Developer|Welder/);
    expect(decoded(mail)).toContain('Content-Type: text/html');
    expect(text.match(/\/api\/alerts\/unsubscribe\?token=/g)).toHaveLength(1);

    const [mark] = (await db.query(`SELECT ingested_through FROM notification_marks WHERE saved_search_id = $1`, [nurseSearchId])) as Array<{ ingested_through: Date }>;
    expect(mark.ingested_through).toBeInstanceOf(Date);
    const digests = (await db.query(`SELECT frequency, status, postings FROM alert_digests WHERE user_id = $1`, [userId])) as unknown[];
    expect(digests).toEqual([{ frequency: 'instant', status: 'sent', postings: 2 }]);
  });

  it('an SMS saved search gets its digest as a text message through the twilio SDK', async () => {
    const sms = await twilio.waitForMessage(BOB_PHONE);
    expect(twilio.to(BOB_PHONE)).toHaveLength(1);
    expect(sms.from).toBe('+15005550006');
    expect(sms.body).toContain('New jobs for "Welding": 1 new');
    expect(sms.body).toMatch(/Welder http:\/\/jobs\.test\/jobs\/\S+/);
    expect(sms.body).not.toMatch(/Nurse|Developer/);
    expect(sms.body).toMatch(/Stop "Welding": http:\/\/jobs\.test\/api\/alerts\/unsubscribe\?token=/);
  });

  it('a second run, and a reimport of the same postings, send nothing', async () => {
    const deps = { config, store: alerting.store, es: pipeline.es, delivery: new ChannelDelivery(config.notify, null), index: pipeline.alias, visibleThrough: () => alerting.visible.get() };
    const again = await runDigest(deps, userId, 'instant');
    expect(again.postings).toBe(0);
    expect(['already_sent', 'empty']).toContain(again.status);

    const reimport = await importLines('first', [line('a-1', 'Registered Nurse'), line('a-2', 'Registered Nurse - ICU', { company: 'St. David' })]);
    expect(reimport).toMatchObject({ indexed: 0, unchanged: 2 });
    await digestsSettled();
    expect(await runDigest(deps, userId, 'instant')).toMatchObject({ postings: 0 });
    expect(smtp.to(EMAIL)).toHaveLength(1);
  });

  it('the next import sends only its new matching postings', async () => {
    await importLines('second', [line('b-1', 'Registered Nurse', { company: 'Dell Seton' }), line('a-1', 'Registered Nurse'), line('b-2', 'Data Analyst')]);
    await digestsSettled();
    const mail = await smtp.waitForMail(EMAIL, 2);
    expect(mail.subject.replace(/\s+/g, ' ')).toBe('New jobs for "Nurses in Austin": 1 new');
    const text = textPart(mail);
    expect(text).toContain('Dell Seton');
    expect(text).not.toContain('Mercy Hospital');
  });

  it('a file imported with the ingest CLI alerts like one sent to the ingest queue', async () => {
    const path = join(dir, 'cli.jsonl');
    await writeFile(path, [line('d-1', 'Registered Nurse', { company: 'Baylor Scott' }), line('d-2', 'Line Cook')].join('\n') + '\n');
    // The built CLI in its own process, with this suite's services: its digest is delivered by this suite's worker.
    const env = { ...process.env, NODE_ENV: 'test', ES_INDEX_PREFIX: PREFIX, DATABASE_URL: TEST_DATABASE_URL, QUEUE_PREFIX: config.redis.queuePrefix, QUARANTINE_DIR: dir, SMTP_URL: smtp.url, PUBLIC_URL: 'http://jobs.test' };
    const cli = join(__dirname, '../../../workers/dist/cli/ingest.js');
    const { stdout } = await promisify(execFile)(process.execPath, [cli, '--source', 'generated', '--path', path, '--json'], { env, timeout: 120_000 });
    expect(JSON.parse(stdout).reports[0]).toMatchObject({ read: 2, indexed: 2 });
    await digestsSettled();
    const mail = await smtp.waitForMail(EMAIL, 3);
    expect(mail.subject.replace(/\s+/g, ' ')).toBe('New jobs for "Nurses in Austin": 1 new');
    expect(textPart(mail)).toContain('Baylor Scott');
    expect(textPart(mail)).not.toContain('Line Cook');
  });

  it('the unsubscribe link pauses that saved search, and no alert follows', async () => {
    const url = /http:\/\/jobs\.test(\/api\/alerts\/unsubscribe\?token=[A-Za-z0-9._%-]+)/.exec(textPart(smtp.to(EMAIL)[2]))![1];
    await http().get(url.replace(/token=[^.]+\./, (m) => m.replace(/[0-9a-f]/, (c) => (c === '0' ? '1' : '0')))).expect(400);
    const res = await http().get(url).expect(200);
    expect(res.text).toContain('Nurses in Austin');
    const [row] = (await db.query(`SELECT paused FROM saved_searches WHERE id = $1`, [nurseSearchId])) as Array<{ paused: boolean }>;
    expect(row.paused).toBe(true);

    await importLines('third', [line('c-1', 'Registered Nurse', { company: 'Ascension' })]);
    await digestsSettled();
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.to(EMAIL)).toHaveLength(3);
  });
});
