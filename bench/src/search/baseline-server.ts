import { createServer } from 'node:http';
import { loadConfig } from '@jobportal/config';
import { normalizeLocation } from '@jobportal/postings';
import { createSearchClient, parseRadius } from '@jobportal/search';

/**
 * (c) The seed-style baseline: what a pandas/Flask app does. The postings sit in memory as columns
 * (like a DataFrame); every request scans all rows, applies the filters and a naive text match
 * (every query word a substring of title + skills + company, like `df.title.str.contains`), sorts
 * the matches, slices the page and counts two facets (value_counts on work mode and experience).
 * It takes the API's own URLs (/api/jobs/search?...), so one autocannon request list drives both.
 *
 * Run as a child process: node baseline-server.js <alias> <port>. Columns are loaded from the
 * benchmark index itself (a scroll over the doc values of a subset of fields), so (c) scans exactly the postings
 * (a) and (b) search. Descriptions are left out to keep 1M postings in memory: the text match is
 * cheaper than a real seed app's, which flatters (c).
 */

const WORK_MODES = ['remote', 'hybrid', 'onsite'];
const EXPERIENCE = ['internship', 'entry', 'associate', 'mid_senior', 'director', 'executive'];

interface Columns {
  n: number;
  id: string[];
  title: string[];
  company: (string | null)[];
  /** lowercase title + skills + company: the naive text column. */
  text: string[];
  titleLower: string[];
  city: (string | null)[];
  region: (string | null)[];
  country: (string | null)[];
  lat: Float64Array;
  lon: Float64Array;
  workMode: Int8Array;
  experience: Int8Array;
  payMin: Float64Array;
  payMax: Float64Array;
  posted: Float64Array;
}

async function load(alias: string): Promise<Columns> {
  const config = loadConfig();
  const es = createSearchClient({ node: config.elastic.node, requestTimeoutMs: 300_000, maxRetries: 0 });
  const { count } = await es.count({ index: alias });
  const c: Columns = {
    n: 0,
    id: [],
    title: [],
    company: [],
    text: [],
    titleLower: [],
    city: [],
    region: [],
    country: [],
    lat: new Float64Array(count),
    lon: new Float64Array(count),
    workMode: new Int8Array(count),
    experience: new Int8Array(count),
    payMin: new Float64Array(count),
    payMax: new Float64Array(count),
    posted: new Float64Array(count),
  };
  // Doc values (columnar on disk already) rather than _source: Elasticsearch would otherwise parse
  // every posting's JSON, descriptions included, just to hand back these columns.
  const fields = ['id', 'title.keyword', 'company.keyword', 'skills', 'location.city', 'location.region_code', 'location.country_code', 'geo', 'work_mode', 'experience_level', 'salary.annual_min', 'salary.annual_max', { field: 'posted_at', format: 'epoch_millis' }];
  type F = Record<string, unknown[] | undefined>;
  const one = (f: F, k: string) => (f[k]?.[0] as string | number | undefined) ?? null;
  let res = await es.search({ index: alias, scroll: '2m', size: 10_000, sort: ['_doc'], _source: false, docvalue_fields: fields as never });
  while (res.hits.hits.length > 0) {
    for (const h of res.hits.hits) {
      const f = (h.fields ?? {}) as F;
      const i = c.n++;
      const title = String(one(f, 'title.keyword') ?? '');
      const company = one(f, 'company.keyword') as string | null;
      const skills = (f.skills ?? []) as string[];
      // A geo_point doc value comes back as "lat, lon".
      const geo = (one(f, 'geo') as string | null)?.split(',').map(Number) ?? null;
      const mode = one(f, 'work_mode') as string | null;
      const level = one(f, 'experience_level') as string | null;
      c.id.push(String(one(f, 'id')));
      c.title.push(title);
      c.company.push(company);
      c.titleLower.push(title.toLowerCase());
      c.text.push(`${title} ${skills.join(' ')} ${company ?? ''}`.toLowerCase());
      c.city.push(one(f, 'location.city') as string | null);
      c.region.push(one(f, 'location.region_code') as string | null);
      c.country.push(one(f, 'location.country_code') as string | null);
      c.lat[i] = geo ? geo[0] : NaN;
      c.lon[i] = geo ? geo[1] : NaN;
      c.workMode[i] = mode ? WORK_MODES.indexOf(mode) : -1;
      c.experience[i] = level ? EXPERIENCE.indexOf(level) : -1;
      c.payMin[i] = (one(f, 'salary.annual_min') as number | null) ?? NaN;
      c.payMax[i] = (one(f, 'salary.annual_max') as number | null) ?? NaN;
      c.posted[i] = Number(one(f, 'posted_at') ?? 0);
    }
    res = await es.scroll({ scroll_id: res._scroll_id!, scroll: '2m' });
  }
  if (res._scroll_id) await es.clearScroll({ scroll_id: res._scroll_id });
  await es.close();
  return c;
}

const RAD = Math.PI / 180;
function km(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

const list = (sp: URLSearchParams, key: string) => sp.getAll(key).flatMap((v) => v.split(',')).filter(Boolean);

function search(c: Columns, sp: URLSearchParams) {
  const words = (sp.get('q') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const modes = new Set(list(sp, 'workMode').map((m) => WORK_MODES.indexOf(m)));
  const levels = new Set(list(sp, 'experience').map((m) => EXPERIENCE.indexOf(m)));
  const payMin = sp.has('payMin') ? Number(sp.get('payMin')) : null;
  const payMax = sp.has('payMax') ? Number(sp.get('payMax')) : null;
  let place: { city: string | null; region: string | null; country: string | null; lat: number; lon: number; radiusKm: number | null } | null = null;
  const locationText = sp.get('location');
  if (locationText) {
    const { location, geo } = normalizeLocation(locationText);
    const r = parseRadius(sp.get('radius'));
    place = {
      city: location.city,
      region: location.region_code,
      country: location.country_code,
      lat: geo?.lat ?? NaN,
      lon: geo?.lon ?? NaN,
      radiusKm: r && geo && location.city ? (r.unit === 'km' ? r.value : r.value * 1.609344) : null,
    };
  }
  const matches: number[] = [];
  const scores: number[] = [];
  for (let i = 0; i < c.n; i++) {
    if (modes.size && !modes.has(c.workMode[i])) continue;
    if (levels.size && !levels.has(c.experience[i])) continue;
    if (payMin !== null && !(c.payMax[i] >= payMin)) continue;
    if (payMax !== null && !(c.payMin[i] <= payMax)) continue;
    if (place) {
      if (place.radiusKm !== null) {
        if (Number.isNaN(c.lat[i]) || km(place.lat, place.lon, c.lat[i], c.lon[i]) > place.radiusKm) continue;
      } else if ((place.city && c.city[i] !== place.city) || (place.region && c.region[i] !== place.region) || (place.country && c.country[i] !== place.country)) continue;
    }
    let score = 0;
    if (words.length) {
      const text = c.text[i];
      let all = true;
      for (const w of words) {
        if (!text.includes(w)) {
          all = false;
          break;
        }
        score += c.titleLower[i].includes(w) ? 3 : 1;
      }
      if (!all) continue;
    }
    matches.push(i);
    scores.push(score);
  }
  // sort_values over the matches, then the page slice.
  const sort = sp.get('sort') ?? 'relevance';
  const order = matches.map((_, k) => k);
  if (sort === 'date') order.sort((a, b) => c.posted[matches[b]] - c.posted[matches[a]]);
  else if (sort === 'pay') order.sort((a, b) => (c.payMax[matches[b]] || 0) - (c.payMax[matches[a]] || 0));
  else order.sort((a, b) => scores[b] - scores[a] || c.posted[matches[b]] - c.posted[matches[a]]);
  const size = Number(sp.get('size') ?? 20);
  const page = Number(sp.get('page') ?? 1);
  const hits = order.slice((page - 1) * size, page * size).map((k) => {
    const i = matches[k];
    return {
      id: c.id[i],
      title: c.title[i],
      company: c.company[i],
      city: c.city[i],
      region: c.region[i],
      workMode: WORK_MODES[c.workMode[i]] ?? null,
      experience: EXPERIENCE[c.experience[i]] ?? null,
      payMax: Number.isNaN(c.payMax[i]) ? null : c.payMax[i],
      postedAt: c.posted[i] ? new Date(c.posted[i]).toISOString() : null,
    };
  });
  // value_counts on two columns over the matches.
  const modeCounts = [0, 0, 0];
  const levelCounts = [0, 0, 0, 0, 0, 0];
  for (const i of matches) {
    if (c.workMode[i] >= 0) modeCounts[c.workMode[i]]++;
    if (c.experience[i] >= 0) levelCounts[c.experience[i]]++;
  }
  return {
    total: matches.length,
    hits,
    facets: {
      workMode: Object.fromEntries(WORK_MODES.map((m, k) => [m, modeCounts[k]])),
      experience: Object.fromEntries(EXPERIENCE.map((m, k) => [m, levelCounts[k]])),
    },
  };
}

async function main() {
  const [alias, portText] = process.argv.slice(2);
  const started = performance.now();
  const columns = await load(alias);
  if (global.gc) global.gc();
  const loadSeconds = (performance.now() - started) / 1000;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== '/api/jobs/search') {
      res.writeHead(404).end();
      return;
    }
    const body = JSON.stringify(search(columns, url.searchParams));
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
  });
  server.keepAliveTimeout = 60_000;
  server.listen(Number(portText), '127.0.0.1', () => {
    process.send?.({ ready: true, rows: columns.n, loadSeconds, heapMiB: process.memoryUsage().heapUsed / 2 ** 20, rssMiB: process.memoryUsage().rss / 2 ** 20 });
  });
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
