import { ConfigError, loadConfig } from '@jobportal/config';
import { loadOccupations, OccupationDataError } from '@jobportal/occupations';
import { createSearchClient, indexOccupations, SearchUnavailableError } from '@jobportal/search';
import { parseCliArgs, runCli } from './args';

const USAGE = `Usage:
  npm run index:occupations [-- --reset]
Loads the O*NET 29.3 profiles (with SOC 2018, OEWS wages and BLS projections) from DATA_DIR and
indexes them into the "occupations" alias (ES_INDEX_PREFIX applies). Running it again replaces
every profile in place; --reset drops the index first, so occupations no longer in the data go too.`;

async function main(): Promise<number> {
  const args = parseCliArgs(process.argv.slice(2), { reset: 'boolean' }, USAGE);
  if (typeof args === 'number') return args;
  const config = loadConfig();
  const started = Date.now();
  const catalog = await loadOccupations(config.data.dir);
  console.error(`[occupations] loaded ${catalog.occupations.size} occupations (${catalog.onetVersion}) from ${config.data.dir}`);

  const es = createSearchClient({ node: config.elastic.node });
  try {
    let lastLine = 0;
    const result = await indexOccupations(es, catalog.occupations.values(), {
      prefix: config.elastic.indexPrefix,
      reset: Boolean(args.reset),
      onProgress: (done, total) => {
        // One line every 2 s and at the end: readable on a terminal and in CI logs alike.
        if (done < total && Date.now() - lastLine < 2000) return;
        lastLine = Date.now();
        process.stderr.write(`[occupations] indexed ${done}/${total} (${Math.round((100 * done) / Math.max(total, 1))}%)\n`);
      },
    });
    for (const f of result.failed.slice(0, 10)) console.error(`[occupations] ${f.onetCode} rejected (${f.status}): ${f.reason}`);
    console.log(
      `Indexed ${result.indexed} occupations into ${result.alias} (${result.index}) in ${((Date.now() - started) / 1000).toFixed(1)} s` +
        (result.failed.length ? `; ${result.failed.length} rejected` : ''),
    );
    return result.failed.length ? 1 : 0;
  } finally {
    await es.close();
  }
}

runCli(main, [ConfigError, OccupationDataError, SearchUnavailableError]);
