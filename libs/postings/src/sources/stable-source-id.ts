import { createHash } from 'node:crypto';

/**
 * A source id for rows that carry none: sha1 of the given parts, so the same row read again gets
 * the same id (and the same document id downstream). Missing parts count as empty strings.
 */
export function stableSourceId(...parts: Array<string | null | undefined>): string {
  return createHash('sha1')
    .update(parts.map((part) => part ?? '').join('\u001f'))
    .digest('hex');
}
