import { expect, test, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

/** A search with facets can take a while on a busy machine; this waits for it, it does not time it. */
async function waitForResults(page: Page) {
  await expect(page.locator('#results-heading')).toHaveText(/\d[\d,]*\+? jobs?|No jobs/, { timeout: 20_000 });
  await expect(page.locator('.results')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
}

/** A radar chart is drawn: an SVG whose profile polygon has a real outline, and a table saying the same. */
async function expectRadarChart(figure: Locator) {
  await expect(figure).toBeVisible();
  const svg = figure.locator('ngx-charts-polar-chart svg').first();
  await expect(svg).toBeVisible();
  const outline = figure.locator('.polar-series-path path').first();
  // A closed polygon through the six scores (the page draws it with straight sides).
  await expect(outline).toHaveAttribute('d', /^M[^LZ]+(L[^LZ]+){5}Z$/);
  // Six spokes, each named around the chart.
  await expect(svg.locator('text')).toHaveCount(6);
  // The text alternative: one row per spoke, with its 1-7 score.
  const rows = figure.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(7);
  for (const row of (await rows.all()).slice(1)) {
    const score = Number((await row.getByRole('cell').first().textContent())?.trim());
    expect(score).toBeGreaterThanOrEqual(1);
    expect(score).toBeLessThanOrEqual(7);
  }
}

test('a search result leads through its SOC chip to the occupation page, with both radar charts', async ({ page }, testInfo) => {
  await page.goto('/search?q=nurse');
  await waitForResults(page);

  // Every posting is coded, so the first result carries a chip naming its occupation and code.
  const chip = page.locator('.result-list > li').first().getByRole('link', { name: /^Occupation:/ });
  await expect(chip).toBeVisible();
  const chipText = ((await chip.textContent()) ?? '').replace(/\s+/g, ' ').trim();
  const socCode = /\b(\d{2}-\d{4})\b/.exec(chipText)?.[1];
  expect(socCode, `SOC code in chip "${chipText}"`).toBeTruthy();
  await chip.click();

  await expect(page).toHaveURL(new RegExp(`/occupations/${socCode}\\.\\d{2}$`));
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).not.toHaveText(/Loading/, { timeout: 20_000 });
  await expect(page.getByText(`SOC ${socCode}`, { exact: true })).toBeVisible();
  await expect(page).toHaveTitle(new RegExp(`\\(${socCode}\\)`));

  // The profile: what the work is, wages and outlook, postings coded to it.
  for (const section of ['What they do', 'Skills and technology', 'Does it fit you?', 'Pay', 'Outlook', 'Hiring now']) {
    await expect(page.getByRole('heading', { level: 2, name: section })).toBeVisible();
  }
  await expect(page.getByRole('table', { name: /National wages/ }).getByRole('row', { name: /^Median/ })).toContainText('$');

  // Both radar charts render, each with its text alternative.
  await expectRadarChart(page.getByRole('figure', { name: /^Interests \(RIASEC\)/ }));
  await expectRadarChart(page.getByRole('figure', { name: /^Work values/ }));

  // The posting it came from is coded here, so its occupation has live postings that link to jobs.
  const postings = page.getByRole('region', { name: 'Hiring now' });
  await expect(postings.getByRole('link').first()).toHaveAttribute('href', /^\/jobs\//);

  await page.screenshot({ path: testInfo.outputPath('occupation.png'), fullPage: true });
  await expectNoSeriousA11yViolations(page);
});

test('occupation search: the nav link, the search box, a result, and an unknown code', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Occupations' }).click();
  await expect(page).toHaveURL(/\/occupations$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Occupations' })).toBeVisible();

  const box = page.getByRole('search', { name: 'Search occupations' });
  await box.getByRole('combobox', { name: 'Occupation' }).fill('registered nurse');
  await box.getByRole('button', { name: 'Find occupations' }).click();
  await expect(page).toHaveURL(/\/occupations\?q=registered(\+|%20)nurse$/);
  const results = page.getByRole('heading', { level: 2, name: /\d+ occupations?/ });
  await expect(results).toBeVisible({ timeout: 20_000 });
  const first = page.locator('.result-list > li').first();
  await expect(first).toContainText(/SOC \d{2}-\d{4}/);
  await expect(page.getByRole('link', { name: 'Registered Nurses', exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByRole('link', { name: 'Registered Nurses', exact: true }).click();
  await expect(page).toHaveURL(/\/occupations\/29-1141\.00$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Registered Nurses');

  // Keyboard: a suggestion picked with the arrow keys opens that occupation straight away.
  await page.goto('/occupations');
  const input = page.getByRole('combobox', { name: 'Occupation' });
  await input.focus();
  await page.keyboard.type('registered nurse');
  const suggestions = page.getByRole('listbox', { name: 'Occupation' });
  const suggestion = suggestions.getByRole('option', { name: /^Registered Nurses\b.*\b29-1141$/ });
  await expect(suggestion).toBeVisible({ timeout: 20_000 });
  const isActive = async () => /mat-mdc-option-active/.test((await suggestion.getAttribute('class')) ?? '');
  for (let presses = 0; presses < 6 && !(await isActive()); presses++) await page.keyboard.press('ArrowDown');
  await expect(suggestion).toHaveClass(/mat-mdc-option-active/);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/occupations\/29-1141\.00$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Registered Nurses');

  await page.goto('/occupations/99-9999.00');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Occupation not found');
  await expect(page).toHaveTitle(/Occupation not found/);
});
