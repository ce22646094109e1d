import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { ACCOUNT_BASE_URL } from './playwright.config';

// The one-time codes come from the development outbox, which only the NODE_ENV=development server has.
test.use({ baseURL: ACCOUNT_BASE_URL });

async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

/** Area codes libphonenumber-js knows, for numbers in the fictional 555-01xx range. */
const AREA_CODES = ['415', '212', '312', '617', '206', '303', '512', '702', '404', '213'];

/** A fresh number per run (valid for libphonenumber-js), so reruns do not meet earlier accounts. */
function randomPhone(): { typed: string; e164: string } {
  const area = AREA_CODES[Math.floor(Math.random() * AREA_CODES.length)];
  const last = String(Math.floor(Math.random() * 100)).padStart(2, '0');
  return { typed: `+1 ${area} 555 01${last}`, e164: `+1${area}55501${last}` };
}

interface OutboxMessage {
  to: string;
  text: string;
  at: string;
}

/** The newest code sent to `to` after `since`, read from the development outbox. */
async function latestCode(page: Page, to: string, since: string): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(async () => {
      const res = await page.request.get('/api/dev/outbox');
      const { messages } = (await res.json()) as { messages: OutboxMessage[] };
      const message = messages.find((m) => m.to === to && m.at >= since);
      code = message?.text.match(/\b(\d{6})\b/)?.[1];
      return code;
    })
    .toBeTruthy();
  return code!;
}

async function signUp(page: Page, name: string) {
  const phone = randomPhone();
  await page.goto('/signup');
  await expect(page.getByRole('heading', { level: 1, name: 'Create an account' })).toBeVisible();
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Mobile phone').fill(phone.typed);
  const since = new Date(Date.now() - 1000).toISOString();
  await page.getByRole('button', { name: 'Text me a code' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Enter your code' })).toBeVisible();
  const codeInput = page.getByLabel('6-digit code');
  await expect(codeInput).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(page.getByRole('button', { name: /Send a new code in \d+ s/ })).toBeDisabled();
  const code = await latestCode(page, phone.e164, since);
  return { phone, code, codeInput };
}

test('sign up with a code from the outbox, save a job, find it on the saved page', async ({ page }, testInfo) => {
  const name = `Pat Tester ${Date.now() % 10_000}`;
  // Saved pages send a signed-out visitor to log in, and back afterwards.
  await page.goto('/saved');
  await expect(page).toHaveURL(/\/login\?returnUrl=%2Fsaved$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('login.png'), fullPage: true });
  await expectNoSeriousA11yViolations(page);

  const { code, codeInput } = await signUp(page, name);
  await page.screenshot({ path: testInfo.outputPath('signup-code.png'), fullPage: true });
  await expectNoSeriousA11yViolations(page);

  // A wrong code is refused with the tries left; the right one signs in.
  const wrong = code === '000000' ? '111111' : '000000';
  await codeInput.fill(wrong);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /not the code we sent; 4 tries left/ })).toBeVisible();
  await codeInput.fill(code);
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  await expect(page.getByText(name)).toBeVisible();
  const userMenu = page.getByRole('button', { name: /account menu/ });
  await expect(userMenu).toContainText('Pat');
  await expect(page.getByText('This device', { exact: true })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('account.png'), fullPage: true });
  await expectNoSeriousA11yViolations(page);

  // Authenticator-app enrollment shows a QR code and asks for a code to confirm.
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('account-totp.png'), fullPage: true });
  await page.getByRole('button', { name: 'Cancel' }).click();

  // Save the first search result.
  await page.goto('/search?q=nurse');
  const firstResult = page.locator('.result-list > li').first();
  const title = (await firstResult.getByRole('heading').innerText()).trim();
  const saveButton = firstResult.getByRole('button', { name: `Save ${title}` });
  await saveButton.click();
  await expect(firstResult.getByRole('button', { name: `Saved: ${title}` })).toHaveAttribute('aria-pressed', 'true');
  await page.screenshot({ path: testInfo.outputPath('search-saved.png') });

  await userMenu.click();
  await page.getByRole('menuitem', { name: 'Saved jobs' }).click();
  await expect(page).toHaveURL(/\/saved$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Saved jobs' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Saved (1)' })).toBeVisible();
  const item = page.getByRole('article', { name: title });
  await expect(item).toBeVisible();
  await expect(item.getByRole('link', { name: title })).toHaveAttribute('href', /\/jobs\//);

  // Notes and status are kept.
  await item.getByLabel('Note').fill('Call back on Monday');
  await item.getByRole('button', { name: 'Save note' }).click();
  await expect(page.getByText('Note saved')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('saved.png'), fullPage: true });
  await expectNoSeriousA11yViolations(page);
  await item.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Applied' }).click();
  await page.getByRole('tab', { name: 'Applied (1)' }).click();
  await expect(page.getByRole('article', { name: title }).getByLabel('Note')).toHaveValue('Call back on Monday');

  await page.reload();
  await expect(page.getByRole('tab', { name: 'Applied (1)' })).toBeVisible();

  // On a phone the board and the account menu still fit.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByRole('button', { name: 'Menu', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: /account menu/ })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Applied (1)' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('saved-mobile.png'), fullPage: true });
});

test('save a search, see it under saved searches, run it again', async ({ page }, testInfo) => {
  const { code, codeInput } = await signUp(page, 'Sam Searcher');
  await codeInput.fill(code);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/account$/);

  await page.goto('/search?q=engineer&workMode=remote');
  await page.getByRole('button', { name: 'Save this search' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save this search' });
  await expect(dialog.getByLabel('Name')).toHaveValue('engineer');
  await dialog.getByLabel('Name').fill('Remote engineering');
  await dialog.getByRole('radio', { name: 'Once a week' }).check();
  await page.screenshot({ path: testInfo.outputPath('save-search-dialog.png') });
  await expectNoSeriousA11yViolations(page);
  await dialog.getByRole('button', { name: 'Save search' }).click();
  await expect(dialog).toBeHidden();

  await page.goto('/saved-searches');
  await expect(page.getByRole('heading', { level: 2, name: 'Remote engineering' })).toBeVisible();
  await expect(page.getByText(/Once a week by text message/)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('saved-searches.png'), fullPage: true });
  await expectNoSeriousA11yViolations(page);

  await page.getByRole('button', { name: 'Run now: Remote engineering' }).click();
  await expect(page).toHaveURL(/\/search\?q=engineer&workMode=remote$/);

  // Logging out ends the session: the saved pages ask to log in again.
  await page.getByRole('button', { name: /account menu/ }).click();
  await page.getByRole('menuitem', { name: 'Log out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await page.goto('/saved-searches');
  await expect(page).toHaveURL(/\/login\?returnUrl=%2Fsaved-searches$/);
});

test('the sign-up form explains a bad phone number', async ({ page }, testInfo) => {
  await page.goto('/signup');
  await page.getByLabel('Name').fill('Kim');
  await page.getByLabel('Mobile phone').fill('415 555 0123');
  await page.getByRole('button', { name: 'Text me a code' }).click();
  await expect(page.getByText('Start with + and the country code')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('signup-invalid.png'), fullPage: true });
  await expectNoSeriousA11yViolations(page);
});
