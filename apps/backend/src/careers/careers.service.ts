import { Inject, Injectable } from '@nestjs/common';
import {
  CAREER_MAX_MATCHES,
  type CareerLivePostings,
  type CareerMatch,
  type CareersLocation,
  type CareersResponse,
  type JobSearchResponse,
} from '@jobportal/contracts';
import {
  alsoConsider,
  classifierItems,
  combineClassifications,
  findTitles,
  scoreCareers,
  type ClassifierSignal,
  type ScoredCareer,
} from '@jobportal/occupations';
import {
  buildCareerRetrievalRequest,
  buildJobSearchRequest,
  isIndexNotFound,
  mapCareerRetrievalResponse,
  mapJobSearchResponse,
  searchTogether,
  toMsearchBody,
  toSearchError,
  type Client,
  type JobSearchContext,
} from '@jobportal/search';
import { ClassifyService } from '../classify/classify.service';
import { ApiError } from '../common/error-envelope.filter';
import { LocationsService } from '../locations/locations.service';
import { SEARCH_CLIENT, SearchIndices } from '../search/search.module';
import { CareersCatalogService } from './careers-catalog.service';

export interface CareerTextQuery {
  text: string;
  location?: string;
  radiusKm: number;
}

const NEARBY = 3;

/**
 * Resume or free text -> occupations. Everything happens on the text in memory: it goes to the
 * classifier and into one occupations search, and is never logged or stored; the postings
 * searches see only SOC codes and the place.
 */
@Injectable()
export class CareersService {
  constructor(
    @Inject(SEARCH_CLIENT) private readonly es: Client,
    @Inject(SearchIndices) private readonly indices: SearchIndices,
    @Inject(LocationsService) private readonly locations: LocationsService,
    @Inject(ClassifyService) private readonly classify: ClassifyService,
    @Inject(CareersCatalogService) private readonly catalogs: CareersCatalogService,
  ) {}

  async fromText(query: CareerTextQuery): Promise<CareersResponse> {
    const started = performance.now();
    const place = this.resolvePlace(query);
    const { catalog } = await this.catalogs.data();
    const text = query.text;
    const titles = findTitles(text, undefined, catalog.titleLexicon);
    const skills = catalog.extractSkills(text);
    const [classifier, hits] = await Promise.all([this.classifierSignal(titles, text), this.retrieve(titles, skills, text)]);
    const scored = scoreCareers({ catalog, titles, skills, classifier, hits, limit: CAREER_MAX_MATCHES });
    const live = await this.livePostings(scored, place);
    const matches: CareerMatch[] = scored.map((s, i) => this.toMatch(s, live[i]));
    return {
      matches,
      alsoConsider: alsoConsider(scored, catalog),
      extracted: {
        titles: titles.map((t) => ({ raw: t.raw, normalized: t.normalized, weight: t.weight, source: t.source })),
        skills,
        textLength: text.length,
      },
      location: place?.location ?? null,
      tookMs: Math.round(performance.now() - started),
    };
  }

  private resolvePlace(query: CareerTextQuery): { ctx: JobSearchContext['place']; location: CareersLocation; radius: string } | null {
    if (!query.location) return null;
    const radius = `${query.radiusKm}km`;
    const resolution = this.locations.resolve(query.location, radius);
    if (!resolution) {
      throw new ApiError(400, 'unknown_location', `location: unknown place "${query.location}"; pick one the location suggester offers (GET /api/locations/suggest).`, [
        { field: 'location', reason: 'unknown place' },
      ]);
    }
    const r = resolution.resolved;
    return { ctx: resolution.place, radius, location: { label: r.label, lat: r.lat, lon: r.lon, radiusKm: query.radiusKm } };
  }

  /** The classifier on the strongest titles; no signal (not an error) while no model is trained. */
  private async classifierSignal(titles: ReturnType<typeof findTitles>, text: string): Promise<ClassifierSignal> {
    const items = classifierItems(titles, text);
    const model = items.length > 0 ? await this.classify.loadedClassifier() : null;
    if (!model) return { bySoc: new Map() };
    const predictions = model.predict(items, 5);
    return combineClassifications(predictions.map((p, i) => ({ weight: items[i].weight, soc: p.soc })));
  }

  private async retrieve(titles: ReturnType<typeof findTitles>, skills: string[], text: string) {
    try {
      return mapCareerRetrievalResponse(await this.es.search(buildCareerRetrievalRequest(this.indices.occupations, { titles, skills, text })));
    } catch (err) {
      if (isIndexNotFound(err)) throw new ApiError(503, 'occupations_not_indexed', 'The occupations index does not exist yet; run `npm run index:occupations`.');
      throw toSearchError(err, 'career retrieval');
    }
  }

  /** One _msearch: per match, the count and the 3 nearest (or newest) postings coded to its SOC code. */
  private async livePostings(scored: ScoredCareer[], place: ReturnType<CareersService['resolvePlace']>): Promise<CareerLivePostings[]> {
    const minute = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const ctx: JobSearchContext = { index: this.indices.postings, now: minute, place: place?.ctx ?? null };
    const paramsOf = (s: ScoredCareer) => ({
      occupation: [s.socCode],
      size: NEARBY,
      sort: 'date' as const,
      ...(place ? { location: place.location.label, radius: place.radius } : {}),
    });
    const searchUrl = (s: ScoredCareer) => {
      const q = new URLSearchParams({ occupation: s.socCode });
      if (place) {
        q.set('location', place.location.label);
        q.set('radius', place.radius);
      }
      return `/jobs?${q.toString()}`;
    };
    if (scored.length === 0) return [];
    let responses: JobSearchResponse[];
    try {
      const requests = scored.map((s) => ({ ...buildJobSearchRequest(paramsOf(s), ctx), track_total_hits: true }));
      const raw = await searchTogether(this.es, toMsearchBody(requests));
      responses = raw.map((r, i) => mapJobSearchResponse(r, paramsOf(scored[i]), ctx));
    } catch (err) {
      // Before the first import there are no postings: each occupation simply has none yet.
      if (isIndexNotFound(err)) return scored.map((s) => ({ count: 0, nearby: [], searchUrl: searchUrl(s) }));
      throw toSearchError(err, 'career live postings');
    }
    return responses.map((r, i) => ({
      count: r.total.value,
      nearby: r.hits.map((h) => ({
        id: h.id,
        title: h.title,
        company: h.company,
        location: h.location.city && h.location.regionCode ? `${h.location.city}, ${h.location.regionCode}` : (h.location.text ?? h.location.region ?? null),
        postedAt: h.postedAt,
        ...(h.distance !== undefined ? { distanceKm: Math.round(h.distance * 10) / 10 } : {}),
      })),
      searchUrl: searchUrl(scored[i]),
    }));
  }

  private toMatch(s: ScoredCareer, live: CareerLivePostings): CareerMatch {
    const occ = s.occupation;
    return {
      code: s.socCode,
      onetCode: s.onetCode,
      title: occ.title,
      match: s.match,
      fit: s.fit,
      reasons: s.reasons,
      parts: s.parts,
      jobZone: occ.jobZone?.zone ?? null,
      medianWage: occ.wages?.annual.median ?? null,
      projectedGrowth: occ.projections?.changePercent ?? null,
      livePostings: live,
    };
  }
}
