import { expect, test, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

/** Presses Tab until the focused element matches `selector` (keyboard-only, as a user would). */
async function tabUntil(page: Page, selector: string, maxPresses = 60) {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

const resultsHeading = (page: Page) => page.locator('#results-heading');
const resultCards = (page: Page) => page.locator('.result-list > li');
const facetsPanel = (page: Page) => page.getByRole('region', { name: 'Filters' });

/** The count a checkbox facet shows after its label, e.g. "Remote 1,234" -> 1234. */
async function facetCount(checkbox: Locator): Promise<number> {
  const label = await checkbox.evaluate((input) => input.closest('mat-checkbox')?.textContent ?? '');
  const match = /([\d,]+)\s*$/.exec(label.trim());
  return match ? Number(match[1].replace(/,/g, '')) : NaN;
}

/** A search with facets can take a while on a busy machine; this waits for it, it does not time it. */
async function waitForResults(page: Page) {
  await expect(resultsHeading(page)).toHaveText(/\d[\d,]*\+? jobs?|No jobs/, { timeout: 20_000 });
  await expect(page.locator('.results')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
}

test('search, refine with the Remote facet, open a posting and come back with the state kept', async ({ page }, testInfo) => {
  await page.goto('/search');
  await page.getByRole('combobox', { name: 'What' }).fill('data engineer');
  await page.getByRole('button', { name: 'Search jobs' }).click();
  await expect(page).toHaveURL(/[?&]q=data(\+|%20)engineer/);
  await waitForResults(page);

  // Matches are highlighted in titles and snippets.
  await expect(resultCards(page).first()).toBeVisible();
  await expect(page.locator('.result-list mark').first()).toBeVisible();
  expect((await page.locator('.result-list mark').first().textContent())?.toLowerCase()).toMatch(/data|engineer/);

  // The Remote facet shows a count and filters the list.
  const remote = facetsPanel(page).getByRole('checkbox', { name: /^Remote\b/ });
  const remoteCount = await facetCount(remote);
  expect(remoteCount).toBeGreaterThan(0);
  await remote.check();
  await expect(page).toHaveURL(/[?&]workMode=remote/);
  await waitForResults(page);
  await expect(remote).toBeChecked();
  const heading = (await resultsHeading(page).textContent()) ?? '';
  expect(Number(/([\d,]+)/.exec(heading)?.[1].replace(/,/g, ''))).toBe(remoteCount);
  const cards = await resultCards(page).all();
  expect(cards.length).toBeGreaterThan(0);
  for (const card of cards) {
    await expect(card.getByRole('list', { name: 'Job details' })).toContainText('Remote');
  }
  // Other work modes keep their counts (disjunctive facets), so the user can widen again.
  await expect(facetsPanel(page).getByRole('checkbox', { name: /^On-site\b|^Hybrid\b/ }).first()).toBeVisible();

  // Page 2, when there is one, goes into the URL as well.
  const expectedPage = (await page.getByRole('link', { name: 'Page 2' }).count()) > 0 ? 2 : 1;
  if (expectedPage === 2) {
    await page.getByRole('link', { name: 'Page 2' }).click();
    await expect(page).toHaveURL(/[?&]page=2/);
    await waitForResults(page);
    await expect(resultsHeading(page)).toBeFocused();
  }
  await page.screenshot({ path: testInfo.outputPath('search.png'), fullPage: true });
  await expectNoSeriousA11yViolations(page);

  // Open the first posting.
  const firstTitle = resultCards(page).first().getByRole('heading').getByRole('link');
  const title = ((await firstTitle.textContent()) ?? '').trim();
  await firstTitle.click();
  await expect(page).toHaveURL(/\/jobs\/[^/?]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByRole('heading', { name: 'About the job' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Similar jobs' })).toBeVisible();
  // Signed out, Save is offered (it leads to log in); account.pw.ts saves for real.
  await expect(page.getByRole('button', { name: 'Save' })).toHaveAttribute('aria-pressed', 'false');
  const apply = page.getByRole('link', { name: /^Apply/ });
  if (await apply.count()) {
    await expect(apply).toHaveAttribute('target', '_blank');
    await expect(apply).toHaveAttribute('rel', /noopener/);
  }
  await expect(page).toHaveTitle(new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').slice(0, 30)));
  await page.screenshot({ path: testInfo.outputPath('detail.png'), fullPage: true });
  await expectNoSeriousA11yViolations(page);

  // Back to the search: query, facet and page are as they were.
  await page.getByRole('link', { name: 'Back to search' }).click();
  await expect(page).toHaveURL(/[?&]q=data(\+|%20)engineer/);
  await expect(page).toHaveURL(/[?&]workMode=remote/);
  if (expectedPage === 2) await expect(page).toHaveURL(/[?&]page=2/);
  await waitForResults(page);
  await expect(page.getByRole('combobox', { name: 'What' })).toHaveValue('data engineer');
  await expect(facetsPanel(page).getByRole('checkbox', { name: /^Remote\b/ })).toBeChecked();
  await expect(page.getByRole('option', { name: 'Remote only', selected: true })).toBeVisible();
  if (expectedPage === 2) await expect(page.getByRole('link', { name: 'Page 2' })).toHaveAttribute('aria-current', 'page');

  // The browser's own back button walks the same history: before the facet there was no filter.
  if (expectedPage === 2) await page.goBack();
  await page.goBack();
  await expect(page).not.toHaveURL(/workMode=/);
  await expect(facetsPanel(page).getByRole('checkbox', { name: /^Remote\b/ })).not.toBeChecked();
});

test('the landing page has category tiles that open filtered searches', async ({ page }, testInfo) => {
  await page.goto('/');
  const tiles = page.getByRole('list', { name: 'By where you work' });
  const remoteTile = tiles.getByRole('link', { name: /^Remote/ });
  await expect(remoteTile).toContainText(/[\d,]+ jobs/);
  await expect(page.getByRole('list', { name: 'By experience level' }).getByRole('link', { name: /Entry level/ })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('home.png'), fullPage: true });
  await expectNoSeriousA11yViolations(page);

  const tileCount = Number(/([\d,]+) jobs/.exec((await remoteTile.textContent()) ?? '')?.[1].replace(/,/g, ''));
  await remoteTile.click();
  await expect(page).toHaveURL(/\/search\?workMode=remote$/);
  await waitForResults(page);
  await expect(facetsPanel(page).getByRole('checkbox', { name: /^Remote\b/ })).toBeChecked();
  const heading = (await resultsHeading(page).textContent()) ?? '';
  // The tile counts postings like the search total does (which stops counting at 10,000).
  const total = Number(/([\d,]+)/.exec(heading)?.[1].replace(/,/g, ''));
  expect(total).toBe(Math.min(tileCount, 10_000));
});

test('keyboard only: query with suggestions, Enter, then a facet checkbox with Space', async ({ page }) => {
  await page.goto('/search');
  await tabUntil(page, 'input[name="q"]');
  await page.keyboard.type('nurse');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/[?&]q=nurse/);
  await waitForResults(page);
  // Focus moved to the results heading, so the next Tab continues from the results.
  await expect(resultsHeading(page)).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: /found/ })).toHaveText(/jobs? found for “nurse”/);

  await tabUntil(page, '.facets input[type="checkbox"]');
  const focused = page.locator('.facets input[type="checkbox"]:focus');
  const name = await focused.evaluate((input) => input.closest('mat-checkbox')?.textContent?.trim() ?? '');
  await page.keyboard.press('Space');
  await expect(page).not.toHaveURL(/[?&]q=nurse$/);
  await waitForResults(page);
  await expect(page.locator('.facets input[type="checkbox"]:focus')).toBeChecked();
  await expect(page.getByRole('button', { name: new RegExp(`Remove .*${name.replace(/\s*[\d,]+$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })).toBeVisible();

  // Suggestions: type, arrow down to the first one, Enter searches it.
  await page.getByRole('combobox', { name: 'What' }).focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('regist');
  const listbox = page.getByRole('listbox', { name: 'What' });
  await expect(listbox.getByRole('option').first()).toBeVisible();
  await page.keyboard.press('ArrowDown');
  const suggestion = ((await listbox.getByRole('option').first().textContent()) ?? '').trim();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('combobox', { name: 'What' })).toHaveValue(suggestion);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(suggestion).replace(/%20/g, '(\\+|%20)')}`));
});

test('where: place suggestions, then a radius around the chosen city', async ({ page }) => {
  await page.goto('/search?q=engineer');
  await waitForResults(page);
  const distance = page.getByRole('combobox', { name: 'Distance' });
  await expect(distance).toHaveAttribute('aria-disabled', 'true');

  await page.getByRole('combobox', { name: 'Where' }).fill('new yo');
  const places = page.getByRole('listbox', { name: 'Where' });
  await places.getByRole('option', { name: 'New York, NY' }).click();
  await expect(page).toHaveURL(/[?&]location=New(\+|%20)York/);
  await waitForResults(page);
  await expect(resultsHeading(page)).toContainText('in New York, NY');
  await expect(page.getByRole('button', { name: 'Remove New York, NY' })).toBeVisible();

  await expect(distance).not.toHaveAttribute('aria-disabled', 'true');
  await distance.click();
  await page.getByRole('option', { name: 'Within 25 mi' }).click();
  await expect(page).toHaveURL(/[?&]radius=25mi/);
  await waitForResults(page);
  await expect(page.getByText('Within 25 mi of New York, NY', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Remove New York, NY (within 25 mi)' })).toBeVisible();
  // Every hit is within the radius, and says how far it is.
  const distances = await page.locator('.result-list').getByText(/ mi away$/).allTextContents();
  expect(distances.length).toBeGreaterThan(0);
  for (const text of distances) expect(Number(text.replace(/[^\d.]/g, ''))).toBeLessThanOrEqual(25);
  expect(new URL(page.url()).searchParams.get('q')).toBe('engineer');
});

test('on a phone the filters open in a drawer', async ({ browser }, testInfo) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto('/search?q=engineer');
  await waitForResults(page);
  await expect(page.getByRole('region', { name: 'Filters' })).toHaveCount(0);

  const open = page.getByRole('button', { name: 'Filters (0)' });
  await open.click();
  const drawer = page.getByRole('dialog', { name: 'Filters' });
  await expect(drawer).toBeVisible();
  await drawer.getByRole('checkbox', { name: /^Remote\b/ }).check();
  await expect(page).toHaveURL(/[?&]workMode=remote/);
  await waitForResults(page);
  await expect(drawer.getByRole('button', { name: /^Show [\d,]+\+? jobs?$/ })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('mobile-filters.png') });
  await expectNoSeriousA11yViolations(page);

  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Filters (1)' })).toBeFocused();
  await waitForResults(page);
  await page.screenshot({ path: testInfo.outputPath('mobile-search.png'), fullPage: true });
  await context.close();
});

test('no results offer to remove each filter; a bad parameter shows its reason', async ({ page }) => {
  await page.goto('/search?q=data%20engineer&workMode=remote&experience=internship&employmentType=volunteer');
  await waitForResults(page);
  await expect(page.getByText(/No jobs match “data engineer” — try removing a filter/)).toBeVisible();
  const removals = page.locator('.relax-list button');
  await expect(removals).toHaveCount(3);
  await expectNoSeriousA11yViolations(page);
  await removals.first().click();
  await expect(page).toHaveURL(/\/search\?/);
  expect(new URL(page.url()).searchParams.getAll('q')).toEqual(['data engineer']);

  await page.goto('/search?q=nurse&location=Nowhereville&payMin=lots');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('This search could not be run');
  await expect(alert).toContainText(/Minimum pay: .*must be a whole number/);
  await expectNoSeriousA11yViolations(page);
  await alert.getByRole('button', { name: 'Remove minimum pay' }).click();
  await expect(page).not.toHaveURL(/payMin=/);
  await expect(alert).toContainText('Where: unknown place');
  await alert.getByRole('button', { name: 'Remove where' }).click();
  await waitForResults(page);
  expect(new URL(page.url()).searchParams.get('q')).toBe('nurse');
});

test('a posting that no longer exists says so', async ({ page }) => {
  await page.goto('/jobs/no-such-posting');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This job is no longer available');
  await expect(page.getByRole('link', { name: 'Back to search' })).toHaveAttribute('href', '/search');
});
