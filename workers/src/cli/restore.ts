import { ConfigError, loadConfig } from '@jobportal/config';
import { SnapshotRepositoryError } from '@jobportal/search';
import { restoreBackup } from '../backup/backup';
import { parseCliArgs, runCli, UsageError } from './args';

const USAGE = `Usage:
  npm run restore -- --from <dir>
Replaces the PostgreSQL database's tables with <dir>/postgres.dump and the Elasticsearch indices
with the snapshot named in <dir>/manifest.json (written by npm run backup). Stop the backend and
workers first: what was written after the backup is lost.`;

async function main(): Promise<number> {
  const args = parseCliArgs(process.argv.slice(2), { from: 'string' }, USAGE, (a) => {
    if (typeof a.from !== 'string') throw new UsageError('--from <dir> is required.');
    return { from: a.from };
  });
  if (typeof args === 'number') return args;
  const manifest = await restoreBackup(loadConfig(), args.from, (m) => console.error(m));
  console.log(`Restored the backup of ${manifest.createdAt}: tables ${JSON.stringify(manifest.database.tables)}, indices ${JSON.stringify(manifest.elasticsearch.counts)}`);
  return 0;
}

runCli(main, [ConfigError, SnapshotRepositoryError], (err) => (err instanceof Error ? err.message : undefined));
