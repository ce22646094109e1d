import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@jobportal/config';
import { DATA_TABLES } from './data-files';
import { loadOccupationCores, loadOccupations, type OccupationCatalog } from './load-occupations';
import type { Occupation } from './occupation';
import { cell, OccupationDataError, readTable } from './read-table';

const dataDir = loadConfig().data.dir;

describe('loadOccupations on the real O*NET 29.3 / SOC 2018 / BLS tables', () => {
  let catalog: OccupationCatalog<Occupation>;
  const get = (code: string) => {
    const occ = catalog.occupations.get(code);
    if (!occ) throw new Error(`${code} missing`);
    return occ;
  };

  beforeAll(async () => {
    catalog = await loadOccupations(dataDir);
  }, 60_000);

  it('reads every O*NET-SOC occupation and the whole SOC 2018 structure', () => {
    expect(catalog.occupations.size).toBe(1016);
    expect(catalog.onetVersion).toMatch(/^O\*NET 29\.3 Database/);
    const count = (level: 'major' | 'minor' | 'broad' | 'detailed') => catalog.taxonomy.entries(level).length;
    expect([count('major'), count('minor'), count('broad'), count('detailed')]).toEqual([23, 98, 459, 867]);
  });

  it('places Software Developers in SOC 2018 with wages and projections', () => {
    const occ = get('15-1252.00');
    expect(occ.title).toBe('Software Developers');
    expect(occ.soc).toMatchObject({
      code: '15-1252',
      majorPrefix: '15',
      major: { code: '15-0000', title: 'Computer and Mathematical Occupations' },
      minor: { code: '15-1200', title: 'Computer Occupations' },
      broad: { code: '15-1250' },
    });
    expect(occ.soc.definition).toMatch(/^Research, design, and develop computer/);
    expect(occ.reportedTitles).toContain('Software Engineer');
    expect(occ.alternateTitles.length).toBeGreaterThan(100);
    expect(occ.tasks.length).toBeGreaterThan(10);
    // OEWS May 2024 and EP 2024-34 figures for 15-1252.
    expect(occ.wages).toMatchObject({ socCode: '15-1252', level: 'detailed', employment: 1654440, annual: { median: 133080, p10: 79850, p90: 211450 } });
    expect(occ.projections).toMatchObject({ nemCode: '15-1252', employment2024: 1693.8, changePercent: 15.8, openingsAnnual: 115.2, typicalEducation: "Bachelor's degree" });
    expect(occ.interests?.code).toBe('ICR');
    expect(occ.jobZone?.zone).toBe(4);
    expect(occ.technologySkills.some((t) => t.hot)).toBe(true);
    // Hot technologies come first.
    const firstCold = occ.technologySkills.findIndex((t) => !t.hot);
    expect(occ.technologySkills.slice(firstCold).every((t) => !t.hot)).toBe(true);
  });

  it('joins the rated tables (skills, knowledge, work values, education) where O*NET rates the occupation', () => {
    const rn = get('29-1141.00');
    expect(rn.soc).toMatchObject({ code: '29-1141', majorPrefix: '29', major: { title: 'Healthcare Practitioners and Technical Occupations' } });
    expect(rn.skills.length).toBeGreaterThan(20);
    expect(rn.skills[0].importance).toBeGreaterThanOrEqual(rn.skills[1].importance ?? 0);
    expect(rn.knowledge.find((k) => k.name === 'Medicine and Dentistry')?.importance).toBeGreaterThan(3.5);
    expect(rn.workValues?.support).toBeGreaterThan(0);
    expect(rn.education?.distribution.length).toBeGreaterThan(5);
    expect(rn.wages?.annual.median).toBe(93600);
    // Whole-table coverage: wages for all but the military (55-) and a few fishing/hunting codes.
    const all = [...catalog.occupations.values()];
    expect(all.filter((o) => o.wages).length).toBeGreaterThan(990);
    expect(all.filter((o) => !o.wages && o.soc.majorPrefix !== '55').length).toBeLessThan(5);
    expect(all.filter((o) => o.projections).length).toBeGreaterThan(990);
    expect(all.filter((o) => o.interests).length).toBe(923);
    expect(all.filter((o) => o.jobZone).length).toBe(923);
  });

  it('uses the crosswalk for O*NET codes whose SOC code is not their prefix, and the broad OEWS row where the detailed one is not published', () => {
    // 11-1011.03 Chief Sustainability Officers is coded 11-1011 Chief Executives in SOC 2018.
    expect(get('11-1011.03').soc.code).toBe('11-1011');
    const broadWages = [...catalog.occupations.values()].filter((o) => o.wages?.level === 'broad');
    expect(broadWages.length).toBeGreaterThan(0);
    for (const o of broadWages) expect(o.wages!.socCode).toBe(`${o.soc.code.slice(0, 6)}0`);
  });

  it('every code joins: SOC codes exist in the structure, related occupations exist, every detailed SOC code has an O*NET occupation', () => {
    const detailed = new Set(catalog.taxonomy.entries('detailed').map((e) => e.code));
    const covered = new Set<string>();
    for (const occ of catalog.occupations.values()) {
      expect(detailed.has(occ.soc.code)).toBe(true);
      covered.add(occ.soc.code);
      for (const rel of occ.relatedOccupations) expect(catalog.occupations.has(rel.onetCode)).toBe(true);
    }
    expect(covered.size).toBe(867);
  });
});

describe('loader errors', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'occupations-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a data directory without the O*NET tables names npm run data:fetch', async () => {
    const err = await loadOccupationCores(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OccupationDataError);
    expect((err as Error).message).toContain('npm run data:fetch');
    expect((err as Error).message).toContain('lacks 7 of the 7');
    expect((err as OccupationDataError).missing).toEqual(expect.arrayContaining(['onet/occupation_data.csv', 'onet/alternate_titles.csv', 'soc/soc_2018_structure.csv']));
  });

  it('a table without its columns names the missing ones', async () => {
    await mkdir(join(dir, 'onet'));
    await writeFile(join(dir, 'onet/occupation_data.csv'), 'Code,Name\n11-1011.00,Chief Executives\n');
    const err = await readTable(dir, DATA_TABLES.occupationData).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/lacks the column\(s\) "O\*NET-SOC Code", "Title", "Description"/);
  });

  it("reads the publisher's tab-delimited text edition, with n/a as empty and quotes kept", async () => {
    await mkdir(join(dir, 'onet'));
    await writeFile(
      join(dir, 'onet/Occupation Data.txt'),
      'O*NET-SOC Code\tTitle\tDescription\n15-1252.00\tSoftware Developers\tDevelop "software".\n11-1011.00\tChief Executives\tn/a\n',
    );
    const rows = await readTable(dir, DATA_TABLES.occupationData);
    expect(rows.map((r) => [cell(r, 'O*NET-SOC Code'), cell(r, 'Description')])).toEqual([
      ['15-1252.00', 'Develop "software".'],
      ['11-1011.00', null],
    ]);
  });
});
