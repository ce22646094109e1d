import type { Params } from '@angular/router';

/** The job search for an occupation near a place, as the search page reads its URL. */
export function jobSearchParams(code: string, location?: string | null, radiusKm?: number | null): Params {
  return {
    occupation: code,
    ...(location ? { location, ...(radiusKm ? { radius: `${radiusKm}km` } : {}) } : {}),
  };
}
