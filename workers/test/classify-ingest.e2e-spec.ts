import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig, type AppConfig } from '@jobportal/config';
import { QUEUES, type JobSearchResponse, type PostingDocument, type PostingSoc, type ReclassifyJob, type ReclassifyReport } from '@jobportal/contracts';
import { SAMPLE_SOURCES, SOURCE_ADAPTERS } from '@jobportal/postings';
import { aliasTarget, buildJobSearchRequest, INDEX_VERSIONS, createSearchClient, deleteIndex, mapJobSearchResponse, type Client } from '@jobportal/search';
import { Queue, type Worker } from 'bullmq';
import { createIngestPipeline, type IngestPipeline } from '../src/ingest/ingest-pipeline';
import { bullConnection } from '../src/queues';
import { createMaintenanceWorker } from '../src/reclassify/reclassify.processor';
import { DATA_DIR, REPO_ROOT, waitFor } from '../../test/support/stack';

const PREFIX = 'e2e-classify-ingest-';
const ALIAS = `${PREFIX}postings`;
/** What reclassify builds: the current version of the definition, stamped. */
const REBUILT = new RegExp(`^${PREFIX}postings-v${INDEX_VERSIONS.postings}-\\d{14}$`);

/**
 * The ingest pipeline with the real trained classifier (MODEL_DIR, `npm run train:classifier`),
 * a real Elasticsearch and Redis: every posting is coded, the occupation facet agrees with the
 * occupation filter, and reclassify rebuilds the index behind the alias while searches go on.
 */
describe('occupation coding in the ingest pipeline, and reclassify', () => {
  let config: AppConfig;
  let pipeline: IngestPipeline;
  let es: Client;
  let imported = 0;

  const craigslistFile = (rows: Array<{ id: number; title: string; description: string }>) => {
    const dir = mkdtempSync(join(tmpdir(), 'classify-'));
    const file = join(dir, 'craigslist.csv');
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
    writeFileSync(
      file,
      ['posting_id,url,title,neighborhood,compensation,employment_type,description']
        .concat(rows.map((r) => `${r.id},https://newyork.craigslist.org/mnh/egr/d/x/${r.id}.html,${quote(r.title)},Manhattan,,full-time,${quote(r.description)}`))
        .join('\n'),
    );
    return file;
  };

  const count = async (query?: object) => (await es.count({ index: ALIAS, ...(query ? { query } : {}) })).count;

  beforeAll(async () => {
    config = loadConfig({
      ...process.env,
      NODE_ENV: 'test',
      ES_INDEX_PREFIX: PREFIX,
      QUARANTINE_DIR: mkdtempSync(join(tmpdir(), 'quarantine-')),
      QUEUE_PREFIX: `e2e-classify-${process.pid}-${Date.now()}`,
    });
    es = createSearchClient({ node: config.elastic.node });
    await deleteIndex(es, 'postings', { prefix: PREFIX });
    pipeline = await createIngestPipeline(config);
    for (const source of SAMPLE_SOURCES) {
      const report = await pipeline.importFile(source, resolve(DATA_DIR, SOURCE_ADAPTERS[source].samplePath!), { refresh: true });
      imported += report.indexed;
      expect(report.needsReview).toBeGreaterThanOrEqual(0);
      expect(report.needsReview!).toBeLessThanOrEqual(report.indexed + report.updated + report.unchanged);
    }
  });
  afterAll(async () => {
    await deleteIndex(es, 'postings', { prefix: PREFIX }).catch(() => undefined);
    await pipeline?.close();
    await es?.close();
  });

  it('every imported posting carries a SOC code with a confidence', async () => {
    expect(imported).toBeGreaterThan(3000);
    expect(await count()).toBe(imported);
    expect(await count({ bool: { must_not: { exists: { field: 'soc.code' } } } })).toBe(0);
    const res = await es.search({ index: ALIAS, size: 200, _source: ['soc'] });
    for (const hit of res.hits.hits) {
      const soc = (hit._source as { soc: PostingSoc }).soc;
      expect(soc.code).toMatch(/^\d{2}-\d{4}$/);
      expect(soc.onet_code.startsWith(soc.code)).toBe(true);
      expect(soc.major).toBe(soc.code.slice(0, 2));
      expect(soc.confidence).toBeGreaterThan(0);
      expect(soc.confidence).toBeLessThanOrEqual(1);
      expect(typeof soc.needs_review).toBe('boolean');
    }
  });

  it('obvious titles land in their major group: nurses 29, truck drivers 53, cooks 35', async () => {
    // The samples hold real registered-nurse postings ("Registered Nurse (RN) 7p-7a Neonatal ICU")
    // but no truck drivers or cooks: those come in as a file through the same pipeline.
    const report = await pipeline.importFile(
      'craigslist_nyc_2019',
      craigslistFile([
        { id: 990301, title: 'CDL-A Truck Driver', description: 'Regional routes, home weekly. Clean driving record required.' },
        { id: 990302, title: 'Line Cook', description: 'Prep and cook on the grill station of a busy restaurant kitchen.' },
        { id: 990303, title: 'Registered Nurse', description: 'Acute care nursing on a medical-surgical floor.' },
      ]),
      { refresh: true },
    );
    expect(report.indexed).toBe(3);
    imported += 3;
    const majorsOf = async (query: object) => {
      const res = await es.search({ index: ALIAS, size: 0, query, aggs: { majors: { terms: { field: 'soc.major', size: 5 } } } });
      return (res.aggregations as { majors: { buckets: Array<{ key: string; doc_count: number }> } }).majors.buckets;
    };
    const nurses = await majorsOf({ bool: { filter: [{ match_phrase: { title: 'registered nurse' } }], must_not: [{ term: { source_id: '990303' } }] } });
    const sampled = nurses.reduce((n, b) => n + b.doc_count, 0);
    expect(sampled).toBeGreaterThanOrEqual(4);
    expect(nurses[0].key).toBe('29');
    expect(nurses[0].doc_count / sampled).toBeGreaterThanOrEqual(0.75);
    for (const [id, major] of [
      ['990301', '53'],
      ['990302', '35'],
      ['990303', '29'],
    ] as const) {
      expect({ id, majors: (await majorsOf({ term: { source_id: id } })).map((b) => b.key) }).toEqual({ id, majors: [major] });
    }
  });

  it('the search API occupation facet agrees with its filter: majors, and detailed codes within a major', async () => {
    const now = new Date();
    const search = async (occupation?: string[]): Promise<JobSearchResponse> => {
      const params = { occupation, size: 1 };
      const res = await es.search(buildJobSearchRequest(params, { index: ALIAS, now }));
      return mapJobSearchResponse(res, params);
    };
    const facetOf = (r: JobSearchResponse) => r.facets.find((f) => f.key === 'occupation')!.buckets;

    const all = await search();
    expect(all.total.value).toBe(imported);
    const majors = facetOf(all);
    expect(majors.length).toBeGreaterThan(5);
    // Every posting has one major: the buckets (fewer than the facet's size of 30) cover them all.
    expect(majors.reduce((n, b) => n + b.count, 0)).toBe(imported);
    for (const major of majors.slice(0, 4)) {
      const filtered = await search([major.value]);
      expect(filtered.total.value).toBe(major.count);
      const detailed = facetOf(filtered).filter((b) => b.value.startsWith(`${major.value}-`));
      expect(detailed.length).toBeGreaterThan(0);
      // The facet lists at most 30 detailed codes; compare against an exhaustive count of the rest.
      const res = await es.search({ index: ALIAS, size: 0, query: { term: { 'soc.major': major.value } }, aggs: { codes: { terms: { field: 'soc.code', size: 1000 } } } });
      const codes = (res.aggregations as { codes: { buckets: Array<{ key: string; doc_count: number }> } }).codes.buckets;
      expect(codes.reduce((n, b) => n + b.doc_count, 0)).toBe(major.count);
      for (const code of detailed.slice(0, 3)) {
        expect(codes.find((c) => c.key === code.value)?.doc_count).toBe(code.count);
        expect((await search([code.value])).total.value).toBe(code.count);
      }
    }
  });

  it('an unreadable posting is kept and flagged for review, not dropped', async () => {
    const file = craigslistFile([
      // Letters, but none the classifier reads (it folds text to ASCII): nothing to classify.
      { id: 990001, title: '看護師の求人', description: '' },
      // Words never seen in training.
      { id: 990002, title: 'Zzqx Vrrmpf', description: '' },
    ]);
    const report = await pipeline.importFile('craigslist_nyc_2019', file, { refresh: true });
    expect(report.rejected).toBe(0);
    expect(report.indexed).toBe(2);
    expect(report.needsReview).toBe(2);
    const res = await es.search({ index: ALIAS, query: { terms: { source_id: ['990001', '990002'] } }, _source: ['soc'] });
    expect(res.hits.hits).toHaveLength(2);
    for (const hit of res.hits.hits) {
      const soc = (hit._source as { soc: PostingSoc }).soc;
      expect(soc.code).toMatch(/^\d{2}-\d{4}$/);
      expect(soc.needs_review).toBe(true);
      expect(soc.confidence).toBeLessThan(0.5);
    }
    imported += 2;
  });

  it('without a trained model the pipeline refuses to start and says what to run', async () => {
    const noModel = loadConfig({ ...process.env, NODE_ENV: 'test', ES_INDEX_PREFIX: PREFIX, MODEL_DIR: mkdtempSync(join(tmpdir(), 'no-model-')) });
    await expect(createIngestPipeline(noModel)).rejects.toThrow(/npm run train:classifier/);
    // --no-classify still imports (the benchmark's baseline); nothing is coded.
    const plain = await createIngestPipeline(noModel, undefined, { classify: false });
    expect(plain.classifier).toBeNull();
    await plain.close();
  });

  it('npm run reclassify swaps the alias to a new index while searches keep answering and ingest goes on', async () => {
    const worker: Worker<ReclassifyJob, ReclassifyReport> = createMaintenanceWorker(config, pipeline.es, pipeline.classifier!);
    const queue = new Queue(QUEUES.maintenance, { connection: bullConnection(config), prefix: config.redis.queuePrefix });
    queue.on('error', () => undefined);
    // Postings indexed before salary.bands existed (index v1): reclassify must bring them up to date.
    const withPay = await es.search<PostingDocument>({ index: ALIAS, size: 50, query: { exists: { field: 'salary.bands' } } });
    expect(withPay.hits.hits.length).toBeGreaterThan(0);
    await es.bulk({
      refresh: true,
      operations: withPay.hits.hits.flatMap((h) => {
        const doc = h._source!;
        delete doc.salary!.bands;
        return [{ index: { _index: h._index, _id: h._id } }, doc];
      }),
    });
    const unbanded = { bool: { filter: [{ exists: { field: 'salary.annual_max' } }], must_not: [{ exists: { field: 'salary.bands' } }] } };
    expect(await count(unbanded)).toBeGreaterThan(0);
    const before = await aliasTarget(es, ALIAS);
    const docsBefore = await count();

    // Searches through the alias, as the backend sends them, for the whole run.
    const searcher = createSearchClient({ node: config.elastic.node, maxRetries: 0 });
    let searching = true;
    const searches = { ok: 0, failed: [] as string[], empty: 0 };
    const loop = (async () => {
      while (searching) {
        try {
          const res = await searcher.search(buildJobSearchRequest({ q: 'engineer', size: 5 }, { index: ALIAS, now: new Date() }));
          if (((res.hits.total as { value: number }).value ?? 0) === 0) searches.empty++;
          else searches.ok++;
        } catch (err) {
          searches.failed.push(err instanceof Error ? err.message : String(err));
        }
      }
    })();

    try {
      const cli = spawn('node', [resolve(REPO_ROOT, 'workers/dist/cli/reclassify.js'), '--batch-size', '250', '--json'], {
        env: { ...process.env, NODE_ENV: 'test', ES_INDEX_PREFIX: PREFIX, QUEUE_PREFIX: config.redis.queuePrefix },
        cwd: REPO_ROOT,
      });
      let stdout = '';
      let stderr = '';
      cli.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      cli.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number>((done) => cli.on('close', (code) => done(code ?? -1)));

      // While the new version is being built, new postings keep arriving through the alias.
      await waitFor(async () => (await es.cat.indices({ index: `${PREFIX}postings-v${INDEX_VERSIONS.postings}-*`, format: 'json' })).length > 0, 60_000, 20);
      const during = await pipeline.importFile(
        'craigslist_nyc_2019',
        craigslistFile([
          { id: 990101, title: 'Registered Nurse', description: 'Acute care nursing on a medical floor.' },
          { id: 990102, title: 'CDL-A Truck Driver', description: 'Regional routes, home weekly.' },
        ]),
      );
      expect(during.indexed).toBe(2);

      expect(await exited).toBe(0);
      const report = JSON.parse(stdout) as ReclassifyReport;
      expect(stderr).toMatch(/\[reclassify\] copy: copied \d+\/\d+/);
      expect(report.fromIndex).toBe(before);
      expect(report.toIndex).toMatch(REBUILT);
      expect(report.total).toBe(docsBefore);
      expect(report.copied + report.caughtUp).toBeGreaterThanOrEqual(docsBefore);
    } finally {
      searching = false;
      await loop;
      await searcher.close();
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
    }

    const after = await aliasTarget(es, ALIAS);
    expect(after).not.toBe(before);
    expect(after).toMatch(REBUILT);
    expect(await es.indices.exists({ index: before! })).toBe(false);
    await es.indices.refresh({ index: ALIAS });
    expect(await count()).toBe(docsBefore + 2);
    expect(await count({ bool: { must_not: { exists: { field: 'soc.code' } } } })).toBe(0);
    expect(await count(unbanded)).toBe(0);
    const arrived = await es.search({ index: ALIAS, query: { terms: { source_id: ['990101', '990102'] } }, _source: ['soc.major'] });
    expect(arrived.hits.hits.map((h) => (h._source as { soc: { major: string } }).soc.major).sort()).toEqual(['29', '53']);

    expect(searches.failed).toEqual([]);
    expect(searches.empty).toBe(0);
    expect(searches.ok).toBeGreaterThan(10);

    // Writes after the swap land in the new concrete index: the pipeline writes through the alias.
    const later = await pipeline.importFile('craigslist_nyc_2019', craigslistFile([{ id: 990201, title: 'Line Cook', description: 'Prep and grill station.' }]), { refresh: true });
    expect(later.indexed).toBe(1);
    expect((await es.count({ index: after!, query: { term: { source_id: '990201' } } })).count).toBe(1);
  });
});
