import { createReadStream, promises as fsp } from 'node:fs';
import type { ReadStream } from 'node:fs';
import { SourceFileError } from './source-adapter';

/** Rejects with a SourceFileError when the path is missing, not a file, empty or not readable. */
export async function assertReadableFile(filePath: string, label: string): Promise<void> {
  let size: number;
  try {
    const stat = await fsp.stat(filePath);
    if (!stat.isFile()) {
      throw new SourceFileError(
        'file_unreadable',
        `${label}: ${filePath} is not a regular file. Pass the path of the ${label} data file.`,
        filePath,
      );
    }
    size = stat.size;
    await fsp.access(filePath, fsp.constants.R_OK);
  } catch (err) {
    if (err instanceof SourceFileError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new SourceFileError(
        'file_not_found',
        `${label}: no file at ${filePath}. Check the path (sample files live under the shared data dir, ../shared/data).`,
        filePath,
      );
    }
    throw new SourceFileError(
      'file_unreadable',
      `${label}: cannot read ${filePath} (${code ?? String(err)}). Check the file's permissions.`,
      filePath,
    );
  }
  if (size === 0) throw emptyFileError(filePath, label);
}

export function emptyFileError(filePath: string, label: string): SourceFileError {
  return new SourceFileError(
    'empty_file',
    `${label}: ${filePath} is empty (no header row). Re-export the file with its header and rows.`,
    filePath,
  );
}

export function openTextStream(filePath: string): ReadStream {
  return createReadStream(filePath, { encoding: 'utf8' });
}

export interface PhysicalLine {
  /** The line with its terminator ("\n" or "\r\n"), so a multi-line field can be rebuilt exactly. */
  text: string;
  /** 1-based. */
  lineNo: number;
}

/** Splits a utf8 stream into lines, keeping the terminators. A stream error is a file_unreadable. */
export async function* physicalLines(
  stream: ReadStream,
  filePath: string,
  label: string,
): AsyncGenerator<PhysicalLine> {
  let rest = '';
  let lineNo = 0;
  try {
    for await (const chunk of stream) {
      const text = rest + (chunk as string);
      let start = 0;
      let nl = text.indexOf('\n', start);
      while (nl !== -1) {
        yield { text: text.slice(start, nl + 1), lineNo: ++lineNo };
        start = nl + 1;
        nl = text.indexOf('\n', start);
      }
      rest = text.slice(start);
    }
  } catch (err) {
    throw new SourceFileError(
      'file_unreadable',
      `${label}: reading ${filePath} failed after line ${lineNo} (${(err as Error).message}).`,
      filePath,
    );
  } finally {
    stream.destroy();
  }
  if (rest !== '') yield { text: rest, lineNo: ++lineNo };
}
