import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { INGEST_JOBS, QUEUES, type IngestFileJob, type IngestReport } from '@jobportal/contracts';
import { createSearchClient, deleteIndex, type Client } from '@jobportal/search';
import { Queue } from 'bullmq';
import request from 'supertest';
import { newTestPhone } from '../support/accounts';
import { FakeTwilio } from '../support/fake-twilio';
import { REPO_ROOT, startElasticsearch, stopElasticsearch, waitFor } from '../support/stack';

/**
 * The fault suite: the real backend and workers as child processes, on a throwaway Redis and a
 * throwaway PostgreSQL cluster of their own (never the machine's shared 6379/5432) and the test
 * Elasticsearch node (ES_PORT/ES_BASE_DIR, as scripts/test.sh sets them). While a few thousand
 * generated postings go through the `ingest` queue, a worker is SIGKILLed mid-batch, Elasticsearch
 * and Redis are restarted and PostgreSQL is stopped. Every posting must arrive exactly once, the
 * API must answer 503 with a code during each outage and recover without being restarted, and
 * saved jobs and searches must survive.
 */
const ES_URL = process.env.ES_URL ?? 'http://127.0.0.1:9200';
const PREFIX = 'faults-';
const FILES = 6;
const PER_FILE = 500;
const ROOT = process.getuid?.() === 0;

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

/** PostgreSQL tools run as the `postgres` user when we are root (initdb and postgres refuse root). */
function pgTool(tool: string, args: string[]): string {
  const bin = execFileSync('bash', ['-c', `ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1`], { encoding: 'utf8' }).trim();
  const cmd = ROOT ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
  return execFileSync(cmd[0] as string, cmd[1] as string[], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

class ThrowawayPostgres {
  readonly dir = mkdtempSync(join(tmpdir(), 'jp-faults-pg-'));
  constructor(readonly port: number) {
    if (ROOT) chownSync(this.dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })));
    pgTool('initdb', ['-D', join(this.dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync']);
  }
  get url() {
    return `postgres://postgres@127.0.0.1:${this.port}/jobportal`;
  }
  start() {
    pgTool('pg_ctl', ['-D', join(this.dir, 'data'), '-l', join(this.dir, 'log'), '-w', '-o', `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  }
  stop() {
    pgTool('pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'fast', '-w', 'stop']);
  }
  createDatabase() {
    pgTool('psql', ['-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres', '-Xqc', 'create database jobportal']);
  }
  destroy() {
    try {
      this.stop();
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Redis with the production persistence (AOF, as docker-compose.yml), so a restart keeps the queue. */
class ThrowawayRedis {
  readonly dir = mkdtempSync(join(tmpdir(), 'jp-faults-redis-'));
  private child?: ChildProcess;
  constructor(readonly port: number) {}
  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }
  async start() {
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes', '--save', '', '--maxmemory-policy', 'noeviction'], { stdio: 'ignore' });
    await waitFor(async () => execFileSync('redis-cli', ['-p', String(this.port), 'ping'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() === 'PONG', 10_000);
  }
  async stop() {
    if (!this.child) return;
    this.child.kill('SIGTERM');
    await exited(this.child);
    this.child = undefined;
  }
  async destroy() {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

describe('faults: worker killed, Elasticsearch and Redis restarted, PostgreSQL stopped', () => {
  const creds = FakeTwilio.credentials();
  const twilio = new FakeTwilio(creds);
  const work = mkdtempSync(join(tmpdir(), 'jp-faults-'));
  const children = new Set<ChildProcess>();
  let redis: ThrowawayRedis;
  let pg: ThrowawayPostgres;
  let es: Client;
  let queue: Queue<IngestFileJob, IngestReport>;
  let env: NodeJS.ProcessEnv;
  let api: string;
  let backend: ChildProcess;
  let worker: ChildProcess;
  let cookie: string;
  const files: string[] = [];

  function spawnNode(script: string, name: string): ChildProcess {
    const child = spawn('node', [resolve(REPO_ROOT, script)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const log = join(work, `${name}.log`);
    child.stdout!.on('data', (d: Buffer) => writeFileSync(log, d, { flag: 'a' }));
    child.stderr!.on('data', (d: Buffer) => writeFileSync(log, d, { flag: 'a' }));
    children.add(child);
    child.once('exit', () => children.delete(child));
    return child;
  }

  async function startWorker(): Promise<ChildProcess> {
    const child = spawnNode('workers/dist/main.js', `workers-${Date.now()}`);
    await waitFor(async () => children.has(child) && (await queue.getWorkers()).length > 0, 60_000);
    return child;
  }

  const health = () => request(api).get('/api/health');
  const search = () => request(api).get('/api/jobs/search?q=manager');

  beforeAll(async () => {
    redis = new ThrowawayRedis(await freePort());
    pg = new ThrowawayPostgres(await freePort());
    await redis.start();
    pg.start();
    pg.createDatabase();
    await twilio.start();
    env = {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      ES_URL,
      ES_INDEX_PREFIX: PREFIX,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: 'faults',
      DATABASE_URL: pg.url,
      QUARANTINE_DIR: join(work, 'quarantine'),
      TWILIO_ACCOUNT_SID: creds.accountSid,
      TWILIO_AUTH_TOKEN: creds.authToken,
      TWILIO_FROM: '+15005550006',
      TWILIO_API_BASE_URL: twilio.url,
      INGEST_BATCH_SIZE: '100',
      INGEST_LOCK_MS: '3000',
      INGEST_RETRY_ATTEMPTS: '10',
      INGEST_RETRY_DELAY_MS: '500',
      ES_REQUEST_TIMEOUT_MS: '3000',
    };
    api = `http://127.0.0.1:${env.PORT}`;
    es = createSearchClient({ node: ES_URL });
    await deleteIndex(es, 'postings', { prefix: PREFIX });

    // Generated postings, split into files so that several jobs are queued and in flight.
    const all = join(work, 'all.jsonl');
    execFileSync('node', [resolve(REPO_ROOT, 'workers/dist/cli/generate.js'), '--count', String(FILES * PER_FILE), '--seed', '12', '--out', all], { env, stdio: 'ignore' });
    const lines = readFileSync(all, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(FILES * PER_FILE);
    for (let i = 0; i < FILES; i++) {
      files.push(join(work, `part-${i}.jsonl`));
      writeFileSync(files[i], lines.slice(i * PER_FILE, (i + 1) * PER_FILE).join('\n') + '\n');
    }

    queue = new Queue(QUEUES.ingest, { connection: { host: '127.0.0.1', port: redis.port, maxRetriesPerRequest: null }, prefix: 'faults' });
    queue.on('error', () => undefined);
    backend = spawnNode('apps/backend/dist/main.js', 'backend');
    await waitFor(async () => (await health()).status === 200, 60_000);

    const phone = newTestPhone();
    const signup = await request(api).post('/api/auth/signup').send({ name: 'Fay Fault', phone }).expect(202);
    const verified = await request(api).post('/api/auth/verify').send({ challengeId: signup.body.challengeId, code: await twilio.codeFor(phone) }).expect(200);
    cookie = (verified.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('jp_session='))!.split(';')[0];
    await request(api).post('/api/me/saved-searches').set('Cookie', cookie).send({ name: 'Managers', params: { q: 'manager' }, frequency: 'daily', channel: 'sms' }).expect(201);
  });

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await queue?.close().catch(() => undefined);
    await es?.close();
    await twilio.stop();
    await redis?.destroy();
    pg?.destroy();
    // Leaves Elasticsearch running for the next suite, whatever happened above.
    startElasticsearch();
    rmSync(work, { recursive: true, force: true });
  });

  it('a worker SIGKILLed mid-batch: its job is taken over by another worker', async () => {
    for (const [i, path] of files.entries()) {
      await queue.add(INGEST_JOBS.importFile, { source: 'generated', path }, { jobId: `part-${i}`, attempts: 8, backoff: { type: 'exponential', delay: 1000 }, removeOnFail: false });
    }
    worker = await startWorker();
    // Mid-batch: a job is active and has reported some, not all, of its rows.
    await waitFor(async () => (await queue.getActive()).some((j) => ((j.progress as { read?: number })?.read ?? 0) > 0), 90_000, 100);
    worker.kill('SIGKILL');
    await exited(worker);
    worker = await startWorker();
    await waitFor(async () => (await queue.getCompletedCount()) >= 1, 120_000, 250);
  });

  it('Elasticsearch restarted mid-ingest: search and health answer 503 with codes, then recover', async () => {
    stopElasticsearch();
    const h = await health();
    expect(h.status).toBe(503);
    expect(h.body).toMatchObject({ status: 'degraded', code: 'dependency_unavailable', down: ['elasticsearch'] });
    const s = await search();
    expect(s.status).toBe(503);
    expect(s.body).toMatchObject({ statusCode: 503, code: expect.stringMatching(/^search_/) });
    startElasticsearch();
    await waitFor(async () => (await search()).status === 200, 60_000);
  });

  it('Redis restarted mid-ingest: health says which, search keeps working, the queue is kept', async () => {
    await redis.stop();
    const h = await health();
    expect(h.status).toBe(503);
    expect(h.body.down).toEqual(['redis']);
    expect((await search()).status).toBe(200);
    await redis.start();
    await waitFor(async () => (await health()).status === 200, 30_000);
  });

  it('every posting is indexed exactly once (counts in = counts indexed)', async () => {
    await waitFor(async () => (await queue.getCompletedCount()) === FILES, 240_000, 500);
    const reports = await Promise.all(files.map(async (_, i) => (await queue.getJob(`part-${i}`))!.returnvalue));
    const read = reports.reduce((s, r) => s + r.read, 0);
    const expected = reports.reduce((s, r) => s + r.read - r.rejected - r.duplicates, 0);
    expect(read).toBe(FILES * PER_FILE);
    expect(expected).toBeGreaterThan(FILES * PER_FILE * 0.9);
    await es.indices.refresh({ index: `${PREFIX}postings` });
    expect((await es.count({ index: `${PREFIX}postings` })).count).toBe(expected);
    const dup = await es.search({ index: `${PREFIX}postings`, size: 0, aggs: { ids: { terms: { field: 'source_id', min_doc_count: 2, size: 5 } } } });
    expect((dup.aggregations!.ids as { buckets: unknown[] }).buckets).toEqual([]);
    expect(await queue.getFailedCount()).toBe(0);
  });

  it('PostgreSQL stopped: account routes answer 503 database_unavailable; saved data survive and the backend recovers unrestarted', async () => {
    const hit = await es.search<{ id: string }>({ index: `${PREFIX}postings`, size: 1, _source: ['id'] });
    const jobId = hit.hits.hits[0]._id!;
    await request(api).put(`/api/me/saved-jobs/${jobId}`).set('Cookie', cookie).send({ status: 'saved', note: 'call Monday' }).expect(201);

    pg.stop();
    const h = await health();
    expect(h.status).toBe(503);
    expect(h.body.down).toEqual(['postgres']);
    for (const path of ['/api/me', '/api/me/saved-jobs', '/api/me/saved-searches']) {
      const res = await request(api).get(path).set('Cookie', cookie);
      expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 503, code: 'database_unavailable' });
    }
    expect((await search()).status).toBe(200);

    pg.start();
    await waitFor(async () => (await health()).status === 200, 30_000);
    const saved = await request(api).get('/api/me/saved-jobs').set('Cookie', cookie).expect(200);
    expect(saved.body.map((j: { jobId: string; note: string }) => [j.jobId, j.note])).toEqual([[jobId, 'call Monday']]);
    const searches = await request(api).get('/api/me/saved-searches').set('Cookie', cookie).expect(200);
    expect(searches.body.map((s: { name: string }) => s.name)).toEqual(['Managers']);
    // The same backend process served every step.
    expect(backend.exitCode).toBeNull();
    expect(children.has(backend)).toBe(true);
  });
});
