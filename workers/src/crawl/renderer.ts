import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type HTTPResponse, type Page } from 'puppeteer-core';

/** What a rendered page gave: the main document's answer, and the DOM after its scripts ran. */
export interface RenderedPage {
  /** The final URL (the browser follows redirects itself). */
  url: string;
  status: number;
  headers: Record<string, string>;
  /** The serialized DOM; null when it is larger than the body cap. */
  html: string | null;
}

export interface RendererOptions {
  executablePath: string;
  /** Pages rendered at once (the page pool). */
  pages: number;
  timeoutMs: number;
  maxBodyBytes: number;
  userAgent: string;
}

export interface Renderer {
  /** Loads the URL in the shared browser; throws (TimeoutError, net::ERR_...) when no page came. */
  render(url: string): Promise<RenderedPage>;
  close(): Promise<void>;
}

/*
 * The flags Chromium runs with on these machines: as root it needs --no-sandbox, and without the
 * background-networking flags it keeps calling Google's hosts, which the closed network refuses.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** What a posting page needs to run its scripts; pictures, fonts and media are not fetched. */
const SKIPPED_RESOURCES = new Set(['image', 'media', 'font', 'stylesheet']);

/** After `load`, how long the page may keep fetching (XHR that fills the JSON-LD) before it is read. */
const SETTLE_MS = 2000;

/** The profile of a browser that has gone; Chromium may still be flushing it, hence the retries. */
function removeProfile(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  } catch {
    // A leftover directory in the temp folder is harmless; a crawl must not fail over it.
  }
}

/**
 * Pages of `render: true` sources through puppeteer-core driving Debian's Chromium: one shared
 * headless browser (started on first use, with its own new user-data-dir), a pool of at most
 * `pages` tabs, a navigation time-out, the body cap on the rendered DOM, and a clean close (browser
 * closed, profile removed). A crashed browser is started again on the next render.
 */
export function createRenderer(opts: RendererOptions): Renderer {
  let browser: Promise<Browser> | null = null;
  let profileDir: string | null = null;
  const idle: Page[] = [];
  let open = 0;
  const waiting: Array<() => void> = [];
  let closed = false;

  function launch(): Promise<Browser> {
    if (!browser) {
      profileDir = mkdtempSync(join(tmpdir(), 'jobportal-chromium-'));
      const dir = profileDir;
      const launched: Promise<Browser> = puppeteer
        .launch({ executablePath: opts.executablePath, headless: true, userDataDir: dir, args: CHROMIUM_ARGS, protocolTimeout: Math.max(30_000, opts.timeoutMs * 2) })
        .then((b) => {
          b.on('disconnected', () => {
            // A crash: forget the browser and its tabs; the next render starts a new one.
            if (browser === launched) browser = null;
            idle.length = 0;
            open = 0;
            // On close() the profile is removed there, once the process has exited.
            if (!closed) removeProfile(dir);
          });
          return b;
        })
        .catch((err) => {
          if (browser === launched) browser = null;
          removeProfile(dir);
          throw err;
        });
      browser = launched;
    }
    return browser;
  }

  async function acquire(): Promise<Page> {
    for (;;) {
      const page = idle.pop();
      if (page && !page.isClosed()) return page;
      if (page) continue;
      if (open < opts.pages) {
        open++;
        try {
          const p = await (await launch()).newPage();
          await p.setUserAgent(opts.userAgent);
          p.setDefaultNavigationTimeout(opts.timeoutMs);
          await p.setRequestInterception(true);
          p.on('request', (req) => {
            if (req.isInterceptResolutionHandled()) return;
            if (SKIPPED_RESOURCES.has(req.resourceType())) void req.abort('blockedbyclient');
            else void req.continue();
          });
          return p;
        } catch (err) {
          open--;
          throw err;
        }
      }
      await new Promise<void>((r) => waiting.push(r));
    }
  }

  function release(page: Page, healthy: boolean): void {
    if (healthy && !closed && !page.isClosed()) idle.push(page);
    else {
      open = Math.max(0, open - 1);
      void page.close().catch(() => undefined);
    }
    waiting.shift()?.();
  }

  return {
    async render(url) {
      if (closed) throw new Error('The renderer is closed.');
      const page = await acquire();
      let healthy = true;
      try {
        let res: HTTPResponse | null;
        try {
          res = await page.goto(url, { waitUntil: 'load', timeout: opts.timeoutMs });
        } catch (err) {
          healthy = false;
          throw err;
        }
        if (!res) throw new Error(`net::ERR_ABORTED: ${url} gave no response`);
        const status = res.status();
        let html: string | null = null;
        if (status >= 200 && status < 300) {
          await page.waitForNetworkIdle({ idleTime: 200, timeout: Math.min(SETTLE_MS, opts.timeoutMs) }).catch(() => undefined);
          const content = await page.content();
          html = Buffer.byteLength(content, 'utf8') > opts.maxBodyBytes ? null : content;
        }
        return { url: page.url() || url, status, headers: res.headers(), html };
      } finally {
        // A tab goes back to the pool blank, so the next page starts from nothing of this one.
        if (healthy) await page.goto('about:blank').catch(() => (healthy = false));
        release(page, healthy);
      }
    },
    async close() {
      closed = true;
      for (const w of waiting.splice(0)) w();
      const b = browser;
      browser = null;
      idle.length = 0;
      if (b) await (await b.catch(() => null))?.close().catch(() => undefined);
      if (profileDir) removeProfile(profileDir);
    },
  };
}
