import { DATA_TABLES } from './data-files';
import type { OccupationProjections, OccupationWages, WageFigures } from './occupation';
import { cell, locateTable, numberCell, readTable, type Row } from './read-table';

/** OEWS top-codes: "#" stands for a wage at or above these (May 2024). */
const TOP_CODE = { hourly: 115, annual: 239_200 };

/** SOC broad group of a detailed code: 15-1252 -> 15-1250. */
export function broadGroupOf(socCode: string): string {
  return `${socCode.slice(0, 6)}0`;
}

function wageFigures(row: Row, prefix: 'A' | 'H', topCoded: string[]): WageFigures {
  const read = (field: string): number | null => {
    const raw = cell(row, `${prefix}_${field}`);
    if (raw === '#') {
      topCoded.push(`${prefix === 'A' ? 'annual' : 'hourly'}.${field.toLowerCase().replace('pct', 'p')}`);
      return prefix === 'A' ? TOP_CODE.annual : TOP_CODE.hourly;
    }
    return numberCell(row, `${prefix}_${field}`);
  };
  return { mean: read('MEAN'), p10: read('PCT10'), p25: read('PCT25'), median: read('MEDIAN'), p75: read('PCT75'), p90: read('PCT90') };
}

/** OEWS national cross-industry estimates by SOC code (detailed and broad rows). */
export class OewsWages {
  constructor(
    private readonly rows: ReadonlyMap<string, Row>,
    readonly period: string,
  ) {}

  /** Figures for a detailed SOC code, falling back to its broad group when OEWS publishes only that. */
  forSoc(socCode: string): OccupationWages | null {
    const exact = this.rows.get(socCode);
    const row = exact ?? this.rows.get(broadGroupOf(socCode));
    if (!row) return null;
    const topCoded: string[] = [];
    const annual = wageFigures(row, 'A', topCoded);
    const hourly = wageFigures(row, 'H', topCoded);
    return {
      period: this.period,
      socCode: cell(row, 'OCC_CODE')!,
      socTitle: cell(row, 'OCC_TITLE') ?? '',
      level: exact ? 'detailed' : 'broad',
      employment: numberCell(row, 'TOT_EMP'),
      annual,
      hourly,
      annualOnly: cell(row, 'ANNUAL')?.toUpperCase() === 'TRUE',
      hourlyOnly: cell(row, 'HOURLY')?.toUpperCase() === 'TRUE',
      topCoded,
    };
  }
}

export async function loadOewsWages(dataDir: string): Promise<OewsWages> {
  const rows = await readTable(dataDir, DATA_TABLES.oewsNational);
  const byCode = new Map<string, Row>();
  for (const row of rows) {
    const code = cell(row, 'OCC_CODE');
    const group = cell(row, 'O_GROUP');
    // National cross-industry rows only (the national file holds nothing else, but be explicit).
    const area = cell(row, 'AREA');
    if (!code || (area !== null && area !== '99')) continue;
    // A code OEWS aggregates to the broad level appears twice (broad and detailed): same figures.
    if (!byCode.has(code) || group === 'detailed') byCode.set(code, row);
  }
  return new OewsWages(byCode, 'May 2024');
}

/** BLS Employment Projections 2024-34, by National Employment Matrix code. */
export class EmploymentProjections {
  constructor(
    private readonly rows: ReadonlyMap<string, Row>,
    /** O*NET-SOC code -> NEM code, for occupations BLS projects as an aggregate (31-1120). */
    private readonly nemCodeOf: ReadonlyMap<string, string>,
  ) {}

  forOccupation(onetCode: string, socCode: string): OccupationProjections | null {
    const candidates = [socCode, this.nemCodeOf.get(onetCode), broadGroupOf(socCode)];
    for (const code of candidates) {
      const row = code ? this.rows.get(code) : undefined;
      if (row) return toProjections(row);
    }
    return null;
  }
}

function toProjections(row: Row): OccupationProjections {
  return {
    period: '2024-34',
    nemCode: cell(row, '2024 National Employment Matrix code')!,
    nemTitle: cell(row, '2024 National Employment Matrix title') ?? '',
    employment2024: numberCell(row, 'Employment, 2024'),
    employment2034: numberCell(row, 'Employment, 2034'),
    changeNumeric: numberCell(row, 'Employment change, numeric, 2024-34'),
    changePercent: numberCell(row, 'Employment change, percent, 2024-34'),
    openingsAnnual: numberCell(row, 'Occupational openings, 2024-34 annual average'),
    medianAnnualWage: numberCell(row, 'Median annual wage, dollars, 2024'),
    typicalEducation: cell(row, 'Typical education needed for entry'),
    workExperience: cell(row, 'Work experience in a related occupation'),
    onTheJobTraining: cell(row, 'Typical on-the-job training needed to attain competency in the occupation'),
  };
}

export async function loadEmploymentProjections(dataDir: string): Promise<EmploymentProjections> {
  const rows = await readTable(dataDir, DATA_TABLES.projections);
  const byCode = new Map<string, Row>();
  for (const row of rows) {
    const code = cell(row, '2024 National Employment Matrix code');
    if (code) byCode.set(code, row);
  }
  // The NEM crosswalk is optional: without it, aggregates fall back to the broad group.
  const nemCodeOf = new Map<string, string>();
  if (await locateTable(dataDir, DATA_TABLES.nemCrosswalk)) {
    for (const row of await readTable(dataDir, DATA_TABLES.nemCrosswalk)) {
      const onet = cell(row, 'O*NET-SOC Code');
      const nem = cell(row, 'NEM Code');
      if (onet && nem) nemCodeOf.set(onet, nem);
    }
  }
  return new EmploymentProjections(byCode, nemCodeOf);
}
