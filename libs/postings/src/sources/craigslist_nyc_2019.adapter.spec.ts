import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RawPosting, RejectedRow } from '@jobportal/contracts';
import { craigslistNyc2019Adapter } from './craigslist_nyc_2019.adapter';

const DATA_DIR = path.resolve(__dirname, '../../../../../shared/data');
const SAMPLE = path.join(DATA_DIR, craigslistNyc2019Adapter.samplePath);

async function readAll(file: string, warn: (message: string) => void = () => undefined) {
  const postings: RawPosting[] = [];
  const rejects: RejectedRow[] = [];
  for await (const item of craigslistNyc2019Adapter.read(file, { warn })) {
    if ('reason' in item) rejects.push(item);
    else postings.push(item);
  }
  return { postings, rejects, byId: new Map(postings.map((p) => [p.sourceId, p])) };
}

describe('craigslist_nyc_2019 adapter (real sample)', () => {
  let result: Awaited<ReturnType<typeof readAll>>;
  beforeAll(async () => {
    result = await readAll(SAMPLE);
  });

  it('reads all 204 postings', () => {
    expect(result.postings).toHaveLength(204);
    expect(result.rejects).toEqual([]);
    expect(result.byId.size).toBe(204);
  });

  it('maps a row: compensation as pay text, neighborhood plus the board state as location', () => {
    const posting = result.byId.get('6930315309');
    expect(posting).toMatchObject({
      source: 'craigslist_nyc_2019',
      rowNumber: 2,
      url: 'https://newyork.craigslist.org/que/egr/d/queens-village-xactimate-estimator/6930315309.html',
      title: 'Xactimate Estimator Level 2 or 3',
      location: 'Queens Village, New York',
      payText: '$60k - $70k DOE, with medical and dental benefits.',
      employmentType: 'full-time',
      postedAt: null,
    });
    expect(posting?.description).toMatch(/^Midsize fire restoration remodeling company/);
  });

  it('uses the board area when the neighborhood is blank, and keeps one that names its state', () => {
    expect(result.byId.get('6930266166')).toMatchObject({ rowNumber: 3131, location: 'New York City, New York' });
    expect(result.byId.get('6913920187')?.location).toBe('Southport, CT');
    expect(result.byId.get('6910340320')?.location).toBe('Brooklyn,N.Y');
    expect(result.byId.get('6916761542')?.location).toBe('New York City');
    expect(result.byId.get('6929079329')?.location).toBe('Midtown, New York');
  });

  it('falls back to the neighborhood alone, with a warning, when the board list is missing', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'craigslist-'));
    try {
      const copy = path.join(dir, 'postings.csv');
      copyFileSync(SAMPLE, copy);
      const warnings: string[] = [];
      const { byId } = await readAll(copy, (message) => warnings.push(message));
      expect(byId.size).toBe(204);
      expect(byId.get('6930315309')?.location).toBe('Queens Village');
      expect(byId.get('6930266166')?.location).toBeNull();
      expect(warnings).toEqual([expect.stringContaining('craigslist_us_sites.csv')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
