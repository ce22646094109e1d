import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { loadConfig } from '@jobportal/config';
import { BROWSER_ENV } from './playwright.config';

async function indexedCount(): Promise<number> {
  const res = await fetch(`${loadConfig().elastic.node}/${BROWSER_ENV.ES_INDEX_PREFIX}postings/_count`);
  return ((await res.json()) as { count: number }).count;
}

async function expectNoSeriousA11yViolations(page: import('@playwright/test').Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

test('landing page shows live counts from the index', async ({ page }, testInfo) => {
  const expected = await indexedCount();
  expect(expected).toBeGreaterThan(2000);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const formatted = expected.toLocaleString('en-US');
  await expect(page.getByText(formatted, { exact: false }).first()).toBeVisible();
  // All six sample sources are listed with their counts.
  for (const label of ['LinkedIn 2023-24', 'Indeed 2019', 'Craigslist NYC 2019']) {
    await expect(page.getByText(label, { exact: false }).first()).toBeVisible();
  }
  await expect(page.getByText('%').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('home.png'), fullPage: true });
  await expectNoSeriousA11yViolations(page);
});

test('navigation reaches every section, with a title per page', async ({ page }, testInfo) => {
  await page.goto('/');
  const nav = page.getByRole('navigation').first();
  for (const [name, path] of [
    ['Search', '/search'],
    ['Saved', '/saved'],
    ['Careers', '/careers'],
    ['Trends', '/trends'],
    ['Services', '/services'],
  ] as const) {
    await nav.getByRole('link', { name, exact: false }).first().click();
    // Saved is for signed-in users: a visitor is asked to log in first, and brought back after.
    await expect(page).toHaveURL(path === '/saved' ? /\/login\?returnUrl=%2Fsaved$/ : new RegExp(`${path}$`));
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page).toHaveTitle(/Job Portal/);
    await page.screenshot({ path: testInfo.outputPath(`${path.slice(1)}.png`) });
  }
  // The query tool is for analysts: its link is not offered to a visitor.
  await expect(nav.getByRole('link', { name: 'Explore' })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
});

test('a deep link loads directly and the home search box carries the query', async ({ page }) => {
  await page.goto('/trends');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.goto('/');
  await page.getByLabel(/what|job title|keyword/i).first().fill('registered nurse');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/search\?q=registered(\+|%20)nurse/);
});

test('mobile layout puts navigation in a drawer', async ({ browser }, testInfo) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto('/');
  const menu = page.getByRole('button', { name: /menu/i });
  await expect(menu).toBeVisible();
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await page.getByRole('link', { name: /Trends/ }).first().click();
  await expect(page).toHaveURL(/\/trends$/);
  await page.screenshot({ path: testInfo.outputPath('mobile-trends.png') });
  await context.close();
});
