import { resolve } from 'node:path';
import { loadConfig } from '@jobportal/config';
import { INGEST_JOBS, QUEUES, type IngestFileJob, type IngestReport } from '@jobportal/contracts';
import { SOURCE_ADAPTERS } from '@jobportal/postings';
import { deleteIndex } from '@jobportal/search';
import { Queue, QueueEvents, type Worker } from 'bullmq';
import { createIngestPipeline, type IngestPipeline } from '../src/ingest/ingest-pipeline';
import { createIngestWorker } from '../src/ingest/ingest.processor';
import { bullConnection } from '../src/queues';
import { DATA_DIR } from '../../test/support/stack';

describe('ingest queue (real Redis + Elasticsearch)', () => {
  // A queue prefix of its own per run, so the test never sees another run's jobs.
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', ES_INDEX_PREFIX: 'e2e-queue-', QUEUE_PREFIX: `e2e-${process.pid}-${Date.now()}` });
  let pipeline: IngestPipeline;
  let worker: Worker<IngestFileJob, IngestReport>;
  let queue: Queue<IngestFileJob, IngestReport>;
  let events: QueueEvents;

  beforeAll(async () => {
    pipeline = await createIngestPipeline(config);
    await deleteIndex(pipeline.es, 'postings', { prefix: 'e2e-queue-' });
    worker = createIngestWorker(config, pipeline);
    queue = new Queue(QUEUES.ingest, { connection: bullConnection(config), prefix: config.redis.queuePrefix });
    queue.on('error', () => undefined);
    events = new QueueEvents(QUEUES.ingest, { connection: bullConnection(config), prefix: config.redis.queuePrefix });
    await events.waitUntilReady();
  });
  afterAll(async () => {
    await worker?.close();
    await queue?.obliterate({ force: true });
    await queue?.close();
    await events?.close();
    await pipeline?.close();
  });

  it('a queued import-file job runs the same pipeline and returns its report', async () => {
    const path = resolve(DATA_DIR, SOURCE_ADAPTERS.craigslist_nyc_2019.samplePath!);
    const job = await queue.add(INGEST_JOBS.importFile, { source: 'craigslist_nyc_2019', path });
    const report = (await job.waitUntilFinished(events, 60_000)) as IngestReport;
    expect(report).toMatchObject({ source: 'craigslist_nyc_2019', read: 204, indexed: 204, rejected: 0 });
    await pipeline.es.indices.refresh({ index: 'e2e-queue-postings' });
    expect((await pipeline.es.count({ index: 'e2e-queue-postings' })).count).toBe(204);
  });

  it('a job for a missing file fails at once, without retries, with the reason', async () => {
    const job = await queue.add(INGEST_JOBS.importFile, { source: 'indeed_2019', path: '/no/such/file.csv' }, { attempts: 3 });
    await expect(job.waitUntilFinished(events, 30_000)).rejects.toThrow(/File not found: \/no\/such\/file\.csv/);
    const failed = await queue.getJob(job.id!);
    expect(failed?.attemptsMade).toBe(1);
    expect(await failed?.getState()).toBe('failed');
  });
});
