import { defineConfig } from '@playwright/test';
import { resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '../../..');
/** BROWSER_TEST_PORT lets two checkouts on one machine run their browser suites side by side. */
const PORT = Number(process.env['BROWSER_TEST_PORT'] ?? 3210);
/** Browser tests get their own index (prefix) so they never touch the demo's data. */
export const BROWSER_ENV = { NODE_ENV: 'test', PORT: String(PORT), ES_INDEX_PREFIX: 'e2e-browser-', QUEUE_PREFIX: 'e2e-browser' };

/**
 * The account journeys read one-time codes from the development outbox (GET /api/dev/outbox),
 * which exists only with NODE_ENV=development; they run against this second server (the same
 * index, the test database, its own queues) and pick it with test.use({ baseURL: ACCOUNT_BASE_URL }).
 */
const ACCOUNT_PORT = PORT + 1;
export const ACCOUNT_BASE_URL = `http://127.0.0.1:${ACCOUNT_PORT}`;
const ACCOUNT_ENV = {
  NODE_ENV: 'development',
  PORT: String(ACCOUNT_PORT),
  ES_INDEX_PREFIX: BROWSER_ENV.ES_INDEX_PREFIX,
  QUEUE_PREFIX: 'e2e-browser-accounts',
  DATABASE_URL: process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/jobportal_test',
};

export default defineConfig({
  testDir: __dirname,
  testMatch: '**/*.pw.ts',
  outputDir: resolve(REPO_ROOT, 'test-results/browser'),
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
  globalSetup: resolve(__dirname, 'global-setup.ts'),
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    },
    trace: 'retain-on-failure',
  },
  webServer: [
    {
      command: 'node apps/backend/dist/main.js',
      cwd: REPO_ROOT,
      url: `http://127.0.0.1:${PORT}/api/health`,
      env: { ...process.env, ...BROWSER_ENV } as Record<string, string>,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: 'node apps/backend/dist/main.js',
      cwd: REPO_ROOT,
      url: `${ACCOUNT_BASE_URL}/api/health`,
      env: { ...process.env, ...ACCOUNT_ENV } as Record<string, string>,
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
