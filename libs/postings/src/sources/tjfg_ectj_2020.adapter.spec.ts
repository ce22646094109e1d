import * as path from 'node:path';
import type { RawPosting, RejectedRow } from '@jobportal/contracts';
import { tjfgEctj2020Adapter } from './tjfg_ectj_2020.adapter';

const DATA_DIR = path.resolve(__dirname, '../../../../../shared/data');

describe('tjfg_ectj_2020 adapter (real sample)', () => {
  const postings: RawPosting[] = [];
  const rejects: RejectedRow[] = [];
  beforeAll(async () => {
    for await (const item of tjfgEctj2020Adapter.read(path.join(DATA_DIR, tjfgEctj2020Adapter.samplePath))) {
      if ('reason' in item) rejects.push(item);
      else postings.push(item);
    }
  });

  it('reads all 278 postings', () => {
    expect(postings).toHaveLength(278);
    expect(rejects).toEqual([]);
    expect(new Set(postings.map((p) => p.sourceId)).size).toBe(278);
  });

  it('maps columns by name whatever their order, leaving literal \\u escapes in the text', () => {
    expect(postings[0]).toMatchObject({
      source: 'tjfg_ectj_2020',
      rowNumber: 2,
      url: 'http://techjobsforgood.com/jobs/3698/',
      title: 'Full-Stack Software Engineer, Field',
      company: 'Curative',
      location: 'Los Angeles, CA/Remote',
      education: null,
      collectedAt: '2020-08-20',
    });
    expect(postings[0].description).toContain('external-facing software\\u2014from');
    expect(postings[277]).toMatchObject({
      rowNumber: 279,
      title: 'Epidemiologist II',
      company: 'City & County of San Francisco',
      collectedAt: '2020-09-09',
    });
  });
});
