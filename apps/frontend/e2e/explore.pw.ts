import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { parse } from 'csv-parse/sync';
import { loadConfig } from '@jobportal/config';
import { ACCOUNT_BASE_URL, BROWSER_ENV } from './playwright.config';
import { grantRole, signUp } from './support/accounts';

// Sign-up codes come from the development outbox, which only the NODE_ENV=development server has.
test.use({ baseURL: ACCOUNT_BASE_URL });


async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

/** What the browser tests' index holds for a query, asked of Elasticsearch directly (not through the API). */
async function indexCount(query: object): Promise<number> {
  const res = await fetch(`${loadConfig().elastic.node}/${BROWSER_ENV.ES_INDEX_PREFIX}postings/_count`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return ((await res.json()) as { count: number }).count;
}

async function pick(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('an analyst queries with a breakdown, sees chart and table, an error with its position, saves and reloads a query, downloads a CSV', async ({ page }, testInfo) => {
  // One long journey (sign-up, grant, four runs, a reload, a download, three axe scans) on a shared machine.
  test.setTimeout(180_000);
  const phone = await signUp(page, 'Ada Analyst');
  // Before the grant: no Explore link, and the page says which role it needs.
  await page.goto('/explore');
  await expect(page.getByRole('heading', { name: 'This page needs the analyst role' })).toBeVisible();
  await expect(page.getByRole('navigation').first().getByRole('link', { name: 'Explore' })).toHaveCount(0);

  // The operator's grant, as on the command line.
  grantRole(phone, 'analyst');
  await page.goto('/');
  await page.getByRole('navigation').first().getByRole('link', { name: 'Explore' }).click();
  await expect(page).toHaveURL(/\/explore$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Explore the postings' })).toBeVisible();

  // A KQL query broken down by source: the total and every row as Elasticsearch counts them.
  const expected = await indexCount({ term: { work_mode: 'remote' } });
  expect(expected).toBeGreaterThan(10);
  await page.getByLabel('KQL query').fill('work_mode:remote');
  await pick(page, 'Breakdown 1 field', 'source');
  await page.getByRole('button', { name: 'Run query' }).click();
  const result = page.getByRole('region', { name: /postings$/ });
  await expect(result.getByRole('heading', { level: 2 })).toHaveText(`${expected.toLocaleString('en-US')} postings`);
  await expect(result.locator('ngx-charts-bar-vertical path.bar').first()).toBeVisible();
  const rows = result.getByRole('table').locator('tbody tr');
  expect(await rows.count()).toBeGreaterThan(0);
  const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim())));
  for (const [source, n] of cells) {
    expect(Number(n.replace(/,/g, ''))).toBe(await indexCount({ bool: { filter: [{ term: { work_mode: 'remote' } }, { term: { source } }] } }));
  }
  expect(cells.reduce((s, [, n]) => s + Number(n.replace(/,/g, '')), 0)).toBe(expected);
  await page.screenshot({ path: testInfo.outputPath('explore-result.png'), fullPage: true });
  await expectNoSeriousA11yViolations(page);

  // A syntax error: the reason, the line and column, and the character marked.
  await page.getByLabel('KQL query').fill('work_mode:remote and (skills:python');
  await page.getByRole('button', { name: 'Run query' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('at line 1, column 36');
  await expect(alert).toContainText('expected ")"');
  await expect(alert.locator('pre.query-echo')).toContainText('work_mode:remote and (skills:python');
  // The mark sits at offset 35: just past the text, where the ")" was expected.
  const markAt = await alert.locator('pre.query-echo').evaluate((pre) => {
    const range = document.createRange();
    range.setStart(pre, 0);
    range.setEndBefore(pre.querySelector('mark')!);
    return range.toString().length;
  });
  expect(markAt).toBe(35);
  await page.screenshot({ path: testInfo.outputPath('explore-error.png') });
  await expectNoSeriousA11yViolations(page);

  // Save a good query, reload the page, load it back: the query runs again.
  await page.getByLabel('KQL query').fill('work_mode:remote');
  await page.getByRole('button', { name: 'Run query' }).click();
  await expect(result.getByRole('heading', { level: 2 })).toHaveText(`${expected.toLocaleString('en-US')} postings`);
  await page.getByLabel('Name for this query').fill('Remote by source');
  await page.getByRole('button', { name: 'Save query' }).click();
  const saved = page.getByRole('region', { name: 'Saved queries' });
  await expect(saved.getByText('Remote by source')).toBeVisible();
  await page.reload();
  await expect(saved.getByText('Remote by source')).toBeVisible();
  await expect(page.getByLabel('KQL query')).toHaveValue('');
  await saved.getByRole('button', { name: 'Load Remote by source' }).click();
  await expect(page.getByLabel('KQL query')).toHaveValue('work_mode:remote');
  await expect(result.getByRole('heading', { level: 2 })).toHaveText(`${expected.toLocaleString('en-US')} postings`);
  await expect(result.getByRole('table').locator('tbody tr')).toHaveCount(cells.length);

  // Download the matching postings as CSV: one row per match.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toBe('postings-export.csv');
  const csv = readFileSync((await download.path())!, 'utf8');
  const records = parse(csv) as string[][];
  expect(records[0].slice(0, 3)).toEqual(['id', 'posted_at', 'source']);
  expect(records.length - 1).toBe(expected);
  expect(records.slice(1).every((r) => r[records[0].indexOf('work_mode')] === 'remote')).toBe(true);
  await expectNoSeriousA11yViolations(page);
});
