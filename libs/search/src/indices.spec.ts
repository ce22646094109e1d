import { INDEX_VERSIONS, indexVersionOf, swapAliasActions, versionedIndexName } from './indices';

describe('versioned index names', () => {
  it('stamps the current version with the UTC time, inside deleteIndex pattern <prefix>postings-v*', () => {
    const name = versionedIndexName('postings', 'e2e-', new Date('2026-11-22T01:02:03.456Z'));
    expect(name).toBe(`e2e-postings-v${INDEX_VERSIONS.postings}-20261122010203`);
    expect(name.startsWith('e2e-postings-v')).toBe(true);
    // Elasticsearch index names must be lowercase.
    expect(name).toBe(name.toLowerCase());
  });
});

describe('alias swap', () => {
  it('removes and adds in one call, and fails if the alias moved meanwhile', () => {
    expect(swapAliasActions('postings', 'postings-v1', 'postings-v1-20261122010203')).toEqual([
      { remove: { index: 'postings-v1', alias: 'postings', must_exist: true } },
      { add: { index: 'postings-v1-20261122010203', alias: 'postings' } },
    ]);
  });
});

describe('indexVersionOf', () => {
  it('reads the mapping version of a concrete name, rebuilt or not, behind its prefix', () => {
    expect(indexVersionOf('postings', 'postings-v2')).toBe(2);
    expect(indexVersionOf('postings', 'e2e.x-postings-v3-20261122010203', 'e2e.x-')).toBe(3);
    expect(indexVersionOf('postings', 'other-postings-v2', 'e2e-')).toBeNull();
  });
});
