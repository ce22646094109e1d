import type { RawPosting, RejectedRow } from '@jobportal/contracts';
import { mapCsvRecords, readCsvRecords, type CsvRecord } from './read-csv-records';
import type { SampleSourceAdapter, SourceReadOptions } from './source-adapter';
import { stableSourceId } from './stable-source-id';

const SOURCE = 'linkedin_2024';
const LABEL = 'LinkedIn 2024 (asaniczka)';

/** first_seen, `job level`, job_type and job_skills are read when present. */
const REQUIRED_COLUMNS = ['job_title', 'company', 'job_location', 'job_link', 'job_summary'] as const;

export const linkedin2024Adapter: SampleSourceAdapter = {
  name: SOURCE,
  label: LABEL,
  samplePath: 'postings/linkedin_asaniczka_2024_sample/postings_small_500.csv',
  read: (filePath: string, opts: SourceReadOptions = {}): AsyncIterable<RawPosting | RejectedRow> =>
    mapCsvRecords(
      readCsvRecords(filePath, {
        source: SOURCE,
        label: LABEL,
        requiredColumns: REQUIRED_COLUMNS,
        isRecordStart: (row) => /^https?:\/\//.test(row.get('job_link') ?? ''),
        signal: opts.signal,
      }),
      toRawPosting,
    ),
};

function toRawPosting(row: CsvRecord): RawPosting {
  const link = row.get('job_link');
  const title = row.get('job_title');
  const company = row.get('company');
  const location = row.get('job_location');
  const description = row.get('job_summary');
  return {
    source: SOURCE,
    sourceId:
      (link && linkedinJobId(link)) ??
      (link ? stableSourceId(link) : stableSourceId(title, company, location, description)),
    rowNumber: row.rowNumber,
    url: link,
    applyUrl: null,
    title,
    company,
    description,
    // search_city/search_country describe the scraper's query, not the job (e.g. "Portland, OR"
    // under Canada), so they are not used as location.
    location,
    postalCode: null,
    postedAt: row.get('first_seen'),
    expiresAt: null,
    collectedAt: null,
    payText: null,
    workMode: row.get('job_type'),
    experience: row.get('job level'),
    employmentType: null,
    skills: splitList(row.get('job_skills')),
    industries: [],
    benefits: [],
    education: null,
  };
}

/** ".../jobs/view/data-engineer-at-acme-3739799994" -> "3739799994". */
function linkedinJobId(link: string): string | null {
  const match = /[-/](\d{5,})\/?(?:[?#].*)?$/.exec(link);
  return match ? match[1] : null;
}

function splitList(value: string | null): string[] {
  if (!value) return [];
  const items: string[] = [];
  for (const part of value.split(',')) {
    const item = part.trim();
    if (item && !items.includes(item)) items.push(item);
  }
  return items;
}
