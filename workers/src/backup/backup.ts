import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { AppConfig } from '@jobportal/config';
import { createSearchClient, ensureSnapshotRepository, restoreAppIndices, snapshotAppIndices } from '@jobportal/search';

const run = promisify(execFile);

/** What a backup folder holds; `npm run restore` reads it back. */
export interface BackupManifest {
  version: 1;
  createdAt: string;
  database: { file: string; tables: Record<string, number> };
  elasticsearch: { repository: string; location: string; snapshot: string; indices: string[]; counts: Record<string, number> };
}

const MANIFEST = 'manifest.json';
/** Tables whose row counts the manifest records, so a restore can be checked against them. */
const COUNTED_TABLES = ['users', 'saved_jobs', 'saved_searches'];

function repositoryName(config: AppConfig): string {
  return `${config.elastic.indexPrefix}jobportal-backups`;
}

async function tableCounts(databaseUrl: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of COUNTED_TABLES) {
    const { stdout } = await run('psql', [databaseUrl, '-XtAc', `SELECT count(*) FROM ${table}`]);
    counts[table] = Number(stdout.trim());
  }
  return counts;
}

function toolError(tool: string, err: unknown): Error {
  const e = err as { code?: string; stderr?: string; message?: string };
  if (e.code === 'ENOENT') return new Error(`${tool} is not installed; install the PostgreSQL client (apt-get install -y postgresql-client).`);
  return new Error(`${tool} failed: ${(e.stderr || e.message || String(err)).trim()}`);
}

/** PostgreSQL dump (custom format) and an Elasticsearch snapshot of the app's indices, into one folder. */
export async function createBackup(config: AppConfig, out?: string, log: (m: string) => void = () => undefined): Promise<{ dir: string; manifest: BackupManifest }> {
  const createdAt = new Date().toISOString();
  const stamp = createdAt.replace(/[-:]/g, '').replace(/\..*/, '').toLowerCase();
  const dir = resolve(out ?? join(config.backup.dir, stamp));
  await mkdir(dir, { recursive: true });
  log(`PostgreSQL: dumping ${new URL(config.database.url).pathname.slice(1)} ...`);
  await run('pg_dump', ['--format=custom', '--no-owner', '--file', join(dir, 'postgres.dump'), config.database.url]).catch((err) => {
    throw toolError('pg_dump', err);
  });
  const tables = await tableCounts(config.database.url).catch((err) => {
    throw toolError('psql', err);
  });
  const es = createSearchClient({ node: config.elastic.node, requestTimeoutMs: 600_000 });
  try {
    const repository = repositoryName(config);
    await ensureSnapshotRepository(es, repository, config.backup.esLocation);
    const snapshot = `${config.elastic.indexPrefix}snapshot-${stamp}`;
    log(`Elasticsearch: snapshot ${snapshot} into repository ${repository} ...`);
    const snap = await snapshotAppIndices(es, repository, snapshot, config.elastic.indexPrefix);
    const manifest: BackupManifest = {
      version: 1,
      createdAt,
      database: { file: 'postgres.dump', tables },
      elasticsearch: { repository, location: config.backup.esLocation, snapshot, indices: snap.indices, counts: snap.counts },
    };
    await writeFile(join(dir, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
    return { dir, manifest };
  } finally {
    await es.close();
  }
}

/** Puts a backup back: the database is replaced table by table, the snapshotted indices are replaced with their aliases. */
export async function restoreBackup(config: AppConfig, dir: string, log: (m: string) => void = () => undefined): Promise<BackupManifest> {
  const path = join(resolve(dir), MANIFEST);
  const manifest = JSON.parse(await readFile(path, 'utf8').catch(() => {
    throw new Error(`No backup at ${resolve(dir)} (${MANIFEST} is missing); give the folder that npm run backup printed.`);
  })) as BackupManifest;
  log(`PostgreSQL: restoring ${manifest.database.file} (${JSON.stringify(manifest.database.tables)}) ...`);
  await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--dbname', config.database.url, join(resolve(dir), manifest.database.file)]).catch((err) => {
    throw toolError('pg_restore', err);
  });
  const es = createSearchClient({ node: config.elastic.node, requestTimeoutMs: 600_000 });
  try {
    const { repository, location, snapshot, indices } = manifest.elasticsearch;
    await ensureSnapshotRepository(es, repository, location);
    log(`Elasticsearch: restoring ${snapshot} (${indices.join(', ')}) ...`);
    await restoreAppIndices(es, repository, snapshot, indices);
  } finally {
    await es.close();
  }
  return manifest;
}
