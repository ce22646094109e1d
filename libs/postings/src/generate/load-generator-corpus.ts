import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';

/** OEWS wage percentiles (10th, 25th, median, 75th, 90th), already made monotonic. */
export interface OccupationWages {
  hourly: readonly number[];
  annual: readonly number[];
  /** OEWS publishes only annual figures (teachers, pilots): never express the pay hourly. */
  annualOnly: boolean;
  /** OEWS publishes only hourly figures (actors, musicians): never express the pay yearly. */
  hourlyOnly: boolean;
}

export interface GeneratorOccupation {
  /** O*NET-SOC 2019 code, e.g. "15-1252.00". */
  code: string;
  /** O*NET occupation title (plural, e.g. "Software Developers"). */
  title: string;
  description: string;
  /** Job titles people report for it (O*NET "Sample of Reported Titles"): the most ad-like. */
  reportedTitles: readonly string[];
  /** O*NET alternate titles: many more, some unusual. */
  alternateTitles: readonly string[];
  tasks: readonly string[];
  /** Technology skills (O*NET "Example" column), hot technologies first. */
  skills: readonly string[];
  wages: OccupationWages | null;
  /** Share of US employment (OEWS TOT_EMP), so common jobs are posted more often. */
  weight: number;
}

export interface GeneratorCorpus {
  occupations: readonly GeneratorOccupation[];
  /** Employer names from the real posting samples, distinct. */
  companies: readonly string[];
  /** Distinct "City, ST" locations from the real posting samples, with how often each occurs. */
  locations: readonly { text: string; count: number }[];
}

/** Every file the generator reads, relative to the data dir. */
export const GENERATOR_SOURCE_FILES = {
  occupations: 'onet/occupation_data.csv',
  alternateTitles: 'onet/alternate_titles.csv',
  reportedTitles: 'onet/sample_of_reported_titles.csv',
  tasks: 'onet/task_statements.csv',
  technologySkills: 'onet/technology_skills.csv',
  wages: 'bls/oews_national_M2024.csv',
  linkedin2023: 'postings/linkedin_arshkon_2023_2024/postings_sample_first500.csv',
  linkedinCompanies: 'postings/linkedin_arshkon_2023_2024/companies/companies.csv',
  linkedin2024: 'postings/linkedin_asaniczka_2024_sample/postings_small_500.csv',
  indeed2019: 'postings/indeed_data_science_2019/indeed_postings_2019.csv',
  tjfg2020: 'postings/techjobsforgood_indeed_2020/postings.csv',
} as const;

export class GeneratorCorpusError extends Error {
  override readonly name = 'GeneratorCorpusError';
}

const US_STATES = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR'.split(' '),
);
const CITY_STATE = /^([A-Z][A-Za-z.' -]{1,40}), ([A-Z]{2})(?: \d{5})?$/;

type Row = Record<string, string>;

async function readTable(dataDir: string, file: string): Promise<Row[]> {
  const path = resolve(dataDir, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new GeneratorCorpusError(
      `The generator needs ${path} (${code ?? String(err)}). Check DATA_DIR: it must point at the shared data folder (../shared/data).`,
    );
  }
  // The posting samples have a few broken rows; for name and place pools skipping them is enough.
  return parse(text, { bom: true, columns: true, relax_column_count: true, relax_quotes: true, skip_records_with_error: true, trim: true }) as Row[];
}

function groupBy(rows: Row[], key: string, value: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const row of rows) {
    const v = row[value];
    if (!v) continue;
    let list = out.get(row[key]);
    if (!list) out.set(row[key], (list = []));
    list.push(v);
  }
  return out;
}

/** OEWS marks the top-coded percentiles "#" (>= $115/h, >= $239,200/yr) and missing ones "*". */
function parseWage(value: string | undefined, topCode: number): number | null {
  if (value === '#') return topCode;
  const n = Number(value);
  return value && Number.isFinite(n) && n > 0 ? n : null;
}

function readPercentiles(row: Row, prefix: 'H' | 'A', topCode: number): Array<number | null> {
  return ['PCT10', 'PCT25', 'MEDIAN', 'PCT75', 'PCT90'].map((p) => parseWage(row[`${prefix}_${p}`], topCode));
}

function toWages(row: Row): OccupationWages | null {
  const hourly = readPercentiles(row, 'H', 115);
  const annual = readPercentiles(row, 'A', 239_200);
  const merged = hourly.map((h, i) => h ?? (annual[i] !== null ? annual[i]! / 2080 : null));
  if (merged.some((v) => v === null)) return null;
  // Top-coded percentiles repeat the cap; spread them so a range never collapses.
  const h = merged as number[];
  for (let i = 1; i < h.length; i++) if (h[i] <= h[i - 1]) h[i] = h[i - 1] * 1.1;
  return {
    hourly: h,
    annual: h.map((v) => v * 2080),
    annualOnly: row.ANNUAL === 'TRUE',
    hourlyOnly: row.HOURLY === 'TRUE',
  };
}

/** "Registered Nurses" -> "Registered Nurse"; titles with a comma ("Teachers, Preschool") are left out. */
export function singularTitle(title: string): string | null {
  if (title.includes(',') || / and | or /.test(title)) return null;
  return title.replace(/(\w+)$/, (word) => {
    if (/ies$/.test(word)) return word.slice(0, -3) + 'y';
    if (/(ss|ch|sh|x)es$/.test(word)) return word.slice(0, -2);
    if (/[^s]s$/.test(word)) return word.slice(0, -1);
    return word;
  });
}

/**
 * Reads the tables the generator draws from: O*NET occupations with their titles, tasks and
 * technology skills; OEWS national wages by SOC; employer names and places from the real posting
 * samples. Everything is read from `dataDir` (the shared data folder).
 */
export async function loadGeneratorCorpus(dataDir: string): Promise<GeneratorCorpus> {
  const f = GENERATOR_SOURCE_FILES;
  const settled = await Promise.allSettled(
    [f.occupations, f.alternateTitles, f.reportedTitles, f.tasks, f.technologySkills, f.wages, f.linkedin2023, f.linkedinCompanies, f.linkedin2024, f.indeed2019, f.tjfg2020].map(
      (file) => readTable(dataDir, file),
    ),
  );
  // The first missing table in this order, not whichever read failed first (that was a race).
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  const [occupationRows, alternateRows, reportedRows, taskRows, skillRows, wageRows, li23, liCompanies, li24, indeed, tjfg] = settled.map((r) => (r as PromiseFulfilledResult<Row[]>).value);

  const code = 'O*NET-SOC Code';
  const alternates = groupBy(alternateRows, code, 'Alternate Title');
  const reported = groupBy(reportedRows, code, 'Reported Job Title');
  const tasks = groupBy(taskRows, code, 'Task');
  const hot = skillRows.filter((r) => r['Hot Technology'] === 'Y');
  const skills = groupBy([...hot, ...skillRows.filter((r) => r['Hot Technology'] !== 'Y')], code, 'Example');

  const wageRowsByCode = new Map<string, Row>();
  for (const row of wageRows) {
    if (row.NAICS !== '000000' && row.NAICS !== undefined) continue;
    // Aggregated occupations appear as both "broad" and "detailed": either row serves.
    if (!wageRowsByCode.has(row.OCC_CODE)) wageRowsByCode.set(row.OCC_CODE, row);
  }
  /** O*NET 15-1252.01 -> SOC 15-1252, falling back to the broad, minor and major group OEWS publishes. */
  const wageRowFor = (onetCode: string): Row | null => {
    const soc = onetCode.slice(0, 7);
    for (const candidate of [soc, `${soc.slice(0, 6)}0`, `${soc.slice(0, 5)}00`, `${soc.slice(0, 2)}-0000`]) {
      const row = wageRowsByCode.get(candidate);
      if (row) return row;
    }
    return null;
  };

  const drafts: Array<Omit<GeneratorOccupation, 'weight'> & { wageCode: string | null; employment: number }> = [];
  for (const row of occupationRows) {
    const occTasks = tasks.get(row[code]) ?? [];
    // Residual "All Other" occupations have no tasks of their own and read badly as postings.
    if (occTasks.length < 3 || /All Other/.test(row.Title)) continue;
    const wageRow = wageRowFor(row[code]);
    const employment = Number(wageRow?.TOT_EMP);
    const singular = singularTitle(row.Title);
    drafts.push({
      code: row[code],
      title: row.Title,
      description: row.Description,
      reportedTitles: reported.get(row[code]) ?? (singular ? [singular] : []),
      alternateTitles: alternates.get(row[code]) ?? [],
      tasks: occTasks,
      skills: skills.get(row[code]) ?? [],
      wages: wageRow ? toWages(wageRow) : null,
      wageCode: wageRow?.OCC_CODE ?? null,
      employment: Number.isFinite(employment) && employment > 0 ? employment : 1000,
    });
  }
  // Several O*NET occupations share one OEWS code: they share its employment too.
  const sharing = new Map<string, number>();
  for (const d of drafts) if (d.wageCode) sharing.set(d.wageCode, (sharing.get(d.wageCode) ?? 0) + 1);
  const occupations: GeneratorOccupation[] = drafts
    .filter((d) => d.reportedTitles.length + d.alternateTitles.length > 0)
    .map(({ wageCode, employment, ...d }) => ({ ...d, weight: employment / (wageCode ? sharing.get(wageCode)! : 1) }));

  const companies = new Set<string>();
  const addCompany = (name: string | undefined) => {
    const clean = name?.replace(/\s+/g, ' ').trim();
    if (clean && clean.length >= 2 && clean.length <= 80) companies.add(clean);
  };
  li23.forEach((r) => addCompany(r.company_name));
  liCompanies.forEach((r) => addCompany(r.name));
  li24.forEach((r) => addCompany(r.company));
  tjfg.forEach((r) => addCompany(r.Company));

  const locationCounts = new Map<string, number>();
  const addLocation = (text: string | undefined) => {
    const m = CITY_STATE.exec(text?.trim() ?? '');
    if (!m || !US_STATES.has(m[2])) return;
    const place = `${m[1]}, ${m[2]}`;
    locationCounts.set(place, (locationCounts.get(place) ?? 0) + 1);
  };
  li23.forEach((r) => addLocation(r.location));
  li24.forEach((r) => addLocation(r.job_location));
  indeed.forEach((r) => addLocation(r.location));
  tjfg.forEach((r) => addLocation(r.Location));

  if (occupations.length === 0 || companies.size === 0 || locationCounts.size === 0) {
    throw new GeneratorCorpusError(
      `The data in ${dataDir} gave ${occupations.length} occupations, ${companies.size} companies and ${locationCounts.size} locations; the generator needs some of each.`,
    );
  }
  return {
    occupations,
    // Sorted so the corpus, and with it the output, does not depend on file or Set order.
    companies: [...companies].sort(),
    locations: [...locationCounts].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([text, count]) => ({ text, count })),
  };
}
