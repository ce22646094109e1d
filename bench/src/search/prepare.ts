import { parseArgs } from 'node:util';
import { loadConfig } from '@jobportal/config';
import { createSearchClient } from '@jobportal/search';
import { datasetPrefix, ensureGeneratedFile, ensureIndexedDataset } from './dataset';

/** Generates and imports the bench:search datasets ahead of a run: node bench/dist/search/prepare.js --count 1000000 */
async function main() {
  const { values } = parseArgs({ options: { count: { type: 'string', default: '100000' }, seed: { type: 'string', default: '42' }, prefix: { type: 'string' } } });
  const count = Number(values.count);
  const config = loadConfig();
  const es = createSearchClient({ node: config.elastic.node, requestTimeoutMs: 600_000, maxRetries: 0 });
  try {
    const file = await ensureGeneratedFile(config, count, Number(values.seed));
    await ensureIndexedDataset(es, config, file, values.prefix ?? datasetPrefix(count));
  } finally {
    await es.close();
  }
}
main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
