import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCrawlSources } from './crawl-sources';

function file(sources: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'crawl-sources-')), 'sources.json');
  writeFileSync(path, JSON.stringify(sources));
  return path;
}

const base = { name: 'acme', adapter: 'jsonld', startUrls: ['https://jobs.acme.example/'], cron: '0 * * * *', enabled: true };

describe('loadCrawlSources: render', () => {
  it('takes render: true (the page is loaded in the browser)', async () => {
    expect(await loadCrawlSources(file([{ ...base, render: true }]))).toEqual([{ ...base, render: true }]);
  });

  it('names the source and the field when render is not a boolean', async () => {
    await expect(loadCrawlSources(file([{ ...base, render: 'yes' }]))).rejects.toThrow('source 1 (acme): render must be true or false');
  });
});
