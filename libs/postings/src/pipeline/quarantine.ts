import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import type { RejectedRow } from '@jobportal/contracts';

export interface QuarantineWriter {
  readonly path: string;
  write(row: RejectedRow): Promise<void>;
  close(): Promise<void>;
}

/**
 * Rejected rows go to a JSONL file, one object per row with its reason and the row as read, so
 * nothing the user gave is lost. The file is created on the first reject only and replaced per run.
 */
export function createQuarantineFile(path: string): QuarantineWriter {
  let stream: WriteStream | null = null;
  return {
    path,
    async write(row) {
      if (!stream) {
        mkdirSync(dirname(path), { recursive: true });
        stream = createWriteStream(path, { flags: 'w' });
      }
      const line = JSON.stringify({ ...row, quarantinedAt: new Date().toISOString() }) + '\n';
      if (!stream.write(line)) await new Promise<void>((r) => stream!.once('drain', () => r()));
    },
    async close() {
      if (!stream) return;
      const s = stream;
      stream = null;
      await new Promise<void>((resolve, reject) => s.end((err?: Error | null) => (err ? reject(err) : resolve())));
    },
  };
}
