import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import { loadConfig } from '@jobportal/config';
import { extractPage } from '@jobportal/postings';
import { createHostPoliteness } from '../src/crawl/host-politeness';
import { createPoliteFetcher, type PoliteFetcherOptions } from '../src/crawl/polite-fetcher';

/**
 * The fetcher against local HTTP servers (real sockets, real undici, real Redis for the per-host
 * state), serving the real saved Indeed pages from DATA_DIR and misbehaving the ways sites do.
 */
const config = loadConfig();
const INDEED_DIR = resolve(config.data.dir, 'html/indeed_posting_pages_2019');
const PAGE = readFileSync(resolve(INDEED_DIR, '001b92395ed0fb62_fccid.html'));

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

interface Site {
  base: string;
  hits: Array<{ path: string; at: number; ua: string }>;
  handle: Map<string, Handler>;
  server: Server;
}

async function site(robots: Handler | string = 'User-agent: *\nAllow: /\n'): Promise<Site> {
  const s: Site = { base: '', hits: [], handle: new Map(), server: createServer() };
  s.server.on('request', (req, res) => {
    const path = req.url ?? '/';
    if (path === '/robots.txt') {
      if (typeof robots === 'string') res.writeHead(200, { 'content-type': 'text/plain' }).end(robots);
      else robots(req, res);
      return;
    }
    s.hits.push({ path, at: Date.now(), ua: String(req.headers['user-agent']) });
    const h = s.handle.get(path.split('?')[0]);
    if (h) h(req, res);
    else res.writeHead(404).end('not found');
  });
  await new Promise<void>((r) => s.server.listen(0, '127.0.0.1', r));
  s.base = `http://127.0.0.1:${(s.server.address() as AddressInfo).port}`;
  return s;
}

const html: Handler = (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);

let redis: Redis;
const sites: Site[] = [];
let prefix: string;

function fetcher(over: Partial<PoliteFetcherOptions> = {}) {
  return createPoliteFetcher({
    politeness: createHostPoliteness(redis, prefix),
    userAgent: 'JobPortalBot-test/1.0',
    contactUrl: 'https://jobportal.example/crawler',
    maxBodyBytes: 1024 * 1024,
    timeoutMs: 800,
    maxRedirects: 3,
    hostRatePerS: 100,
    hostBurst: 10,
    maxRetries: 2,
    backoffBaseMs: 50,
    backoffMaxMs: 400,
    breakerThreshold: 2,
    breakerCooldownMs: 60_000,
    ...over,
  });
}

async function newSite(robots?: Handler | string): Promise<Site> {
  const s = await site(robots);
  sites.push(s);
  return s;
}

beforeAll(() => {
  redis = new Redis(config.redis.url, { maxRetriesPerRequest: 2 });
});
beforeEach(() => {
  prefix = `e2e-crawl-fetch-${process.pid}-${Date.now()}:`;
});
afterAll(async () => {
  const keys = await redis.keys('e2e-crawl-fetch-*');
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  await Promise.all(sites.map((s) => new Promise((r) => s.server.close(r))));
});

describe('polite fetcher', () => {
  it('fetches a real saved page with our user agent and contact URL, and the adapter reads it', async () => {
    const s = await newSite();
    s.handle.set('/viewjob', html);
    const f = fetcher();
    const r = await f.fetch(`${s.base}/viewjob?jk=001b92395ed0fb62`);
    await f.close();
    expect(r).toEqual(expect.objectContaining({ kind: 'ok', status: 200, invalidEncoding: false }));
    expect(s.hits[0].ua).toBe('JobPortalBot-test/1.0 (+https://jobportal.example/crawler)');
    if (r.kind !== 'ok') throw new Error('not ok');
    expect(extractPage('indeed', { url: r.url, body: r.body, contentType: r.contentType }).postings[0].title).toBe('Data Engineer');
  });

  it('obeys robots.txt Disallow and never requests the page', async () => {
    const s = await newSite('User-agent: *\nDisallow: /private\n');
    s.handle.set('/private/job', html);
    const f = fetcher();
    const r = await f.fetch(`${s.base}/private/job`);
    await f.close();
    expect(r).toEqual(expect.objectContaining({ kind: 'error', reason: 'robots_disallowed' }));
    expect(s.hits).toEqual([]);
  });

  it('does not crawl a host whose robots.txt is unreachable (5xx)', async () => {
    const s = await newSite((_q, res) => res.writeHead(503).end());
    s.handle.set('/job', html);
    const f = fetcher();
    const r = await f.fetch(`${s.base}/job`);
    await f.close();
    expect(r).toEqual(expect.objectContaining({ kind: 'error', reason: 'robots_unreachable' }));
    expect(s.hits).toEqual([]);
  });

  it('spaces requests by Crawl-delay', async () => {
    const s = await newSite('User-agent: *\nCrawl-delay: 1\n');
    s.handle.set('/job', html);
    const f = fetcher();
    for (let i = 0; i < 3; i++) await f.fetch(`${s.base}/job?i=${i}`);
    await f.close();
    expect(s.hits).toHaveLength(3);
    expect(s.hits[1].at - s.hits[0].at).toBeGreaterThanOrEqual(950);
    expect(s.hits[2].at - s.hits[1].at).toBeGreaterThanOrEqual(950);
  });

  it('honours Retry-After in a 429 storm, and the storm does not slow another host', async () => {
    const stormy = await newSite();
    const calm = await newSite();
    let n = 0;
    stormy.handle.set('/job', (req, res) => (++n <= 2 ? res.writeHead(429, { 'retry-after': '1' }).end() : html(req, res)));
    calm.handle.set('/job', html);
    const f = fetcher();
    const started = Date.now();
    const [a, b] = await Promise.all([f.fetch(`${stormy.base}/job`), (async () => {
      await new Promise((r) => setTimeout(r, 100));
      const r = await f.fetch(`${calm.base}/job`);
      return { r, ms: Date.now() - started };
    })()]);
    await f.close();
    expect(a.kind).toBe('ok');
    expect(stormy.hits).toHaveLength(3);
    expect(stormy.hits[1].at - stormy.hits[0].at).toBeGreaterThanOrEqual(950);
    expect(stormy.hits[2].at - stormy.hits[1].at).toBeGreaterThanOrEqual(950);
    expect(b.r.kind).toBe('ok');
    expect(b.ms).toBeLessThan(900);
  });

  it('backs off on 5xx, gives up with server_error, then opens the circuit breaker for the host', async () => {
    const s = await newSite();
    s.handle.set('/job', (_q, res) => res.writeHead(503).end('down'));
    const f = fetcher();
    const first = await f.fetch(`${s.base}/job`);
    expect(first).toEqual(expect.objectContaining({ kind: 'error', reason: 'server_error', status: 503 }));
    expect(s.hits).toHaveLength(3);
    await f.fetch(`${s.base}/job`);
    const hits = s.hits.length;
    const third = await f.fetch(`${s.base}/job`);
    await f.close();
    expect(third).toEqual(expect.objectContaining({ kind: 'error', reason: 'circuit_open' }));
    expect(s.hits).toHaveLength(hits);
  });

  it('times out on a slow server instead of hanging', async () => {
    const s = await newSite();
    s.handle.set('/slow', (req, res) => {
      const t = setTimeout(() => html(req, res), 3000);
      res.on('close', () => clearTimeout(t));
    });
    const f = fetcher({ maxRetries: 0 });
    const r = await f.fetch(`${s.base}/slow`);
    await f.close();
    expect(r).toEqual(expect.objectContaining({ kind: 'error', reason: 'timeout' }));
  });

  it('follows redirects, and reports a loop and a chain over the limit', async () => {
    const s = await newSite();
    s.handle.set('/a', (_q, res) => res.writeHead(301, { location: '/b' }).end());
    s.handle.set('/b', (_q, res) => res.writeHead(302, { location: `${s.base}/viewjob?jk=1` }).end());
    s.handle.set('/viewjob', html);
    s.handle.set('/loop1', (_q, res) => res.writeHead(302, { location: '/loop2' }).end());
    s.handle.set('/loop2', (_q, res) => res.writeHead(302, { location: '/loop1' }).end());
    for (let i = 0; i < 6; i++) s.handle.set(`/chain${i}`, (_q, res) => res.writeHead(307, { location: `/chain${i + 1}` }).end());
    const f = fetcher();
    expect(await f.fetch(`${s.base}/a`)).toEqual(expect.objectContaining({ kind: 'ok', url: `${s.base}/viewjob?jk=1` }));
    expect(await f.fetch(`${s.base}/loop1`)).toEqual(expect.objectContaining({ kind: 'error', reason: 'redirect_loop' }));
    expect(await f.fetch(`${s.base}/chain0`)).toEqual(expect.objectContaining({ kind: 'error', reason: 'too_many_redirects' }));
    await f.close();
  });

  it('stops reading a 50 MB page at the body cap', async () => {
    const s = await newSite();
    let sent = 0;
    s.handle.set('/huge', (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        while (sent < 50 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => (sent = Infinity));
      pump();
    });
    const f = fetcher();
    const r = await f.fetch(`${s.base}/huge`);
    await f.close();
    expect(r).toEqual(expect.objectContaining({ kind: 'error', reason: 'too_large' }));
  });

  it('decodes the declared charset and flags invalid bytes instead of failing', async () => {
    const s = await newSite();
    s.handle.set('/latin1', (_q, res) => res.writeHead(200, { 'content-type': 'text/html; charset=windows-1252' }).end(Buffer.from([0x3c, 0x70, 0x3e, 0x63, 0x61, 0x66, 0xe9, 0x20, 0x80])));
    s.handle.set('/meta', (_q, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(Buffer.concat([Buffer.from('<meta charset="iso-8859-1"><p>'), Buffer.from([0x6e, 0xe9])])));
    s.handle.set('/broken', (_q, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(Buffer.from([0x3c, 0x70, 0x3e, 0xff, 0xfe, 0x61])));
    const f = fetcher();
    expect(await f.fetch(`${s.base}/latin1`)).toEqual(expect.objectContaining({ body: '<p>café €', invalidEncoding: false }));
    expect(await f.fetch(`${s.base}/meta`)).toEqual(expect.objectContaining({ body: '<meta charset="iso-8859-1"><p>né' }));
    expect(await f.fetch(`${s.base}/broken`)).toEqual(expect.objectContaining({ kind: 'ok', body: '<p>\ufffd\ufffda', invalidEncoding: true }));
    await f.close();
  });

  it('sends If-None-Match / If-Modified-Since and reports 304 as not_modified; 404/410 are gone, 403 is not', async () => {
    const s = await newSite();
    s.handle.set('/job', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"' && req.headers['if-modified-since']) res.writeHead(304).end();
      else res.writeHead(200, { etag: '"v1"', 'last-modified': 'Tue, 01 Dec 2026 10:00:00 GMT', 'content-type': 'text/html' }).end(PAGE);
    });
    s.handle.set('/gone', (_q, res) => res.writeHead(410).end());
    s.handle.set('/private', (_q, res) => res.writeHead(403).end());
    const f = fetcher();
    const first = await f.fetch(`${s.base}/job`);
    expect(first).toEqual(expect.objectContaining({ kind: 'ok', etag: '"v1"', lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT' }));
    expect(await f.fetch(`${s.base}/job`, { etag: '"v1"', lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT' })).toEqual({ kind: 'not_modified', url: `${s.base}/job` });
    expect(await f.fetch(`${s.base}/gone`)).toEqual(expect.objectContaining({ kind: 'gone', status: 410 }));
    expect(await f.fetch(`${s.base}/missing`)).toEqual(expect.objectContaining({ kind: 'gone', status: 404 }));
    expect(await f.fetch(`${s.base}/private`)).toEqual(expect.objectContaining({ kind: 'error', reason: 'forbidden', status: 403 }));
    await f.close();
  });
});
