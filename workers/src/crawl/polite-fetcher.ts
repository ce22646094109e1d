import type { AppConfig } from '@jobportal/config';
import { setTimeout as sleep } from 'node:timers/promises';
import { TextDecoder } from 'node:util';
import robotsParser from 'robots-parser';
import { Agent, request, type Dispatcher } from 'undici';
import type { HostPoliteness } from './host-politeness';
import type { Renderer } from './renderer';

/** Why a fetch gave no page; counted under this reason in the source's report. */
export type FetchErrorReason =
  | 'robots_disallowed'
  | 'robots_unreachable'
  | 'circuit_open'
  | 'rate_limited'
  | 'server_error'
  | 'client_error'
  | 'forbidden'
  | 'timeout'
  | 'network'
  | 'too_large'
  | 'redirect_loop'
  | 'too_many_redirects'
  | 'invalid_url';

export type FetchResult =
  | { kind: 'ok'; url: string; status: number; body: string; contentType: string | null; etag: string | null; lastModified: string | null; invalidEncoding: boolean }
  | { kind: 'not_modified'; url: string }
  /** 404 / 410: the only HTTP answers that mean the posting is gone. */
  | { kind: 'gone'; url: string; status: number }
  | { kind: 'error'; url: string; reason: FetchErrorReason; detail: string; status?: number };

/** The validated crawl settings (libs/config, one definition) plus what only the caller knows. */
export type PoliteFetcherOptions = Omit<AppConfig['crawl'], 'sourcesFile' | 'recheckCron' | 'recheckBatch' | 'sweepCron' | 'chromiumPath' | 'renderPages'> & {
  politeness: HostPoliteness;
  /** Off only for the benchmark against our own local server ("politeness off"). */
  polite?: boolean;
  random?: () => number;
  /** The browser for `render: true` fetches (created by the caller, closed with the fetcher). */
  renderer?: Renderer;
};

export interface FetchOptions extends ConditionalHeaders {
  /** Load the page in the browser (the source is `render: true`): the DOM after its scripts ran. */
  render?: boolean;
}

export interface ConditionalHeaders {
  etag?: string | null;
  lastModified?: string | null;
}

export interface PoliteFetcher {
  readonly userAgent: string;
  fetch(url: string, opts?: FetchOptions): Promise<FetchResult>;
  close(): Promise<void>;
}

const ROBOTS_TTL_MS = 24 * 3_600_000;
/** An unreachable robots.txt means "not now": try again after this long, not after a day. */
const ROBOTS_RETRY_MS = 10 * 60_000;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Retry-After as seconds or an HTTP date, in ms from now; null when absent or unreadable. */
export function retryAfterMs(value: string | string[] | undefined, now = Date.now()): number | null {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return null;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const t = Date.parse(v);
  return Number.isFinite(t) ? Math.max(0, t - now) : null;
}

/** Full-jitter exponential backoff: uniform in [0, min(max, base * 2^attempt)]. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(maxMs, baseMs * 2 ** attempt));
}

/** The charset a response declares (header, then <meta>), as a TextDecoder label. */
function charsetOf(contentType: string | null, head: Buffer): string {
  const fromHeader = /charset="?([\w-]+)/i.exec(contentType ?? '')?.[1];
  if (fromHeader) return fromHeader.toLowerCase();
  const sniff = head.subarray(0, 2048).toString('latin1');
  const fromMeta = /<meta[^>]+charset=["']?([\w-]+)/i.exec(sniff)?.[1];
  return (fromMeta ?? 'utf-8').toLowerCase();
}

/* WHATWG maps latin1 / iso-8859-1 / ascii to windows-1252; Node 20's decoder reads 0x80-0x9f as C1 controls instead. */
const CP1252_LABELS = new Set(['windows-1252', 'cp1252', 'iso-8859-1', 'latin1', 'l1', 'us-ascii', 'ascii', 'iso8859-1']);
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeCp1252(buf: Buffer): string {
  let out = '';
  for (let i = 0; i < buf.length; i += 8192) {
    const part = buf.subarray(i, i + 8192);
    let s = '';
    for (const b of part) s += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
    out += s;
  }
  return out;
}

function decode(buf: Buffer, contentType: string | null): { text: string; invalid: boolean } {
  let label = charsetOf(contentType, buf);
  if (CP1252_LABELS.has(label)) return { text: decodeCp1252(buf), invalid: false };
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    label = 'utf-8';
    decoder = new TextDecoder('utf-8');
  }
  try {
    return { text: new TextDecoder(label, { fatal: true }).decode(buf), invalid: false };
  } catch {
    // Invalid bytes become U+FFFD: the posting is still read, and the report says so.
    return { text: decoder.decode(buf), invalid: true };
  }
}

/**
 * Fetching with undici, polite per host: robots.txt (cached 24 h; unreachable = do not crawl for
 * now), Crawl-delay and a token bucket, Retry-After, exponential backoff with jitter on 429/5xx,
 * a circuit breaker, a body cap, a redirect limit with loop detection, and the charset decoded.
 * Never throws: every failure is a FetchResult with a reason.
 */
export function createPoliteFetcher(opts: PoliteFetcherOptions): PoliteFetcher {
  const polite = opts.polite !== false;
  const random = opts.random ?? Math.random;
  const ua = `${opts.userAgent} (+${opts.contactUrl})`;
  const agent = new Agent({ headersTimeout: opts.timeoutMs, bodyTimeout: opts.timeoutMs, connections: 16 });
  const robotsMemo = new Map<string, { until: number; robots: ReturnType<typeof robotsParser> | 'unreachable' }>();

  async function send(url: string, headers: Record<string, string>): Promise<Dispatcher.ResponseData> {
    return request(url, { method: 'GET', headers: { 'user-agent': ua, accept: '*/*', ...headers }, dispatcher: agent, signal: AbortSignal.timeout(opts.timeoutMs * 2) });
  }

  async function readCapped(res: Dispatcher.ResponseData): Promise<Buffer | null> {
    const declared = Number(res.headers['content-length']);
    if (Number.isFinite(declared) && declared > opts.maxBodyBytes) {
      res.body.destroy();
      return null;
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of res.body) {
      total += (chunk as Buffer).length;
      if (total > opts.maxBodyBytes) {
        res.body.destroy();
        return null;
      }
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  }

  async function robotsFor(u: URL): Promise<ReturnType<typeof robotsParser> | 'unreachable'> {
    const origin = u.origin;
    const memo = robotsMemo.get(origin);
    if (memo && memo.until > Date.now()) return memo.robots;
    let cached = await opts.politeness.getRobots(origin);
    if (cached === null) {
      const robotsUrl = `${origin}/robots.txt`;
      let value: string;
      try {
        const res = await send(robotsUrl, {});
        if (res.statusCode >= 200 && res.statusCode < 300) {
          const body = await readCapped(res);
          value = JSON.stringify({ ok: true, body: body ? body.toString('utf8') : '' });
        } else {
          await res.body.dump();
          // No robots.txt (4xx) allows everything; a server error says nothing, so we wait.
          value = res.statusCode >= 500 || res.statusCode === 429 ? JSON.stringify({ ok: false }) : JSON.stringify({ ok: true, body: '' });
        }
      } catch {
        value = JSON.stringify({ ok: false });
      }
      const ok = (JSON.parse(value) as { ok: boolean }).ok;
      await opts.politeness.setRobots(origin, value, ok ? ROBOTS_TTL_MS : ROBOTS_RETRY_MS);
      cached = value;
    }
    const parsed = JSON.parse(cached) as { ok: boolean; body?: string };
    const robots = parsed.ok ? robotsParser(`${origin}/robots.txt`, parsed.body ?? '') : 'unreachable';
    // A short in-process memo: the Redis copy is the shared one, this saves a round trip per page.
    robotsMemo.set(origin, { until: Date.now() + 60_000, robots });
    return robots;
  }

  async function waitForSlot(host: string, crawlDelayS: number | undefined): Promise<void> {
    for (;;) {
      const wait = await opts.politeness.take(host, { ratePerS: opts.hostRatePerS, burst: opts.hostBurst, minIntervalMs: Math.round((crawlDelayS ?? 0) * 1000) });
      if (wait <= 0) return;
      await sleep(Math.min(wait, 60_000));
    }
  }

  async function fetchOnce(start: string, conditional: FetchOptions): Promise<FetchResult> {
    const seen = new Set<string>();
    let url = start;
    for (let hop = 0; ; hop++) {
      let u: URL;
      try {
        u = new URL(url);
      } catch {
        return { kind: 'error', url, reason: 'invalid_url', detail: `Not a URL: ${url}` };
      }
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return { kind: 'error', url, reason: 'invalid_url', detail: `Not http(s): ${url}` };
      seen.add(u.href);
      const host = u.host;
      let crawlDelay: number | undefined;
      if (polite) {
        const openUntil = await opts.politeness.breakerOpenUntil(host);
        if (openUntil) return { kind: 'error', url, reason: 'circuit_open', detail: `${host} failed ${opts.breakerThreshold} times in a row; paused until ${new Date(openUntil).toISOString()}.` };
        const robots = await robotsFor(u);
        if (robots === 'unreachable') return { kind: 'error', url, reason: 'robots_unreachable', detail: `${u.origin}/robots.txt could not be read; ${host} is not crawled until it can.` };
        if (robots.isAllowed(u.href, opts.userAgent) === false) return { kind: 'error', url, reason: 'robots_disallowed', detail: `robots.txt of ${host} disallows ${u.pathname} for ${opts.userAgent}.` };
        crawlDelay = robots.getCrawlDelay(opts.userAgent);
      }
      // The browser follows redirects itself; robots.txt and the host's pace apply to the start URL.
      if (conditional.render) return attemptRendered(u, host, crawlDelay);
      const result = await attempt(u, host, crawlDelay, hop === 0 ? conditional : {});
      if ('redirect' in result) {
        const next = new URL(result.redirect, u).href;
        if (seen.has(next)) return { kind: 'error', url: start, reason: 'redirect_loop', detail: `Redirect loop: ${[...seen, next].join(' -> ')}` };
        if (hop + 1 > opts.maxRedirects) return { kind: 'error', url: start, reason: 'too_many_redirects', detail: `More than ${opts.maxRedirects} redirects from ${start}.` };
        url = next;
        continue;
      }
      return result;
    }
  }

  async function attempt(u: URL, host: string, crawlDelay: number | undefined, conditional: ConditionalHeaders): Promise<FetchResult | { redirect: string }> {
    const headers: Record<string, string> = {};
    if (conditional.etag) headers['if-none-match'] = conditional.etag;
    if (conditional.lastModified) headers['if-modified-since'] = conditional.lastModified;
    let last: FetchResult | null = null;
    for (let retry = 0; retry <= opts.maxRetries; retry++) {
      if (polite) await waitForSlot(host, crawlDelay);
      let res: Dispatcher.ResponseData;
      try {
        res = await send(u.href, headers);
      } catch (err) {
        const code = (err as { code?: string; name?: string }).code ?? (err as Error).name;
        const timeout = /TIMEOUT|AbortError|TimeoutError/i.test(String(code));
        last = { kind: 'error', url: u.href, reason: timeout ? 'timeout' : 'network', detail: `${u.href}: ${(err as Error).message}` };
        if (polite) await opts.politeness.holdUntil(host, Date.now() + backoffMs(retry, opts.backoffBaseMs, opts.backoffMaxMs, random));
        continue;
      }
      const status = res.statusCode;
      if (REDIRECTS.has(status) && res.headers['location']) {
        await res.body.dump();
        return { redirect: String(res.headers['location']) };
      }
      if (status === 304) {
        await res.body.dump();
        if (polite) await opts.politeness.recordSuccess(host);
        return { kind: 'not_modified', url: u.href };
      }
      if (status === 429 || status >= 500) {
        await res.body.dump();
        const after = retryAfterMs(res.headers['retry-after']);
        // Retry-After wins over our own backoff; either way only this host waits.
        const wait = after ?? backoffMs(retry, opts.backoffBaseMs, opts.backoffMaxMs, random);
        if (polite) await opts.politeness.holdUntil(host, Date.now() + wait);
        last = { kind: 'error', url: u.href, reason: status === 429 ? 'rate_limited' : 'server_error', status, detail: `${u.href} answered ${status}${after !== null ? ` (Retry-After ${Math.round(after / 1000)} s)` : ''}.` };
        continue;
      }
      if (polite) await opts.politeness.recordSuccess(host);
      if (status === 404 || status === 410) {
        await res.body.dump();
        return { kind: 'gone', url: u.href, status };
      }
      if (status === 401 || status === 403) {
        await res.body.dump();
        return { kind: 'error', url: u.href, reason: 'forbidden', status, detail: `${u.href} answered ${status}.` };
      }
      if (status < 200 || status >= 300) {
        await res.body.dump();
        return { kind: 'error', url: u.href, reason: 'client_error', status, detail: `${u.href} answered ${status}.` };
      }
      const contentType = res.headers['content-type'] ? String(res.headers['content-type']) : null;
      let buf: Buffer | null;
      try {
        buf = await readCapped(res);
      } catch (err) {
        last = { kind: 'error', url: u.href, reason: 'timeout', detail: `${u.href}: body not received (${(err as Error).message}).` };
        continue;
      }
      if (!buf) return { kind: 'error', url: u.href, reason: 'too_large', detail: `${u.href} is larger than ${opts.maxBodyBytes} bytes; not read.` };
      const { text, invalid } = decode(buf, contentType);
      const header = (h: string) => (res.headers[h] ? String(res.headers[h]) : null);
      return { kind: 'ok', url: u.href, status, body: text, contentType, etag: header('etag'), lastModified: header('last-modified'), invalidEncoding: invalid };
    }
    if (polite) await opts.politeness.recordFailure(host, opts.breakerThreshold, opts.breakerCooldownMs);
    return last!;
  }

  /**
   * One page through the browser, with the same answers as a plain fetch: 404/410 gone, 401/403
   * forbidden, 429/5xx retried with Retry-After or backoff, time-outs and network errors retried,
   * the body cap on the rendered DOM. No conditional request: a browser load is never a 304.
   */
  async function attemptRendered(u: URL, host: string, crawlDelay: number | undefined): Promise<FetchResult> {
    if (!opts.renderer) return { kind: 'error', url: u.href, reason: 'network', detail: `${u.href}: the source is render: true but no browser is configured.` };
    let last: FetchResult | null = null;
    for (let retry = 0; retry <= opts.maxRetries; retry++) {
      if (polite) await waitForSlot(host, crawlDelay);
      let page;
      try {
        page = await opts.renderer.render(u.href);
      } catch (err) {
        const text = `${(err as Error).name} ${(err as Error).message}`;
        last = { kind: 'error', url: u.href, reason: /timeout|ERR_TIMED_OUT/i.test(text) ? 'timeout' : 'network', detail: `${u.href} (browser): ${(err as Error).message}` };
        if (polite) await opts.politeness.holdUntil(host, Date.now() + backoffMs(retry, opts.backoffBaseMs, opts.backoffMaxMs, random));
        continue;
      }
      const { status } = page;
      if (status === 429 || status >= 500) {
        const after = retryAfterMs(page.headers['retry-after']);
        if (polite) await opts.politeness.holdUntil(host, Date.now() + (after ?? backoffMs(retry, opts.backoffBaseMs, opts.backoffMaxMs, random)));
        last = { kind: 'error', url: u.href, reason: status === 429 ? 'rate_limited' : 'server_error', status, detail: `${u.href} answered ${status} (browser).` };
        continue;
      }
      if (polite) await opts.politeness.recordSuccess(host);
      if (status === 404 || status === 410) return { kind: 'gone', url: page.url, status };
      if (status === 401 || status === 403) return { kind: 'error', url: page.url, reason: 'forbidden', status, detail: `${page.url} answered ${status}.` };
      if (status < 200 || status >= 300) return { kind: 'error', url: page.url, reason: 'client_error', status, detail: `${page.url} answered ${status}.` };
      if (page.html === null) return { kind: 'error', url: page.url, reason: 'too_large', detail: `${page.url} rendered to more than ${opts.maxBodyBytes} bytes; not read.` };
      // The DOM is text already (the browser decoded the page): served as HTML whatever the header said.
      return { kind: 'ok', url: page.url, status, body: page.html, contentType: 'text/html; charset=utf-8', etag: null, lastModified: null, invalidEncoding: false };
    }
    if (polite) await opts.politeness.recordFailure(host, opts.breakerThreshold, opts.breakerCooldownMs);
    return last!;
  }

  return {
    userAgent: ua,
    fetch: (url, fetchOpts = {}) => fetchOnce(url, fetchOpts),
    async close() {
      await agent.close();
      await opts.renderer?.close();
    },
  };
}
