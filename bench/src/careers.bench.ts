import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { loadConfig, REPO_ROOT } from '@jobportal/config';
import { loadOccupations } from '@jobportal/occupations';
import { createSearchClient, indexOccupations } from '@jobportal/search';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { datasetPrefix, ensureGeneratedFile, ensureIndexedDataset, log } from './search/dataset';
import { parseOptions, percentile } from './support';

const USAGE = `Usage: careers.bench [--count N [--seed S]] [--prefix ES_INDEX_PREFIX] [--runs N] [--port P]
Times POST /api/careers/from-text (600-word resume) and /from-resume (2-page PDF).
--count N: against an index of N generated postings, made (once, then reused) as bench:search
prepares its datasets (bench/src/search/prepare.ts, prefix bench-search-<N>-), with the occupations
index beside it. Without --count: against the indices under --prefix as they are.`;

const WORDS = 'assessed patients administered medications monitored vital signs documented care plans in Epic coordinated discharge teaching with families and physicians on a busy medical surgical unit'.split(' ');

function resumeText(): string {
  const lines = ['Dana Smith', 'Registered Nurse', '', 'EXPERIENCE', 'Registered Nurse II, St. David Medical Center, Austin TX 2020 - Present'];
  let n = 0;
  while (n < 600) {
    const line = Array.from({ length: 12 }, (_, i) => WORDS[(n + i) % WORDS.length]).join(' ');
    lines.push(`- ${line}`);
    n += 12;
    if (n % 120 === 0) lines.push(`Staff Nurse, Seton Hospital ${2000 + (n % 20)} - ${2001 + (n % 20)}`);
  }
  return lines.join('\n');
}

async function twoPagePdf(text: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const lines = text.split('\n');
  const half = Math.ceil(lines.length / 2);
  for (const chunk of [lines.slice(0, half), lines.slice(half)]) {
    const page = pdf.addPage([612, 792]);
    chunk.forEach((l, i) => page.drawText(l, { x: 40, y: 750 - i * 12, size: 9, font }));
  }
  return Buffer.from(await pdf.save());
}

/**
 * The generated postings through bench:search's own preparation (generate once, import through the
 * production path, reuse a complete import), and the occupations index under the same prefix,
 * which the careers endpoints search first.
 */
async function prepareIndices(prefix: string, count: number, seed: number): Promise<void> {
  const config = loadConfig();
  const es = createSearchClient({ node: config.elastic.node, requestTimeoutMs: 600_000, maxRetries: 0 });
  try {
    const file = await ensureGeneratedFile(config, count, seed);
    await ensureIndexedDataset(es, config, file, prefix);
    const onet = await loadOccupations(config.data.dir);
    const alias = `${prefix}occupations`;
    const indexed = (await es.indices.existsAlias({ name: alias })) ? (await es.count({ index: alias })).count : 0;
    if (indexed >= onet.occupations.size) log(`Occupations: reusing ${alias} (${indexed} documents)`);
    else {
      log(`Occupations: indexing ${onet.occupations.size} into ${alias}`);
      await indexOccupations(es, onet.occupations.values(), { prefix });
    }
  } finally {
    await es.close();
  }
}

async function postingsCount(prefix: string): Promise<number | null> {
  const config = loadConfig();
  const es = createSearchClient({ node: config.elastic.node });
  try {
    return (await es.count({ index: `${prefix}postings` })).count;
  } catch {
    return null;
  } finally {
    await es.close();
  }
}

async function main() {
  const { values, int } = parseOptions(USAGE, { prefix: { type: 'string' }, runs: { type: 'string' }, port: { type: 'string' }, count: { type: 'string' }, seed: { type: 'string' } });
  const runs = int('runs', values.runs ?? '40', 1);
  const port = int('port', values.port ?? '3391', 1);
  let prefix = values.prefix;
  if (values.count !== undefined) {
    const count = int('count', values.count, 1);
    prefix = values.prefix ?? datasetPrefix(count);
    await prepareIndices(prefix, count, int('seed', values.seed ?? '42', Number.MIN_SAFE_INTEGER));
  }
  const env = { ...process.env, PORT: String(port), ...(prefix ? { ES_INDEX_PREFIX: prefix } : {}), CAREERS_IP_LIMIT: '100000' };
  const server = spawn('node', [resolve(REPO_ROOT, 'apps/backend/dist/main.js')], { env, stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; i < 120; i++) {
      try {
        if ((await fetch(`${base}/api/health`)).status < 500) break;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    const text = resumeText();
    const pdf = await twoPagePdf(text);
    const fromText = () => fetch(`${base}/api/careers/from-text`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text, location: 'Austin, TX' }) });
    const fromPdf = () => {
      const form = new FormData();
      form.set('file', new Blob([pdf], { type: 'application/pdf' }), 'resume.pdf');
      form.set('location', 'Austin, TX');
      return fetch(`${base}/api/careers/from-resume`, { method: 'POST', body: form });
    };
    const time = async (name: string, fn: () => Promise<Response>) => {
      for (let i = 0; i < 5; i++) await (await fn()).arrayBuffer();
      const ms: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        const res = await fn();
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${name} answered ${res.status}`);
        ms.push(performance.now() - t);
      }
      ms.sort((a, b) => a - b);
      process.stdout.write(`${name}: p50 ${percentile(ms, 50).toFixed(0)} ms, p95 ${percentile(ms, 95).toFixed(0)} ms (${runs} runs)\n`);
    };
    const postings = await postingsCount(prefix ?? '');
    process.stdout.write(`index: ${prefix ?? '(no prefix)'}postings, ${postings ?? 'no'} postings\n`);
    process.stdout.write(`resume: ${text.split(/\s+/).length} words; PDF ${pdf.length} bytes, 2 pages; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
    await time('from-text', fromText);
    await time('from-resume (PDF)', fromPdf);
  } finally {
    server.kill();
  }
}

void main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
