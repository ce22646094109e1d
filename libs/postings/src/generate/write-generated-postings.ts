import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { finished } from 'node:stream/promises';
import { createPostingGenerator, type PostingGeneratorOptions } from './create-posting-generator';
import type { GeneratorCorpus } from './load-generator-corpus';

export interface WriteGeneratedOptions extends PostingGeneratorOptions {
  corpus: GeneratorCorpus;
  seed: number;
  count: number;
  /** Called every few thousand rows with the number written so far. */
  onProgress?: (written: number) => void;
}

/** Lines per write: large enough that the stream's per-call cost vanishes, small enough to stay bounded. */
const LINES_PER_CHUNK = 500;

/**
 * Streams `count` generated postings to `path` as JSONL (one RawPosting per line), waiting for the
 * disk when the stream's buffer is full, so memory stays flat at any count. The file appears under
 * its name only once complete: a run that is interrupted leaves no file that looks finished.
 */
export async function writeGeneratedPostings(path: string, opts: WriteGeneratedOptions): Promise<{ path: string; count: number; bytes: number }> {
  const next = createPostingGenerator(opts.corpus, opts.seed, opts);
  await mkdir(dirname(path), { recursive: true });
  const partial = `${path}.partial`;
  const out = createWriteStream(partial, { encoding: 'utf8' });
  try {
    let lines: string[] = [];
    for (let i = 0; i < opts.count; i++) {
      lines.push(JSON.stringify(next(i)));
      if (lines.length === LINES_PER_CHUNK || i === opts.count - 1) {
        const ok = out.write(`${lines.join('\n')}\n`);
        lines = [];
        opts.onProgress?.(i + 1);
        if (!ok) await once(out, 'drain');
      }
    }
    out.end();
    await finished(out);
    await rename(partial, path);
  } catch (err) {
    out.destroy();
    await rm(partial, { force: true });
    throw err;
  }
  return { path, count: opts.count, bytes: (await stat(path)).size };
}
