import type { JobPay, PayPeriod } from '@jobportal/contracts';

const PERIOD_SUFFIX: Record<PayPeriod, string> = {
  hour: 'an hour',
  day: 'a day',
  week: 'a week',
  month: 'a month',
  year: 'a year',
};

function moneyFormat(currency: string, compact: boolean): Intl.NumberFormat {
  try {
    return new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency: currency || 'USD',
      notation: compact ? 'compact' : 'standard',
      maximumFractionDigits: compact ? 1 : 2,
      minimumFractionDigits: 0,
    });
  } catch {
    // An unknown currency code in the data should not break the page.
    return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
  }
}

/**
 * Pay as posted, e.g. "$60K–$80K a year" or "$25–$30 an hour". Yearly figures are shortened so
 * a chip stays readable; hourly ones keep their cents.
 */
export function formatPay(pay: JobPay | null | undefined): string | null {
  if (!pay || (pay.min == null && pay.max == null)) return null;
  const format = moneyFormat(pay.currency, pay.period === 'year' || pay.period === 'month');
  const min = pay.min == null ? null : format.format(pay.min);
  const max = pay.max == null ? null : format.format(pay.max);
  const range = min && max && min !== max ? `${min}–${max}` : min ? (max ? min : `From ${min}`) : `Up to ${max}`;
  return `${range} ${PERIOD_SUFFIX[pay.period] ?? ''}`.trim();
}

/** "$75K" for pay thresholds in filters. */
export function formatAnnualThreshold(amount: number): string {
  return moneyFormat('USD', true).format(amount);
}
