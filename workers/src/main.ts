import 'reflect-metadata';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '@jobportal/config';
import { initTensorflow, loadClassifier, ModelArtifactError, type OccupationClassifier } from '@jobportal/occupations';
import { createCrawler } from './crawl/crawler';
import { CrawlSourceStore } from './crawl/source-store';
import { createIngestPipeline } from './ingest/ingest-pipeline';
import { createIngestWorker } from './ingest/ingest.processor';
import { createAlerting } from './notifications/alerting';
import { createMaintenanceWorker } from './reclassify/reclassify.processor';

@Module({})
class WorkersModule {}

/** The workers process: a Nest standalone context (no HTTP) running one BullMQ worker per queue. */
async function bootstrap() {
  const logger = new Logger('Workers');
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  // One model for the process, shared by ingest and reclassify; without it no posting could be coded.
  let classifier: OccupationClassifier;
  try {
    await initTensorflow();
    classifier = (await loadClassifier(config.models.dir, { dataDir: config.data.dir })).classifier;
  } catch (err) {
    if (err instanceof ModelArtifactError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const app = await NestFactory.createApplicationContext(WorkersModule, { logger: ['log', 'warn', 'error'] });
  const alerting = createAlerting(config);
  const pipeline = await createIngestPipeline(config, alerting.importListener, { classifier });
  const workers = [
    createIngestWorker(config, pipeline),
    await alerting.startWorker(pipeline.es, pipeline.alias, { schedules: true }),
    createMaintenanceWorker(config, pipeline.es, classifier),
  ];
  // Crawlers (issue 10): sources live in PostgreSQL (crawl_sources, the operator API changes them and
  // their schedules at once); at start the schedules are brought in line with the table in case
  // Redis lost them. Each run reads its source afresh, and writes its report to the table.
  const sourceStore = new CrawlSourceStore(config.database.url);
  const crawler = createCrawler({ config, pipeline, sources: sourceStore, runs: sourceStore });
  try {
    const stored = await sourceStore.list();
    const scheduled = await crawler.scheduleSources(stored);
    logger.log(`Crawl schedules: ${scheduled.join(', ') || 'none enabled'} (table crawl_sources)`);
    // Liveness: live pages re-checked per source, and crawled postings past their validThrough expired.
    logger.log(`Liveness schedules: ${(await crawler.scheduleLiveness(stored)).join(', ')}`);
  } catch (err) {
    // The schedules kept in Redis still run; only the reconciliation waits for the next start.
    logger.warn(`Crawl schedules not reconciled: ${(err as Error).message}`);
  }
  workers.push(crawler.startWorker());
  logger.log(`Consuming queues: ${workers.map((w) => w.name).join(', ')} (Redis ${new URL(config.redis.url).host})`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: finishing active jobs, then exiting`);
    await Promise.all(workers.map((w) => w.close()));
    await crawler.close();
    await sourceStore.close();
    await alerting.close();
    await pipeline.close();
    await app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

void bootstrap();
