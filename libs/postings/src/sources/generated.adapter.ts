import * as readline from 'node:readline';
import type { RawPosting, RejectedRow } from '@jobportal/contracts';
import { SourceFileError, type SourceAdapter, type SourceReadOptions } from './source-adapter';
import { assertReadableFile, emptyFileError, openTextStream } from './source-file';

const SOURCE = 'generated';
const LABEL = 'Generated postings (JSONL)';

const TEXT_FIELDS = [
  'url',
  'applyUrl',
  'title',
  'company',
  'description',
  'location',
  'postalCode',
  'payText',
  'payPeriod',
  'payCurrency',
  'workMode',
  'experience',
  'employmentType',
  'education',
] as const;
const TEXT_OR_NUMBER_FIELDS = ['postedAt', 'expiresAt', 'collectedAt', 'payMin', 'payMax', 'payMedian'] as const;
const LIST_FIELDS = ['skills', 'industries', 'benefits'] as const;

/**
 * One RawPosting per line, with RawPosting's field names (sourceId, title, payMin, ...), as the
 * data generator writes them. `source` and `rowNumber` in a line are ignored: the source is always
 * `generated` and the row number is the line number. Unknown fields are ignored.
 */
export const generatedAdapter: SourceAdapter = {
  name: SOURCE,
  label: LABEL,
  samplePath: null,
  read: readGenerated,
};

async function* readGenerated(
  filePath: string,
  opts: SourceReadOptions = {},
): AsyncGenerator<RawPosting | RejectedRow> {
  opts.signal?.throwIfAborted();
  await assertReadableFile(filePath, LABEL);

  const stream = openTextStream(filePath);
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  const failure: { error?: Error } = {};
  stream.on('error', (err) => {
    failure.error = err;
    lines.close();
  });

  let lineNo = 0;
  let sawContent = false;
  try {
    for await (const line of lines) {
      lineNo++;
      opts.signal?.throwIfAborted();
      const text = lineNo === 1 ? line.replace(/^\uFEFF/, '') : line;
      if (text.trim() === '') continue;
      sawContent = true;
      yield toPostingOrReject(text, lineNo);
    }
  } finally {
    lines.close();
    stream.destroy();
  }
  if (failure.error) {
    throw new SourceFileError(
      'file_unreadable',
      `${LABEL}: reading ${filePath} failed after line ${lineNo} (${failure.error.message}).`,
      filePath,
    );
  }
  if (!sawContent) throw emptyFileError(filePath, LABEL);
}

function toPostingOrReject(line: string, rowNumber: number): RawPosting | RejectedRow {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return reject(rowNumber, 'malformed_row', `not valid JSON: ${(err as Error).message}`, line);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return reject(rowNumber, 'malformed_row', 'not a JSON object', line);
  }
  const row = value as Record<string, unknown>;

  const sourceId = row.sourceId;
  const hasId =
    (typeof sourceId === 'string' && sourceId.trim() !== '') ||
    (typeof sourceId === 'number' && Number.isFinite(sourceId));
  if (!hasId) return reject(rowNumber, 'missing_id', 'sourceId must be a non-empty string or a number', row);

  const posting: RawPosting = { source: SOURCE, sourceId: String(sourceId).trim(), rowNumber };
  for (const field of TEXT_FIELDS) {
    const v = row[field];
    if (v === undefined || v === null) continue;
    if (typeof v === 'string') posting[field] = v;
    else if (typeof v === 'number' && Number.isFinite(v)) posting[field] = String(v);
    else return reject(rowNumber, 'invalid_value', `${field} must be a string`, row);
  }
  for (const field of TEXT_OR_NUMBER_FIELDS) {
    const v = row[field];
    if (v === undefined || v === null) continue;
    if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) posting[field] = v;
    else return reject(rowNumber, 'invalid_value', `${field} must be a string or a number`, row);
  }
  for (const field of LIST_FIELDS) {
    const v = row[field];
    if (v === undefined || v === null) continue;
    if (Array.isArray(v) && v.every((item) => typeof item === 'string')) posting[field] = v as string[];
    else return reject(rowNumber, 'invalid_value', `${field} must be an array of strings`, row);
  }
  return posting;
}

function reject(
  rowNumber: number,
  reason: RejectedRow['reason'],
  detail: string,
  raw: unknown,
): RejectedRow {
  return { source: SOURCE, rowNumber, reason, detail, raw };
}
