import { dirname, join } from 'node:path';
import { ApiError } from '../common/error-envelope.filter';

/**
 * Text out of an uploaded resume, in memory only: the buffer is never written anywhere and
 * nothing of it is logged (errors carry a code, never the content).
 */
export type ResumeKind = 'pdf' | 'docx' | 'text';

const PDF_MAGIC = Buffer.from('%PDF-');
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** By content first (a renamed file is what it is), then by the name or type for plain text. */
export function detectResumeKind(buffer: Buffer, name: string, mimetype: string): ResumeKind | null {
  const head = buffer.subarray(0, 1024);
  if (head.indexOf(PDF_MAGIC) !== -1 && head.indexOf(PDF_MAGIC) < 1024) return 'pdf';
  if (buffer.subarray(0, 4).equals(ZIP_MAGIC)) return /\.docx$/i.test(name) || mimetype === DOCX_MIME ? 'docx' : null;
  if (/\.(pdf)$/i.test(name) || mimetype === 'application/pdf') return 'pdf';
  if (/\.docx$/i.test(name) || mimetype === DOCX_MIME) return 'docx';
  if (mimetype.startsWith('text/plain') || /\.(txt|text|md)$/i.test(name)) return looksLikeText(buffer) ? 'text' : null;
  return null;
}

function looksLikeText(buffer: Buffer): boolean {
  if (buffer.includes(0)) return false;
  const text = buffer.toString('utf8');
  // Invalid UTF-8 decodes to U+FFFD; a few are tolerable (a stray Latin-1 byte), many are binary.
  const bad = (text.match(/\uFFFD/g) ?? []).length;
  return bad <= Math.max(2, text.length / 200);
}

export function unsupportedType(): ApiError {
  return new ApiError(415, 'unsupported_file_type', 'Upload a PDF, a Word document (.docx) or a plain-text file, or paste the text instead.', [
    { field: 'file', reason: 'must be PDF, DOCX or plain text' },
  ]);
}

export function unreadable(kind: ResumeKind): ApiError {
  return new ApiError(422, 'unreadable_file', `The ${kind === 'pdf' ? 'PDF' : 'Word document'} could not be read (it looks damaged); save it again or paste the text instead.`, [
    { field: 'file', reason: 'unreadable' },
  ]);
}

export function noTextFound(): ApiError {
  return new ApiError(
    422,
    'no_text_found',
    'No text could be read from this file: it is encrypted or a scanned image. A scanned resume needs to be pasted as text (POST /api/careers/from-text, or the text box).',
    [{ field: 'file', reason: 'no text layer' }],
  );
}

export async function extractResumeText(buffer: Buffer, kind: ResumeKind): Promise<string> {
  if (kind === 'text') return buffer.toString('utf8');
  if (kind === 'docx') return extractDocx(buffer);
  return extractPdf(buffer);
}

async function extractDocx(buffer: Buffer): Promise<string> {
  const mammoth = await import('mammoth');
  try {
    // Raw text keeps table cells as separate paragraphs, so a table of jobs reads line by line.
    const result = await mammoth.extractRawText({ buffer });
    return result.value;
  } catch {
    throw unreadable('docx');
  }
}

/**
 * PDF.js runs in a worker thread: parsing is CPU work that must not stall other requests, and
 * unpdf loads its PDF.js bundle with a dynamic import, which a plain Node realm always supports.
 * The bytes are handed over in memory (transferred, not copied to disk); the worker returns the
 * positioned text items of each page.
 */
const PDF_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { getDocumentProxy } = await import(workerData.unpdf);
  let doc;
  try {
    doc = await getDocumentProxy(new Uint8Array(workerData.bytes), { isEvalSupported: false, disableFontFace: true, verbosity: 0 });
  } catch (err) {
    parentPort.postMessage({ error: err && err.name === 'PasswordException' ? 'password' : 'unreadable' });
    return;
  }
  try {
    const pages = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      pages.push(content.items.filter((it) => typeof it.str === 'string' && it.transform).map((it) => ({ str: it.str, transform: it.transform, width: it.width })));
    }
    parentPort.postMessage({ pages });
  } catch (err) {
    parentPort.postMessage({ error: 'unreadable' });
  } finally {
    await doc.destroy().catch(() => undefined);
  }
})().catch(() => parentPort.postMessage({ error: 'unreadable' }));
`;

type PdfItems = Array<{ str?: string; transform?: number[]; width?: number }>;

async function extractPdf(buffer: Buffer): Promise<string> {
  const { Worker } = await import('node:worker_threads');
  const { pathToFileURL } = await import('node:url');
  const bytes = new Uint8Array(buffer).buffer;
  const result = await new Promise<{ pages?: PdfItems[]; error?: 'password' | 'unreadable' }>((done) => {
    const worker = new Worker(PDF_WORKER, { eval: true, workerData: { bytes, unpdf: pathToFileURL(join(dirname(require.resolve('unpdf')), 'index.mjs')).href }, transferList: [bytes] });
    const timer = setTimeout(() => {
      void worker.terminate();
      done({ error: 'unreadable' });
    }, 20_000);
    worker.once('message', (m: { pages?: PdfItems[]; error?: 'password' | 'unreadable' }) => {
      clearTimeout(timer);
      void worker.terminate();
      done(m);
    });
    worker.once('error', () => {
      clearTimeout(timer);
      done({ error: 'unreadable' });
    });
  });
  if (result.error === 'password') throw noTextFound();
  if (result.error || !result.pages) throw unreadable('pdf');
  return result.pages.map((items) => linesOf(items)).join('\n\n');
}

/**
 * Rebuilds lines from positioned text items. A two-column page is read column by column: items
 * are grouped by the column their x falls in (a gap wider than a third of the page between
 * clusters), then by line (y), so a left-column job title is not glued to right-column skills.
 */
function linesOf(items: Array<{ str?: string; transform?: number[]; hasEOL?: boolean; width?: number }>): string {
  const runs = items.filter((it) => typeof it.str === 'string' && it.transform).map((it) => ({ s: it.str!, x: it.transform![4], y: it.transform![5], w: it.width ?? 0 }));
  if (runs.length === 0) return '';
  const xs = [...new Set(runs.map((r) => Math.round(r.x)))].sort((a, b) => a - b);
  const maxX = Math.max(...runs.map((r) => r.x + r.w));
  // Column starts: x positions many lines start at, far apart from each other.
  const starts = new Map<number, number>();
  for (const r of runs) starts.set(Math.round(r.x / 10) * 10, (starts.get(Math.round(r.x / 10) * 10) ?? 0) + 1);
  const columnStarts = [...starts].filter(([, n]) => n >= 3).map(([x]) => x).sort((a, b) => a - b);
  const columns: number[] = [];
  for (const x of columnStarts) if (columns.length === 0 || x - columns.at(-1)! > maxX / 3) columns.push(x);
  void xs;
  const columnOf = (x: number) => {
    let c = 0;
    for (let i = 0; i < columns.length; i++) if (x >= columns[i] - 5) c = i;
    return c;
  };
  const out: string[] = [];
  for (let c = 0; c < Math.max(1, columns.length); c++) {
    const mine = runs.filter((r) => columnOf(r.x) === c).sort((a, b) => b.y - a.y || a.x - b.x);
    let lineY: number | null = null;
    let line = '';
    for (const r of mine) {
      if (lineY !== null && Math.abs(r.y - lineY) > 2) {
        out.push(line.trim());
        line = '';
      }
      line += (line && !line.endsWith(' ') && !r.s.startsWith(' ') ? ' ' : '') + r.s;
      lineY = r.y;
    }
    if (line.trim()) out.push(line.trim());
    out.push('');
  }
  return out.join('\n');
}
