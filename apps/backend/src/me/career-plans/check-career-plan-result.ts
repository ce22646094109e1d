import { CAREER_FITS, CAREER_PLAN_LIMITS, RIASEC_KEYS, type CareerPlanKind } from '@jobportal/contracts';
import type { FieldError } from '../../common/error-envelope.filter';

const SOC = /^\d{2}-\d{4}$/;
const ONET = /^\d{2}-\d{4}\.\d{2}$/;
/** Longer than any title, evidence phrase or highlight the matcher writes; a pasted resume is not. */
const STRING_MAX = 600;
const DEPTH_MAX = 6;

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every string in the value, with its path, so an over-long one is named where it is. */
function longStrings(value: Json, path: string, depth: number, out: FieldError[]): void {
  if (out.length >= 10) return;
  if (typeof value === 'string') {
    if (value.length > STRING_MAX) out.push({ field: path, reason: `must be at most ${STRING_MAX} characters` });
  } else if (depth >= DEPTH_MAX) {
    if (typeof value === 'object' && value !== null) out.push({ field: path, reason: 'is nested too deeply' });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => longStrings(v, `${path}[${i}]`, depth + 1, out));
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) longStrings(v, `${path}.${k}`, depth + 1, out);
  }
}

function checkProfile(value: Json, field: string, out: FieldError[]): void {
  if (!isObject(value) || !RIASEC_KEYS.every((k) => typeof value[k] === 'number' && value[k] >= 0 && value[k] <= 7)) {
    out.push({ field, reason: 'must have the six interest areas, each a number from 0 to 7' });
  }
}

/**
 * The shape a saved result must have for the plan to be shown again: the fields the page reads,
 * in range, every string short, the whole under the size cap. The matches of a resume result and
 * of an interests result differ, so the check goes by kind.
 */
export function checkCareerPlanResult(kind: CareerPlanKind, matches: Json[], alsoConsider: Json[]): FieldError[] {
  const errors: FieldError[] = [];
  const bytes = Buffer.byteLength(JSON.stringify({ matches, alsoConsider }), 'utf8');
  if (bytes > CAREER_PLAN_LIMITS.resultMaxBytes) {
    return [{ field: 'matches', reason: `the result is ${bytes} bytes; at most ${CAREER_PLAN_LIMITS.resultMaxBytes} are kept` }];
  }
  matches.forEach((m, i) => {
    const at = `matches[${i}]`;
    if (!isObject(m)) return;
    if (typeof m.code !== 'string' || !SOC.test(m.code)) errors.push({ field: `${at}.code`, reason: 'must be a SOC 2018 code like 29-1141' });
    if (typeof m.onetCode !== 'string' || !ONET.test(m.onetCode)) errors.push({ field: `${at}.onetCode`, reason: 'must be an O*NET-SOC code like 29-1141.00' });
    if (typeof m.title !== 'string' || m.title.trim() === '' || m.title.length > 200) errors.push({ field: `${at}.title`, reason: 'must be 1 to 200 characters' });
    if (typeof m.match !== 'number' || !(m.match >= 0 && m.match <= 100)) errors.push({ field: `${at}.match`, reason: 'must be a number from 0 to 100' });
    if (kind === 'interests') {
      checkProfile(m.userProfile, `${at}.userProfile`, errors);
      checkProfile(m.occupationProfile, `${at}.occupationProfile`, errors);
    } else {
      if (!(CAREER_FITS as readonly Json[]).includes(m.fit)) errors.push({ field: `${at}.fit`, reason: `must be one of: ${CAREER_FITS.join(', ')}` });
      if (m.reasons !== undefined && !isObject(m.reasons)) errors.push({ field: `${at}.reasons`, reason: 'must be an object of titles, skills and tasks' });
    }
  });
  alsoConsider.forEach((a, i) => {
    if (!isObject(a)) return;
    if (typeof a.code !== 'string' || !SOC.test(a.code)) errors.push({ field: `alsoConsider[${i}].code`, reason: 'must be a SOC 2018 code like 29-1141' });
    if (typeof a.title !== 'string' || a.title.trim() === '' || a.title.length > 200) errors.push({ field: `alsoConsider[${i}].title`, reason: 'must be 1 to 200 characters' });
  });
  longStrings(matches, 'matches', 0, errors);
  longStrings(alsoConsider, 'alsoConsider', 0, errors);
  return errors;
}
