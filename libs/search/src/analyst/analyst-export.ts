import type { estypes } from '@elastic/elasticsearch';
import { ANALYST_DEFAULT_EXPORT_FIELDS, ANALYST_EXPORT_FORMATS, ANALYST_LIMITS, type AnalystExportFormat } from '@jobportal/contracts';
import { analystField } from './analyst-fields';
import { AnalystProblems, AnalystRequestError, checkAnalystFilter, fieldValue, sourcePath, type CheckedFilter } from './analyst-request';

export interface AnalystExportPlan extends CheckedFilter {
  format: AnalystExportFormat;
  fields: string[];
  limit: number;
}

/** POST /api/analyst/export's body, checked like a query; throws AnalystRequestError. */
export function checkAnalystExport(body: { query?: unknown; time?: unknown; format?: unknown; fields?: unknown; limit?: unknown }): AnalystExportPlan {
  const p = new AnalystProblems();
  let format: AnalystExportFormat = 'csv';
  if (typeof body.format !== 'string' || !(ANALYST_EXPORT_FORMATS as readonly string[]).includes(body.format)) {
    p.add('format', `must be one of: ${ANALYST_EXPORT_FORMATS.join(', ')}`);
  } else format = body.format as AnalystExportFormat;
  let fields: string[] = [...ANALYST_DEFAULT_EXPORT_FIELDS];
  if (body.fields !== undefined && body.fields !== null) {
    if (!Array.isArray(body.fields) || body.fields.length === 0 || body.fields.length > ANALYST_LIMITS.exportFields) {
      p.add('fields', `must be a list of 1 to ${ANALYST_LIMITS.exportFields} field names`);
    } else {
      body.fields.forEach((f: unknown, i) => {
        if (typeof f !== 'string' || !analystField(f)) p.add(`fields[${i}]`, `unknown field ${JSON.stringify(f)}`, 'unknown_field');
      });
      fields = [...new Set(body.fields as string[])];
    }
  }
  let limit: number = ANALYST_LIMITS.exportRows;
  if (body.limit !== undefined && body.limit !== null) {
    if (typeof body.limit !== 'number' || !Number.isInteger(body.limit) || body.limit < 1 || body.limit > ANALYST_LIMITS.exportRows) {
      p.add('limit', `must be a whole number from 1 to ${ANALYST_LIMITS.exportRows}`);
    } else limit = body.limit;
  }
  let filter: CheckedFilter | null = null;
  try {
    filter = checkAnalystFilter(body, p);
  } catch (err) {
    // checkAnalystFilter threw with every problem collected so far, these included.
    if (!(err instanceof AnalystRequestError)) throw err;
  }
  p.throwIfAny();
  return { ...filter!, format, fields, limit };
}

/** Rows per page: big enough that 100k rows are 100 round trips, small enough to stream steadily. */
export const EXPORT_PAGE_SIZE = 1000;

/**
 * One page of an export: a point in time keeps the view fixed while pages are read, and
 * search_after the place in it (no deep from/size, no scroll context per page). The sort ends on
 * _shard_doc, the point in time's own tiebreaker, so every posting comes exactly once.
 */
export function buildExportPageRequest(plan: AnalystExportPlan, pitId: string, searchAfter: estypes.SortResults | undefined, size: number, first: boolean): estypes.SearchRequest {
  return {
    pit: { id: pitId, keep_alive: '1m' },
    size,
    query: plan.query,
    // Undated postings sort as epoch 0, i.e. after every real date. Not `missing: '_last'`: that
    // sorts them by Long.MIN_VALUE, which JSON.parse rounds, and the rounded search_after is refused.
    sort: [{ posted_at: { order: 'desc', missing: 0 } }, { _shard_doc: 'asc' }] as estypes.SortCombinations[],
    _source: [...new Set(plan.fields.map(sourcePath))],
    // The first page counts every match (the header says how many); later ones need no count.
    track_total_hits: first ? true : false,
    timeout: `${ANALYST_LIMITS.timeoutMs}ms`,
    ...(searchAfter ? { search_after: searchAfter } : {}),
  };
}

export function exportRow(hit: estypes.SearchHit<unknown>, fields: readonly string[]): Array<string | number | boolean | null | string[]> {
  return fields.map((f) => fieldValue(hit, f));
}

/** Text a spreadsheet would run as a formula (OWASP CSV injection): = + - @, tab and carriage return. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break; formulas defused with a leading '. */
export function csvCell(value: string | number | boolean | null | string[]): string {
  if (value === null) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let text = Array.isArray(value) ? value.join('; ') : value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: ReadonlyArray<string | number | boolean | null | string[]>): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

export function ndjsonLine(fields: readonly string[], values: ReadonlyArray<string | number | boolean | null | string[]>): string {
  return `${JSON.stringify(Object.fromEntries(fields.map((f, i) => [f, values[i]])))}\n`;
}
