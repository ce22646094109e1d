import type { CheerioAPI } from 'cheerio';
import type { RawPosting, SourceName } from '@jobportal/contracts';
import { canonicalUrl } from './canonical-url';
import { looseDate } from './loose-date';
import type { ExtractionProblem } from './types';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Node = { [k: string]: Json };

/** Values sites write where they have no place; they must not become a city. */
const PLACEHOLDER = /^(?:unavailable|n\/?a|none|null|undefined|unknown|-+|tbd|not specified|\s*)$/i;

/**
 * Repairs what real pages put in JSON-LD blocks: a CDATA or HTML-comment wrapper, JS comments,
 * raw control characters (newlines, tabs) inside strings, trailing commas. Walks the text once,
 * tracking strings, so a "//" inside a URL is kept.
 */
export function repairJsonLd(text: string): string {
  let s = text.trim();
  s = s.replace(/^(?:\/\/\s*)?<!\[CDATA\[/, '').replace(/(?:\/\/\s*)?\]\]>$/, '').trim();
  s = s.replace(/^<!--/, '').replace(/-->$/, '').trim();
  let out = '';
  let inString = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    const code = c.charCodeAt(0);
    if (inString) {
      if (c === '\\') {
        out += c + (s[i + 1] ?? '');
        i++;
      } else if (c === '"') {
        inString = false;
        out += c;
      } else if (code < 0x20) {
        out += c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : ' ';
      } else {
        out += c;
      }
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && s[i + 1] === '*') {
      const end = s.indexOf('*/', i + 2);
      i = end < 0 ? s.length : end + 1;
    } else if (c === '/' && s[i + 1] === '/') {
      const end = s.indexOf('\n', i + 2);
      i = end < 0 ? s.length : end;
    } else if (c === ',') {
      const rest = /^\s*([}\]])/.exec(s.slice(i + 1, i + 64));
      if (!rest) out += c;
    } else if (code < 0x20 && c !== '\n' && c !== '\r' && c !== '\t') {
      // stray control characters between tokens
    } else {
      out += c;
    }
  }
  return out;
}

function parseBlock(text: string): { ok: true; value: Json } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as Json };
  } catch {
    try {
      return { ok: true, value: JSON.parse(repairJsonLd(text)) as Json };
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  }
}

function isNode(v: Json | undefined): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typesOf(node: Node): string[] {
  const t = node['@type'];
  const list = Array.isArray(t) ? t : [t];
  return list.filter((x): x is string => typeof x === 'string').map((x) => x.replace(/^(?:https?:\/\/schema\.org\/|schema:)/, ''));
}

/** Every node of a block: top-level arrays and `@graph` (nested too) flattened. */
function nodesOf(value: Json): Node[] {
  const out: Node[] = [];
  const visit = (v: Json, depth: number) => {
    if (depth > 4) return;
    if (Array.isArray(v)) for (const x of v) visit(x, depth + 1);
    else if (isNode(v)) {
      if (v['@graph'] !== undefined) visit(v['@graph'], depth + 1);
      if (v['@type'] !== undefined) out.push(v);
    }
  };
  visit(value, 0);
  return out;
}

function str(v: Json | undefined): string | null {
  if (typeof v === 'string') {
    const s = v.trim();
    return s && !PLACEHOLDER.test(s) ? s : null;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (isNode(v)) return str(v['name'] ?? v['@value'] ?? v['value']);
  if (Array.isArray(v)) return str(v[0]);
  return null;
}

function first(v: Json | undefined): Json | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function locationText(node: Node): { text: string | null; postalCode: string | null } {
  const places = Array.isArray(node['jobLocation']) ? node['jobLocation'] : [node['jobLocation']];
  for (const place of places) {
    if (place === undefined || place === null) continue;
    if (typeof place === 'string') {
      const s = str(place);
      if (s) return { text: s, postalCode: null };
      continue;
    }
    if (!isNode(place)) continue;
    const address = first(place['address']);
    if (typeof address === 'string') {
      const s = str(address);
      if (s) return { text: s, postalCode: null };
      continue;
    }
    if (!isNode(address)) {
      const s = str(place['name']);
      if (s) return { text: s, postalCode: null };
      continue;
    }
    const parts = [str(address['addressLocality']), str(address['addressRegion']), str(address['addressCountry'])].filter((p): p is string => p !== null);
    if (parts.length) return { text: parts.join(', '), postalCode: str(address['postalCode']) };
  }
  // A remote posting names where applicants may live instead.
  const req = first(node['applicantLocationRequirements']);
  const s = isNode(req) ? str(req['name']) : str(req);
  return { text: s, postalCode: null };
}

function number(v: Json | undefined): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') {
    const n = Number(v.replace(/[,\s$€£]/g, ''));
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

interface Pay {
  payMin: number | null;
  payMax: number | null;
  payPeriod: string | null;
  payCurrency: string | null;
}

function payOf(node: Node): Pay | null {
  const salary = first(node['baseSalary'] ?? node['estimatedSalary']);
  if (salary === undefined || salary === null) return null;
  if (typeof salary === 'number' || typeof salary === 'string') {
    const n = number(salary);
    return n ? { payMin: n, payMax: n, payPeriod: null, payCurrency: str(node['salaryCurrency']) } : null;
  }
  if (!isNode(salary)) return null;
  const currency = str(salary['currency']) ?? str(node['salaryCurrency']);
  const value = salary['value'];
  let min: number | null = null;
  let max: number | null = null;
  let unit = str(salary['unitText']);
  if (isNode(value)) {
    min = number(value['minValue']);
    max = number(value['maxValue']);
    const single = number(value['value']);
    if (min === null && max === null && single !== null) min = max = single;
    unit = str(value['unitText']) ?? unit;
  } else {
    min = max = number(value);
    min = number(salary['minValue']) ?? min;
    max = number(salary['maxValue']) ?? max;
  }
  // Boards fill the schema with 0/0 when the employer gave no pay: that is "unknown", not "unpaid".
  if (!min) min = null;
  if (!max) max = null;
  if (min === null && max === null) return null;
  return { payMin: min, payMax: max, payPeriod: unit ? unit.toLowerCase() : null, payCurrency: currency };
}

function employmentTypeOf(v: Json | undefined): string | null {
  const s = str(Array.isArray(v) ? v[0] : v);
  return s ? s.replace(/_/g, ' ').toLowerCase() : null;
}

/** One JobPosting node onto RawPosting (unparsed values; the normalizers do the rest). */
export function jobPostingToRaw(node: Node, source: SourceName, pageUrl: string, rowNumber: number, fetchedAt: string | null): RawPosting {
  const url = canonicalUrl(str(node['url']) ?? pageUrl, pageUrl) ?? pageUrl;
  const identifier = first(node['identifier']);
  const id = isNode(identifier) ? str(identifier['value']) : str(identifier);
  const org = first(node['hiringOrganization']);
  const { text: location, postalCode } = locationText(node);
  const remote = typesOf({ '@type': node['jobLocationType'] ?? null }).some((t) => /telecommute/i.test(t));
  const pay = payOf(node);
  const industry = node['industry'];
  const education = first(node['educationRequirements']);
  return {
    source,
    sourceId: id ? `${new URL(url).hostname}:${id}` : url,
    rowNumber,
    url,
    applyUrl: null,
    title: str(node['title']) ?? str(node['name']),
    company: isNode(org) ? str(org['name']) : str(org),
    description: typeof node['description'] === 'string' ? node['description'] : null,
    location,
    postalCode,
    postedAt: looseDate(node['datePosted']),
    expiresAt: looseDate(node['validThrough']),
    collectedAt: fetchedAt,
    payText: null,
    payMin: pay?.payMin ?? null,
    payMax: pay?.payMax ?? null,
    payPeriod: pay?.payPeriod ?? null,
    payCurrency: pay?.payCurrency ?? null,
    workMode: remote ? 'Remote' : null,
    experience: null,
    employmentType: employmentTypeOf(node['employmentType']),
    skills: [],
    industries: (Array.isArray(industry) ? industry : [industry]).map((x) => str(x)).filter((x): x is string => x !== null),
    benefits: [],
    education: isNode(education) ? str(education['credentialCategory']) : str(education),
  };
}

export interface JsonLdResult {
  postings: RawPosting[];
  /** Blocks found at all: a page with blocks but no JobPosting is reported, not silently empty. */
  blocks: number;
  problems: ExtractionProblem[];
}

/** Every schema.org JobPosting in a page's `application/ld+json` blocks. */
export function extractJsonLd($: CheerioAPI, source: SourceName, pageUrl: string, fetchedAt: string | null): JsonLdResult {
  const postings: RawPosting[] = [];
  const problems: ExtractionProblem[] = [];
  const otherTypes = new Set<string>();
  const scripts = $('script[type="application/ld+json" i]');
  scripts.each((i, el) => {
    const text = $(el).text();
    if (!text.trim()) return;
    const parsed = parseBlock(text);
    if (!parsed.ok) {
      problems.push({ reason: 'jsonld_malformed', detail: `JSON-LD block ${i + 1} cannot be read: ${parsed.error}` });
      return;
    }
    for (const node of nodesOf(parsed.value)) {
      const types = typesOf(node);
      if (types.includes('JobPosting')) postings.push(jobPostingToRaw(node, source, pageUrl, postings.length + 1, fetchedAt));
      else for (const t of types) otherTypes.add(t);
    }
  });
  if (postings.length === 0 && otherTypes.size > 0) {
    problems.push({ reason: 'jsonld_not_jobposting', detail: `JSON-LD holds ${[...otherTypes].join(', ')}, no JobPosting.` });
  }
  // Several postings on one page without their own URLs would share one id.
  const seen = new Map<string, number>();
  for (const p of postings) {
    const n = seen.get(p.sourceId) ?? 0;
    seen.set(p.sourceId, n + 1);
    if (n > 0) p.sourceId = `${p.sourceId}#${n + 1}`;
  }
  return { postings, blocks: scripts.length, problems };
}
