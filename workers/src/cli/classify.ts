import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { once } from 'node:events';
import { parse } from 'csv-parse';
import { SingleBar } from 'cli-progress';
import { ConfigError, loadConfig } from '@jobportal/config';
import { initTensorflow, loadClassifier, ModelArtifactError, type OccupationClassifier } from '@jobportal/occupations';
import { parseCliArgs, runCli, UsageError } from './args';

const USAGE = `Usage:
  npm run classify -- --input titles.csv --title-column <name> [--description-column <name>] --output coded.csv
Codes every row of a CSV file to SOC 2018 with the trained classifier (MODEL_DIR) and writes each
input row followed by code1,title1,prob1,...,code5,title5,prob5 (six-digit SOC 2018 codes such as
15-1252, calibrated probabilities). Rows with an empty title get empty codes.`;

const K = 5;
const BATCH = 1000;

class InputError extends Error {}

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
const csvLine = (cells: string[]) => `${cells.map(csvCell).join(',')}\n`;

function codeColumns(): string[] {
  const out: string[] = [];
  for (let i = 1; i <= K; i++) out.push(`code${i}`, `title${i}`, `prob${i}`);
  return out;
}

async function main(): Promise<number> {
  const args = parseCliArgs(
    process.argv.slice(2),
    { input: 'string', output: 'string', 'title-column': 'string', 'description-column': 'string' },
    USAGE,
    (a) => {
      for (const name of ['input', 'output', 'title-column']) {
        if (typeof a[name] !== 'string') throw new UsageError(`--${name} is required.`);
      }
      return {
        input: a.input as string,
        output: a.output as string,
        titleColumn: a['title-column'] as string,
        descriptionColumn: typeof a['description-column'] === 'string' ? a['description-column'] : null,
      };
    },
  );
  if (typeof args === 'number') return args;
  const { input, output, titleColumn, descriptionColumn } = args;

  let size: number;
  try {
    size = (await stat(input)).size;
  } catch (err) {
    throw new InputError(`Cannot read ${input}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}.`);
  }
  if (size === 0) throw new InputError(`${input} is empty: it needs a header row with a "${titleColumn}" column and one row per title.`);

  const config = loadConfig();
  await initTensorflow();
  const { classifier } = await loadClassifier(config.models.dir, { dataDir: config.data.dir });
  return classifyFile(classifier, { input, output, titleColumn, descriptionColumn, size });
}

async function classifyFile(
  classifier: OccupationClassifier,
  o: { input: string; output: string; titleColumn: string; descriptionColumn: string | null; size: number },
): Promise<number> {
  let header: string[] | null = null;
  const parser = createReadStream(o.input).pipe(
    parse({
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      columns: (h: string[]) => {
        const cols = h.map((c) => c.trim());
        const missing = [o.titleColumn, o.descriptionColumn].filter((c): c is string => c !== null && !cols.includes(c));
        if (missing.length > 0) {
          throw new InputError(
            `${o.input} has no column ${missing.map((c) => `"${c}"`).join(' or ')}. Its columns: ${cols.map((c) => `"${c}"`).join(', ')}. ` +
              'Name the title column with --title-column (and the description column with --description-column).',
          );
        }
        header = cols;
        return cols;
      },
    }),
  );
  const out = createWriteStream(o.output);
  const outError = once(out, 'error').then(([e]) => {
    throw new InputError(`Cannot write ${o.output}: ${(e as Error).message}`);
  });
  outError.catch(() => undefined);
  const write = async (text: string) => {
    if (!out.write(text)) await Promise.race([once(out, 'drain'), outError]);
  };

  const started = Date.now();
  const bar = process.stderr.isTTY
    ? new SingleBar({ format: 'classify {bar} {percentage}% | {rows} rows | {rate} rows/s', stream: process.stderr, hideCursor: true })
    : null;
  bar?.start(o.size, 0, { rows: 0, rate: 0 });
  let lastLine = 0;
  let rows = 0;
  let flagged = 0;
  const progress = () => {
    const rate = Math.round(rows / Math.max((Date.now() - started) / 1000, 0.001));
    const bytes = Math.min(o.size, (parser as unknown as { info: { bytes: number } }).info.bytes);
    if (bar) bar.update(bytes, { rows, rate });
    else if (Date.now() - lastLine > 2000) {
      lastLine = Date.now();
      process.stderr.write(`[classify] ${rows} rows (${Math.round((100 * bytes) / o.size)}%), ${rate} rows/s\n`);
    }
  };

  let batch: Array<Record<string, string>> = [];
  const flush = async () => {
    if (batch.length === 0) return;
    // No title, no codes (as the usage says): a description alone is not what this tool codes.
    const titled = batch.filter((r) => (r[o.titleColumn] ?? '').trim());
    const predicted = classifier.predict(
      titled.map((r) => ({ title: r[o.titleColumn], description: o.descriptionColumn ? r[o.descriptionColumn] : null })),
      K,
    );
    const results = new Map(titled.map((r, i) => [r, predicted[i]]));
    let text = '';
    batch.forEach((r) => {
      const c = results.get(r) ?? null;
      if (!c || c.needsReview) flagged++;
      const codes: string[] = [];
      for (let j = 0; j < K; j++) {
        const s = c?.soc[j];
        codes.push(s?.code ?? '', s?.title ?? '', s ? s.probability.toFixed(4) : '');
      }
      text += csvLine([...header!.map((h) => r[h] ?? ''), ...codes]);
    });
    rows += batch.length;
    batch = [];
    await write(text);
    progress();
  };

  try {
    let wroteHeader = false;
    for await (const record of parser as AsyncIterable<Record<string, string>>) {
      if (!wroteHeader) {
        await write(csvLine([...header!, ...codeColumns()]));
        wroteHeader = true;
      }
      batch.push(record);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    if (!header) throw new InputError(`${o.input} has no header row: it needs a header with a "${o.titleColumn}" column.`);
    if (!wroteHeader) await write(csvLine([...header, ...codeColumns()]));
  } catch (err) {
    bar?.stop();
    out.destroy();
    // csv-parse wraps errors thrown from the columns callback.
    const cause = (err as { cause?: unknown }).cause;
    if (cause instanceof InputError) throw cause;
    if (err instanceof InputError) throw err;
    throw new InputError(`${o.input} is not a readable CSV file: ${(err as Error).message}`);
  }
  out.end();
  await Promise.race([once(out, 'finish'), outError]);
  bar?.update(o.size, { rows, rate: Math.round(rows / Math.max((Date.now() - started) / 1000, 0.001)) });
  bar?.stop();
  console.log(`Coded ${rows} rows into ${o.output} in ${((Date.now() - started) / 1000).toFixed(1)} s; ${flagged} flagged as needing review (low confidence, empty or unknown title).`);
  return 0;
}

runCli(main, [InputError, ConfigError, ModelArtifactError]);
