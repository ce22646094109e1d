import * as path from 'node:path';
import type { RawPosting, RejectedRow } from '@jobportal/contracts';
import { readCompanionTable } from './read-companion-table';
import { readCsvRecords, type CsvRecord } from './read-csv-records';
import { defaultWarn, type SampleSourceAdapter, type SourceReadOptions } from './source-adapter';
import { stableSourceId } from './stable-source-id';

const SOURCE = 'craigslist_nyc_2019';
const LABEL = 'Craigslist New York engineering 2019';

const REQUIRED_COLUMNS = [
  'posting_id',
  'url',
  'title',
  'neighborhood',
  'compensation',
  'employment_type',
  'description',
] as const;

/** Craigslist's list of US boards (subdomain -> city, state), next to the postings file. */
const SITES_FILE = 'craigslist_us_sites.csv';

interface Board {
  city: string;
  state: string;
}

export const craigslistNyc2019Adapter: SampleSourceAdapter = {
  name: SOURCE,
  label: LABEL,
  samplePath: 'postings/craigslist_nyc_engineering_2019/craigslist_nyc_egr_postings_2019.csv',
  read: readCraigslist,
};

async function* readCraigslist(
  filePath: string,
  opts: SourceReadOptions = {},
): AsyncGenerator<RawPosting | RejectedRow> {
  const records = readCsvRecords(filePath, {
    source: SOURCE,
    label: LABEL,
    requiredColumns: REQUIRED_COLUMNS,
    isRecordStart: (row) => /^\d+$/.test(row.get('posting_id') ?? ''),
    signal: opts.signal,
  });
  try {
    const first = await records.next();
    if (first.done) return;
    const boards = await loadBoards(path.join(path.dirname(filePath), SITES_FILE), opts);
    const toItem = (item: CsvRecord | RejectedRow) => ('reason' in item ? item : toRawPosting(item, boards));
    yield toItem(first.value);
    for await (const item of records) yield toItem(item);
  } finally {
    await records.return(undefined);
  }
}

function toRawPosting(row: CsvRecord, boards: Map<string, Board>): RawPosting {
  const url = row.get('url');
  const title = row.get('title');
  const description = row.get('description');
  return {
    source: SOURCE,
    sourceId:
      row.get('posting_id') ??
      (url && /\/(\d+)\.html$/.exec(url)?.[1]) ??
      stableSourceId(url, title, description),
    rowNumber: row.rowNumber,
    url,
    applyUrl: null,
    title,
    company: null,
    description,
    location: boardLocation(row.get('neighborhood'), url ? boards.get(boardSubdomain(url)) : undefined),
    postalCode: null,
    // Neither the file nor the url carries a date (scraped Sept 2019 per PROVENANCE.md).
    postedAt: null,
    expiresAt: null,
    collectedAt: null,
    payText: row.get('compensation'),
    workMode: null,
    experience: null,
    employmentType: row.get('employment_type'),
    skills: [],
    industries: [],
    benefits: [],
    education: null,
  };
}

/** "https://newyork.craigslist.org/que/egr/..." -> "newyork". */
function boardSubdomain(url: string): string {
  const match = /^https?:\/\/([^./]+)\.craigslist\.org/i.exec(url);
  return match ? match[1].toLowerCase() : '';
}

/**
 * The neighborhood is what the poster typed ("Midtown", "Brooklyn, NY", "Southport, CT", blank).
 * The board's state is added when the text names no region, and a blank one falls back to the
 * board's area, so "Midtown" on newyork.craigslist.org becomes "Midtown, New York".
 */
function boardLocation(neighborhood: string | null, board: Board | undefined): string | null {
  if (!board) return neighborhood;
  if (!neighborhood) return `${titleCase(board.city)}, ${board.state}`;
  const namesRegion =
    /(?:^|[\s,])(?:[A-Z]{2}|N\.\s?Y\.?)$/.test(neighborhood) ||
    neighborhood.toLowerCase().includes(board.state.toLowerCase());
  return namesRegion ? neighborhood : `${neighborhood}, ${board.state}`;
}

function titleCase(text: string): string {
  return text.replace(/\b[a-z]/g, (letter) => letter.toUpperCase());
}

async function loadBoards(filePath: string, opts: SourceReadOptions): Promise<Map<string, Board>> {
  const rows = await readCompanionTable(filePath, {
    source: SOURCE,
    label: `${LABEL} ${SITES_FILE}`,
    requiredColumns: ['site', 'city', 'state'],
    warn: opts.warn ?? defaultWarn,
    signal: opts.signal,
  });
  const boards = new Map<string, Board>();
  for (const row of rows ?? []) {
    const site = row.get('site');
    const city = row.get('city');
    const state = row.get('state');
    if (site && city && state) boards.set(boardSubdomain(site), { city, state });
  }
  return boards;
}
