import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { BROWSER_ENV } from './playwright.config';

/**
 * A posting whose title, company, description and links carry script payloads goes through the
 * real ingest pipeline (the CLI, as any import), then is opened in the app: no payload may run (no
 * dialog, no flag set on window), and its text is shown as text. The CSP must still let the app
 * itself run and style itself.
 */
const PROBE = 'Zyxwvprobe';
const PAYLOAD = {
  sourceId: 'xss-probe-1',
  title: `${PROBE} Nurse <script>window.__xss='title-script'</script><img src=x onerror="window.__xss='title-img'">`,
  company: `Acme <svg onload="alert('company')"></svg> Health`,
  description:
    `<p>Care for patients.</p><script>alert('description')</script>` +
    `<img src="x" onerror="window.__xss='description-img'">` +
    `<a href="javascript:window.__xss='description-link'">Apply here</a>` +
    `<iframe src="javascript:alert('iframe')"></iframe><p onclick="window.__xss='click'">Night shifts</p>`,
  url: 'https://jobs.example.com/xss-probe-1',
  applyUrl: "javascript:window.__xss='apply'",
  location: 'Austin, TX',
  postedAt: '2026-11-30',
  employmentType: 'full_time',
};

async function watchForScripts(page: Page): Promise<string[]> {
  const ran: string[] = [];
  page.on('dialog', async (dialog) => {
    ran.push(`dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
  return ran;
}

test.describe('a malicious posting', () => {
  let dir = '';

  // Made here, not at collection: Playwright loads the file in more than one process.
  test.beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'jp-xss-'));
    const file = join(dir, 'xss.jsonl');
    writeFileSync(file, JSON.stringify(PAYLOAD) + '\n');
    execFileSync('node', ['workers/dist/cli/ingest.js', '--source', 'generated', '--path', file, '--refresh', '--no-alerts'], {
      cwd: resolve(__dirname, '../../..'),
      env: { ...process.env, ...BROWSER_ENV },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  });
  // The probe is dated like a fresh posting, so left in the shared browser index it would become
  // the newest posting of every later run and move the trends dashboard's default range onto it.
  test.afterAll(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    const es = `${process.env['ES_URL'] ?? 'http://127.0.0.1:9200'}/${BROWSER_ENV.ES_INDEX_PREFIX}postings`;
    // This node has no _delete_by_query (no reindex module): find the probe's ids, delete each.
    const found = await fetch(`${es}/_search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ size: 10, _source: false, query: { term: { source_id: PAYLOAD.sourceId } } }),
    });
    if (!found.ok) throw new Error(`could not find the probe posting: ${found.status} ${await found.text()}`);
    const hits = ((await found.json()) as { hits: { hits: Array<{ _index: string; _id: string }> } }).hits.hits;
    for (const hit of hits) {
      const res = await fetch(`${es.slice(0, es.lastIndexOf('/'))}/${hit._index}/_doc/${hit._id}?refresh=true`, { method: 'DELETE' });
      if (!res.ok) throw new Error(`could not remove the probe posting: ${res.status} ${await res.text()}`);
    }
  });

  test('runs no script in the results list or on its page, and shows its text inert', async ({ page, request }) => {
    const ran = await watchForScripts(page);
    const cspViolations: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });

    await page.goto(`/search?q=${PROBE}`);
    const card = page.locator('.result-list > li').filter({ hasText: PROBE });
    await expect(card).toHaveCount(1, { timeout: 30_000 });
    await expect(card).toContainText('Nurse');

    const found = await request.get(`/api/jobs/search?q=${PROBE}`);
    const id = (await found.json()).hits[0].id as string;
    // What the pipeline stored is already clean: the browser is the last line, not the only one.
    // Title and company are plain text (kept as written, shown as text); the HTML and the links are cleaned.
    const stored = (await (await request.get(`/api/jobs/${id}`)).json()) as { descriptionHtml: string | null; applyUrl: string | null; url: string };
    expect(stored.descriptionHtml).toContain('Care for patients.');
    expect(stored.descriptionHtml).not.toMatch(/<script|<iframe|<svg|<img|onerror|onload|onclick|javascript:/i);
    expect([stored.url, stored.applyUrl].join(' ')).not.toMatch(/javascript:/i);

    await page.goto(`/jobs/${id}`);
    // The title's markup is shown as the characters it is, not parsed.
    await expect(page.getByRole('heading', { level: 1 })).toContainText(`${PROBE} Nurse <script>window.__xss='title-script'</script>`);
    await expect(page.getByText('Acme <svg onload="alert(\'company\')"></svg> Health').first()).toBeVisible();
    const description = page.locator('.description');
    await expect(description).toContainText('Care for patients.');
    await expect(description).toContainText('Night shifts');

    // Nothing executable survived into the DOM ...
    expect(await page.locator('main script, main iframe, main [onerror], main [onload], main [onclick], main svg[onload]').count()).toBe(0);
    expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
    // ... clicking what is left runs nothing ...
    const link = description.getByText('Apply here');
    if (await link.count()) await link.click({ trial: false }).catch(() => undefined);
    await page.waitForTimeout(500);
    // ... and no payload ran at any point.
    expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss ?? null)).toBeNull();
    expect(ran).toEqual([]);

    // The CSP lets the app itself work: the stylesheet switched to media=all (its onload handler is allowed by hash).
    expect(await page.evaluate(() => [...document.querySelectorAll('link[rel=stylesheet]')].every((l) => (l as HTMLLinkElement).media !== 'print'))).toBe(true);
    expect(cspViolations).toEqual([]);
  });
});
