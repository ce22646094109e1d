import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { readXlsx, readZip, XlsxError } from './xlsx';

/**
 * Turns the publishers' downloads (BLS and SOC workbooks, O*NET's text edition) into the tables
 * the loader reads, with the layout of ../shared/data: the sheet's own header and rows, minus
 * banner and footnote rows. Used by data/fetch.sh after every download succeeded.
 */
export interface Conversion {
  /** Table written, relative to the data directory. */
  output: string;
  /** Downloaded file, relative to the downloads folder. */
  input: string;
  /** For a .zip download: the workbook inside it. */
  member?: RegExp;
  /** Sheet to read; the first sheet when absent. */
  sheet?: RegExp;
  /** A cell the header row holds; rows above it are banners. */
  header: string;
  /** Keeps a data row (default: any row with a non-empty first cell). */
  keep?: (cells: string[], header: string[]) => boolean;
  /** Rewrites header + rows into the output layout (default: unchanged). */
  reshape?: (header: string[], rows: string[][]) => string[][];
  optional?: boolean;
}

const SOC_CODE = /^\d{2}-\d{4}$/;

/**
 * BLS's soc_structure_2018.xlsx puts each code in one of four columns (major, minor, broad,
 * detailed) with the title beside it; the loader reads one row per code with its level and
 * parents.
 */
export function flattenSocStructure(header: string[], rows: string[][]): string[][] {
  const levels = ['major', 'minor', 'broad', 'detailed'] as const;
  const parents: Array<string | null> = [null, null, null];
  const out: string[][] = [['level', 'soc_code', 'title', 'major_group', 'minor_group', 'broad_group']];
  for (const row of rows) {
    const col = row.slice(0, 4).findIndex((c) => SOC_CODE.test(c.trim()));
    if (col < 0) continue;
    const code = row[col].trim();
    const title = row.slice(4).find((c) => c.trim() !== '')?.trim() ?? '';
    if (col < 3) {
      parents[col] = code;
      for (let i = col + 1; i < 3; i++) parents[i] = null;
    }
    const [major, minor, broad] = parents.map((p, i) => (i < col ? (p ?? '') : i === col ? code : ''));
    out.push([levels[col], code, title, major || code, minor, broad]);
  }
  return out;
}

export const CONVERSIONS: Conversion[] = [
  { output: 'soc/soc_2018_structure.csv', input: 'soc_structure_2018.xlsx', header: 'Major Group', reshape: flattenSocStructure },
  { output: 'soc/soc_2018_definitions.csv', input: 'soc_2018_definitions.xlsx', header: 'SOC Code' },
  { output: 'soc/onet_soc_2019_to_soc_2018_crosswalk.csv', input: '2019_to_SOC_Crosswalk.xlsx', header: 'O*NET-SOC 2019 Code' },
  { output: 'bls/oews_national_M2024.csv', input: 'oesm24nat.zip', member: /national_M2024_dl\.xlsx$/, header: 'OCC_CODE' },
  {
    output: 'bls/ep_2024_34_occupational_projections.csv',
    input: 'occupation.xlsx',
    sheet: /^Table 1\.2\b/,
    header: '2024 National Employment Matrix code',
    keep: (cells, header) => SOC_CODE.test(cells[header.indexOf('2024 National Employment Matrix code')]?.trim() ?? ''),
  },
  { output: 'bls/nem_onet_soc_to_nem_ooh_crosswalk_2023.csv', input: 'nem-onet-to-soc-crosswalk.xlsx', header: 'O*NET-SOC Code', optional: true },
];

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toCsv(rows: string[][]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

/** Header and data rows of one sheet, per a Conversion. */
export function extractTable(workbook: Buffer, c: Pick<Conversion, 'sheet' | 'header' | 'keep' | 'reshape'>): string[][] {
  const wb = readXlsx(workbook);
  const sheet = c.sheet ? wb.sheetNames.find((n) => c.sheet!.test(n)) : wb.sheetNames[0];
  if (!sheet) throw new XlsxError(`no sheet matching ${c.sheet} (sheets: ${wb.sheetNames.join(', ')})`);
  const rows = wb.rows(sheet).map((r) => r.map((cell) => cell.trim()));
  const h = rows.findIndex((r) => r.includes(c.header));
  if (h < 0) throw new XlsxError(`sheet "${sheet}" has no header row with "${c.header}"`);
  let width = rows[h].length;
  while (width > 0 && rows[h][width - 1] === '') width--;
  const header = rows[h].slice(0, width);
  const keep = c.keep ?? ((cells: string[]) => (cells[0] ?? '') !== '');
  const data = rows
    .slice(h + 1)
    .filter((r) => r.some((cell) => cell !== '') && keep(r, header))
    .map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
  return c.reshape ? c.reshape(header, data) : [header, ...data];
}

async function workbookOf(downloads: string, c: Conversion): Promise<Buffer> {
  const buf = await readFile(join(downloads, c.input));
  if (!c.member) return buf;
  const zip = readZip(buf);
  const name = [...zip.keys()].find((n) => c.member!.test(n));
  if (!name) throw new XlsxError(`${c.input} holds no file matching ${c.member}`);
  return zip.get(name)!();
}

/**
 * Converts every download into DATA_DIR. O*NET's text edition (tab-delimited .txt, the
 * publisher's own file names) is copied into onet/ as it is: the loader reads it directly.
 */
export async function convertDownloads(downloads: string, dataDir: string, log: (line: string) => void = console.log): Promise<void> {
  for (const c of CONVERSIONS) {
    const out = resolve(dataDir, c.output);
    let table: string[][];
    try {
      table = extractTable(await workbookOf(downloads, c), c);
    } catch (err) {
      if (c.optional && (err as NodeJS.ErrnoException).code === 'ENOENT') {
        log(`skipped ${c.output} (optional; ${c.input} was not downloaded)`);
        continue;
      }
      throw new Error(`Cannot convert ${c.input} into ${c.output}: ${(err as Error).message}`);
    }
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, toCsv(table));
    log(`wrote ${c.output} (${table.length - 1} rows)`);
  }
  const onetSource = await findOnetText(downloads);
  const onetOut = resolve(dataDir, 'onet');
  await mkdir(onetOut, { recursive: true });
  let copied = 0;
  for (const name of await readdir(onetSource)) {
    if (!name.endsWith('.txt')) continue;
    await copyFile(join(onetSource, name), join(onetOut, name));
    copied++;
  }
  log(`copied ${copied} O*NET text tables into onet/`);
}

/** The folder of the unpacked O*NET text edition (db_29_3_text/ inside the downloads). */
async function findOnetText(downloads: string): Promise<string> {
  for (const entry of await readdir(downloads, { withFileTypes: true })) {
    if (entry.isDirectory() && /^db_\d+_\d+_text$/.test(entry.name)) return join(downloads, entry.name);
  }
  throw new Error(`No unpacked O*NET text edition (db_<version>_text/) in ${downloads}.`);
}

if (require.main === module) {
  const [downloads, dataDir] = process.argv.slice(2);
  if (!downloads || !dataDir) {
    console.error('Usage: node convert-downloads.js <downloads folder> <data dir>');
    process.exit(2);
  }
  convertDownloads(downloads, dataDir, (l) => console.log(`[data:fetch] ${l}`)).catch((err: unknown) => {
    console.error(`[data:fetch] ${(err as Error).message}`);
    process.exit(1);
  });
}
