import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { ACCOUNT_BASE_URL } from './playwright.config';

// Sign-up codes come from the development outbox, which only the NODE_ENV=development server has.
test.use({ baseURL: ACCOUNT_BASE_URL });

const REPO_ROOT = resolve(__dirname, '../../..');
const DATABASE_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/jobportal_test';
/** The occupation the analyst corrects to, found with the picker by typing "registered nurse". */
const NURSES = { code: '29-1141', title: 'Registered Nurses' };

async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

/** A fresh number in the fictional 555-01xx range per call. */
function randomPhone(): { typed: string; e164: string } {
  const last = String(Math.floor(Math.random() * 100)).padStart(2, '0');
  const area = ['415', '212', '312', '617', '206'][Math.floor(Math.random() * 5)];
  return { typed: `+1 ${area} 555 01${last}`, e164: `+1${area}55501${last}` };
}

/** Signs up through the real code flow (the code read from the development outbox). */
async function signUp(page: Page, name: string): Promise<string> {
  const phone = randomPhone();
  await page.goto('/signup');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Mobile phone').fill(phone.typed);
  const since = new Date(Date.now() - 1000).toISOString();
  await page.getByRole('button', { name: 'Text me a code' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Enter your code' })).toBeVisible();
  let code: string | undefined;
  await expect
    .poll(async () => {
      const res = await page.request.get('/api/dev/outbox');
      const { messages } = (await res.json()) as { messages: Array<{ to: string; text: string; at: string }> };
      code = messages.find((m) => m.to === phone.e164 && m.at >= since)?.text.match(/\b(\d{6})\b/)?.[1];
      return code;
    })
    .toBeTruthy();
  await page.getByLabel('6-digit code').fill(code!);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).not.toHaveURL(/\/signup/);
  return phone.e164;
}

/** The operator's way: the user:grant CLI against the test database the server uses. */
function grantAnalyst(phone: string) {
  execFileSync('node', [resolve(REPO_ROOT, 'workers/dist/cli/user-grant.js'), '--phone', phone, '--role', 'analyst'], {
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL },
    encoding: 'utf8',
  });
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
  grantAnalyst(phone);
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
