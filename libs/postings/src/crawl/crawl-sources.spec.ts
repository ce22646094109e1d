import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crawlSourceProblems, cronProblem, loadCrawlSources, startUrlProblem } from './crawl-sources';

const good = { name: 'acme', adapter: 'greenhouse', startUrls: ['https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true'], cron: '0 */6 * * *', enabled: true };

describe('crawl source validation', () => {
  it('accepts five-field crons the scheduler can run and names what is wrong with the rest', () => {
    for (const ok of ['0 */6 * * *', '15 3 * * 1-5', '0 0 L * *', '*/10 * * * *']) expect(cronProblem(ok)).toBeNull();
    expect(cronProblem('61 * * * *')).toMatch(/expected range 0-59/);
    expect(cronProblem('0 0 31 2 *')).toMatch(/day of month/);
    expect(cronProblem('*/5 * * * * *')).toMatch(/five fields/);
    expect(cronProblem('@daily')).toMatch(/five fields/);
    expect(cronProblem('')).toMatch(/cron expression/);
    expect(cronProblem(5)).toMatch(/cron expression/);
  });

  it('takes absolute http(s) start URLs only', () => {
    expect(startUrlProblem('https://example.com/jobs')).toBeNull();
    expect(startUrlProblem('ftp://example.com/')).toMatch(/http\(s\)/);
    expect(startUrlProblem('/relative')).toMatch(/absolute/);
    expect(startUrlProblem(`https://example.com/${'a'.repeat(2048)}`)).toMatch(/2048/);
  });

  it('lists every bad field of a source, including a page adapter on a non-sitemap source', () => {
    expect(crawlSourceProblems(good)).toEqual([]);
    expect(crawlSourceProblems({ ...good, adapter: 'sitemap', pageAdapter: 'indeed', maxPages: 100, render: true })).toEqual([]);
    const fields = crawlSourceProblems({ name: 'Bad!', adapter: 'x', pageAdapter: 'jsonld', startUrls: ['https://ok.example', 'mailto:a@b'], cron: '* *', enabled: 1, render: 'no', maxPages: 0 }).map(([f]) => f);
    expect(fields).toEqual(['name', 'adapter', 'pageAdapter', 'startUrls[1]', 'cron', 'enabled', 'render', 'maxPages']);
    expect(crawlSourceProblems({ ...good, pageAdapter: 'indeed' })).toEqual([['pageAdapter', expect.stringContaining('sitemap')]]);
    expect(crawlSourceProblems({ ...good, startUrls: [] })).toEqual([['startUrls', expect.stringContaining('1 to 50')]]);
  });

  it('names the source and the field of each problem in a sources file, and a name used twice', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sources-')), 'sources.json');
    writeFileSync(file, JSON.stringify([good, { ...good, cron: '0 24 * * *' }]));
    await expect(loadCrawlSources(file)).rejects.toThrow(/source 2 \(acme\): cron is not a valid cron expression[\s\S]*source 2 \(acme\): name is used twice/);
    writeFileSync(file, JSON.stringify([good]));
    await expect(loadCrawlSources(file)).resolves.toEqual([good]);
  });
});
