import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '@jobportal/config';
import { REPO_ROOT } from '../../test/support/stack';

/** `npm run -s crawl:extract` as an operator runs it: the built CLI on the real saved pages in DATA_DIR. */
const CLI = resolve(REPO_ROOT, 'workers/dist/cli/crawl-extract.js');
const FIXTURES = resolve(REPO_ROOT, 'libs/postings/src/crawl/fixtures');
const DATA_DIR = loadConfig().data.dir;
const run = promisify(execFile);

async function extract(args: string[]): Promise<{ code: number; lines: unknown[]; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, timeout: 60_000 });
    return { code: 0, lines: stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown), stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, lines: [], stderr: e.stderr ?? '' };
  }
}

describe('crawl:extract CLI', () => {
  it('prints the posting of a real Indeed page as one JSON line', async () => {
    const file = resolve(DATA_DIR, 'html/indeed_posting_pages_2019/001b92395ed0fb62_fccid.html');
    const r = await extract(['--file', file, '--url', 'https://www.indeed.com/viewjob?jk=001b92395ed0fb62&utm_source=x']);
    expect(r.code).toBe(0);
    expect(r.lines).toEqual([
      {
        title: 'Data Engineer', company: null, postedAt: null, validThrough: null, employmentType: null, workMode: null,
        location: { city: 'Columbus', countryCode: 'US' }, pay: null, url: 'https://www.indeed.com/viewjob?jk=001b92395ed0fb62', sourceId: '001b92395ed0fb62',
      },
    ]);
  });

  it('lists the links of the real Craigslist search page with --links', async () => {
    const file = resolve(DATA_DIR, 'html/craigslist/sfbay_sof_search_results_2019-12-05.html');
    const r = await extract(['--file', file, '--url', 'https://sfbay.craigslist.org/search/sof', '--links']);
    expect(r.code).toBe(0);
    expect(r.lines).toHaveLength(144);
    expect(r.lines[0]).toEqual({ link: expect.stringMatching(/^https:\/\/sfbay\.craigslist\.org\/.+\/\d+\.html$/), lastmod: expect.any(String) });
  });

  it('prints {"expired": true} for a deleted posting and reports malformed JSON-LD on stderr', async () => {
    const gone = await extract(['--file', resolve(FIXTURES, 'craigslist-deleted.html'), '--url', 'https://sfbay.craigslist.org/sfc/sof/d/x/1.html']);
    expect(gone.lines).toEqual([{ expired: true }]);
    const bad = await extract(['--file', resolve(FIXTURES, 'jsonld-malformed.html'), '--url', 'https://jobs.acme.example/w/1']);
    expect(bad.lines).toEqual([expect.objectContaining({ title: 'Warehouse Associate', pay: null })]);
    expect(bad.stderr).toMatch(/^jsonld_malformed: /m);
  });

  it('explains a missing --url and a missing file', async () => {
    const noUrl = await extract(['--file', 'x.html']);
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toContain('Give --url');
    const missing = await extract(['--file', 'nope.html', '--url', 'https://a.example/']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Check the --file path');
  });
});
