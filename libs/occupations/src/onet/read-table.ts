import { access, readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';

/**
 * Where a published table can be found under the data directory, in the order tried: the CSV
 * conversion kept in ../shared/data (`onet/occupation_data.csv`), then the file names of the
 * publisher's own text edition (`onet/Occupation Data.txt`, tab-delimited), which is what
 * `npm run data:fetch` unpacks.
 */
export interface TableSource {
  /** What the table is, for messages ("O*NET Occupation Data"). */
  label: string;
  /** Candidate paths relative to the data directory; `.txt` files are read as tab-delimited. */
  paths: readonly string[];
  /** Columns the header must have (compared after `normalizeColumn`). */
  columns: readonly string[];
}

export type Row = Record<string, string>;

/** Thrown when the data directory lacks a table or holds a table in a shape we cannot read. */
export class OccupationDataError extends Error {
  override readonly name = 'OccupationDataError';
  constructor(
    message: string,
    readonly missing: readonly string[] = [],
  ) {
    super(message);
  }
}

const FETCH_HINT =
  'Run `npm run data:fetch` to download the O*NET, SOC and BLS tables from their publishers into DATA_DIR, ' +
  'or point DATA_DIR at a folder that holds them (in this workplace: ../shared/data).';

/** Column names compared without case, spaces, punctuation or footnote marks ("[1]"). */
export function normalizeColumn(name: string): string {
  return name
    .replace(/\[\d+\]|\(\d+\)/g, '')
    .toLowerCase()
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/[^a-z0-9-]+/g, '');
}

/** Cells that mean "no value": empty in the Excel conversion, `n/a` in the text edition. */
const EMPTY = new Set(['', 'n/a', 'N/A', '—', '-']);

export function cell(row: Row, column: string): string | null {
  const v = row[normalizeColumn(column)];
  if (v === undefined) return null;
  const t = v.trim();
  return EMPTY.has(t) ? null : t;
}

export function numberCell(row: Row, column: string): number | null {
  const v = cell(row, column);
  if (v === null) return null;
  const n = Number(v.replace(/[,$]/g, ''));
  return Number.isFinite(n) ? n : null;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** The first candidate path that exists, or null. */
export async function locateTable(dataDir: string, source: TableSource): Promise<string | null> {
  for (const p of source.paths) {
    const full = resolve(dataDir, p);
    if (await exists(full)) return full;
  }
  return null;
}

/**
 * Checks that every table is present before any is read, so one message lists all that are
 * missing (a fresh machine lacks all of them).
 */
export async function requireTables(dataDir: string, sources: readonly TableSource[]): Promise<void> {
  const missing: TableSource[] = [];
  for (const source of sources) if (!(await locateTable(dataDir, source))) missing.push(source);
  if (missing.length === 0) return;
  throw new OccupationDataError(
    `The data directory ${dataDir} lacks ${missing.length} of the ${sources.length} O*NET/SOC/BLS tables needed: ` +
      `${missing.map((s) => `${s.label} (${s.paths[0]})`).join('; ')}. ${FETCH_HINT}`,
    missing.map((s) => s.paths[0]),
  );
}

/**
 * Reads a table into rows keyed by normalized column name. A missing file is an
 * OccupationDataError that names `npm run data:fetch`; a file without the expected columns is one
 * that names the columns it lacks.
 */
export async function readTable(dataDir: string, source: TableSource): Promise<Row[]> {
  const path = await locateTable(dataDir, source);
  if (!path) {
    throw new OccupationDataError(
      `${source.label} not found in ${dataDir} (looked for ${source.paths.join(', ')}). ${FETCH_HINT}`,
      [source.paths[0]],
    );
  }
  const text = await readFile(path, 'utf8');
  const tabbed = path.endsWith('.txt');
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      delimiter: tabbed ? '\t' : ',',
      // The text edition is tab-delimited without quoting; its descriptions contain quotes.
      quote: tabbed ? false : '"',
      relax_column_count: true,
      skip_empty_lines: true,
    }) as string[][];
  } catch (err) {
    throw new OccupationDataError(`${source.label} (${path}) is not a readable ${tabbed ? 'tab-delimited' : 'CSV'} file: ${(err as Error).message}. ${FETCH_HINT}`);
  }
  if (records.length === 0) throw new OccupationDataError(`${source.label} (${path}) is empty. ${FETCH_HINT}`, [basename(path)]);
  const header = records[0].map(normalizeColumn);
  const missing = source.columns.filter((c) => !header.includes(normalizeColumn(c)));
  if (missing.length > 0) {
    throw new OccupationDataError(
      `${source.label} (${path}) lacks the column(s) ${missing.map((c) => `"${c}"`).join(', ')}; found ${records[0].map((c) => `"${c}"`).join(', ')}. ` +
        `The file does not have the publisher's layout. ${FETCH_HINT}`,
    );
  }
  const rows: Row[] = new Array(records.length - 1);
  for (let r = 1; r < records.length; r++) {
    const fields = records[r];
    const row: Row = {};
    for (let i = 0; i < header.length; i++) {
      // The first occurrence of a column wins (the Excel edition repeats none, but be safe).
      if (!(header[i] in row)) row[header[i]] = fields[i] ?? '';
    }
    rows[r - 1] = row;
  }
  return rows;
}
