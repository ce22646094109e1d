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
  postings: 1,
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

/** Creates the current version of the index and points the alias at it, unless the alias already exists. */
export async function ensureIndex(client: Client, name: IndexName, opts: EnsureIndexOptions = {}): Promise<{ alias: string; index: string; created: boolean }> {
  const prefix = opts.prefix ?? '';
  const alias = `${prefix}${name}`;
  try {
    const exists = await client.indices.existsAlias({ name: alias });
    if (exists) {
      const current = await client.indices.getAlias({ name: alias });
      return { alias, index: Object.keys(current)[0], created: false };
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
    return { alias, index, created: !indexExists };
  } catch (err) {
    throw toSearchError(err, `ensure index ${alias}`);
  }
}

/** Removes the alias and every concrete version behind the prefix: for tests and `--reset`. */
export async function deleteIndex(client: Client, name: IndexName, opts: EnsureIndexOptions = {}): Promise<void> {
  const prefix = opts.prefix ?? '';
  await client.indices.delete({ index: `${prefix}${name}-v*`, ignore_unavailable: true, allow_no_indices: true });
}
