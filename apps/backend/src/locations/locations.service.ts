import { Injectable } from '@nestjs/common';
import type { LocationSuggestion, ResolvedLocation } from '@jobportal/contracts';
import { normalizeLocation } from '@jobportal/postings';
import { radiusApplies, type ResolvedPlace } from '@jobportal/search';
import { LocationIndex, MAX_LOCATION_SUGGESTIONS } from './location-index';

export interface PlaceResolution {
  place: ResolvedPlace;
  resolved: ResolvedLocation;
}

/** Where-box support: suggestions while typing, and the place a search's `location` text means. */
@Injectable()
export class LocationsService {
  private readonly index = new LocationIndex();

  suggest(q: string, limit = MAX_LOCATION_SUGGESTIONS): LocationSuggestion[] {
    return this.index.suggest(q, limit);
  }

  /**
   * The place a user typed, parsed by the same gazetteer code that normalized the postings, so
   * "New York, NY" means what postings from New York, NY were indexed with. A city or state needs a
   * point; a country needs none. Anything else (a typo, "Remote") is null: the caller answers 400.
   */
  resolve(text: string, radius?: string): PlaceResolution | null {
    const { location, geo } = normalizeLocation(text);
    const countryOnly = !location.city && !location.region && Boolean(location.country_code);
    if (!geo && !countryOnly) return null;
    const place: ResolvedPlace = {
      city: location.city,
      region: location.region,
      regionCode: location.region_code,
      countryCode: location.country_code,
      geo,
    };
    const label = [location.city, location.region_code ?? location.region, location.city || location.region ? null : location.country]
      .filter(Boolean)
      .join(', ');
    return {
      place,
      resolved: {
        label: label || text,
        city: location.city,
        region: location.region,
        regionCode: location.region_code,
        countryCode: location.country_code,
        lat: geo?.lat ?? null,
        lon: geo?.lon ?? null,
        radius: radiusApplies({ radius }, place) ? radius! : null,
      },
    };
  }
}
