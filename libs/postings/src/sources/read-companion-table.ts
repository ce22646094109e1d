import type { SourceName } from '@jobportal/contracts';
import { readCsvRecords, type CsvRecord } from './read-csv-records';
import { SourceFileError } from './source-adapter';

export interface CompanionTableOptions {
  /** The source whose postings the table belongs to. */
  source: SourceName;
  /** Names the table in warnings, e.g. "LinkedIn 2023-24 (arshkon) jobs/salaries.csv". */
  label: string;
  requiredColumns: readonly string[];
  warn: (message: string) => void;
  signal?: AbortSignal;
}

/**
 * Reads a small lookup table into memory. A table that is missing or unusable is reported through
 * `warn` and comes back null, so the postings are still read, only without what the table adds.
 */
export async function readCompanionTable(
  filePath: string,
  opts: CompanionTableOptions,
): Promise<CsvRecord[] | null> {
  const records: CsvRecord[] = [];
  const badLines: number[] = [];
  try {
    for await (const item of readCsvRecords(filePath, opts)) {
      if ('reason' in item) badLines.push(item.rowNumber);
      else records.push(item);
    }
  } catch (err) {
    if (!(err instanceof SourceFileError)) throw err;
    opts.warn(`${err.message} Continuing without it.`);
    return null;
  }
  if (badLines.length > 0) {
    opts.warn(
      `${opts.label}: skipped ${badLines.length} unreadable row(s) in ${filePath} (line ${badLines.slice(0, 5).join(', ')}${badLines.length > 5 ? ', ...' : ''}).`,
    );
  }
  return records;
}
