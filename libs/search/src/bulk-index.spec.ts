import type { PostingDocument } from '@jobportal/contracts';
import { buildPostingsCreateBody, buildPostingsIndexBody, buildPostingsUpdateBody } from './bulk-index';

const doc = { id: 'abc', title: 'Line Cook', ingested_at: '2026-11-21T00:00:00.000Z' } as PostingDocument;

describe('postings bulk bodies', () => {
  it('creates new postings whole, first-seen time included', () => {
    expect(buildPostingsCreateBody('postings-v1', [doc])).toEqual([{ create: { _index: 'postings-v1', _id: 'abc' } }, doc]);
  });

  it('updates existing postings without touching their first-seen time, as a no-op when unchanged', () => {
    expect(buildPostingsUpdateBody('postings-v1', [doc])).toEqual([
      { update: { _index: 'postings-v1', _id: 'abc', retry_on_conflict: 3 } },
      { doc: { id: 'abc', title: 'Line Cook' }, detect_noop: true },
    ]);
  });
});

describe('postings copy body', () => {
  it('writes whole documents under their ids, replacing what is there', () => {
    expect(buildPostingsIndexBody('postings-v1-20261122010203', [doc])).toEqual([{ index: { _index: 'postings-v1-20261122010203', _id: 'abc' } }, doc]);
  });
});
