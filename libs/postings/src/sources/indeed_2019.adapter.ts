import type { RawPosting, RejectedRow } from '@jobportal/contracts';
import { mapCsvRecords, readCsvRecords, type CsvRecord } from './read-csv-records';
import type { SampleSourceAdapter, SourceReadOptions } from './source-adapter';
import { stableSourceId } from './stable-source-id';

const SOURCE = 'indeed_2019';
const LABEL = 'Indeed 2019 data-science postings';

const REQUIRED_COLUMNS = ['indeed_jk', 'title', 'location', 'description_text'] as const;

export const indeed2019Adapter: SampleSourceAdapter = {
  name: SOURCE,
  label: LABEL,
  samplePath: 'postings/indeed_data_science_2019/indeed_postings_2019.csv',
  read: (filePath: string, opts: SourceReadOptions = {}): AsyncIterable<RawPosting | RejectedRow> =>
    mapCsvRecords(
      readCsvRecords(filePath, {
        source: SOURCE,
        label: LABEL,
        requiredColumns: REQUIRED_COLUMNS,
        isRecordStart: (row) => /\.html$/.test(row.get('source_file') ?? ''),
        signal: opts.signal,
      }),
      toRawPosting,
    ),
};

function toRawPosting(row: CsvRecord): RawPosting {
  const jk = row.get('indeed_jk');
  const title = row.get('title');
  const location = row.get('location');
  const description = row.get('description_text');
  return {
    source: SOURCE,
    // One saved page ("_p.html") has no job key in its name.
    sourceId: jk ?? stableSourceId(row.get('source_file'), title, location, description),
    rowNumber: row.rowNumber,
    url: jk ? `https://www.indeed.com/viewjob?jk=${encodeURIComponent(jk)}` : null,
    applyUrl: null,
    title,
    company: null,
    description,
    location,
    postalCode: location ? trailingZipCode(location) : null,
    // The saved pages carry no dates; PROVENANCE.md only says "2019", so none is invented.
    postedAt: null,
    expiresAt: null,
    collectedAt: null,
    payText: null,
    workMode: null,
    experience: null,
    employmentType: null,
    skills: [],
    industries: [],
    benefits: [],
    education: null,
  };
}

/** "Columbus, GA 31909" -> "31909". */
function trailingZipCode(location: string): string | null {
  const match = /\b(\d{5})(?:-\d{4})?$/.exec(location);
  return match ? match[1] : null;
}
