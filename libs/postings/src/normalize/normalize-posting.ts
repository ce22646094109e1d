import { createHash } from 'node:crypto';
import {
  SOURCE_NAMES,
  type PostingDocument,
  type RawPosting,
  type RejectReason,
  type RejectedRow,
  type SourceName,
} from '@jobportal/contracts';
import { computeFingerprint } from './fingerprint';
import { normalizeDate } from './normalize-date';
import { normalizeEmploymentType } from './normalize-employment-type';
import { normalizeExperience } from './normalize-experience';
import { normalizeLocation, type LocationFallback } from './normalize-location';
import { findPayInText, normalizeSalary } from './normalize-salary';
import { extractSkills, type SkillMatcher } from './normalize-skills';
import { cleanString, normalizeText } from './normalize-text';
import { normalizeWorkMode } from './normalize-work-mode';

export interface SourceLocationDefaults {
  /** Country assumed when the text names a place but no country. */
  defaultCountry?: string;
  /** The source's home area, for neighbourhood-only locations (Craigslist NYC). */
  fallback?: LocationFallback;
}

/**
 * What each source's locations leave unsaid. Craigslist NYC writes only a neighbourhood
 * ("Midtown", "Queens Village"), so its adapter passes the neighbourhood as `location` and the
 * fallback places it in New York. LinkedIn 2024 spans four countries and always names one.
 */
export const SOURCE_LOCATION_DEFAULTS: Readonly<Partial<Record<SourceName, SourceLocationDefaults>>> = {
  linkedin_2023_24: { defaultCountry: 'US' },
  indeed_2019: { defaultCountry: 'US' },
  craigslist_nyc_2019: { fallback: { city: 'New York', region_code: 'NY', country_code: 'US' } },
  tjfg_indeed_2020: { defaultCountry: 'US' },
  tjfg_ectj_2020: { defaultCountry: 'US' },
  generated: { defaultCountry: 'US' },
};

export interface PostingNormalizerContext {
  /** Technology skills matcher (loadTechnologySkills); null extracts only the source's own skills. */
  skills: SkillMatcher | null;
  /** Clock for `ingested_at`; tests pass a fixed one. */
  now?: () => Date;
  /** Overrides SOURCE_LOCATION_DEFAULTS per source. */
  locationDefaults?: Partial<Record<SourceName, SourceLocationDefaults>>;
}

export type PostingNormalization = { ok: true; doc: PostingDocument } | { ok: false; reject: RejectedRow };

/** Longer than any real title: the row's columns are shifted and the title holds other text. */
export const MAX_TITLE_LENGTH = 300;
const MAX_COMPANY_LENGTH = 200;
/** Descriptions are cut here; the longest real ones in the samples are ~35k characters. */
export const MAX_DESCRIPTION_LENGTH = 100_000;
const MAX_LIST_ITEMS = 30;

const SOURCES = new Set<string>(SOURCE_NAMES);
const LETTERS = /\p{L}.*\p{L}/u;
const HTTP_URL = /^https?:\/\/[^\s/$.?#][^\s]*$/i;

/** Deterministic document id: the first 20 hex characters of sha1("source:sourceId"). */
export function postingId(source: string, sourceId: string): string {
  return createHash('sha1').update(`${source}:${sourceId}`).digest('hex').slice(0, 20);
}

function cleanUrl(v: unknown): string | null {
  const s = cleanString(v);
  return s && HTTP_URL.test(s) ? s : null;
}

function cleanList(values: readonly unknown[] | undefined): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const v of values ?? []) {
    const s = cleanString(v);
    if (!s || s.length > 120 || seen.has(s.toLowerCase())) continue;
    seen.add(s.toLowerCase());
    out.push(s);
    if (out.length >= MAX_LIST_ITEMS) break;
  }
  return out;
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max).trimEnd();
}

function hasPayFields(raw: RawPosting): boolean {
  return [raw.payText, raw.payMin, raw.payMax, raw.payMedian].some((v) => cleanString(v) !== null);
}

/**
 * Builds the one normalization step every source goes through: RawPosting -> PostingDocument, or
 * a RejectedRow with a reason. Rejected: no source id ('missing_id'), an unknown source
 * ('invalid_value'), no title or a title without letters ('missing_title'), a title longer than
 * 300 characters ('invalid_value', a shifted row). A missing description is accepted (the
 * posting is still findable by title, company and place); `description` is then "".
 * Never throws for a bad row: an unexpected error becomes a 'malformed_row' reject.
 */
export function createPostingNormalizer(ctx: PostingNormalizerContext): (raw: RawPosting) => PostingNormalization {
  const now = ctx.now ?? (() => new Date());

  const reject = (raw: RawPosting, reason: RejectReason, detail: string): PostingNormalization => ({
    ok: false,
    reject: { source: raw.source, rowNumber: raw.rowNumber, reason, detail, raw },
  });

  function normalize(raw: RawPosting): PostingNormalization {
    if (!SOURCES.has(raw.source)) return reject(raw, 'invalid_value', `Unknown source "${String(raw.source)}".`);
    const sourceId = cleanString(raw.sourceId);
    if (!sourceId) return reject(raw, 'missing_id', 'The row has no id (sourceId is empty).');
    const title = cleanString(raw.title);
    if (!title) return reject(raw, 'missing_title', 'The row has no title.');
    if (!LETTERS.test(title)) return reject(raw, 'missing_title', `The title "${truncate(title, 60)}" has no words.`);
    if (title.length > MAX_TITLE_LENGTH) {
      return reject(raw, 'invalid_value', `The title is ${title.length} characters long (at most ${MAX_TITLE_LENGTH}); the row's columns are probably shifted.`);
    }

    const body = normalizeText(raw.description);
    const description = truncate(body.text, MAX_DESCRIPTION_LENGTH);
    const company = cleanString(raw.company);
    const defaults = ctx.locationDefaults?.[raw.source] ?? SOURCE_LOCATION_DEFAULTS[raw.source] ?? {};
    const { location, geo } = normalizeLocation(raw.location, {
      postalCode: raw.postalCode,
      defaultCountry: defaults.defaultCountry,
      fallback: defaults.fallback,
    });

    // Relative dates ("3 days ago") count back from when the row was collected, never from today.
    const collected = normalizeDate(raw.collectedAt);
    const reference = collected ? new Date(collected) : null;

    const salary = hasPayFields(raw)
      ? normalizeSalary({
          text: raw.payText,
          min: raw.payMin,
          max: raw.payMax,
          median: raw.payMedian,
          period: raw.payPeriod,
          currency: raw.payCurrency,
        })
      : findPayInText(description, { currency: raw.payCurrency });

    const doc: PostingDocument = {
      id: postingId(raw.source, sourceId),
      source: raw.source,
      source_id: sourceId,
      url: cleanUrl(raw.url),
      apply_url: cleanUrl(raw.applyUrl),
      title,
      company: company ? truncate(company, MAX_COMPANY_LENGTH) : null,
      description,
      description_html: body.html,
      location,
      geo,
      work_mode: normalizeWorkMode({ field: raw.workMode, title, location: location.text, description }),
      experience_level: normalizeExperience({ field: raw.experience, title, description }),
      employment_type: normalizeEmploymentType({ field: raw.employmentType, title, description }),
      salary,
      skills: extractSkills({ fieldSkills: raw.skills, text: `${title}\n${description}` }, ctx.skills),
      industries: cleanList(raw.industries),
      benefits: cleanList(raw.benefits),
      education: cleanString(raw.education),
      posted_at: normalizeDate(raw.postedAt, { reference }),
      expires_at: normalizeDate(raw.expiresAt, { reference }),
      fingerprint: computeFingerprint(title, company, location),
      ingested_at: now().toISOString(),
      // Every import is a sighting: a posting that comes back (a listing lists it again, its page
      // answers again) is live again. Only the crawler's expiry rules write `expired`.
      status: 'live',
      expired_at: null,
      expiry_reason: null,
    };
    return { ok: true, doc };
  }

  return (raw: RawPosting): PostingNormalization => {
    try {
      return normalize(raw);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return reject(raw, 'malformed_row', `The row could not be normalized: ${message}`);
    }
  };
}
