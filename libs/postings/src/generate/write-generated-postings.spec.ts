import { mkdtemp, readFile, rm, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadGeneratorCorpus, type GeneratorCorpus } from './load-generator-corpus';
import { writeGeneratedPostings } from './write-generated-postings';

const DATA_DIR = path.resolve(__dirname, '../../../../../shared/data');

let corpus: GeneratorCorpus;
let dir: string;
beforeAll(async () => {
  corpus = await loadGeneratorCorpus(DATA_DIR);
  dir = await mkdtemp(path.join(tmpdir(), 'generated-'));
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('writeGeneratedPostings', () => {
  it('writes exactly the requested count as JSONL, byte-identical for the same seed', async () => {
    const a = await writeGeneratedPostings(path.join(dir, 'a.jsonl'), { corpus, seed: 5, count: 1234 });
    const b = await writeGeneratedPostings(path.join(dir, 'b.jsonl'), { corpus, seed: 5, count: 1234 });
    const c = await writeGeneratedPostings(path.join(dir, 'c.jsonl'), { corpus, seed: 6, count: 1234 });
    const [textA, textB, textC] = await Promise.all([a, b, c].map((r) => readFile(r.path, 'utf8')));
    expect(textA).toBe(textB);
    expect(textC).not.toBe(textA);
    const lines = textA.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(1234);
    expect(a).toMatchObject({ count: 1234, bytes: Buffer.byteLength(textA) });
    lines.forEach((line, i) => expect(JSON.parse(line)).toMatchObject({ source: 'generated', sourceId: `gen-5-${i}`, rowNumber: i + 1 }));
  });

  it('gives a prefix of the longer file for a smaller count, and reports progress up to the count', async () => {
    const seen: number[] = [];
    const small = await writeGeneratedPostings(path.join(dir, 'small.jsonl'), { corpus, seed: 5, count: 700, onProgress: (n) => seen.push(n) });
    const large = await writeGeneratedPostings(path.join(dir, 'large.jsonl'), { corpus, seed: 5, count: 1000 });
    expect((await readFile(large.path, 'utf8')).startsWith(await readFile(small.path, 'utf8'))).toBe(true);
    expect(seen.at(-1)).toBe(700);
  });

  it('leaves no partial file behind', async () => {
    expect((await readdir(dir)).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });
});
