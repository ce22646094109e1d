import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

/** The figures line, e.g. "1,234 postings match.", as a number. */
async function matchingTotal(page: Page): Promise<number> {
  const text = await page.locator('.total').innerText();
  return Number(text.replace(/[^\d]/g, ''));
}

test('the dashboard shows the sample postings, the states map, and follows a filter', async ({ page }, testInfo) => {
  await page.goto('/trends');
  await expect(page.getByRole('heading', { level: 1, name: 'Labor-market trends' })).toBeVisible();
  await expect(page.locator('.total')).toHaveText(/[\d,]+ postings match/, { timeout: 30_000 });
  const allPostings = await matchingTotal(page);
  expect(allPostings).toBeGreaterThan(100);

  // Charts with their text alternatives: the over-time table has dated rows.
  await expect(page.getByRole('heading', { name: /Postings per (day|week|month)/ })).toBeVisible();
  await expect(page.locator('table caption', { hasText: /Postings per/ }).first()).toBeAttached();
  await expect(page.getByRole('heading', { name: 'By occupation', exact: true })).toBeVisible();
  // The occupation x period heat map comes with the same response (one aggregation), its table beside it.
  await expect(page.getByRole('heading', { name: 'Occupation groups over time' })).toBeVisible();
  await expect(page.locator('app-trend-heatmap ngx-charts-heat-map rect.cell').first()).toBeAttached();
  await expect(page.locator('app-trend-heatmap table tbody tr')).not.toHaveCount(0);

  // The US map draws the 50 states and DC from the bundled outlines (Albers USA leaves Puerto Rico out), with the comparison it shows.
  await expect(page.locator('app-us-states-map path[data-state]')).toHaveCount(51, { timeout: 30_000 });
  await expect(page.getByText(/^Compared: /)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('trends.png'), fullPage: true });
  await expectNoSeriousA11yViolations(page);

  // A work-mode filter from the search's own panel narrows every figure and stays in the URL.
  await page.locator('app-facet-panel').getByRole('checkbox', { name: /Remote/ }).check();
  await expect(page).toHaveURL(/workMode=remote/);
  await expect.poll(() => matchingTotal(page), { timeout: 30_000 }).toBeLessThan(allPostings);
  await expect(page.getByRole('link', { name: 'See these jobs' })).toHaveAttribute('href', /\/search\?.*workMode=remote/);

  // The interval picker changes the series' buckets, also to the one the API would not have picked.
  const monthly = page.getByRole('radio', { name: 'Month', exact: true });
  await monthly.click();
  await expect(page).toHaveURL(/interval=month/);
  await expect(monthly).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByRole('heading', { name: 'Postings per month' })).toBeVisible({ timeout: 30_000 });
});

test('an occupation page shows its growth by state', async ({ page }) => {
  // Software developers: the sample postings code many of them, across several states.
  await page.goto('/occupations/15-1252.00');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 30_000 });
  const section = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Growth by state' }) });
  await expect(section.getByText(/^Compared: /)).toBeVisible({ timeout: 30_000 });
  await expect(section.locator('app-us-states-map path[data-state]')).toHaveCount(51);
});
