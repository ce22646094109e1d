import {
  CAREER_RADIUS_DEFAULT_KM,
  CAREER_RADIUS_MAX_KM,
  CAREER_TEXT_MAX_CHARS,
  CAREER_TEXT_MIN_CHARS,
  INTEREST_PROFILER_ITEM_COUNT,
  RIASEC_AREAS,
  type RiasecProfile,
  type WorkValueRatings,
} from '@jobportal/contracts';
import { WORK_VALUE_KEYS } from '@jobportal/occupations';
import { ApiError, type FieldError } from '../common/error-envelope.filter';

function fail(errors: FieldError[]): never {
  throw new ApiError(400, 'validation_failed', errors.map((e) => `${e.field}: ${e.reason}`).join('; '), errors);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseRadiusKm(value: unknown): number {
  if (value === undefined || value === null || value === '') return CAREER_RADIUS_DEFAULT_KM;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isFinite(n) || n < 1 || n > CAREER_RADIUS_MAX_KM) fail([{ field: 'radiusKm', reason: `must be a number of km from 1 to ${CAREER_RADIUS_MAX_KM}` }]);
  return n;
}

export function parseLocation(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || value.length > 200) fail([{ field: 'location', reason: 'must be a place name of at most 200 characters' }]);
  return value.trim() || undefined;
}

/** The text to match; under 20 characters (or empty) is a 400, as the issue asks. */
export function checkText(text: unknown, field = 'text'): string {
  if (typeof text !== 'string') fail([{ field, reason: 'must be a string' }]);
  const trimmed = text.trim();
  if (trimmed.length < CAREER_TEXT_MIN_CHARS) {
    fail([{ field, reason: `needs at least ${CAREER_TEXT_MIN_CHARS} characters of text (found ${trimmed.length}); describe your work in a few sentences` }]);
  }
  if (trimmed.length > CAREER_TEXT_MAX_CHARS) fail([{ field, reason: `must be at most ${CAREER_TEXT_MAX_CHARS} characters` }]);
  return trimmed;
}

export function parseFromTextBody(body: unknown): { text: string; location?: string; radiusKm: number } {
  if (!isObject(body)) fail([{ field: 'body', reason: 'must be a JSON object { text, location?, radiusKm? }' }]);
  const unknown = Object.keys(body).filter((k) => !['text', 'location', 'radiusKm'].includes(k));
  if (unknown.length > 0) fail(unknown.map((k) => ({ field: k, reason: 'is not a field of this request' })));
  return { text: checkText(body.text), location: parseLocation(body.location), radiusKm: parseRadiusKm(body.radiusKm) };
}

export interface InterestsQuery {
  answers?: number[];
  scores?: RiasecProfile;
  jobZones?: number[];
  education?: number;
  workValues?: WorkValueRatings;
  limit: number;
}

const isInt = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

export function parseFromInterestsBody(body: unknown): InterestsQuery {
  if (!isObject(body)) fail([{ field: 'body', reason: 'must be a JSON object with `answers` or `scores`' }]);
  const errors: FieldError[] = [];
  const allowed = ['answers', 'scores', 'jobZones', 'education', 'workValues', 'limit'];
  for (const k of Object.keys(body)) if (!allowed.includes(k)) errors.push({ field: k, reason: 'is not a field of this request' });
  const out: InterestsQuery = { limit: 10 };
  if (body.answers !== undefined && body.scores !== undefined) errors.push({ field: 'answers', reason: 'give either answers or scores, not both' });
  if (body.answers === undefined && body.scores === undefined) errors.push({ field: 'answers', reason: `is required (${INTEREST_PROFILER_ITEM_COUNT} integers 1-5), or give scores` });
  if (body.answers !== undefined) {
    if (!Array.isArray(body.answers)) errors.push({ field: 'answers', reason: `must be an array of ${INTEREST_PROFILER_ITEM_COUNT} integers 1-5` });
    else {
      if (body.answers.length !== INTEREST_PROFILER_ITEM_COUNT) errors.push({ field: 'answers', reason: `must hold exactly ${INTEREST_PROFILER_ITEM_COUNT} answers (got ${body.answers.length})` });
      body.answers.forEach((a, i) => {
        if (!isInt(a, 1, 5)) errors.push({ field: `answers[${i}]`, reason: 'must be an integer from 1 (strongly dislike) to 5 (strongly like)' });
      });
      out.answers = body.answers as number[];
    }
  }
  if (body.scores !== undefined) {
    if (!isObject(body.scores)) errors.push({ field: 'scores', reason: 'must be an object of the six RIASEC areas, each 0-40' });
    else {
      const s = body.scores;
      for (const k of Object.keys(s)) if (!(RIASEC_AREAS as readonly string[]).includes(k)) errors.push({ field: `scores.${k}`, reason: 'is not a RIASEC area' });
      for (const k of RIASEC_AREAS) if (!(typeof s[k] === 'number' && Number.isFinite(s[k]) && (s[k] as number) >= 0 && (s[k] as number) <= 40)) errors.push({ field: `scores.${k}`, reason: 'must be a number from 0 to 40' });
      out.scores = s as unknown as RiasecProfile;
    }
  }
  if (body.jobZones !== undefined) {
    if (!Array.isArray(body.jobZones) || body.jobZones.length === 0) errors.push({ field: 'jobZones', reason: 'must be a non-empty array of job zones 1-5' });
    else {
      body.jobZones.forEach((z, i) => {
        if (!isInt(z, 1, 5)) errors.push({ field: `jobZones[${i}]`, reason: 'must be an integer from 1 to 5' });
      });
      out.jobZones = [...new Set(body.jobZones as number[])].sort();
    }
  }
  if (body.education !== undefined) {
    if (!isInt(body.education, 1, 12)) errors.push({ field: 'education', reason: 'must be an O*NET education level, an integer from 1 (less than high school) to 12 (post-doctoral)' });
    else out.education = body.education;
  }
  if (body.workValues !== undefined) {
    if (!isObject(body.workValues)) errors.push({ field: 'workValues', reason: `must be an object of ${WORK_VALUE_KEYS.join(', ')}, each 1-5` });
    else {
      const v = body.workValues;
      for (const k of Object.keys(v)) {
        if (!(WORK_VALUE_KEYS as readonly string[]).includes(k)) errors.push({ field: `workValues.${k}`, reason: `is not a work value (${WORK_VALUE_KEYS.join(', ')})` });
        else if (!isInt(v[k], 1, 5)) errors.push({ field: `workValues.${k}`, reason: 'must be an integer from 1 (not important) to 5 (very important)' });
      }
      out.workValues = v as WorkValueRatings;
    }
  }
  if (body.limit !== undefined) {
    if (!isInt(body.limit, 1, 20)) errors.push({ field: 'limit', reason: 'must be an integer from 1 to 20' });
    else out.limit = body.limit;
  }
  if (errors.length > 0) fail(errors);
  return out;
}
