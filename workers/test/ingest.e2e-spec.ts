import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig, type AppConfig } from '@jobportal/config';
import type { IngestReport } from '@jobportal/contracts';
import { SAMPLE_SOURCES, SOURCE_ADAPTERS } from '@jobportal/postings';
import { createSearchClient, deleteIndex, type Client } from '@jobportal/search';
import { createIngestPipeline, type IngestPipeline } from '../src/ingest/ingest-pipeline';
import { DATA_DIR, REPO_ROOT, startElasticsearch, stopElasticsearch, waitFor } from '../../test/support/stack';

/** Records per sample file, counted independently (python csv module) when the adapters were written. */
const RECORDS: Record<string, number> = {
  linkedin_2023_24: 500,
  linkedin_2024: 500,
  indeed_2019: 1337,
  craigslist_nyc_2019: 204,
  tjfg_indeed_2020: 393,
  tjfg_ectj_2020: 278,
};

const PREFIX = 'e2e-ingest-';

function testConfig(extra: Record<string, string> = {}): AppConfig {
  const quarantine = mkdtempSync(join(tmpdir(), 'quarantine-'));
  return loadConfig({ ...process.env, NODE_ENV: 'test', ES_INDEX_PREFIX: PREFIX, QUARANTINE_DIR: quarantine, ...extra });
}

async function countBySource(es: Client): Promise<Record<string, number>> {
  await es.indices.refresh({ index: `${PREFIX}postings` });
  const res = await es.search({ index: `${PREFIX}postings`, size: 0, aggs: { s: { terms: { field: 'source', size: 20 } } } });
  const buckets = (res.aggregations as { s: { buckets: Array<{ key: string; doc_count: number }> } }).s.buckets;
  return Object.fromEntries(buckets.map((b) => [b.key, b.doc_count]));
}

describe('ingest pipeline into a real Elasticsearch', () => {
  let config: AppConfig;
  let pipeline: IngestPipeline;
  let es: Client;
  const firstRun: Record<string, IngestReport> = {};

  beforeAll(async () => {
    config = testConfig();
    es = createSearchClient({ node: config.elastic.node });
    await deleteIndex(es, 'postings', { prefix: PREFIX });
    pipeline = await createIngestPipeline(config);
  });
  afterAll(async () => {
    await pipeline?.close();
    await es?.close();
  });

  it('imports all six sample sources and accounts for every row', async () => {
    for (const source of SAMPLE_SOURCES) {
      const report = await pipeline.importFile(source, resolve(DATA_DIR, SOURCE_ADAPTERS[source].samplePath!));
      firstRun[source] = report;
      expect(report.read).toBe(RECORDS[source]);
      expect(report.indexed + report.updated + report.unchanged + report.duplicates + report.rejected).toBe(report.read);
      // The real samples are mostly clean: at least 95% of each must be indexed.
      expect(report.indexed).toBeGreaterThanOrEqual(Math.floor(RECORDS[source] * 0.95));
    }
    const counts = await countBySource(es);
    for (const source of SAMPLE_SOURCES) expect(counts[source]).toBe(firstRun[source].indexed);
  });

  it('every indexed posting is normalized: title, fingerprint, a known work mode or none', async () => {
    const res = await es.search({
      index: `${PREFIX}postings`,
      size: 0,
      aggs: {
        modes: { terms: { field: 'work_mode', missing: 'none' } },
        no_title: { missing: { field: 'title.keyword' } },
        no_fp: { missing: { field: 'fingerprint' } },
        with_geo: { filter: { exists: { field: 'geo' } } },
        with_pay: { filter: { exists: { field: 'salary.annual_min' } } },
        with_skills: { filter: { exists: { field: 'skills' } } },
      },
    });
    const a = res.aggregations as Record<string, { doc_count?: number; buckets?: Array<{ key: string }> }>;
    expect(a.no_title.doc_count).toBe(0);
    expect(a.no_fp.doc_count).toBe(0);
    expect(a.modes.buckets!.map((b) => b.key).sort()).toEqual(expect.arrayContaining(['hybrid', 'onsite', 'remote']));
    const total = Object.values(firstRun).reduce((n, r) => n + r.indexed, 0);
    expect(a.with_geo.doc_count!).toBeGreaterThan(total * 0.7);
    expect(a.with_pay.doc_count!).toBeGreaterThan(300);
    expect(a.with_skills.doc_count!).toBeGreaterThan(total * 0.5);
  });

  it('a reimport changes no counts', async () => {
    const before = await countBySource(es);
    for (const source of SAMPLE_SOURCES) {
      const report = await pipeline.importFile(source, resolve(DATA_DIR, SOURCE_ADAPTERS[source].samplePath!));
      expect(report.read).toBe(firstRun[source].read);
      expect(report.indexed).toBe(0);
      expect(report.updated).toBe(0);
      expect(report.unchanged).toBe(firstRun[source].indexed);
      expect(report.rejected).toBe(firstRun[source].rejected);
    }
    expect(await countBySource(es)).toEqual(before);
  });

  it('a repost inside one source shares a fingerprint under a different id', async () => {
    // Tech Jobs for Good lists CyberCoders' "Junior Java Developer" in San Ramon twice, under two URLs.
    const res = await es.search({
      index: `${PREFIX}postings`,
      query: { bool: { filter: [{ term: { source: 'tjfg_indeed_2020' } }, { term: { 'company.keyword': 'CyberCoders' } }, { prefix: { 'title.keyword': 'junior java developer' } }] } },
      _source: ['id', 'fingerprint', 'location.city'],
    });
    const hits = res.hits.hits.map((h) => h._source as { id: string; fingerprint: string });
    expect(hits.length).toBeGreaterThanOrEqual(2);
    expect(new Set(hits.map((h) => h.id)).size).toBe(hits.length);
    expect(new Set(hits.map((h) => h.fingerprint)).size).toBe(1);
  });

  it('the same job seen in two sources shares a fingerprint', async () => {
    // A real LinkedIn 2024 posting (Insight Global, Senior Data Engineer, Tampa) as another board
    // would list it: abbreviated title with a work-mode decoration, legal form on the company.
    const linkedin = await es.search({
      index: `${PREFIX}postings`,
      query: { bool: { filter: [{ term: { source: 'linkedin_2024' } }, { term: { 'company.keyword': 'Insight Global' } }, { term: { 'title.keyword': 'senior data engineer' } }] } },
      _source: ['id', 'fingerprint', 'location'],
    });
    expect(linkedin.hits.hits).toHaveLength(1);
    const original = linkedin.hits.hits[0]._source as { id: string; fingerprint: string; location: { city: string; region_code: string } };
    expect(original.location).toMatchObject({ city: 'Tampa', region_code: 'FL' });

    const dir = mkdtempSync(join(tmpdir(), 'xsource-'));
    const file = join(dir, 'ectj.csv');
    writeFileSync(
      file,
      'Platform,Search_Term,Title,Company,Location,URL,Education,Text,Date_Queried\n' +
        'TJFG,Data,Sr. Data Engineer (Remote),"Insight Global, Inc.","Tampa, Florida",https://techjobsforgood.com/jobs/99999/,,"Build data pipelines in Spark and SQL.",2020-08-02\n',
    );
    const report = await pipeline.importFile('tjfg_ectj_2020', file, { refresh: true });
    expect(report.indexed).toBe(1);
    const copy = await es.search({
      index: `${PREFIX}postings`,
      query: { bool: { filter: [{ term: { source: 'tjfg_ectj_2020' } }, { term: { fingerprint: original.fingerprint } }] } },
      _source: ['id', 'title'],
    });
    expect(copy.hits.hits).toHaveLength(1);
    expect((copy.hits.hits[0]._source as { id: string }).id).not.toBe(original.id);
  });

  it('a malformed file yields rejects with reasons in the quarantine, and no crash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bad-'));
    const file = join(dir, 'craigslist-broken.csv');
    writeFileSync(
      file,
      [
        'posting_id,url,title,neighborhood,compensation,employment_type,description',
        '1001,https://newyork.craigslist.org/mnh/egr/d/a/1001.html,Civil Engineer,Manhattan,$80k,full-time,Design roads',
        '1002,https://newyork.craigslist.org/mnh/egr/d/b/1002.html,"Broken "quote" title,Brooklyn,,,x',
        '1003,https://newyork.craigslist.org/mnh/egr/d/c/1003.html,,Queens,,,no title here',
        '@@@,%%%,,,,,',
        '1004,https://newyork.craigslist.org/mnh/egr/d/d/1004.html,Electrical Engineer,Bronx,$45/hr,contract,Wire things',
      ].join('\n'),
    );
    const report = await pipeline.importFile('craigslist_nyc_2019', file);
    expect(report.read).toBe(5);
    expect(report.indexed).toBe(2);
    expect(report.rejected).toBe(3);
    expect(Object.keys(report.rejectedByReason).sort()).toEqual(expect.arrayContaining(['missing_title']));
    const lines = readFileSync(report.quarantinePath!, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    for (const l of lines) {
      expect(typeof l.reason).toBe('string');
      expect(typeof l.detail).toBe('string');
      expect(l.raw).toBeDefined();
    }
  });

  it('an unknown source or a missing file is a clear error before anything is indexed', async () => {
    await expect(pipeline.importFile('monster_2030', '/tmp/x.csv')).rejects.toThrow(/Unknown source "monster_2030". Valid sources: .*indeed_2019/);
    await expect(pipeline.importFile('indeed_2019', '/no/such/file.csv')).rejects.toMatchObject({ code: 'file_not_found' });
  });
});

describe('ingest CLI', () => {
  const cli = resolve(REPO_ROOT, 'workers/dist/cli/ingest.js');
  const PREFIX_CLI = 'e2e-cli-';

  function run(args: string[], env: Record<string, string>, onOutput?: (chunk: string) => void): Promise<{ code: number; out: string; stdout: string }> {
    return new Promise((done) => {
      const child = spawn('node', [cli, ...args], { env: { ...process.env, NODE_ENV: 'test', ES_INDEX_PREFIX: PREFIX_CLI, ...env }, cwd: REPO_ROOT });
      let out = '';
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      const take = (d: Buffer) => {
        out += d.toString();
        onOutput?.(d.toString());
      };
      child.stdout.on('data', take);
      child.stderr.on('data', take);
      child.on('close', (code) => done({ code: code ?? -1, out, stdout }));
    });
  }

  it('explains bad arguments and exits non-zero', async () => {
    const unknown = await run(['--source', 'nope', '--path', '/tmp/x.csv'], {});
    expect(unknown.code).toBe(1);
    expect(unknown.out).toMatch(/Unknown source "nope"/);
    const noFile = await run(['--source', 'indeed_2019', '--path', '/no/such.csv'], {});
    expect(noFile.code).toBe(1);
    expect(noFile.out).toMatch(/File not found: \/no\/such\.csv/);
    const dir = mkdtempSync(join(tmpdir(), 'cols-'));
    const noColumns = join(dir, 'indeed.csv');
    writeFileSync(noColumns, 'indeed_jk,headline\nabc,Data Engineer\n');
    const missing = await run(['--source', 'indeed_2019', '--path', noColumns], {});
    expect(missing.code).toBe(1);
    expect(missing.out).toMatch(/title/);
    expect(missing.out).toMatch(/NOT IMPORTED/);
    const usage = await run(['--bogus'], {});
    expect(usage.code).toBe(2);
    expect(usage.out).toMatch(/Unknown option --bogus/);
  });

  it('retries while Elasticsearch is stopped mid-import, fails clearly, and a rerun completes without duplicates', async () => {
    const es = createSearchClient({ node: loadConfig().elastic.node });
    await deleteIndex(es, 'postings', { prefix: PREFIX_CLI });
    const file = resolve(DATA_DIR, SOURCE_ADAPTERS.indeed_2019.samplePath!);
    const env = { INGEST_BATCH_SIZE: '25', INGEST_RETRY_ATTEMPTS: '3', INGEST_RETRY_DELAY_MS: '300' };
    let stopped = false;
    const first = run(['--source', 'indeed_2019', '--path', file], env);
    // Stop Elasticsearch as soon as the first postings are searchable: the import is under way.
    await waitFor(async () => {
      const r = await fetch(`${loadConfig().elastic.node}/${PREFIX_CLI}postings/_count`);
      return r.ok && ((await r.json()) as { count: number }).count > 0;
    }, 60_000, 50);
    try {
      stopElasticsearch();
      stopped = true;
      const failed = await first;
      expect(failed.code).toBe(1);
      expect(failed.out).toMatch(/retry 1/);
      expect(failed.out).toMatch(/Import stopped: Elasticsearch did not accept the batch after 3 attempts/);
      expect(failed.out).toMatch(/run the same import again/);
    } finally {
      if (stopped) startElasticsearch();
    }
    const rerun = await run(['--source', 'indeed_2019', '--path', file, '--json', '--refresh'], {});
    expect(rerun.code).toBe(0);
    const report = JSON.parse(rerun.stdout).reports[0] as IngestReport;
    expect(report.read).toBe(RECORDS.indeed_2019);
    expect(report.indexed + report.unchanged).toBe(report.read - report.rejected - report.duplicates);
    expect(report.unchanged).toBeGreaterThan(0);
    const count = await es.count({ index: `${PREFIX_CLI}postings` });
    expect(count.count).toBe(report.indexed + report.unchanged);
    await es.close();
  });
});
