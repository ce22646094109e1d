import { Inject, Injectable } from '@nestjs/common';
import { RIASEC_AREAS, type FromInterestsResponse, type InterestProfilerItems, type WorkValues } from '@jobportal/contracts';
import {
  FlatProfileError,
  INTEREST_PROFILER_ATTRIBUTION,
  WORK_VALUE_KEYS,
  interestCode,
  rankByInterests,
  scoreAnswers,
  toOnetScale,
  valueToOnetScale,
} from '@jobportal/occupations';
import { ApiError } from '../common/error-envelope.filter';
import { CareersCatalogService } from './careers-catalog.service';
import type { InterestsQuery } from './careers-validation';

const SCALE = [
  { value: 1, label: 'Strongly dislike' },
  { value: 2, label: 'Dislike' },
  { value: 3, label: 'Unsure' },
  { value: 4, label: 'Like' },
  { value: 5, label: 'Strongly like' },
];

/** O*NET's work values, as My Next Move's Work Importance Locator describes them. */
const WORK_VALUES: InterestProfilerItems['workValues'] = [
  { key: 'achievement', name: 'Achievement', description: 'Results-oriented work that uses your strongest abilities and gives a feeling of accomplishment.' },
  { key: 'independence', name: 'Independence', description: 'Working on your own and making your own decisions.' },
  { key: 'recognition', name: 'Recognition', description: 'Advancement, potential for leadership, and work that is often considered prestigious.' },
  { key: 'relationships', name: 'Relationships', description: 'Providing service to others and working with co-workers in a friendly, non-competitive environment.' },
  { key: 'support', name: 'Support', description: 'Supportive management that stands behind employees.' },
  { key: 'workingConditions', name: 'Working Conditions', description: 'Job security and good working conditions.' },
];

@Injectable()
export class InterestsService {
  constructor(@Inject(CareersCatalogService) private readonly catalogs: CareersCatalogService) {}

  async items(): Promise<InterestProfilerItems> {
    const { items, education, catalog } = await this.catalogs.data();
    const zones = new Map<number, string>();
    for (const o of catalog.occupations.values()) if (o.jobZone) zones.set(o.jobZone.zone, o.jobZone.name);
    return {
      items: items.map((i) => ({ item: i.item, area: i.area, elementId: i.elementId, text: i.text })),
      scale: SCALE,
      instructions: 'Read each activity and answer how much you would like doing it, without thinking about education, training or pay. Answer all 60, in the order given.',
      attribution: INTEREST_PROFILER_ATTRIBUTION,
      workValues: WORK_VALUES,
      education: education.map((e) => ({ category: e.category, label: e.label, jobZones: e.jobZones })),
      jobZones: [...zones].sort((a, b) => a[0] - b[0]).map(([zone, name]) => ({ zone, name })),
    };
  }

  async fromInterests(query: InterestsQuery): Promise<FromInterestsResponse> {
    const { items, education, catalog } = await this.catalogs.data();
    const scores = query.answers ? scoreAnswers(query.answers, items) : query.scores!;
    const jobZones = query.jobZones ?? (query.education !== undefined ? (education.find((e) => e.category === query.education)?.jobZones ?? [1, 2, 3, 4, 5]) : [1, 2, 3, 4, 5]);
    let ranked;
    try {
      ranked = rankByInterests(catalog.occupations.values(), { scores, jobZones, workValues: query.workValues, limit: query.limit });
    } catch (err) {
      if (err instanceof FlatProfileError) {
        throw new ApiError(
          422,
          'flat_profile',
          `${err.message} Answer again, using "strongly like" and "strongly dislike" for the activities you feel most strongly about, or give scores that differ between areas.`,
          [{ field: query.answers ? 'answers' : 'scores', reason: 'all areas equal' }],
        );
      }
      throw err;
    }
    const userProfile = toOnetScale(scores);
    const userWorkValues = query.workValues && Object.keys(query.workValues).length > 0 ? this.userValues(query.workValues) : undefined;
    return {
      scores: Object.fromEntries(RIASEC_AREAS.map((k) => [k, scores[k]])) as unknown as FromInterestsResponse['scores'],
      interestCode: interestCode(scores),
      jobZones,
      matches: ranked.map((r) => ({
        onetCode: r.occupation.onetCode,
        code: r.occupation.soc.code,
        title: r.occupation.title,
        match: r.match,
        parts: { interestCorrelation: Math.round(r.correlation * 1000) / 1000, workValueSimilarity: r.workValueSimilarity === null ? null : Math.round(r.workValueSimilarity * 1000) / 1000 },
        jobZone: r.occupation.jobZone?.zone ?? null,
        medianWage: r.occupation.wages?.annual.median ?? null,
        projectedGrowth: r.occupation.projections?.changePercent ?? null,
        interestCode: r.occupation.interests!.code,
        userProfile,
        occupationProfile: r.occupation.interests!.scores,
        ...(userWorkValues && r.occupation.workValues ? { userWorkValues, occupationWorkValues: r.occupation.workValues } : {}),
      })),
    };
  }

  /** Rated values on the 1-7 scale; unrated ones at the middle (4) so the radar has all six axes. */
  private userValues(ratings: NonNullable<InterestsQuery['workValues']>): WorkValues {
    const out = {} as WorkValues;
    for (const k of WORK_VALUE_KEYS) out[k] = ratings[k] !== undefined ? Math.round(valueToOnetScale(ratings[k]!) * 100) / 100 : 4;
    return out;
  }
}
