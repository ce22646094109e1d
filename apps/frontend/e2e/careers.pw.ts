import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { ACCOUNT_BASE_URL } from './playwright.config';

async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

const RESUME_LINES = [
  'Maria Lopez',
  'Austin, TX',
  '',
  'Experience',
  'Registered Nurse, St. David\'s Medical Center, 2019 - present',
  '- Assess patients, administer medications and monitor vital signs on a medical-surgical unit',
  '- Document patient care in Epic and educate patients and families on discharge plans',
  'Licensed Vocational Nurse, Austin Care Home, 2016 - 2019',
  '- Provided basic patient care, wound care and medication administration',
  '',
  'Skills: patient assessment, medication administration, Epic Systems, BLS, wound care',
];

/** A real PDF resume with a text layer, made here so the test owns its input. */
async function resumePdf(lines: readonly string[]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([612, 792]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  lines.forEach((line, i) => page.drawText(line, { x: 50, y: 740 - i * 18, size: 11, font }));
  return Buffer.from(await pdf.save());
}

test('upload a PDF resume and see the occupations it fits, with the % match chart and open jobs', async ({ page }, testInfo) => {
  await page.goto('/careers');
  await expect(page.getByRole('heading', { level: 1, name: 'Find careers that fit you' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.locator('#resume-file').setInputFiles({ name: 'maria-lopez-resume.pdf', mimeType: 'application/pdf', buffer: await resumePdf(RESUME_LINES) });
  await expect(page.locator('.file-name')).toHaveText('maria-lopez-resume.pdf');
  await page.getByRole('button', { name: 'Find my occupations' }).click();

  const results = page.getByRole('region', { name: 'Occupations your experience fits' });
  await expect(results).toBeVisible({ timeout: 30_000 });
  const cards = results.getByRole('article');
  expect(await cards.count()).toBeGreaterThan(0);
  expect(await cards.count()).toBeLessThanOrEqual(10);
  // The matcher reads the titles: nursing comes first.
  await expect(cards.first().getByRole('heading', { level: 3 })).toContainText(/Nurs/);
  await expect(cards.first()).toContainText(/\d+% match/);
  await expect(cards.first()).toContainText('Median pay');
  await expect(cards.first().getByRole('link', { name: /About this occupation/ })).toHaveAttribute('href', /\/occupations\/\d{2}-\d{4}$/);
  await expect(cards.first().getByRole('link', { name: /(See all \d+ jobs|Search jobs) for/ })).toHaveAttribute('href', /\/search\?occupation=\d{2}-\d{4}/);
  // The horizontal bar chart draws one bar per occupation, and its table says the same in text.
  const bars = results.locator('ngx-charts-bar-horizontal path.bar');
  await expect(bars).toHaveCount(await cards.count());
  await expect(results.getByRole('table').first()).toContainText('%');
  await page.screenshot({ path: testInfo.outputPath('careers-resume.png'), fullPage: true });
  await expectNoSeriousA11yViolations(page);
});

test('a PDF without a text layer says to paste the text instead', async ({ page }) => {
  await page.goto('/careers');
  const blank = await PDFDocument.create();
  blank.addPage([612, 792]);
  await page.locator('#resume-file').setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await blank.save()) });
  await page.getByRole('button', { name: 'Find my occupations' }).click();
  await expect(page.getByRole('alert')).toContainText('Paste the text of your resume instead');
});

/** Answers one page of 12 items: `value(n)` for item n (1-60), by clicking the labelled radio. */
async function answerPage(page: Page, value: (item: number) => number) {
  const groups = page.locator('app-interest-questionnaire').getByRole('radiogroup');
  await expect(groups).toHaveCount(12);
  for (let i = 0; i < 12; i++) {
    const group = groups.nth(i);
    const item = Number((await group.getAttribute('aria-labelledby'))!.replace('interest-item-text-', ''));
    await group.locator('mat-radio-button').nth(value(item) - 1).locator('label').click();
  }
}

test('answer the interests questionnaire, resume it after a reload, and see the chart and radars', async ({ page }, testInfo) => {
  // Sixty answers, clicked one by one as a person would, take longer than the default minute on a busy machine.
  test.setTimeout(180_000);
  await page.goto('/careers');
  await page.evaluate(() => localStorage.clear());
  await page.getByRole('tab', { name: 'From my interests' }).click();
  // The first request on a fresh server loads the O*NET tables behind the profiler.
  await expect(page.getByText('Page 1 of 5 · 0 of 60 answered')).toBeVisible({ timeout: 30_000 });

  // Next with nothing answered names what is missing instead of moving on.
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(page.getByRole('alert')).toContainText('12 activities on this page have no answer yet');

  // Keyboard: arrow keys move the answer within an item's radio group.
  const first = page.locator('app-interest-questionnaire').getByRole('radiogroup').first();
  await first.getByRole('radio').first().focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await expect(first.getByRole('radio').nth(1)).toBeChecked();

  // A varied profile: strong liking for every sixth item, the rest spread over the scale.
  const value = (item: number) => (item % 6 === 4 ? 5 : (item % 3) + 1);
  await answerPage(page, value);
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(page.getByText('Page 2 of 5 · 12 of 60 answered')).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // A reload resumes on the same page with the answers kept.
  await page.reload();
  await page.getByRole('tab', { name: 'From my interests' }).click();
  await expect(page.getByText('Page 2 of 5 · 12 of 60 answered')).toBeVisible();

  for (let p = 2; p <= 5; p++) {
    await answerPage(page, value);
    await page.getByRole('button', { name: p < 5 ? 'Next page' : 'Next: values and education' }).click();
  }
  await expect(page.getByText('60 of 60 answered')).toBeVisible();
  await page.getByRole('combobox', { name: 'Relationships' }).click();
  await page.getByRole('option', { name: 'Very important' }).click();
  await page.getByRole('button', { name: 'See my matches' }).click();

  const results = page.getByRole('region', { name: 'Occupations that fit your interests' });
  await expect(results).toBeVisible({ timeout: 30_000 });
  const cards = results.getByRole('article');
  expect(await cards.count()).toBeGreaterThan(0);
  await expect(results.locator('ngx-charts-bar-horizontal path.bar')).toHaveCount(await cards.count());
  // Each occupation has a radar: the person's profile over the occupation's (two series).
  await expect(cards.first().locator('ngx-charts-polar-chart')).toBeVisible();
  await expect(cards.first().locator('ngx-charts-polar-chart .polar-charts-series')).toHaveCount(2);
  await expect(cards.first().getByRole('table')).toContainText('You');
  await expect(results).toContainText('O*NET');
  await page.screenshot({ path: testInfo.outputPath('careers-interests.png'), fullPage: true });
  await expectNoSeriousA11yViolations(page);

  // A flat profile (every answer the same) is refused with what to do next.
  await page.evaluate(() =>
    localStorage.setItem('jobportal.careers.interests.v1', JSON.stringify({ answers: Array(60).fill(3), page: 4, step: 'values', workValues: {}, education: null })),
  );
  await page.reload();
  await page.getByRole('tab', { name: 'From my interests' }).click();
  await page.getByRole('button', { name: 'See my matches' }).click();
  await expect(page.getByRole('alert')).toContainText('use more of the scale');

  // On a phone the questionnaire still fits.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: 'Back to the activities' }).click();
  await expect(page.locator('app-interest-questionnaire').getByRole('radiogroup')).toHaveCount(12);
  await page.screenshot({ path: testInfo.outputPath('careers-mobile.png'), fullPage: true });
});

test.describe('career plans', () => {
  // The one-time codes come from the development outbox, which only the NODE_ENV=development server has.
  test.use({ baseURL: ACCOUNT_BASE_URL });

  async function signUp(page: Page, name: string) {
    const area = ['415', '212', '312', '617', '206'][Math.floor(Math.random() * 5)];
    const last = String(Math.floor(Math.random() * 100)).padStart(2, '0');
    const e164 = `+1${area}55501${last}`;
    await page.goto('/signup');
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Mobile phone').fill(`+1 ${area} 555 01${last}`);
    const since = new Date(Date.now() - 1000).toISOString();
    await page.getByRole('button', { name: 'Text me a code' }).click();
    let code: string | undefined;
    await expect
      .poll(async () => {
        const res = await page.request.get('/api/dev/outbox');
        const { messages } = (await res.json()) as { messages: Array<{ to: string; text: string; at: string }> };
        code = messages.find((m) => m.to === e164 && m.at >= since)?.text.match(/\b(\d{6})\b/)?.[1];
        return code;
      })
      .toBeTruthy();
    await page.getByLabel('6-digit code').fill(code!);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page).toHaveURL(/\/account$/);
  }

  const radarProfile = { realistic: 2, investigative: 4, artistic: 1.5, social: 6.5, enterprising: 3, conventional: 3.5 };
  const interestPlan = {
    kind: 'interests',
    name: 'Interests SEC',
    matches: [
      {
        code: '21-1012',
        onetCode: '21-1012.00',
        title: 'Educational, Guidance, and Career Counselors and Advisors',
        match: 93,
        parts: { interestCorrelation: 0.9, workValueSimilarity: null },
        jobZone: 5,
        medianWage: 61710,
        projectedGrowth: 4,
        interestCode: 'SEC',
        userProfile: { ...radarProfile, social: 7, realistic: 1 },
        occupationProfile: radarProfile,
      },
    ],
    inputs: { scores: { realistic: 5, investigative: 20, artistic: 8, social: 38, enterprising: 12, conventional: 15 }, jobZones: [4, 5] },
  };

  test('a saved interests plan is listed on the account page and opens with its chart and radar', async ({ page }, testInfo) => {
    await signUp(page, `Robin Radar ${Date.now() % 10_000}`);
    await expect(page.getByText('No career plans yet.')).toBeVisible();
    // Saved through the API with the page's own session, as the careers page does.
    const saved = await page.request.post('/api/me/career-plans', { data: interestPlan });
    expect(saved.status()).toBe(201);
    // Nobody else's session sees it.
    expect((await page.request.get(`/api/me/career-plans/${(await saved.json()).id}`, { headers: { cookie: '' } })).status()).toBe(401);

    await page.reload();
    const plans = page.getByRole('region', { name: 'Career plans' });
    await expect(plans.getByRole('link', { name: 'Interests SEC' })).toBeVisible();
    await expect(plans).toContainText('from interests');
    await plans.getByRole('link', { name: 'Interests SEC' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Interests SEC' })).toBeVisible();
    await expect(page.locator('p', { hasText: 'Your interest scores:' })).toContainText('Social 38');
    await expect(page.locator('ngx-charts-bar-horizontal path.bar')).toHaveCount(1);
    await expect(page.locator('ngx-charts-polar-chart .polar-charts-series')).toHaveCount(2);
    await expect(page.getByRole('table').last()).toContainText('You');
    await page.screenshot({ path: testInfo.outputPath('career-plan-interests.png'), fullPage: true });
    await expectNoSeriousA11yViolations(page);
  });

  test('save a result as a career plan, find it on the account page, open and delete it', async ({ page }, testInfo) => {
    await signUp(page, `Casey Planner ${Date.now() % 10_000}`);
    await expect(page.getByText('No career plans yet.')).toBeVisible();

    await page.goto('/careers');
    await page.getByRole('radio', { name: 'Describe your experience' }).click();
    await page.getByLabel('Your jobs, skills and what you did').fill(
      'Forklift operator and warehouse associate for six years: picking and packing orders, loading trucks, inventory counts with handheld scanners, shipping and receiving.',
    );
    await page.getByRole('button', { name: 'Find my occupations' }).click();
    const results = page.getByRole('region', { name: 'Occupations your experience fits' });
    await expect(results).toBeVisible({ timeout: 30_000 });
    const topTitle = (await results.getByRole('article').first().getByRole('heading', { level: 3 }).innerText()).trim();

    await page.getByLabel('Plan name').fill('Warehouse paths');
    await page.getByRole('button', { name: 'Save as career plan' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved as a career plan' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('link', { name: 'your account page' }).click();
    const plans = page.getByRole('region', { name: 'Career plans' });
    await expect(plans.getByRole('link', { name: 'Warehouse paths' })).toBeVisible();
    await expect(plans).toContainText(topTitle);
    await page.screenshot({ path: testInfo.outputPath('account-career-plans.png'), fullPage: true });
    await expectNoSeriousA11yViolations(page);

    await plans.getByRole('link', { name: 'Warehouse paths' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Warehouse paths' })).toBeVisible();
    await expect(page.getByRole('article').first().getByRole('heading', { level: 3 })).toHaveText(topTitle);
    await expect(page.locator('ngx-charts-bar-horizontal')).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('link', { name: 'Your account' }).click();
    await page.getByRole('region', { name: 'Career plans' }).getByRole('button', { name: 'Delete Warehouse paths' }).click();
    await expect(page.getByText('No career plans yet.')).toBeVisible();
  });
});
