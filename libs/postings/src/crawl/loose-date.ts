import { normalizeDate } from '../normalize/normalize-date';

/**
 * A date from a page as the pipeline's date normalizer reads it, or, for the forms sites write
 * that it does not take ("2019-12-05 14:34:00 +0000", "Thu, 05 Dec 2019 14:34:00 GMT"), the ISO
 * form of what Date.parse makes of it. Unparseable text is null, never an error.
 */
export function looseDate(value: unknown): string | number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (!s) return null;
  if (normalizeDate(s) !== null) return s;
  const t = Date.parse(s.replace(/^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})/, '$1T$2').replace(/ ([+-]\d{2}):?(\d{2})$/, '$1:$2'));
  if (Number.isFinite(t)) return new Date(t).toISOString();
  const t2 = Date.parse(s);
  return Number.isFinite(t2) ? new Date(t2).toISOString() : null;
}
