import { readFileSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@jobportal/config';
import { loadEmploymentProjections } from '../onet/bls';
import { CONVERSIONS, extractTable, flattenSocStructure, toCsv } from './convert-downloads';
import { readZip, XlsxError } from './xlsx';

// The publishers' own files, as BLS distributes them (kept in ../shared/data/bls/raw).
const raw = join(loadConfig().data.dir, 'bls/raw');
const conversion = (input: string) => CONVERSIONS.find((c) => c.input === input)!;

describe('converting the publishers downloads', () => {
  it('OEWS national_M2024_dl.xlsx (inside oesm24nat.zip) becomes the CSV the loader reads, byte for byte', () => {
    const zip = readZip(readFileSync(join(raw, 'oesm24nat.zip')));
    const workbook = zip.get([...zip.keys()].find((n) => n.endsWith('national_M2024_dl.xlsx'))!)!();
    const csv = toCsv(extractTable(workbook, conversion('oesm24nat.zip')));
    expect(csv).toBe(readFileSync(join(loadConfig().data.dir, 'bls/oews_national_M2024.csv'), 'utf8'));
  });

  it('EP occupation.xlsx Table 1.2 loses its banner and footnotes and loads as projections', async () => {
    const table = extractTable(readFileSync(join(raw, 'ep_2024_34_occupation.xlsx')), conversion('occupation.xlsx'));
    expect(table.length - 1).toBe(1113);
    const dir = await mkdtemp(join(tmpdir(), 'ep-'));
    try {
      await mkdir(join(dir, 'bls'));
      await writeFile(join(dir, 'bls/ep_2024_34_occupational_projections.csv'), toCsv(table));
      const projections = await loadEmploymentProjections(dir);
      expect(projections.forOccupation('15-1252.00', '15-1252')).toMatchObject({ employment2024: 1693.8, changePercent: 15.8, openingsAnnual: 115.2, medianAnnualWage: 133080 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a sheet without the expected header is an error naming it', () => {
    expect(() => extractTable(readFileSync(join(raw, 'ep_2024_34_occupation.xlsx')), { header: 'OCC_CODE' })).toThrow(XlsxError);
    expect(() => extractTable(readFileSync(join(raw, 'ep_2024_34_occupation.xlsx')), { header: 'OCC_CODE' })).toThrow(/no header row with "OCC_CODE"/);
  });

  it("flattens BLS's four-column SOC structure into one row per code with its parents", () => {
    const header = ['Major Group', 'Minor Group', 'Broad Group', 'Detailed Occupation', ''];
    const rows = [
      ['15-0000', '', '', '', 'Computer and Mathematical Occupations'],
      ['', '15-1200', '', '', 'Computer Occupations'],
      ['', '', '15-1250', '', 'Software and Web Developers, Programmers, and Testers'],
      ['', '', '', '15-1252', 'Software Developers'],
      ['', '', '', '', 'a footnote'],
    ];
    expect(flattenSocStructure(header, rows)).toEqual([
      ['level', 'soc_code', 'title', 'major_group', 'minor_group', 'broad_group'],
      ['major', '15-0000', 'Computer and Mathematical Occupations', '15-0000', '', ''],
      ['minor', '15-1200', 'Computer Occupations', '15-0000', '15-1200', ''],
      ['broad', '15-1250', 'Software and Web Developers, Programmers, and Testers', '15-0000', '15-1200', '15-1250'],
      ['detailed', '15-1252', 'Software Developers', '15-0000', '15-1200', '15-1250'],
    ]);
  });
});
