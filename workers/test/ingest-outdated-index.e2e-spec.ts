import { loadConfig } from '@jobportal/config';
import { buildJobSearchRequest, loadIndexDefinition, mapJobSearchResponse } from '@jobportal/search';
import { createIngestPipeline, OutdatedIndexError, type IngestPipeline } from '../src/ingest/ingest-pipeline';

/**
 * An alias left on a postings v2 index (before the liveness fields): the strict mapping would
 * reject every v3 document, so the pipeline refuses up front and names the upgrade; searches keep
 * working, its postings (no status) count as live.
 */
const stamp = `${process.pid}-${Date.now()}`;
const config = loadConfig({ ...process.env, NODE_ENV: 'test', ES_INDEX_PREFIX: `e2e-outdated-${stamp}-` });
const alias = `${config.elastic.indexPrefix}postings`;
let pipeline: IngestPipeline;

beforeAll(async () => {
  pipeline = await createIngestPipeline(config, undefined, { classify: false });
  const def = loadIndexDefinition('postings');
  const props = { ...(def.mappings as { properties: Record<string, unknown> }).properties };
  for (const f of ['status', 'expired_at', 'expiry_reason']) delete props[f];
  await pipeline.es.indices.create({ index: `${alias}-v2`, settings: def.settings, mappings: { ...def.mappings, properties: props }, aliases: { [alias]: {} } } as never);
  await pipeline.es.index({ index: alias, id: 'old-1', refresh: true, document: { id: 'old-1', source: 'generated', source_id: 'old-1', title: 'Harbor Pilot', description: 'Bring ships in.', fingerprint: 'fp-old-1', location: { text: null }, skills: [], ingested_at: '2026-01-01T00:00:00Z' } });
});

afterAll(async () => {
  await pipeline.es.indices.delete({ index: `${config.elastic.indexPrefix}*` }).catch(() => undefined);
  await pipeline.close();
});

it('refuses to import into an older mapping, naming reclassify; its postings still show in search as live', async () => {
  const rows = [{ source: 'generated' as const, sourceId: 'new-1', rowNumber: 1, title: 'Harbor Pilot', description: 'Bring ships in safely.' }];
  const err = await pipeline.importPostings('generated', 'outdated', rows).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(OutdatedIndexError);
  expect((err as Error).message).toMatch(/npm run reclassify/);
  const res = await pipeline.es.search(buildJobSearchRequest({ q: 'harbor pilot' }, { index: alias, now: new Date() }));
  expect(mapJobSearchResponse(res, { q: 'harbor pilot' }).hits.map((h) => h.id)).toEqual(['old-1']);
});
