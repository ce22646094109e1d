import * as path from 'node:path';
import type { RawPosting, RejectedRow } from '@jobportal/contracts';
import { readCompanionTable } from './read-companion-table';
import { readCsvRecords, type CsvRecord } from './read-csv-records';
import { defaultWarn, type SampleSourceAdapter, type SourceReadOptions } from './source-adapter';
import { stableSourceId } from './stable-source-id';

const SOURCE = 'linkedin_2023_24';
const LABEL = 'LinkedIn 2023-24 (arshkon)';

/**
 * The columns without which a row is not this dataset's posting. The other columns of the
 * original 31 are read when present (`get` gives null for an absent column).
 */
const REQUIRED_COLUMNS = ['job_id', 'title', 'description', 'company_name', 'location'] as const;

/** The companion tables of the Kaggle dataset, relative to the postings file's directory. */
const COMPANIONS = {
  salaries: 'jobs/salaries.csv',
  jobSkills: 'jobs/job_skills.csv',
  skillNames: 'mappings/skills.csv',
  jobIndustries: 'jobs/job_industries.csv',
  industryNames: 'mappings/industries.csv',
  benefits: 'jobs/benefits.csv',
  companies: 'companies/companies.csv',
} as const;

interface Salary {
  min: string | null;
  max: string | null;
  median: string | null;
  period: string | null;
  currency: string | null;
}

interface Company {
  name: string | null;
  location: string | null;
}

interface Companions {
  salaries: Map<string, Salary>;
  skills: Map<string, string[]>;
  industries: Map<string, string[]>;
  benefits: Map<string, string[]>;
  companies: Map<string, Company>;
}

export const linkedin2023_24Adapter: SampleSourceAdapter = {
  name: SOURCE,
  label: LABEL,
  samplePath: 'postings/linkedin_arshkon_2023_2024/postings_sample_first500.csv',
  read: readLinkedin2023_24,
};

async function* readLinkedin2023_24(
  filePath: string,
  opts: SourceReadOptions = {},
): AsyncGenerator<RawPosting | RejectedRow> {
  const records = readCsvRecords(filePath, {
    source: SOURCE,
    label: LABEL,
    requiredColumns: REQUIRED_COLUMNS,
    isRecordStart: (row) => /^\d+$/.test(row.get('job_id') ?? ''),
    signal: opts.signal,
  });
  try {
    // Read the first row before the companions, so a bad postings file fails before any lookup work.
    const first = await records.next();
    if (first.done) return;
    const companions = await loadCompanions(path.dirname(filePath), opts);

    yield toPostingOrReject(first.value, companions);
    for await (const item of records) yield toPostingOrReject(item, companions);
  } finally {
    await records.return(undefined);
  }
}

function toPostingOrReject(item: CsvRecord | RejectedRow, companions: Companions): RawPosting | RejectedRow {
  return 'reason' in item ? item : toRawPosting(item, companions);
}

function toRawPosting(row: CsvRecord, companions: Companions): RawPosting {
  const jobId = row.get('job_id');
  const companyId = row.get('company_id');
  const company = companyId ? companions.companies.get(integerId(companyId)) : undefined;

  const ownSalary = row.get('min_salary') ?? row.get('max_salary') ?? row.get('med_salary');
  const salary: Salary | undefined = ownSalary
    ? {
        min: row.get('min_salary'),
        max: row.get('max_salary'),
        median: row.get('med_salary'),
        period: row.get('pay_period'),
        currency: row.get('currency'),
      }
    : jobId
      ? companions.salaries.get(jobId)
      : undefined;

  const url = row.get('job_posting_url');
  const title = row.get('title');
  const location = row.get('location') ?? company?.location ?? null;
  const description = appendIfNew(row.get('description'), row.get('skills_desc'));

  return {
    source: SOURCE,
    sourceId:
      jobId ?? stableSourceId(url, title, row.get('company_name'), row.get('location'), description),
    rowNumber: row.rowNumber,
    url,
    applyUrl: row.get('application_url'),
    title,
    company: row.get('company_name') ?? company?.name ?? null,
    description,
    location,
    postalCode: usZipCode(row.get('zip_code')),
    postedAt: row.get('listed_time') ?? row.get('original_listed_time'),
    expiresAt: row.get('expiry'),
    collectedAt: null,
    payText: null,
    payMin: salary?.min ?? null,
    payMax: salary?.max ?? null,
    payMedian: salary?.median ?? null,
    payPeriod: salary?.period ?? null,
    payCurrency: salary?.currency ?? null,
    // remote_allowed is "1.0" or blank. work_type is FULL_TIME/CONTRACT/..., an employment type.
    workMode: row.get('remote_allowed'),
    experience: row.get('formatted_experience_level'),
    employmentType: row.get('formatted_work_type') ?? row.get('work_type'),
    skills: joined(companions.skills, jobId),
    industries: joined(companions.industries, jobId),
    benefits: joined(companions.benefits, jobId),
    education: null,
  };
}

/** A copy, so that a caller changing one posting's list leaves the lookup table alone. */
function joined(byJob: Map<string, string[]>, jobId: string | null): string[] {
  return jobId ? [...(byJob.get(jobId) ?? [])] : [];
}

/**
 * skills_desc is free text ("Requirements: ...") that the description usually lacks; appended
 * so that it is shown and seen by skill extraction.
 */
function appendIfNew(description: string | null, extra: string | null): string | null {
  if (!extra || description?.includes(extra)) return description;
  return description ? `${description}\n\n${extra}` : extra;
}

/** pandas stored ids as floats ("2774458.0"), while the companion tables have "2774458". */
function integerId(value: string): string {
  return value.replace(/^(\d+)\.0+$/, '$1');
}

/** zip_code went through a float column: "8540.0" is ZIP 08540. */
function usZipCode(value: string | null): string | null {
  if (!value) return null;
  const match = /^(\d{1,5})(?:\.0+)?$/.exec(value);
  return match ? match[1].padStart(5, '0') : value;
}

/** Loads the companion tables that exist; each missing one is reported and skipped. */
async function loadCompanions(dir: string, opts: SourceReadOptions): Promise<Companions> {
  const warn = opts.warn ?? defaultWarn;
  const table = (file: string, requiredColumns: readonly string[]) =>
    readCompanionTable(path.join(dir, file), {
      source: SOURCE,
      label: `${LABEL} ${file}`,
      requiredColumns,
      warn,
      signal: opts.signal,
    });

  const [salaryRows, jobSkillRows, skillNameRows, jobIndustryRows, industryNameRows, benefitRows, companyRows] =
    await Promise.all([
      table(COMPANIONS.salaries, ['job_id', 'min_salary', 'max_salary', 'med_salary', 'pay_period', 'currency']),
      table(COMPANIONS.jobSkills, ['job_id', 'skill_abr']),
      table(COMPANIONS.skillNames, ['skill_abr', 'skill_name']),
      table(COMPANIONS.jobIndustries, ['job_id', 'industry_id']),
      table(COMPANIONS.industryNames, ['industry_id', 'industry_name']),
      table(COMPANIONS.benefits, ['job_id', 'type']),
      table(COMPANIONS.companies, ['company_id', 'name', 'city', 'state', 'country']),
    ]);

  const salaries = new Map<string, Salary>();
  for (const row of salaryRows ?? []) {
    const jobId = row.get('job_id');
    if (!jobId || salaries.has(jobId)) continue;
    salaries.set(jobId, {
      min: row.get('min_salary'),
      max: row.get('max_salary'),
      median: row.get('med_salary'),
      period: row.get('pay_period'),
      currency: row.get('currency'),
    });
  }

  const companies = new Map<string, Company>();
  for (const row of companyRows ?? []) {
    const id = row.get('company_id');
    if (!id) continue;
    // companies.csv writes 0 for an unknown city/state/country.
    const place = ['city', 'state', 'country']
      .map((column) => row.get(column))
      .filter((value): value is string => value !== null && value !== '0');
    companies.set(integerId(id), {
      name: row.get('name'),
      location: place.length > 0 ? place.join(', ') : null,
    });
  }

  return {
    salaries,
    skills: joinNames(jobSkillRows, 'skill_abr', skillNameRows, 'skill_name', COMPANIONS.jobSkills, warn),
    industries: joinNames(
      jobIndustryRows,
      'industry_id',
      industryNameRows,
      'industry_name',
      COMPANIONS.jobIndustries,
      warn,
    ),
    benefits: groupByJob(benefitRows, (row) => row.get('type')),
    companies,
  };
}

/** job_id -> names, through a code -> name mapping table. Codes without a name are left out. */
function joinNames(
  links: CsvRecord[] | null,
  codeColumn: string,
  names: CsvRecord[] | null,
  nameColumn: string,
  linksFile: string,
  warn: (message: string) => void,
): Map<string, string[]> {
  if (!links) return new Map();
  if (!names) {
    warn(`${LABEL}: without the ${codeColumn} -> ${nameColumn} mapping, ${linksFile} is not used.`);
    return new Map();
  }
  const nameByCode = new Map<string, string>();
  for (const row of names) {
    const code = row.get(codeColumn);
    const name = row.get(nameColumn);
    if (code && name) nameByCode.set(integerId(code), name);
  }
  return groupByJob(links, (row) => {
    const code = row.get(codeColumn);
    return code ? (nameByCode.get(integerId(code)) ?? null) : null;
  });
}

function groupByJob(rows: CsvRecord[] | null, value: (row: CsvRecord) => string | null): Map<string, string[]> {
  const byJob = new Map<string, string[]>();
  for (const row of rows ?? []) {
    const jobId = row.get('job_id');
    const item = value(row);
    if (!jobId || !item) continue;
    const items = byJob.get(jobId);
    if (!items) byJob.set(jobId, [item]);
    else if (!items.includes(item)) items.push(item);
  }
  return byJob;
}
