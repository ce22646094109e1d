import * as path from 'node:path';
import type { RawPosting, RejectedRow } from '@jobportal/contracts';
import { tjfgIndeed2020Adapter } from './tjfg_indeed_2020.adapter';

const DATA_DIR = path.resolve(__dirname, '../../../../../shared/data');

describe('tjfg_indeed_2020 adapter (real sample)', () => {
  const postings: RawPosting[] = [];
  const rejects: RejectedRow[] = [];
  beforeAll(async () => {
    for await (const item of tjfgIndeed2020Adapter.read(path.join(DATA_DIR, tjfgIndeed2020Adapter.samplePath))) {
      if ('reason' in item) rejects.push(item);
      else postings.push(item);
    }
  });

  it('reads all 393 postings with distinct, stable ids', async () => {
    expect(postings).toHaveLength(393);
    expect(rejects).toEqual([]);
    expect(new Set(postings.map((p) => p.sourceId)).size).toBe(393);
    const again: string[] = [];
    for await (const item of tjfgIndeed2020Adapter.read(path.join(DATA_DIR, tjfgIndeed2020Adapter.samplePath))) {
      if (!('reason' in item)) again.push(item.sourceId);
    }
    expect(again).toEqual(postings.map((p) => p.sourceId));
  });

  it('maps a row: Text as description, Date_Queried as collection date, Education as given', () => {
    expect(postings[0]).toMatchObject({
      source: 'tjfg_indeed_2020',
      rowNumber: 2,
      title: 'Junior GIS Data Engineer',
      company: 'Xentity Corporation',
      location: 'Golden, CO',
      collectedAt: '7/30/2020',
      postedAt: null,
      education: "Bachelor's",
    });
    expect(postings[0].sourceId).toMatch(/^[0-9a-f]{40}$/);
    expect(postings[0].url).toMatch(/^https:\/\/www\.indeed\.com\/pagead\/clk\?mo=r&ad=-6NYlbfkN0BPOaq5/);
    expect(postings[0].description).toMatch(/^Junior GIS Data Engineer Golden, CO \(must be local to job site\)/);
    expect(postings[392]).toMatchObject({
      rowNumber: 394,
      company: 'Intuit',
      collectedAt: '2020-08-04',
      education: null,
    });
  });
});
