import type { Client } from './client';
import { aliasTarget } from './indices';

/** The app's indices (behind the `postings` and `occupations` aliases) under one prefix. */
function appIndexPatterns(prefix: string): string[] {
  return [`${prefix}postings-v*`, `${prefix}occupations-v*`];
}

export class SnapshotRepositoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotRepositoryError';
  }
}

/**
 * Registers (idempotently) a shared-filesystem snapshot repository. `location` is resolved under
 * the node's `path.repo` (elastic/stack.sh sets it to <ES base>/snapshots); a node without path.repo
 * refuses, and the error says what to do.
 */
export async function ensureSnapshotRepository(client: Client, repository: string, location: string): Promise<void> {
  try {
    await client.snapshot.createRepository({ name: repository, repository: { type: 'fs', settings: { location, compress: true } } });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new SnapshotRepositoryError(
      `Elasticsearch cannot use the snapshot repository "${repository}" at "${location}" (${reason}). The node needs path.repo set to a folder it can write: restart it with "npm run stack:up" after "npm run stack:down" (elastic/stack.sh sets path.repo), or add path.repo to elasticsearch.yml.`,
    );
  }
}

export interface SnapshotResult {
  snapshot: string;
  indices: string[];
  /** Documents per alias at the time of the snapshot. */
  counts: Record<string, number>;
}

/** Snapshots the app's indices with their aliases (not the cluster state), waiting until done. */
export async function snapshotAppIndices(client: Client, repository: string, snapshot: string, prefix = ''): Promise<SnapshotResult> {
  const res = await client.snapshot.create({
    repository,
    snapshot,
    indices: appIndexPatterns(prefix).join(','),
    ignore_unavailable: true,
    include_global_state: false,
    wait_for_completion: true,
  });
  const info = res.snapshot;
  if (!info || info.state !== 'SUCCESS') throw new Error(`Snapshot ${snapshot} ended ${info?.state ?? 'without a state'}: ${JSON.stringify(info?.failures ?? [])}`);
  const counts: Record<string, number> = {};
  for (const alias of [`${prefix}postings`, `${prefix}occupations`]) {
    if (await aliasTarget(client, alias)) counts[alias] = (await client.count({ index: alias })).count;
  }
  return { snapshot, indices: info.indices ?? [], counts };
}

/**
 * Restores a snapshot over the live indices: the indices it holds are deleted first (a restore
 * cannot overwrite an open index), then brought back with their aliases.
 */
export async function restoreAppIndices(client: Client, repository: string, snapshot: string, indices: string[]): Promise<void> {
  if (indices.length > 0) await client.indices.delete({ index: indices.join(','), ignore_unavailable: true, allow_no_indices: true });
  await client.snapshot.restore({ repository, snapshot, indices: indices.join(','), include_aliases: true, include_global_state: false, wait_for_completion: true });
  await client.cluster.health({ index: indices.join(','), wait_for_status: 'yellow', timeout: '60s' });
}
