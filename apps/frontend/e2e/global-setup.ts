import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { BROWSER_ENV } from './playwright.config';

/** Imports the six real sample datasets into the browser tests' own index. */
export default function globalSetup() {
  const repo = resolve(__dirname, '../../..');
  execFileSync('node', ['workers/dist/cli/ingest.js', '--samples', '--refresh'], {
    cwd: repo,
    env: { ...process.env, ...BROWSER_ENV },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}
