import { payBandsOf, type PayPeriod, type PostingSalary } from '@jobportal/contracts';
import { cleanString } from './normalize-text';

export interface SalaryInput {
  /** Pay as free text ("$60k - $70k DOE", "$25/hr", "£40,000 - £50,000"). Used when there are no figures. */
  text?: unknown;
  min?: unknown;
  max?: unknown;
  /** A single figure (LinkedIn `med_salary`); becomes both min and max. */
  median?: unknown;
  /** HOURLY, DAILY, WEEKLY, BIWEEKLY, SEMIMONTHLY, MONTHLY, YEARLY, or words like "per hour". */
  period?: unknown;
  /** ISO 4217 code the source declares; "$" in text means this currency (default USD). */
  currency?: unknown;
}

/** Hours, days, weeks, months in a working year, as documented on PostingSalary. */
export const ANNUAL_MULTIPLIER: Readonly<Record<PayPeriod, number>> = { hour: 2080, day: 260, week: 52, month: 12, year: 1 };

/**
 * What one pay figure can plausibly be, per period. A value outside its period's range is a
 * placeholder (LinkedIn's YEARLY min 1.0), a typo or a mislabelled period, never a real offer.
 */
const PLAUSIBLE: Readonly<Record<PayPeriod, readonly [number, number]>> = {
  hour: [7, 500],
  day: [30, 5_000],
  week: [150, 20_000],
  month: [300, 100_000],
  year: [1_000, 5_000_000],
};

/** In prose, a yearly figure below this is a budget or allowance, not a salary. */
const STRICT_MIN_YEARLY = 10_000;

type ParsedPeriod = PayPeriod | 'biweekly' | 'semimonthly';

const PERIOD_WORDS: ReadonlyArray<readonly [RegExp, ParsedPeriod]> = [
  [/^(?:hourly|hours?|hrs?|h|per[\s_-]?hour|an? hour|ph|hour(?:ly)? rate)$/, 'hour'],
  [/^(?:daily|days?|per[\s_-]?day|a day|per diem)$/, 'day'],
  [/^(?:bi[\s_-]?weekly|fortnightly|every (?:two|2) weeks|per[\s_-]?fortnight)$/, 'biweekly'],
  [/^(?:semi[\s_-]?monthly|twice (?:a|per) month)$/, 'semimonthly'],
  [/^(?:weekly|weeks?|wk|per[\s_-]?week|a week)$/, 'week'],
  [/^(?:monthly|months?|mo|per[\s_-]?month|a month)$/, 'month'],
  [/^(?:yearly|years?|yr|annual(?:ly)?|annum|per[\s_-]?(?:year|annum)|a year|p\.?a\.?|salary|salaried)$/, 'year'],
];

/*
 * One amount: optional currency, the number ("60,000", "62 500", "26.50"), an optional
 * thousands/millions suffix. The "k" must not run into a word ("5 kids" is not 5,000).
 */
const AMOUNT =
  /(?:(US\$|USD|C\$|CA\$|CAD|A\$|AU\$|AUD|NZ\$|£|GBP|€|EUR|\$)\s?)?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?: \d{3})+(?![\d.,])|\d+(?:\.\d+)?)(?:\s?([kK])(?![A-Za-z])|\s?(thousand)\b|\s?(m|mm|million|b|bn|billion)\b)?/gi;
const RANGE_JOINER = /^\s*(?:-{1,2}|to|and|through|thru)\s*(?:a\s+)?$/i;
/** A period right after an amount: "hourly", "annually" ... */
const PERIOD_ADVERB_AFTER =
  /^\s*(?:\+\s*)?(?:dollars?\s*)?(hourly|daily|bi-?weekly|weekly|semi-?monthly|monthly|annually|annual|yearly)/i;
/** ... or "/hr", "per hour", "an hour", "a year", "USD/hour". */
const PERIOD_UNIT_AFTER =
  /^\s*(?:\+\s*)?(?:dollars?|usd|gbp|eur|cad)?\s*(?:\/\s*|per\s+|an?\s+|each\s+)?(hour|hr|h|day|week|wk|month|mo|year|yr|annum|fortnight|diem)s?/i;
const LOWERCASE_LETTER = /[a-z]/;
const PERIOD_ANYWHERE =
  /\b(hourly|per hour|an hour|\/\s?hr|daily|per day|bi-?weekly|weekly|per week|semi-?monthly|monthly|per month|a month|annually|annual|yearly|per year|a year|per annum)\b/i;
const UP_TO_BEFORE = /\b(?:up to|as much as|max(?:imum)?(?: of)?|no more than|not to exceed|under)\s+(?:(?:approximately|approx\.?|about|around)\s+)?$/i;
const FROM_BEFORE = /\b(?:starting(?: at| from)?|starts at|from|at least|min(?:imum)?(?: of)?|minimum of|over|above)\s+(?:(?:approximately|approx\.?|about|around)\s+)?$/i;
/** Plan and tax-form names that look like amounts: 401(k), 403b, "1099 contractor", W-2. */
const NOT_AMOUNTS = /\b(?:401|403|457)\s?\(?[kb]\)?|\b1099\b|\bW-?2\b/gi;
/** A bare number followed by one of these counts something else: "5 days week", "20 paid vacation days". */
const COUNT_AFTER = /^\s*(?:%|percent\b|days\b|years?\b|yrs\b|months\b|weeks\b|people\b|employees\b|paid\b|vacation\b|holidays?\b|hours?\s*(?:per|a|\/)\s*week|hrs?\s*(?:per|a|\/)\s*week|\+\s*years?\b)/i;
const DASHES = /[\u2012\u2013\u2014\u2015\u2212]/g;
const DOLLARS_WORD = /^\s*dollars?\b/i;

/** In a long description, pay stands next to one of these words... */
const PAY_CONTEXT_BEFORE =
  /\b(?:salary|salaries|pay|paid|compensation|wages?|rate|earn(?:ing|ings)?|base|ote|income|range|starting|hiring)\b[^$£€]{0,40}$/i;
/** "Full-timePay: $18.00": LinkedIn descriptions glue a heading to the previous word. */
const GLUED_PAY_CONTEXT_BEFORE = /[a-z](?:Pay|Salary|Compensation|Wage|Rate)\b[^$£€]{0,40}$/;
/** ...and these are money that is not pay. */
const NOT_PAY_AFTER =
  /^[^.;\n]{0,25}?\b(?:bonus|sign[\s-]?on|signing|stipend|reimburs\w*|relocation|life insurance|insurance|in tips|tips|in sales|sales|revenue|arr|funding|raised|gift card|referral|deductible|budget|credit|discount|off\b|per mile|per visit|per session|per class|per patient|per project|commission only|allowance|fee|donation|grant|worth|valuation|assets)\b/i;
const NOT_PAY_BEFORE =
  /\b(?:bonus|raised|revenue|budget|worth|valuation|tips?|stipend|allowance|reimbursement|tuition|assistance|coverage|cost|costs|save|savings|fee|donat\w*|grant|funding|sales of|assets)\b[^$£€.;\n]{0,25}$/i;
const MONEY_SYMBOL = /[$£€]/;

interface Amount {
  value: number;
  start: number;
  end: number;
  currency: string | null;
  thousands: boolean;
  huge: boolean;
}

interface Figures {
  min: number | null;
  max: number | null;
  period: ParsedPeriod | null;
  currency: string | null;
}

function toNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) && v > 0 ? v : null;
  const s = cleanString(v);
  if (!s) return null;
  const n = Number(s.replace(/[$£€,\s]/g, ''));
  return Number.isFinite(n) && n > 0 ? n : null;
}

export function parsePayPeriod(v: unknown): ParsedPeriod | null {
  const s = cleanString(v);
  if (!s) return null;
  const k = s.toLowerCase().replace(/^(?:paid\s+|pay\s+)/, '').replace(/[./]/g, ' ').replace(/\s+/g, ' ').trim();
  for (const [re, period] of PERIOD_WORDS) if (re.test(k)) return period;
  return null;
}

function currencyOf(symbol: string | null | undefined, declared: string | null): string | null {
  if (!symbol) return null;
  const s = symbol.toUpperCase();
  if (s === '£' || s === 'GBP') return 'GBP';
  if (s === '€' || s === 'EUR') return 'EUR';
  if (s === 'C$' || s === 'CA$' || s === 'CAD') return 'CAD';
  if (s === 'A$' || s === 'AU$' || s === 'AUD') return 'AUD';
  if (s === 'NZ$') return 'NZD';
  if (s === 'US$' || s === 'USD') return 'USD';
  return declared ?? 'USD';
}

function declaredCurrency(v: unknown): string | null {
  const s = cleanString(v)?.toUpperCase() ?? null;
  return s && /^[A-Z]{3}$/.test(s) ? s : null;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Guess a period from the size of a figure: 25 is hourly, 4,000 monthly, 60,000 yearly. */
export function inferPayPeriod(value: number): PayPeriod {
  if (value <= PLAUSIBLE.hour[1]) return 'hour';
  if (value < 12_000) return 'month';
  return 'year';
}

function plausible(period: PayPeriod, v: number | null): boolean {
  return v === null || (v >= PLAUSIBLE[period][0] && v <= PLAUSIBLE[period][1]);
}

/**
 * Checks the figures against their period and repairs the two mistakes the data makes:
 * a yearly pay written without its thousands ("200 - 225" for a principal engineer) or an hourly
 * rate filed as YEARLY ("45 - 50"), and one placeholder bound next to a real one ("1 - 130813").
 */
function fitToPeriod(
  min: number | null,
  max: number | null,
  period: PayPeriod,
  strict: boolean,
): [number | null, number | null, PayPeriod] | null {
  const values = [min, max].filter((v): v is number => v !== null);
  const top = Math.max(...values);
  if (strict) {
    // Prose mentions many amounts that are not pay ("£500 per year" learning budget, "$150/month"
    // gym stipend): only a salary-sized figure filed under the wrong period is repaired.
    if (period === 'year' && values.some((v) => v < STRICT_MIN_YEARLY)) return null;
    if (plausible(period, min) && plausible(period, max)) return [min, max, period];
    if (values.every((v) => v >= STRICT_MIN_YEARLY && plausible('year', v))) return [min, max, 'year'];
    return null;
  }
  if (plausible(period, min) && plausible(period, max)) return [min, max, period];

  if (period === 'year' && top < 1000) {
    if (top >= 100 && values.every((v) => plausible('year', v * 1000))) {
      return [min === null ? null : min * 1000, max === null ? null : max * 1000, 'year'];
    }
    if (values.every((v) => plausible('hour', v))) return [min, max, 'hour'];
  }
  if (min !== null && max !== null && plausible(period, max) && !plausible(period, min)) {
    if (period === 'year' && min >= 10 && min < 1000 && plausible('year', min * 1000) && min * 1000 <= max) {
      return [min * 1000, max, period];
    }
    return [null, max, period];
  }
  if (min !== null && max !== null && plausible(period, min) && !plausible(period, max)) return [min, null, period];

  // Otherwise only a salary-sized figure is re-read, as yearly ("$55k" filed under a weekly word).
  if (period !== 'year' && values.every((v) => v >= 12_000 && plausible('year', v))) return [min, max, 'year'];
  return null;
}

function build(f: Figures, text: string | null, declared: string | null, strict = false): PostingSalary | null {
  let { min, max } = f;
  if (min === null && max === null) return null;
  if (min !== null && max !== null && min > max) [min, max] = [max, min];

  let period: PayPeriod;
  if (f.period === 'biweekly') {
    // A two-week figure becomes a weekly one (halved), so `period` stays one of PAY_PERIODS and
    // annual = weekly x 52 = biweekly x 26.
    min = min === null ? null : min / 2;
    max = max === null ? null : max / 2;
    period = 'week';
  } else if (f.period === 'semimonthly') {
    min = min === null ? null : min * 2;
    max = max === null ? null : max * 2;
    period = 'month';
  } else {
    period = f.period ?? inferPayPeriod(Math.max(min ?? 0, max ?? 0));
  }

  const fitted = fitToPeriod(min, max, period, strict && f.period !== null);
  if (!fitted) return null;
  [min, max, period] = fitted;
  if (min === null && max === null) return null;
  const mult = ANNUAL_MULTIPLIER[period];
  const annualMin = min === null ? null : round2(min * mult);
  const annualMax = max === null ? null : round2(max * mult);
  return {
    min: min === null ? null : round2(min),
    max: max === null ? null : round2(max),
    period,
    currency: f.currency ?? declared ?? 'USD',
    annual_min: annualMin,
    annual_max: annualMax,
    bands: payBandsOf(annualMin, annualMax),
    text,
  };
}

function scanAmounts(s: string): Amount[] {
  const out: Amount[] = [];
  AMOUNT.lastIndex = 0;
  for (let m = AMOUNT.exec(s); m; m = AMOUNT.exec(s)) {
    // "C++", "A1", "B2B", "Q3": a digit glued to a letter before it is not an amount.
    const prev = s.charAt(m.index - 1);
    if (!m[1] && /[A-Za-z0-9_.]/.test(prev)) continue;
    if (!m[1] && !m[3] && !m[4] && COUNT_AFTER.test(s.slice(m.index + m[0].length, m.index + m[0].length + 20))) continue;
    let value = Number(m[2].replace(/[, ]/g, ''));
    if (!Number.isFinite(value)) continue;
    const thousands = Boolean(m[3] || m[4]);
    if (thousands) value *= 1000;
    const huge = Boolean(m[5]);
    if (huge) value *= /^b/i.test(m[5]) ? 1e9 : 1e6;
    out.push({ value, start: m.index, end: m.index + m[0].length, currency: m[1] ?? null, thousands, huge });
  }
  return out;
}

/** The first amount (or "a - b" range) starting at index i, with k carried across ("$150k to $180"). */
function rangeAt(s: string, amounts: Amount[], i: number): { lo: Amount; hi: Amount | null; end: number } {
  const lo = amounts[i];
  const next = amounts[i + 1];
  if (next && RANGE_JOINER.test(s.slice(lo.end, next.start))) {
    return { lo, hi: next, end: next.end };
  }
  return { lo, hi: null, end: lo.end };
}

function rangeValues(lo: Amount, hi: Amount | null): [number, number | null] {
  let a = lo.value;
  let b = hi ? hi.value : null;
  if (hi && b !== null) {
    if (hi.thousands && !lo.thousands && a < 1000 && a * 1000 <= b * 1.01) a *= 1000;
    else if (lo.thousands && !hi.thousands && b < 1000 && b * 1000 >= a) b *= 1000;
  }
  return [a, b];
}

/** The period word right after `from` and where it ends; "hourBenefits" (glued text) counts, "hours" too. */
function periodAfter(s: string, from: number): { period: ParsedPeriod; end: number } | null {
  const window = s.slice(from, from + 40);
  let m = PERIOD_ADVERB_AFTER.exec(window);
  if (!m) {
    m = PERIOD_UNIT_AFTER.exec(window);
    // "$18.00/hourBenefits" (glued) is a period; "$5 hosting fee" is not: no lower-case letter may follow.
    if (m && LOWERCASE_LETTER.test(window.charAt(m[0].length))) m = null;
  }
  const period = m ? parsePayPeriod(m[1]) : null;
  return m && period ? { period, end: from + m[0].length } : null;
}

function figuresFromText(s: string, declared: string | null): { figures: Figures; snippet: string } | null {
  const amounts = scanAmounts(s);
  if (amounts.length === 0) return null;
  // Prefer the first amount written as money ("Based upon experience $20 - $45 an hour").
  let i = amounts.findIndex((a) => a.currency !== null);
  if (i === -1) i = 0;
  const { lo, hi, end } = rangeAt(s, amounts, i);
  if (lo.huge || hi?.huge) return null;
  const [a, b] = rangeValues(lo, hi);
  const after = s.slice(end);
  const period = periodAfter(s, end)?.period ?? parsePayPeriod(PERIOD_ANYWHERE.exec(s)?.[1]);
  const currency = currencyOf(lo.currency ?? hi?.currency, declared) ?? (DOLLARS_WORD.test(after) ? 'USD' : null);
  const before = s.slice(Math.max(0, lo.start - 40), lo.start);
  let min: number | null = a;
  let max: number | null = b ?? a;
  if (b === null) {
    if (UP_TO_BEFORE.test(before)) min = null;
    else if (FROM_BEFORE.test(before) || after.startsWith('+')) max = null;
  }
  return { figures: { min, max, period, currency }, snippet: s.slice(lo.start, end).trim() };
}

/** Same length as the input, so offsets found in it point into the original text. */
function prepareText(s: string): string {
  return s.replace(DASHES, '-').replace(NOT_AMOUNTS, (m) => ' '.repeat(m.length));
}

/**
 * Turns pay fields or pay text into a PostingSalary with yearly figures, or null when there is
 * nothing usable ("competitive", "DOE", "TBD", "0", a placeholder like YEARLY 1.0 alone).
 *
 * Figures win over text. Without a period the size decides (<= 500 hourly, < 12,000 monthly,
 * else yearly). BIWEEKLY becomes period "week" with the figures halved; SEMIMONTHLY becomes "month"
 * doubled. Reversed bounds are swapped; implausible ones are repaired or dropped (see fitToPeriod).
 * `text` holds the source text when the figures came from it.
 */
export function normalizeSalary(input: SalaryInput): PostingSalary | null {
  const declared = declaredCurrency(input.currency);
  const period = parsePayPeriod(input.period);
  const median = toNumber(input.median);
  let min = toNumber(input.min);
  let max = toNumber(input.max);
  if (min === null && max === null && median !== null) min = max = median;
  if (min !== null || max !== null) {
    const fromFields = build({ min, max, period, currency: null }, null, declared);
    if (fromFields) return fromFields;
  }

  const text = cleanString(input.text);
  if (!text || !/\d/.test(text)) return null;
  const parsed = figuresFromText(prepareText(text), declared);
  if (!parsed) return null;
  if (!parsed.figures.period && period) parsed.figures.period = period;
  return build(parsed.figures, text, declared);
}

/**
 * Finds pay inside a long description when the source has no pay field: the first money amount
 * or range ("$14 - $20 an hour", "Salary: $140,000- $175,000") that has a period word right after
 * it or a pay word ("salary", "pay", "rate", "compensation"...) shortly before it, skipping
 * bonuses, stipends, tips, revenue and funding figures. `text` is the matched snippet.
 */
export function findPayInText(description: unknown, options: { currency?: unknown } = {}): PostingSalary | null {
  if (typeof description !== 'string' || !MONEY_SYMBOL.test(description)) return null;
  const declared = declaredCurrency(options.currency);
  const s = prepareText(description);
  const amounts = scanAmounts(s);
  for (let i = 0; i < amounts.length; i++) {
    if (!amounts[i].currency) continue;
    const { lo, hi, end } = rangeAt(s, amounts, i);
    if (hi) i++;
    if (lo.huge || hi?.huge) continue;
    const before = s.slice(Math.max(0, lo.start - 60), lo.start);
    const after = s.slice(end, end + 60);
    if (NOT_PAY_AFTER.test(after) || NOT_PAY_BEFORE.test(before)) continue;
    const periodHit = periodAfter(s, end);
    const period = periodHit?.period ?? null;
    if (!period && !PAY_CONTEXT_BEFORE.test(before) && !GLUED_PAY_CONTEXT_BEFORE.test(before)) continue;
    const [a, b] = rangeValues(lo, hi);
    let min: number | null = a;
    let max: number | null = b ?? a;
    if (b === null) {
      if (UP_TO_BEFORE.test(before)) min = null;
      else if (FROM_BEFORE.test(before) || s.charAt(end) === '+') max = null;
    }
    const snippetEnd = periodHit ? periodHit.end : end;
    const salary = build(
      { min, max, period, currency: currencyOf(lo.currency ?? hi?.currency, declared) },
      description.slice(lo.start, snippetEnd).trim(),
      declared,
      true,
    );
    if (salary && salary.min !== null && salary.max !== null && salary.min === salary.max && !period) {
      // A lone figure with no period is only pay when it is clearly a salary-sized number.
      if (salary.period !== 'year') continue;
    }
    if (salary) return salary;
  }
  return null;
}
