import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { BROWSER_ENV } from './playwright.config';

/** Imports the six real sample datasets and indexes the O*NET occupations into the browser tests' own indices. */
export default function globalSetup() {
  const repo = resolve(__dirname, '../../..');
  for (const args of [['workers/dist/cli/ingest.js', '--samples', '--refresh'], ['workers/dist/cli/index-occupations.js']]) {
    execFileSync('node', args, {
      cwd: repo,
      env: { ...process.env, ...BROWSER_ENV },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  }
}
