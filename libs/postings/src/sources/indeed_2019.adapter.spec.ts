import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RawPosting, RejectedRow } from '@jobportal/contracts';
import { indeed2019Adapter } from './indeed_2019.adapter';

const DATA_DIR = path.resolve(__dirname, '../../../../../shared/data');

async function readAll(file: string) {
  const postings: RawPosting[] = [];
  const rejects: RejectedRow[] = [];
  for await (const item of indeed2019Adapter.read(file)) {
    if ('reason' in item) rejects.push(item);
    else postings.push(item);
  }
  return { postings, rejects };
}

describe('indeed_2019 adapter (real sample)', () => {
  let result: Awaited<ReturnType<typeof readAll>>;
  beforeAll(async () => {
    result = await readAll(path.join(DATA_DIR, indeed2019Adapter.samplePath));
  });

  it('reads all 1,337 postings', () => {
    expect(result.postings).toHaveLength(1337);
    expect(result.rejects).toEqual([]);
  });

  it('gives the one job saved twice (two page files) the same id', () => {
    expect(new Set(result.postings.map((p) => p.sourceId)).size).toBe(1336);
    const twice = result.postings.filter((p) => p.sourceId === 'a1d949a71fe0ab4b');
    expect(twice.map((p) => p.title)).toEqual(['Principal Data Scientist', 'Principal Data Scientist']);
  });

  it('maps a row, building the view url from the job key and reading the ZIP code', () => {
    const [first] = result.postings;
    expect(first).toMatchObject({
      source: 'indeed_2019',
      sourceId: '001b92395ed0fb62',
      rowNumber: 2,
      url: 'https://www.indeed.com/viewjob?jk=001b92395ed0fb62',
      title: 'Data Engineer',
      company: null,
      location: 'Columbus, GA 31909',
      postalCode: '31909',
      postedAt: null,
      collectedAt: null,
    });
    expect(first.description).toMatch(/^Celebrating its twenty-fifth anniversary in 2016, Cyient/);
    expect(result.postings[1]).toMatchObject({ location: 'St. Louis, MO', postalCode: null });
  });

  it('gives the page saved without a job key a stable hashed id and no url', () => {
    const page = result.postings.find((p) => p.rowNumber === 59337);
    expect(page).toMatchObject({
      title: 'Director, Data Scientist, Natural Language Processing',
      location: 'Irvine, CA 92618',
      postalCode: '92618',
      url: null,
    });
    expect(page?.sourceId).toMatch(/^[0-9a-f]{40}$/);
  });
});

describe('indeed_2019 adapter (broken file)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'indeed-2019-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rejects the row with a broken quote and still maps the rows after it', async () => {
    const file = path.join(dir, 'broken.csv');
    writeFileSync(
      file,
      [
        'indeed_jk,source_file,title,location,description_text',
        'aaaa000000000001,a.html,Data Analyst,"Austin, TX 78701",Analyze data',
        // A quote slipped into the title: the description that follows is misread.
        'aaaa000000000002,b.html,"Data Engineer,"Denver, CO","Build pipelines:',
        '- ingest, clean, model, report, repeat',
        '- on call, one week in six',
        'Apply today."',
        'aaaa000000000003,c.html,Data Scientist,"Seattle, WA","Model data',
        'and explain it"',
        'aaaa000000000004,d.html,ML Engineer,Remote,Ship models',
      ].join('\n'),
    );
    const { postings, rejects } = await readAll(file);
    expect(postings.map((p) => [p.sourceId, p.rowNumber, p.title])).toEqual([
      ['aaaa000000000001', 2, 'Data Analyst'],
      ['aaaa000000000003', 7, 'Data Scientist'],
      ['aaaa000000000004', 9, 'ML Engineer'],
    ]);
    expect(postings[1].description).toBe('Model data\nand explain it');
    expect(rejects).toEqual([
      {
        source: 'indeed_2019',
        rowNumber: 3,
        reason: 'malformed_row',
        detail: 'unbalanced or misplaced quote; lines 3-6 could not be read as records',
        raw: expect.stringMatching(/^aaaa000000000002,b\.html,"Data Engineer,[^]*Apply today\."$/),
      },
    ]);
  });
});
