import type { SearchSort } from '@jobportal/contracts';

export type SortValue = string | number | null;

/** How many sort values a cursor of each sort carries (the last is always the posting id). */
export const CURSOR_LENGTH: Readonly<Record<SearchSort, number>> = { relevance: 3, date: 2, pay: 2 };

/** A page's `nextCursor`: the last hit's sort values as base64url JSON, opaque to the browser. */
export function encodeCursor(sort: readonly SortValue[]): string {
  return Buffer.from(JSON.stringify(sort), 'utf8').toString('base64url');
}

/** The sort values of a cursor, or null when it is not one (wrong encoding, shape or length). */
export function decodeCursor(cursor: string, sort: SearchSort = 'relevance'): SortValue[] | null {
  if (!/^[A-Za-z0-9_-]{1,2048}$/.test(cursor)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== CURSOR_LENGTH[sort]) return null;
  const ok = parsed.every((v) => v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)));
  // The tie-breaker is the posting id, always a string.
  if (!ok || typeof parsed[parsed.length - 1] !== 'string') return null;
  return parsed as SortValue[];
}
