import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Client } from '@elastic/elasticsearch';
import { toSearchError } from './client';

/**
 * Index definitions live in elastic/indices/<name>.json. Each logical index is an alias over a
 * versioned concrete index (postings -> postings-v1), so a mapping change is a new version built
 * beside the old one and an atomic alias swap, never a destructive in-place edit.
 */
export const INDEX_VERSIONS = {
  // v3: status / expired_at / expiry_reason (posting liveness, issue 10).
  postings: 3,
  occupations: 1,
} as const;
export type IndexName = keyof typeof INDEX_VERSIONS;

const ELASTIC_DIR = resolve(__dirname, '../../../elastic/indices');

export function loadIndexDefinition(name: IndexName): { settings: Record<string, unknown>; mappings: Record<string, unknown> } {
  return JSON.parse(readFileSync(resolve(ELASTIC_DIR, `${name}.json`), 'utf8'));
}

export function concreteIndexName(name: IndexName, version: number = INDEX_VERSIONS[name], prefix = ''): string {
  return `${prefix}${name}-v${version}`;
}

export interface EnsureIndexOptions {
  /** Prefix for alias and index names, so tests can run beside the real data (e.g. "test-"). */
  prefix?: string;
}

/** The mapping version of a concrete index name (`<prefix><name>-v<N>[-<stamp>]`), or null. */
export function indexVersionOf(name: IndexName, index: string, prefix = ''): number | null {
  const m = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${name}-v(\\d+)(?:-\\d{14})?$`).exec(index);
  return m ? Number(m[1]) : null;
}

/**
 * Creates the current version of the index and points the alias at it, unless the alias already
 * exists. `outdated`: the alias points at an older mapping version (rebuild it with reclassify).
 */
export async function ensureIndex(client: Client, name: IndexName, opts: EnsureIndexOptions = {}): Promise<{ alias: string; index: string; created: boolean; outdated: boolean }> {
  const prefix = opts.prefix ?? '';
  const alias = `${prefix}${name}`;
  try {
    const exists = await client.indices.existsAlias({ name: alias });
    if (exists) {
      const current = await client.indices.getAlias({ name: alias });
      const index = Object.keys(current)[0];
      const version = indexVersionOf(name, index, prefix);
      const outdated = version !== null && version < INDEX_VERSIONS[name];
      // An older version is rebuilt by `npm run reclassify` (its mapping may differ in more than new
      // fields); an index of this version gets the fields added to its definition since it was made.
      if (!outdated) await putCurrentMappings(client, name, index);
      return { alias, index, created: false, outdated };
    }
    const index = concreteIndexName(name, INDEX_VERSIONS[name], prefix);
    const def = loadIndexDefinition(name);
    const indexExists = await client.indices.exists({ index });
    if (!indexExists) {
      await client.indices.create({ index, settings: def.settings, mappings: def.mappings, aliases: { [alias]: {} } } as never);
    } else {
      await client.indices.putAlias({ index, name: alias });
    }
    await client.cluster.health({ index, wait_for_status: 'yellow', timeout: '30s' });
    return { alias, index, created: !indexExists, outdated: false };
  } catch (err) {
    throw toSearchError(err, `ensure index ${alias}`);
  }
}

/**
 * Adds the fields the definition has gained since `index` was created (e.g. soc.coded_by, issue
 * 13) to its mapping. Only additive changes pass: Elasticsearch rejects a changed field type,
 * which still needs a new version and a rebuild (reclassify). Fields already mapped the same way
 * are a no-op, so this is safe to repeat.
 */
export async function putCurrentMappings(client: Client, name: IndexName, index: string): Promise<void> {
  try {
    await client.indices.putMapping({ index, ...loadIndexDefinition(name).mappings } as never);
  } catch (err) {
    throw toSearchError(err, `update the mapping of ${index}`);
  }
}

/** Removes the alias and every concrete version behind the prefix: for tests and `--reset`. */
export async function deleteIndex(client: Client, name: IndexName, opts: EnsureIndexOptions = {}): Promise<void> {
  const prefix = opts.prefix ?? '';
  await client.indices.delete({ index: `${prefix}${name}-v*`, ignore_unavailable: true, allow_no_indices: true });
}

/**
 * `<prefix><name>-v<version>-<yyyymmddhhmmss>`: a rebuild of the current version beside the live
 * one (reclassify). It still matches deleteIndex's `<prefix><name>-v*`.
 */
export function versionedIndexName(name: IndexName, prefix = '', at: Date = new Date()): string {
  const stamp = at.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${concreteIndexName(name, INDEX_VERSIONS[name], prefix)}-${stamp}`;
}

/** The concrete index an alias points at, or null when the alias does not exist. */
export async function aliasTarget(client: Client, alias: string): Promise<string | null> {
  try {
    const res = await client.indices.getAlias({ name: alias }, { ignore: [404] });
    const indices = Object.keys(res ?? {}).filter((k) => k !== 'error' && k !== 'status');
    if (indices.length > 1) throw new Error(`Alias ${alias} points at ${indices.length} indices (${indices.join(', ')}); expected one.`);
    return indices[0] ?? null;
  } catch (err) {
    throw toSearchError(err, `read alias ${alias}`);
  }
}

export interface CreateVersionedIndexOptions extends EnsureIndexOptions {
  /** Refreshes off while it is bulk-loaded; finishLoading() turns them back on. */
  loading?: boolean;
  at?: Date;
}

/** Creates a new concrete index with the current definition and no alias (see swapAlias). */
export async function createVersionedIndex(client: Client, name: IndexName, opts: CreateVersionedIndexOptions = {}): Promise<string> {
  const index = versionedIndexName(name, opts.prefix ?? '', opts.at);
  const def = loadIndexDefinition(name);
  const settings = opts.loading ? { ...def.settings, refresh_interval: '-1' } : def.settings;
  try {
    await client.indices.create({ index, settings, mappings: def.mappings } as never);
    await client.cluster.health({ index, wait_for_status: 'yellow', timeout: '30s' });
  } catch (err) {
    throw toSearchError(err, `create index ${index}`);
  }
  return index;
}

/** Restores the definition's refresh interval after a bulk load and makes everything loaded searchable. */
export async function finishLoading(client: Client, name: IndexName, index: string): Promise<void> {
  // null resets the setting to Elasticsearch's default when the definition leaves it out.
  const interval = (loadIndexDefinition(name).settings.refresh_interval as string | undefined) ?? null;
  try {
    await client.indices.putSettings({ index, settings: { refresh_interval: interval as string } });
    await client.indices.refresh({ index });
  } catch (err) {
    throw toSearchError(err, `finish loading ${index}`);
  }
}

/** The body of an atomic alias move: both actions in one _aliases call, so searches never see no index. */
export function swapAliasActions(alias: string, from: string, to: string): object[] {
  // must_exist: if another swap moved the alias meanwhile, the whole call fails and nothing changes.
  return [{ remove: { index: from, alias, must_exist: true } }, { add: { index: to, alias } }];
}

/** Points `alias` from `from` to `to` atomically. */
export async function swapAlias(client: Client, alias: string, from: string, to: string): Promise<void> {
  try {
    await client.indices.updateAliases({ actions: swapAliasActions(alias, from, to) as never });
  } catch (err) {
    throw toSearchError(err, `swap alias ${alias} from ${from} to ${to}`);
  }
}

/** Deletes one concrete index (never a pattern): e.g. the version an alias swap left behind. */
export async function deleteConcreteIndex(client: Client, index: string): Promise<void> {
  try {
    await client.indices.delete({ index, ignore_unavailable: true });
  } catch (err) {
    throw toSearchError(err, `delete index ${index}`);
  }
}
