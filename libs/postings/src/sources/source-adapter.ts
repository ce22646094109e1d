import type { RawPosting, RejectedRow, SourceName } from '@jobportal/contracts';

export interface SourceReadOptions {
  signal?: AbortSignal;
  /**
   * Receives problems with the input as a whole that do not stop the read: a companion table
   * that is missing, lookup rows that could not be parsed. Defaults to `process.emitWarning`.
   */
  warn?: (message: string) => void;
}

export interface SourceAdapter {
  readonly name: SourceName;
  /** Human name, e.g. "LinkedIn 2023-24 (arshkon)". */
  readonly label: string;
  /**
   * The sample file for this source, relative to the shared data dir (`../shared/data`);
   * null for a source that has no sample file (`generated`).
   */
  readonly samplePath: string | null;
  /**
   * Streams the file's rows as RawPosting, or RejectedRow for a row that cannot be read.
   * Rejects with a SourceFileError before yielding anything when the file as a whole is unusable;
   * never throws for a bad row.
   */
  read(filePath: string, opts?: SourceReadOptions): AsyncIterable<RawPosting | RejectedRow>;
}

/** The sources that come as files (samples in the shared data dir). */
export type SampleSourceName = Exclude<SourceName, 'generated' | `crawl_${string}`>;

export interface SampleSourceAdapter extends SourceAdapter {
  readonly name: SampleSourceName;
  readonly samplePath: string;
}

export type SourceFileErrorCode = 'file_not_found' | 'file_unreadable' | 'missing_columns' | 'empty_file';

export class SourceFileError extends Error {
  override readonly name = 'SourceFileError';

  constructor(
    readonly code: SourceFileErrorCode,
    message: string,
    readonly filePath: string,
    /** For `missing_columns`: what the adapter needs and did not find, and what the header had. */
    readonly columns?: { missing: string[]; found: string[] },
  ) {
    super(message);
  }
}

export class UnknownSourceError extends Error {
  override readonly name = 'UnknownSourceError';
  readonly code = 'unknown_source';

  constructor(
    readonly sourceName: string,
    readonly validNames: readonly string[],
  ) {
    super(`Unknown source "${sourceName}". Valid sources: ${validNames.join(', ')}.`);
  }
}

export function isRejectedRow(item: RawPosting | RejectedRow): item is RejectedRow {
  return 'reason' in item;
}

/** Where warnings go when the caller gives no `warn`. */
export function defaultWarn(message: string): void {
  process.emitWarning(message, { code: 'JOBPORTAL_SOURCE_WARNING' });
}
