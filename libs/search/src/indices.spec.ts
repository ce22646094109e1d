import { INDEX_VERSIONS, swapAliasActions, versionedIndexName } from './indices';

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
