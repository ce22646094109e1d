import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, type Page } from '@playwright/test';

const REPO_ROOT = resolve(__dirname, '../../../..');
const DATABASE_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/jobportal_test';

/** A fresh number in the fictional 555-01xx range (valid for libphonenumber-js). */
function randomPhone(): { typed: string; e164: string } {
  const last = String(Math.floor(Math.random() * 100)).padStart(2, '0');
  const area = ['415', '212', '312', '617', '206'][Math.floor(Math.random() * 5)];
  return { typed: `+1 ${area} 555 01${last}`, e164: `+1${area}55501${last}` };
}

/**
 * Signs up through the page with the code read from the development outbox (so only on the
 * NODE_ENV=development server, ACCOUNT_BASE_URL); returns the phone, for a role grant.
 */
export async function signUp(page: Page, name: string): Promise<string> {
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
  await expect(page).toHaveURL(/\/account$/);
  return phone.e164;
}

/** The operator's way: the user:grant CLI against the test database the server uses. */
export function grantRole(phone: string, role: 'analyst' | 'operator'): void {
  execFileSync('node', [resolve(REPO_ROOT, 'workers/dist/cli/user-grant.js'), '--phone', phone, '--role', role], {
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL },
    encoding: 'utf8',
  });
}
