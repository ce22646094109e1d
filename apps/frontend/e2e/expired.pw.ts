import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { BROWSER_ENV } from './playwright.config';

/**
 * A posting the crawler found gone still opens (saved jobs link to it): its page says it expired
 * and offers no Apply button, and search no longer lists it. The posting goes in through the real
 * ingest CLI; the expiry is the crawler's write, a partial _bulk update of the liveness fields.
 */
const PROBE = 'Qwxexpiredprobe';
const POSTING = {
  sourceId: 'expired-probe-1',
  title: `${PROBE} Lighthouse Keeper`,
  company: 'Acme Lights',
  description: '<p>Keep the lamp lit and the logbook current.</p>',
  url: 'https://jobs.example.com/expired-probe-1',
  location: 'Portland, ME',
  postedAt: '2026-11-30',
};
const ES = `${process.env['ES_URL'] ?? 'http://127.0.0.1:9200'}/${BROWSER_ENV.ES_INDEX_PREFIX}postings`;

async function probeIds(): Promise<string[]> {
  const found = await fetch(`${ES}/_search`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ size: 10, _source: false, query: { term: { source_id: POSTING.sourceId } } }),
  });
  if (!found.ok) throw new Error(`could not find the probe posting: ${found.status} ${await found.text()}`);
  return ((await found.json()) as { hits: { hits: Array<{ _id: string }> } }).hits.hits.map((h) => h._id);
}

test.describe('an expired posting', () => {
  let dir = '';
  let id = '';

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jp-expired-'));
    const file = join(dir, 'expired.jsonl');
    writeFileSync(file, JSON.stringify(POSTING) + '\n');
    execFileSync('node', ['workers/dist/cli/ingest.js', '--source', 'generated', '--path', file, '--refresh', '--no-alerts', '--no-classify'], {
      cwd: resolve(__dirname, '../../..'),
      env: { ...process.env, ...BROWSER_ENV },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    [id] = await probeIds();
    const doc = { status: 'expired', expired_at: '2026-12-01T08:00:00.000Z', expiry_reason: 'gone' };
    const body = `${JSON.stringify({ update: { _id: id } })}\n${JSON.stringify({ doc })}\n`;
    const res = await fetch(`${ES}/_bulk?refresh=true&require_alias=true`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body });
    if (!res.ok || ((await res.json()) as { errors: boolean }).errors) throw new Error('could not expire the probe posting');
  });
  // Dated as a fresh posting: left in the shared browser index it would move the trends default range.
  test.afterAll(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    for (const hit of await probeIds()) await fetch(`${ES}/_doc/${hit}?refresh=true`, { method: 'DELETE' });
  });

  test('opens with an "expired" notice and no Apply button, and is not in search', async ({ page }) => {
    await page.goto(`/jobs/${id}`);
    await expect(page.getByRole('heading', { level: 1, name: POSTING.title })).toBeVisible();
    const notice = page.getByTestId('expired-notice');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('This posting has expired (Dec 1, 2026)');
    await expect(page.getByRole('link', { name: /^Apply/ })).toHaveCount(0);

    await page.goto(`/search?q=${PROBE}`);
    await expect(page.getByRole('heading', { level: 2, name: 'No jobs' })).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole('link', { name: POSTING.title })).toHaveCount(0);
  });
});
