import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { REPO_ROOT } from '@jobportal/config';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { parseOptions, percentile } from './support';

const USAGE = 'Usage: careers.bench [--prefix ES_INDEX_PREFIX] [--runs N] [--port P]\nTimes POST /api/careers/from-text (600-word resume) and /from-resume (2-page PDF) against a running-index prefix (its postings count is printed).';

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

async function main() {
  const { values, int } = parseOptions(USAGE, { prefix: { type: 'string' }, runs: { type: 'string' }, port: { type: 'string' } });
  const runs = int('runs', values.runs ?? '40', 1);
  const port = int('port', values.port ?? '3391', 1);
  const env = { ...process.env, PORT: String(port), ...(values.prefix ? { ES_INDEX_PREFIX: values.prefix } : {}), CAREERS_IP_LIMIT: '100000' };
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
