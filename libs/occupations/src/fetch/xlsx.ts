import { inflateRawSync } from 'node:zlib';

/**
 * Just enough of ZIP and SpreadsheetML to read the cell values of the BLS and SOC workbooks
 * (OEWS, Employment Projections, SOC structure and definitions), so `npm run data:fetch` needs
 * no spreadsheet package and no Python. Values come back as text: numbers as Excel stores them
 * (shortest round-trip form), shared and inline strings decoded, formulas' cached values.
 */

export class XlsxError extends Error {
  override readonly name = 'XlsxError';
}

/** The files in a ZIP archive (stored or deflated entries; no ZIP64, no encryption). */
export function readZip(buf: Buffer): Map<string, () => Buffer> {
  const EOCD = 0x06054b50;
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new XlsxError('not a ZIP archive (no end-of-central-directory record)');
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const files = new Map<string, () => Buffer>();
  for (let n = 0; n < entries; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new XlsxError('corrupt ZIP central directory');
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    files.set(name, () => {
      if (buf.readUInt32LE(localOffset) !== 0x04034b50) throw new XlsxError(`corrupt ZIP entry ${name}`);
      const start = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
      const data = buf.subarray(start, start + compressedSize);
      if (method === 0) return data;
      if (method === 8) return inflateRawSync(data);
      throw new XlsxError(`ZIP entry ${name} uses compression method ${method}, which this reader does not support`);
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? m;
  });
}

/** The text of an <si> or <is> element: its <t> runs joined (rich text has several). */
function runText(xml: string): string {
  let out = '';
  for (const m of xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) out += decodeXml(m[1]);
  return out;
}

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** Excel keeps doubles; print them as the shortest text that reads back the same, without float noise. */
function numberText(v: string): string {
  const n = Number(v);
  if (!Number.isFinite(n)) return v;
  return String(Number(n.toPrecision(15)));
}

export interface Workbook {
  sheetNames: string[];
  /** Rows of a sheet as arrays of cell text ('' for empty cells). */
  rows(sheetName: string): string[][];
}

export function readXlsx(buf: Buffer): Workbook {
  const files = readZip(buf);
  const text = (name: string): string | null => {
    const f = files.get(name);
    return f ? f().toString('utf8') : null;
  };
  const workbook = text('xl/workbook.xml');
  if (!workbook) throw new XlsxError('not an .xlsx workbook (no xl/workbook.xml)');
  const rels = text('xl/_rels/workbook.xml.rels') ?? '';
  const target = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const t = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && t) target.set(id, t.startsWith('/') ? t.slice(1) : `xl/${t}`);
  }
  const sheets = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const rid = /\br:id="([^"]+)"/.exec(m[0])?.[1];
    if (name && rid && target.has(rid)) sheets.set(decodeXml(name), target.get(rid)!);
  }
  const shared: string[] = [];
  const sst = text('xl/sharedStrings.xml');
  if (sst) for (const m of sst.matchAll(/<si>([\s\S]*?)<\/si>/g)) shared.push(runText(m[1]));

  return {
    sheetNames: [...sheets.keys()],
    rows(sheetName: string): string[][] {
      const path = sheets.get(sheetName);
      const xml = path ? text(path) : null;
      if (!xml) throw new XlsxError(`no sheet "${sheetName}" (sheets: ${[...sheets.keys()].join(', ')})`);
      const out: string[][] = [];
      for (const row of xml.matchAll(/<row\b([^>]*)>([\s\S]*?)<\/row>/g)) {
        const cells: string[] = [];
        let next = 0;
        for (const c of row[2].matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
          const attrs = c[1];
          const body = c[2] ?? '';
          const ref = /\br="([A-Z]+)\d+"/.exec(attrs)?.[1];
          const col = ref ? columnIndex(ref) : next;
          next = col + 1;
          const type = /\bt="(\w+)"/.exec(attrs)?.[1];
          const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
          let value = '';
          if (type === 's' && v !== undefined) value = shared[Number(v)] ?? '';
          else if (type === 'inlineStr') value = runText(body);
          else if (type === 'str' || type === 'e') value = v !== undefined ? decodeXml(v) : '';
          else if (type === 'b') value = v === '1' ? 'TRUE' : 'FALSE';
          else if (v !== undefined) value = numberText(v);
          while (cells.length < col) cells.push('');
          cells[col] = value;
        }
        const r = Number(/\br="(\d+)"/.exec(row[1])?.[1] ?? out.length + 1);
        while (out.length < r - 1) out.push([]);
        out.push(cells);
      }
      return out;
    },
  };
}
