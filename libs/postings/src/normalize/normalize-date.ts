export interface NormalizeDateOptions {
  /**
   * The moment relative dates ("3 days ago") count back from, usually the row's collection date.
   * Without it a relative date is unknown (null). It also bounds absolute dates: anything later
   * than a year after it is rejected. Defaults to the current time for that bound only.
   */
  reference?: Date | null;
}

const DAY_MS = 86_400_000;
const MIN_YEAR = 1990;

const NUMERIC = /^[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;
const US_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?$/i;
const MONTH_FIRST = /^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i;
const DAY_FIRST = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+(\d{4})$/i;
const RELATIVE =
  /^(?:(?:posted|active|updated|reposted|employer)\s+(?:on\s+)?)?(an?|one|\d+)\+?\s*(minute|min|hour|hr|day|week|wk|month|mo|year|yr)s?\s+ago\.?$/i;
const TODAY = /^(?:(?:posted|active)\s+)?(?:today|just\s+posted|just\s+now|now|new|moments?\s+ago|few\s+(?:seconds|minutes)\s+ago)\.?$/i;
const YESTERDAY = /^(?:(?:posted|active)\s+)?yesterday\.?$/i;

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10,
  nov: 11, november: 11, dec: 12, december: 12,
};

const UNIT_MS: Record<string, number> = {
  minute: 60_000, min: 60_000, hour: 3_600_000, hr: 3_600_000,
  day: DAY_MS, week: 7 * DAY_MS, wk: 7 * DAY_MS,
};

function utcDate(year: number, month: number, day: number): Date | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  // Rejects 2023-02-30 instead of letting Date roll it over to March.
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? d : null;
}

function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

function fromEpoch(n: number): Date | null {
  if (!Number.isFinite(n) || n <= 0) return null;
  // 1e11 ms is 1973 and 1e11 s is year 5138: the ranges cannot be confused for real postings.
  if (n >= 1e11) return new Date(Math.round(n));
  if (n >= 1e8) return new Date(Math.round(n * 1000));
  return null;
}

/** undefined: not a relative date at all; null: relative, but there is no reference to resolve it. */
function relative(value: string, reference: Date | null): Date | null | undefined {
  if (TODAY.test(value)) return reference ? new Date(startOfUtcDay(reference.getTime())) : null;
  if (YESTERDAY.test(value)) return reference ? new Date(startOfUtcDay(reference.getTime()) - DAY_MS) : null;
  const m = RELATIVE.exec(value);
  if (!m) return undefined;
  if (!reference) return null;
  const amount = /^\d+$/.test(m[1]) ? parseInt(m[1], 10) : 1;
  const unit = m[2].toLowerCase();
  const ref = reference.getTime();
  if (unit === 'month' || unit === 'mo' || unit === 'year' || unit === 'yr') {
    const d = new Date(startOfUtcDay(ref));
    if (unit === 'month' || unit === 'mo') d.setUTCMonth(d.getUTCMonth() - amount);
    else d.setUTCFullYear(d.getUTCFullYear() - amount);
    return d;
  }
  const back = ref - amount * UNIT_MS[unit];
  // Day-sized units say which day, not which instant: keep the day, not the collector's clock.
  return new Date(UNIT_MS[unit] >= DAY_MS ? startOfUtcDay(back) : back);
}

function parse(value: string | number, reference: Date | null): Date | null {
  if (typeof value === 'number') return fromEpoch(value);
  const s = value.trim().replace(/\s+/g, ' ');
  if (!s) return null;
  if (NUMERIC.test(s)) return fromEpoch(Number(s));

  let m = ISO_DATE.exec(s);
  if (m) return utcDate(+m[1], +m[2], +m[3]);
  if (ISO_DATETIME.test(s)) {
    // A datetime without a zone is read as UTC, the same for every machine that runs the import.
    const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(s);
    const d = new Date(hasZone ? s.replace(' ', 'T') : `${s.replace(' ', 'T')}Z`);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  m = US_DATE.exec(s);
  if (m) {
    const year = m[3].length === 2 ? 2000 + parseInt(m[3], 10) : parseInt(m[3], 10);
    return utcDate(year, +m[1], +m[2]);
  }
  m = MONTH_FIRST.exec(s);
  if (m && MONTHS[m[1].toLowerCase()]) return utcDate(+m[3], MONTHS[m[1].toLowerCase()], +m[2]);
  m = DAY_FIRST.exec(s);
  if (m && MONTHS[m[2].toLowerCase()]) return utcDate(+m[3], MONTHS[m[2].toLowerCase()], +m[1]);

  return relative(s, reference) ?? null;
}

/**
 * Reads a posting date as the sources write it and returns an ISO 8601 UTC string, or null when
 * it is missing, unreadable or absurd (before 1990, or more than a year after the reference).
 *
 * - epoch milliseconds (LinkedIn 2023-24 `listed_time` "1713397508000.0") or seconds;
 * - ISO dates and datetimes ("2023-12-17" is midnight UTC; a datetime without zone is UTC);
 * - US m/d/Y ("7/30/2020") and "Dec 17, 2023" / "17 December 2023";
 * - relative forms ("3 days ago", "30+ days ago", "an hour ago", "today", "just posted"),
 *   counted back from `reference` (null without one); day-sized units give midnight UTC of that day.
 */
export function normalizeDate(value: unknown, options: NormalizeDateOptions = {}): string | null {
  if (value === null || value === undefined) return null;
  const reference = options.reference && !Number.isNaN(options.reference.getTime()) ? options.reference : null;
  let d: Date | null;
  if (value instanceof Date) d = Number.isNaN(value.getTime()) ? null : value;
  else if (typeof value === 'number' || typeof value === 'string') d = parse(value, reference);
  else return null;
  if (!d || Number.isNaN(d.getTime())) return null;

  if (d.getUTCFullYear() < MIN_YEAR) return null;
  if (d.getTime() > (reference ?? new Date()).getTime() + 366 * DAY_MS) return null;
  return d.toISOString();
}
