import { resolve } from 'node:path';
import { ConfigError, loadConfig, REPO_ROOT } from '@jobportal/config';
import { GeneratorCorpusError, loadGeneratorCorpus, writeGeneratedPostings } from '@jobportal/postings';
import { parseCliArgs, runCli, UsageError } from './args';

const MAX_COUNT = 10_000_000;
const DEFAULT_SEED = 42;

const USAGE = `Usage:
  npm run data:generate -- --count <n> [--seed <s>] [--out <file>]
Writes <n> realistic synthetic postings as JSONL (source "generated"), derived from the O*NET,
OEWS and real posting data in DATA_DIR. The same count and seed always give the same file.
Options:
  --count  how many postings, 1 to ${MAX_COUNT.toLocaleString('en-US')}
  --seed   any integer (default ${DEFAULT_SEED})
  --out    output file (default data/generated/postings-<count>-<seed>.jsonl)
Import it with: npm run ingest -- --source generated --path <file>`;

function parseCount(value: string | boolean | undefined): number {
  if (value === undefined) throw new UsageError('--count is required.');
  const text = String(value).replace(/_/g, '');
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1 || n > MAX_COUNT) {
    throw new UsageError(`--count must be a whole number from 1 to ${MAX_COUNT.toLocaleString('en-US')}, got "${value}".`);
  }
  return n;
}

function parseSeed(value: string | boolean | undefined): number {
  if (value === undefined) return DEFAULT_SEED;
  const n = Number(value);
  if (!/^-?\d+$/.test(String(value)) || !Number.isSafeInteger(n)) {
    throw new UsageError(`--seed must be an integer (e.g. 42), got "${value}".`);
  }
  return n;
}

async function main(): Promise<number> {
  const args = parseCliArgs(process.argv.slice(2), { count: 'string', seed: 'string', out: 'string' }, USAGE, (a) => ({
    count: parseCount(a.count),
    seed: parseSeed(a.seed),
    out: typeof a.out === 'string' ? a.out : undefined,
  }));
  if (typeof args === 'number') return args;
  const { count, seed, out } = args;
  const config = loadConfig();
  const path = out ? resolve(out) : resolve(REPO_ROOT, 'data/generated', `postings-${count}-${seed}.jsonl`);

  const started = Date.now();
  const corpus = await loadGeneratorCorpus(config.data.dir);
  console.error(
    `Corpus from ${config.data.dir}: ${corpus.occupations.length} occupations, ${corpus.companies.length} employers, ${corpus.locations.length} places (${Date.now() - started} ms)`,
  );

  const genStarted = Date.now();
  const tty = process.stderr.isTTY;
  let lastReport = 0;
  const report = (written: number) => {
    const now = Date.now();
    if (written < count && now - lastReport < (tty ? 200 : 2000)) return;
    lastReport = now;
    const rate = Math.round(written / Math.max((now - genStarted) / 1000, 0.001));
    const line = `generated ${written}/${count} (${Math.floor((100 * written) / count)}%), ${rate} postings/s`;
    process.stderr.write(tty ? `\r${line}` : `${line}\n`);
  };
  const result = await writeGeneratedPostings(path, { corpus, seed, count, onProgress: report });
  if (tty) process.stderr.write('\n');
  const seconds = (Date.now() - genStarted) / 1000;
  console.log(
    `Wrote ${result.count} postings (seed ${seed}) to ${result.path}: ${(result.bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s (${Math.round(result.count / seconds)} postings/s)`,
  );
  return 0;
}

runCli(main, [ConfigError, GeneratorCorpusError]);
