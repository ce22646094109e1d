import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../../test/support/stack';

/**
 * `npm run classify` as an analyst runs it: the built CLI in its own process, the trained model
 * from MODEL_DIR (as the rest of the suite), real CSV files in and out.
 */
const CLI = resolve(REPO_ROOT, 'workers/dist/cli/classify.js');
const run = promisify(execFile);

async function classify(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, cwd: REPO_ROOT, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** A minimal RFC 4180 reader for the output (quoted cells with commas, doubled quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    }
    else if (ch !== '\r') cell += ch;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

describe('npm run classify (batch coding CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'classify-cli-'));
  const input = join(dir, 'titles.csv');
  const output = join(dir, 'coded.csv');

  beforeAll(() => {
    writeFileSync(
      input,
      [
        'id,job_title,notes',
        '1,Registered Nurse,"ICU, nights"',
        '2,CDL-A Truck Driver,"Regional routes, home weekly"',
        '3,Line Cook,"Grill station; ""fast paced"""',
        '4,,no title at all',
        '5,Software Engineer,backend services',
      ].join('\n') + '\n',
    );
  });

  it('writes every input row, unchanged, followed by the top 5 SOC codes with probabilities', async () => {
    const res = await classify(['--input', input, '--title-column', 'job_title', '--description-column', 'notes', '--output', output]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/Coded 5 rows into .*coded\.csv/);
    const rows = parseCsv(readFileSync(output, 'utf8'));
    const header = rows[0];
    expect(header.slice(0, 3)).toEqual(['id', 'job_title', 'notes']);
    expect(header.slice(3)).toEqual([1, 2, 3, 4, 5].flatMap((i) => [`code${i}`, `title${i}`, `prob${i}`]));
    expect(rows).toHaveLength(6);
    const byId = new Map(rows.slice(1).map((r) => [r[0], r]));
    // Input cells come back as they were, commas and quotes included.
    expect(byId.get('3')![2]).toBe('Grill station; "fast paced"');
    expect(byId.get('1')![2]).toBe('ICU, nights');
    const major = (id: string) => byId.get(id)![3].slice(0, 2);
    expect(major('1')).toBe('29');
    expect(major('2')).toBe('53');
    expect(major('3')).toBe('35');
    expect(major('5')).toBe('15');
    for (const id of ['1', '2', '3', '5']) {
      const r = byId.get(id)!;
      for (let k = 0; k < 5; k++) expect(r[3 + 3 * k]).toMatch(/^\d{2}-\d{4}$/);
      const probs = [0, 1, 2, 3, 4].map((k) => Number(r[5 + 3 * k]));
      expect(probs).toEqual([...probs].sort((a, b) => b - a));
      expect(probs.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1.0001);
    }
    // A row without a title is kept, with empty codes.
    expect(byId.get('4')!.slice(3).every((c) => c === '')).toBe(true);
  });

  it('a CSV without the named column says which columns it has, and writes nothing', async () => {
    const res = await classify(['--input', input, '--title-column', 'title', '--output', join(dir, 'none.csv')]);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('has no column "title"');
    expect(res.stderr).toContain('"job_title"');
    expect(res.stderr).toContain('--title-column');
  });

  it('an empty file is refused with what it should contain', async () => {
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    const res = await classify(['--input', empty, '--title-column', 'job_title', '--output', join(dir, 'none.csv')]);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/is empty: it needs a header row with a "job_title" column/);
  });

  it('a missing model names npm run train:classifier', async () => {
    const res = await classify(['--input', input, '--title-column', 'job_title', '--output', join(dir, 'none.csv')], { MODEL_DIR: join(dir, 'no-model') });
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('npm run train:classifier');
  });

  it('a missing --title-column prints the usage', async () => {
    const res = await classify(['--input', input, '--output', output]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--title-column is required');
    expect(res.stderr).toContain('Usage:');
  });
});
