import type { RawPosting, RejectedRow } from '@jobportal/contracts';
import { mapCsvRecords, readCsvRecords, type CsvRecord } from './read-csv-records';
import type { SourceReadOptions } from './source-adapter';
import { stableSourceId } from './stable-source-id';

/**
 * Both scrapes of the EthicalTechJobListings project share these columns (in a different order;
 * postings.csv adds two leftover pandas index columns, which are ignored).
 */
const REQUIRED_COLUMNS = ['Title', 'Company', 'Location', 'URL', 'Education', 'Text', 'Date_Queried'] as const;

export function readTjfgPostings(
  source: 'tjfg_indeed_2020' | 'tjfg_ectj_2020',
  label: string,
  filePath: string,
  opts: SourceReadOptions,
): AsyncGenerator<RawPosting | RejectedRow> {
  const toRawPosting = (row: CsvRecord): RawPosting => {
    const url = row.get('URL');
    const title = row.get('Title');
    const company = row.get('Company');
    const location = row.get('Location');
    // Text is kept as scraped, literal "\u2014"-style escapes included.
    const description = row.get('Text');
    return {
      source,
      // Indeed URLs here are one-off ad-click links, so the id is a hash of the link.
      sourceId: url ? stableSourceId(url) : stableSourceId(title, company, location, description),
      rowNumber: row.rowNumber,
      url,
      applyUrl: null,
      title,
      company,
      description,
      location,
      postalCode: null,
      postedAt: null,
      expiresAt: null,
      // Both "7/30/2020" and "2020-08-02" occur.
      collectedAt: row.get('Date_Queried'),
      payText: null,
      workMode: null,
      experience: null,
      employmentType: null,
      skills: [],
      industries: [],
      benefits: [],
      education: row.get('Education'),
    };
  };
  return mapCsvRecords(
    readCsvRecords(filePath, {
      source,
      label,
      requiredColumns: REQUIRED_COLUMNS,
      isRecordStart: (row) => /^https?:\/\//.test(row.get('URL') ?? ''),
      signal: opts.signal,
    }),
    toRawPosting,
  );
}
