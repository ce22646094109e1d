import { parse } from 'csv-parse/sync';
import type { RawPosting, RejectedRow, SourceName } from '@jobportal/contracts';
import { SourceFileError } from './source-adapter';
import {
  assertReadableFile,
  emptyFileError,
  openTextStream,
  physicalLines,
  type PhysicalLine,
} from './source-file';

/** Cells that mean "no value" in these exports (pandas writes nan/None). */
const NULL_TOKENS = new Set(['', 'nan', 'NaN', 'None', 'null']);

/**
 * A record whose quotes never balance is given up after this many characters, so an unclosed
 * quote costs at most this much re-reading. The longest record in the samples is ~35 kB.
 */
const MAX_RECORD_CHARS = 1_000_000;

export interface CsvRecord {
  /** Line on which the record starts; the header is line 1. */
  rowNumber: number;
  /** The cell, trimmed; null when blank or a null token ("nan", "None", "null"). */
  get(column: string): string | null;
}

export interface ReadCsvOptions {
  source: SourceName;
  label: string;
  /** Columns the header must have; otherwise a missing_columns SourceFileError. */
  requiredColumns: readonly string[];
  /**
   * Whether a record looks like the start of a real row (e.g. its id has the dataset's form).
   * Consulted only after a broken quote, to find where good records resume: lines of a long
   * description can otherwise pass for a record with the right number of fields.
   */
  isRecordStart?: (record: CsvRecord) => boolean;
  signal?: AbortSignal;
}

export function cellValue(value: string | undefined): string | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  return NULL_TOKENS.has(trimmed) ? null : trimmed;
}

/**
 * Streams a CSV file as records, or RejectedRow 'malformed_row' for a record that cannot be read.
 *
 * Record boundaries are found here, not by csv-parse's stream: a quoted field that is never closed
 * makes csv-parse (even with skip_records_with_error) swallow every following record up to the
 * next quote or the end of the file. Instead, lines are gathered until their quotes balance and
 * the gathered text is parsed with csv-parse. When that text is broken, reading resumes on the
 * next line that starts a readable record (see `isRecordStart`), and the lines skipped on the way
 * are reported as one malformed_row, so one bad quote costs one row.
 */
export async function* readCsvRecords(
  filePath: string,
  opts: ReadCsvOptions,
): AsyncGenerator<CsvRecord | RejectedRow> {
  const { source, label, signal } = opts;
  signal?.throwIfAborted();
  await assertReadableFile(filePath, label);

  const lines = physicalLines(openTextStream(filePath), filePath, label);
  /** Lines given back after a broken record; the next line to read is at the end. */
  const pushedBack: PhysicalLine[] = [];
  const nextLine = async (): Promise<PhysicalLine | null> => {
    const line = pushedBack.pop();
    if (line) return line;
    const result = await lines.next();
    return result.done ? null : result.value;
  };

  /** Gathers lines from the next non-blank one until the quotes balance (or give up). */
  const gather = async (): Promise<{ lines: PhysicalLine[]; balanced: boolean } | null> => {
    let first = await nextLine();
    while (first && first.text.trim() === '') first = await nextLine();
    if (!first) return null;
    const gathered = [first];
    let quotes = countQuotes(first.text);
    let chars = first.text.length;
    while (quotes % 2 === 1 && chars < MAX_RECORD_CHARS) {
      const line = await nextLine();
      if (!line) break;
      gathered.push(line);
      quotes += countQuotes(line.text);
      chars += line.text.length;
    }
    return { lines: gathered, balanced: quotes % 2 === 0 };
  };

  try {
    const headerLines = await gather();
    if (!headerLines) throw emptyFileError(filePath, label);
    headerLines.lines[0].text = headerLines.lines[0].text.replace(/^\uFEFF/, '');
    // An unreadable header has no usable columns: reported as missing_columns below.
    const header = readHeader(headerLines, pushedBack) ?? [];
    if (header.length > 0 && header.every((column) => column === '')) {
      throw emptyFileError(filePath, label);
    }
    assertColumns(header, opts.requiredColumns, filePath, label);

    const index = new Map<string, number>();
    header.forEach((column, i) => {
      if (!index.has(column)) index.set(column, i);
    });
    const toRecord = (fields: string[], rowNumber: number): CsvRecord => ({
      rowNumber,
      get: (column) => {
        const i = index.get(column);
        return i === undefined ? null : cellValue(fields[i]);
      },
    });
    const reject = (rowNumber: number, detail: string, raw: string): RejectedRow => ({
      source,
      rowNumber,
      reason: 'malformed_row',
      detail,
      raw: raw.replace(/\r?\n$/, ''),
    });

    /**
     * After a record that cannot be read, where the next one starts is unknown (a stray quote can
     * end a field early and leave the rest of a description looking like rows). Until a record is
     * accepted again, the lines that do not start one are added to the same rejected row.
     */
    let unread: { lines: PhysicalLine[]; chars: number; detail: string } | null = null;
    let resyncing = false;
    const addUnread = (skipped: PhysicalLine[], detail: string): RejectedRow | null => {
      unread ??= { lines: [], chars: 0, detail };
      for (const line of skipped) {
        unread.lines.push(line);
        unread.chars += line.text.length;
      }
      resyncing = true;
      // A huge run of unreadable lines is reported in pieces, so no row holds the whole file.
      return unread.chars >= MAX_RECORD_CHARS ? flushUnread() : null;
    };
    const flushUnread = (): RejectedRow | null => {
      if (!unread) return null;
      const { lines: skipped, detail } = unread;
      unread = null;
      const firstLine = skipped[0].lineNo;
      const lastLine = skipped[skipped.length - 1].lineNo;
      return reject(
        firstLine,
        lastLine > firstLine ? `${detail}; lines ${firstLine}-${lastLine} could not be read as records` : detail,
        joinLines(skipped),
      );
    };

    for (;;) {
      signal?.throwIfAborted();
      const gathered = await gather();
      if (!gathered) break;
      const chunk = gathered.lines;
      const result = readChunk(gathered, header.length);
      let consumed = result.consumed;
      let rejected: RejectedRow | null;

      if (
        result.kind === 'record' &&
        (!resyncing || !opts.isRecordStart || opts.isRecordStart(toRecord(result.fields, 0)))
      ) {
        rejected = flushUnread();
        if (rejected) yield rejected;
        resyncing = false;
        yield toRecord(result.fields, chunk[0].lineNo);
      } else if (result.kind === 'wrong_count') {
        // The quoting is valid, so the lines belong together: they are set aside as a whole.
        rejected = addUnread(chunk.slice(0, consumed), `expected ${header.length} fields, found ${result.found}`);
        if (rejected) yield rejected;
      } else {
        // Broken quoting, or a resync candidate that is no record start: only the first line is
        // set aside, the others are read again as possible record starts.
        consumed = 1;
        const detail = result.kind === 'broken' ? 'unbalanced or misplaced quote' : 'no record start after an unreadable row';
        rejected = addUnread([chunk[0]], detail);
        if (rejected) yield rejected;
      }
      for (let i = chunk.length - 1; i >= consumed; i--) pushedBack.push(chunk[i]);
    }
    const rejected = flushUnread();
    if (rejected) yield rejected;
  } finally {
    await lines.return(undefined);
  }
}

type ChunkResult =
  | { kind: 'record'; fields: string[]; consumed: number }
  | { kind: 'wrong_count'; found: number; consumed: number }
  | { kind: 'broken'; consumed: number };

/** Reads gathered lines as one record; `consumed` says how many of the lines it used. */
function readChunk(gathered: { lines: PhysicalLine[]; balanced: boolean }, columns: number): ChunkResult {
  const { lines, balanced } = gathered;
  if (lines.length === 1 && !lines[0].text.includes('"')) {
    // Most lookup-table lines: nothing for csv-parse to do (and ~20x faster than calling it).
    const fields = lines[0].text.replace(/\r?\n$/, '').split(',');
    return fields.length === columns
      ? { kind: 'record', fields, consumed: 1 }
      : { kind: 'wrong_count', found: fields.length, consumed: 1 };
  }
  if (balanced) {
    const strict = parseStrict(joinLines(lines));
    if (strict.ok && strict.records.length === 1) {
      const fields = strict.records[0];
      return fields.length === columns
        ? { kind: 'record', fields, consumed: lines.length }
        : { kind: 'wrong_count', found: fields.length, consumed: lines.length };
    }
  }
  // Misplaced or unbalanced quotes. The first line still counts as a record if it reads as one
  // with the quotes of unquoted fields taken literally (`5'11" tall`); a broken quoted field (its
  // value would keep the opening quote) does not.
  const lenient = parseLenient(lines[0].text);
  return lenient && lenient.length === columns && !lenient.some((field) => field.startsWith('"'))
    ? { kind: 'record', fields: lenient, consumed: 1 }
    : { kind: 'broken', consumed: 1 };
}

function countQuotes(text: string): number {
  let count = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) count++;
  return count;
}

function joinLines(lines: PhysicalLine[]): string {
  return lines.length === 1 ? lines[0].text : lines.map((line) => line.text).join('');
}

/** The header's column names; a header with a stray quote is read from its first line only. */
function readHeader(
  gathered: { lines: PhysicalLine[]; balanced: boolean },
  pushedBack: PhysicalLine[],
): string[] | null {
  const strict = gathered.balanced ? parseStrict(joinLines(gathered.lines)) : { ok: false as const };
  let fields: string[] | null = strict.ok && strict.records.length === 1 ? strict.records[0] : null;
  if (!fields) {
    fields = parseLenient(gathered.lines[0].text);
    for (let i = gathered.lines.length - 1; i >= 1; i--) pushedBack.push(gathered.lines[i]);
  }
  return fields ? fields.map((column) => column.trim()) : null;
}

function parseStrict(text: string): { ok: true; records: string[][] } | { ok: false } {
  try {
    return { ok: true, records: parse(text, { relax_column_count: true }) as string[][] };
  } catch {
    return { ok: false };
  }
}

/** One line with quotes inside unquoted fields taken literally; null unless exactly one record. */
function parseLenient(text: string): string[] | null {
  try {
    const records = parse(text, { relax_quotes: true, relax_column_count: true }) as string[][];
    return records.length === 1 ? records[0] : null;
  } catch {
    return null;
  }
}

function assertColumns(
  header: string[],
  required: readonly string[],
  filePath: string,
  label: string,
): void {
  const missing = required.filter((column) => !header.includes(column));
  if (missing.length === 0) return;
  throw new SourceFileError(
    'missing_columns',
    `${label}: the header of ${filePath} lacks ${missing.map((c) => `"${c}"`).join(', ')}. ` +
      `Found: ${header.map((c) => `"${c}"`).join(', ')}. ` +
      `Check that this is a ${label} export with its original header, or choose the source that matches the file.`,
    filePath,
    { missing, found: header },
  );
}

/** Maps each record with `toPosting` and passes rejected rows through. */
export async function* mapCsvRecords(
  items: AsyncIterable<CsvRecord | RejectedRow>,
  toPosting: (row: CsvRecord) => RawPosting,
): AsyncGenerator<RawPosting | RejectedRow> {
  for await (const item of items) yield 'reason' in item ? item : toPosting(item);
}
