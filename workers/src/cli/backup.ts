import { ConfigError, loadConfig } from '@jobportal/config';
import { SnapshotRepositoryError } from '@jobportal/search';
import { createBackup } from '../backup/backup';
import { parseCliArgs, runCli } from './args';

const USAGE = `Usage:
  npm run backup [-- --out <dir>]
Dumps the PostgreSQL database (DATABASE_URL) with pg_dump and snapshots the Elasticsearch indices
(ES_INDEX_PREFIX postings, occupations) into an fs repository under the node's path.repo.
Writes <dir>/postgres.dump and <dir>/manifest.json (default dir: BACKUP_DIR/<timestamp>).
Restore with: npm run restore -- --from <dir>`;

async function main(): Promise<number> {
  const args = parseCliArgs(process.argv.slice(2), { out: 'string' }, USAGE);
  if (typeof args === 'number') return args;
  const config = loadConfig();
  const { dir, manifest } = await createBackup(config, typeof args.out === 'string' ? args.out : undefined, (m) => console.error(m));
  console.log(`Backup written to ${dir}: tables ${JSON.stringify(manifest.database.tables)}, snapshot ${manifest.elasticsearch.snapshot} (${JSON.stringify(manifest.elasticsearch.counts)})`);
  return 0;
}

runCli(main, [ConfigError, SnapshotRepositoryError], (err) => (err instanceof Error ? err.message : undefined));
