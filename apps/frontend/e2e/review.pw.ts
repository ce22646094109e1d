import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { ACCOUNT_BASE_URL } from './playwright.config';
import { grantRole, signUp } from './support/accounts';

// Sign-up codes come from the development outbox, which only the NODE_ENV=development server has.
test.use({ baseURL: ACCOUNT_BASE_URL });

/** The occupation the analyst corrects to, found with the picker by typing "registered nurse". */
const NURSES = { code: '29-1141', title: 'Registered Nurses' };

async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

test('a signed-in user without the analyst role is refused, in the page and by the API', async ({ page }) => {
  await signUp(page, `Pat Plain ${Date.now() % 10_000}`);
  await page.goto('/review');
  await expect(page.getByRole('heading', { level: 2, name: 'This page needs the analyst role' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Review codes' })).toHaveCount(0);
  await expect(page.getByRole('table')).toHaveCount(0);
  const api = await page.request.get('/api/review/postings');
  expect(api.status()).toBe(403);
  expect((await api.json()).code).toBe('forbidden_role');
  await expectNoSeriousA11yViolations(page);
});

test('an analyst confirms one code and corrects another; the corrected posting shows its new occupation', async ({ page }, testInfo) => {
  // Sign-up, a grant, two decisions, four axe scans and two more pages: past 60 s on a busy machine.
  test.slow();
  const phone = await signUp(page, `Ann Analyst ${Date.now() % 10_000}`);
  grantRole(phone, 'analyst');
  await page.goto('/');
  const navLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Review codes' });
  await expect(navLink).toBeVisible();
  await navLink.click();
  await expect(page).toHaveURL(/\/review$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Review occupation codes' })).toBeVisible();
  const rows = page.locator('tbody tr[data-posting-id]');
  await expect(rows.first()).toBeVisible();
  await expect(page.getByText(/\d+ postings to review/)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('review-queue.png'), fullPage: true });
  await expectNoSeriousA11yViolations(page);

  // Filters: one source only, and the table says so.
  await page.getByLabel('Source', { exact: true }).selectOption({ label: 'LinkedIn 2024' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(rows.first()).toBeVisible();
  for (const cell of await rows.locator('td:nth-child(2)').allTextContents()) expect(cell.trim()).toBe('LinkedIn 2024');
  // Out-of-range confidence: the API's 400 names the field.
  await page.getByLabel('Confidence from', { exact: true }).fill('3');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByRole('alert')).toContainText('minConfidence');
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(rows.first()).toBeVisible();

  // Confirm, by keyboard: the row leaves the table and the status says what was saved.
  const first = rows.first();
  const confirmedId = await first.getAttribute('data-posting-id');
  await first.getByRole('button', { name: /^Confirm / }).focus();
  await page.keyboard.press('Enter');
  const status = page.getByRole('status');
  await expect(status).toContainText(/Confirmed .+ \(\d{2}-\d{4}\) for/);
  await expect(page.locator(`tr[data-posting-id="${confirmedId}"]`)).toHaveCount(0);

  // Correct one whose machine code is not the nurses' code, with the occupation picker.
  const target = rows.filter({ hasNotText: NURSES.code }).first();
  const correctedId = (await target.getAttribute('data-posting-id'))!;
  const correctedTitle = (await target.locator('th a').textContent())!.trim();
  await target.getByRole('button', { name: /^Correct the code of/ }).click();
  const form = page.getByRole('form', { name: `Correct the code of ${correctedTitle}` });
  const picker = form.getByRole('combobox', { name: 'New occupation' });
  await picker.fill('registered nurse');
  const option = page.getByRole('option', { name: `${NURSES.title} (${NURSES.code})` });
  await expect(option).toBeVisible();
  await picker.press('ArrowDown');
  await expect(option).toHaveClass(/mat-mdc-option-active/);
  await picker.press('Enter');
  await expect(picker).toHaveValue(`${NURSES.title} (${NURSES.code})`);
  await form.getByLabel('Note (optional)').fill('the description is about nursing');
  await expectNoSeriousA11yViolations(page);
  await form.getByRole('button', { name: 'Save correction' }).click();
  await expect(status).toContainText(`to ${NURSES.title} (${NURSES.code})`);
  await expect(page.locator(`tr[data-posting-id="${correctedId}"]`)).toHaveCount(0);
  await expect(status).toBeFocused();
  await page.screenshot({ path: testInfo.outputPath('review-corrected.png'), fullPage: true });
  await expectNoSeriousA11yViolations(page);

  // The job page and job search show the new occupation at once.
  await page.goto(`/jobs/${correctedId}`);
  const nurseChip = new RegExp(`^Occupation: ${NURSES.title}\\s*,\\s*SOC ${NURSES.code}$`);
  await expect(page.getByRole('link', { name: nurseChip })).toBeVisible();
  await page.goto(`/search?q=${encodeURIComponent(correctedTitle)}&occupation=${NURSES.code}`);
  const card = page.locator('.result-list > li').filter({ hasText: correctedTitle }).first();
  await expect(card).toBeVisible();
  await expect(card.getByRole('link', { name: nurseChip })).toBeVisible();
});
