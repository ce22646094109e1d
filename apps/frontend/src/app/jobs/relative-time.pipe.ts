import { Pipe, PipeTransform } from '@angular/core';

const DAY_MS = 86_400_000;
const FORMAT = new Intl.RelativeTimeFormat('en-US', { numeric: 'auto' });

/** "today", "yesterday", "3 days ago", "2 months ago", from an ISO date. */
export function relativeTime(iso: string | null | undefined, now = Date.now()): string | null {
  if (!iso) return null;
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return null;
  const days = Math.round((time - now) / DAY_MS);
  const ago = Math.abs(days);
  if (ago < 7) return FORMAT.format(days, 'day');
  if (ago < 30) return FORMAT.format(Math.round(days / 7), 'week');
  if (ago < 365) return FORMAT.format(Math.round(days / 30), 'month');
  return FORMAT.format(Math.round(days / 365), 'year');
}

@Pipe({ name: 'relativeTime' })
export class RelativeTimePipe implements PipeTransform {
  transform(iso: string | null | undefined): string | null {
    return relativeTime(iso);
  }
}
