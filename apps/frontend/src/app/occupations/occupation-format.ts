import type { JobOccupation, RiasecProfile, WorkValues } from '@jobportal/contracts';

/** Holland's six interest areas, as O*NET names and explains them. */
export const RIASEC_LABELS: Record<keyof RiasecProfile, { name: string; about: string }> = {
  realistic: { name: 'Realistic', about: 'hands-on work with things, tools, plants or animals' },
  investigative: { name: 'Investigative', about: 'ideas, research and solving problems by thinking' },
  artistic: { name: 'Artistic', about: 'forms, designs and self-expression' },
  social: { name: 'Social', about: 'helping, teaching and serving people' },
  enterprising: { name: 'Enterprising', about: 'leading, persuading and taking business risks' },
  conventional: { name: 'Conventional', about: 'procedures, data and clear lines of authority' },
};

/** O*NET's six work values; `short` fits around a radar chart. */
export const WORK_VALUE_LABELS: Record<keyof WorkValues, { name: string; short: string; about: string }> = {
  achievement: { name: 'Achievement', short: 'Achievement', about: 'using your strongest abilities and seeing results' },
  workingConditions: { name: 'Working conditions', short: 'Conditions', about: 'job security and good working conditions' },
  recognition: { name: 'Recognition', short: 'Recognition', about: 'advancement, leadership and prestige' },
  relationships: { name: 'Relationships', short: 'Relationships', about: 'friendly co-workers and serving others' },
  support: { name: 'Support', short: 'Support', about: 'a supportive management that stands behind you' },
  independence: { name: 'Independence', short: 'Independence', about: 'working on your own and making decisions' },
};

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const usdCents = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const usdCompact = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 });

/** "$86,070" (or "$41.38" for hourly figures); "—" where there is none. */
export function formatDollars(amount: number | null | undefined, hourly = false): string {
  if (amount == null || !Number.isFinite(amount)) return '—';
  return (hourly ? usdCents : usd).format(amount);
}

/** "$86.1K" for tight places such as result cards. */
export function formatDollarsCompact(amount: number | null | undefined): string {
  return amount == null || !Number.isFinite(amount) ? '—' : usdCompact.format(amount);
}

/** "+5.2%", "−1.0%", "0%". */
export function formatChangePercent(percent: number | null | undefined): string {
  if (percent == null || !Number.isFinite(percent)) return '—';
  const rounded = Math.round(percent * 10) / 10;
  if (rounded === 0) return '0%';
  return `${rounded > 0 ? '+' : '−'}${Math.abs(rounded).toLocaleString('en-US', { maximumFractionDigits: 1 })}%`;
}

/** A plain word for the projected change; the figure itself is shown beside it. */
export function describeGrowth(percent: number | null | undefined): string | null {
  if (percent == null || !Number.isFinite(percent)) return null;
  if (percent >= 1) return 'Growing';
  if (percent <= -1) return 'Declining';
  return 'Little or no change';
}

/** BLS projections count jobs in thousands: 123.4 -> "123,400". */
export function formatThousands(thousands: number | null | undefined): string {
  if (thousands == null || !Number.isFinite(thousands)) return '—';
  return Math.round(thousands * 1000).toLocaleString('en-US');
}

/** "2024-03" -> "Mar 2024". */
export function formatMonth(month: string): string {
  const match = /^(\d{4})-(\d{2})/.exec(month);
  if (!match) return month;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return date.toLocaleDateString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** What a SOC chip says about how sure the automatic coding is. */
export function describeCoding(occupation: JobOccupation): string {
  const confidence = `${Math.round(occupation.confidence * 100)}% confidence`;
  return occupation.needsReview
    ? `Coded automatically with low confidence (${confidence}); it may be wrong`
    : `SOC ${occupation.code} ${occupation.title}, coded automatically (${confidence})`;
}
