import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../..');
export const DATA_DIR = resolve(REPO_ROOT, '../shared/data');

/** Stops the local Elasticsearch node (the one `npm run stack:up` started), for failure tests. */
export function stopElasticsearch(): void {
  execFileSync('bash', [resolve(REPO_ROOT, 'elastic/stack.sh'), 'es-stop'], { stdio: 'inherit' });
}

/** Starts it again and waits until it answers. */
export function startElasticsearch(): void {
  execFileSync('bash', [resolve(REPO_ROOT, 'elastic/stack.sh'), 'es-start'], { stdio: 'inherit' });
}

export async function waitFor<T>(fn: () => Promise<T | undefined | false>, timeoutMs = 60_000, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
