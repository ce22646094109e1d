import { decodeCursor, encodeCursor } from './cursor';

describe('cursor', () => {
  it('round-trips sort values as URL-safe text', () => {
    const values = [12.345678, 1713570000000, 'a/b+c?'];
    const cursor = encodeCursor(values);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, 'relevance')).toEqual(values);
  });

  it('keeps the sort values Elasticsearch uses for missing fields', () => {
    expect(decodeCursor(encodeCursor(['-Infinity', 'id']), 'pay')).toEqual(['-Infinity', 'id']);
    expect(decodeCursor(encodeCursor([0, 'id']), 'date')).toEqual([0, 'id']);
  });

  it('refuses what is not a cursor of that sort', () => {
    expect(decodeCursor('not base64!', 'date')).toBeNull();
    expect(decodeCursor(Buffer.from('{"a":1}').toString('base64url'), 'date')).toBeNull();
    expect(decodeCursor(Buffer.from('[1,').toString('base64url'), 'date')).toBeNull();
    expect(decodeCursor(encodeCursor([1, 2, 'id']), 'date')).toBeNull();
    expect(decodeCursor(encodeCursor([1, 'id']), 'relevance')).toBeNull();
    expect(decodeCursor(encodeCursor([1, 2]), 'date')).toBeNull();
    expect(decodeCursor(Buffer.from('[{"x":1},"id"]').toString('base64url'), 'date')).toBeNull();
    expect(decodeCursor('', 'date')).toBeNull();
  });

  it('defaults to the relevance sort', () => {
    expect(decodeCursor(encodeCursor([1, 2, 'id']))).toEqual([1, 2, 'id']);
  });
});
