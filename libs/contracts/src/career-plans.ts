/**
 * Career plans (issue 9): a signed-in user's saved careers result, under /api/me/career-plans.
 *
 *   GET    /api/me/career-plans        -> CareerPlanSummary[] (newest first)
 *   POST   /api/me/career-plans        body CreateCareerPlanRequest -> CareerPlan (201)
 *   GET    /api/me/career-plans/:id    -> CareerPlan (another user's id is 404 `career_plan_not_found`)
 *   DELETE /api/me/career-plans/:id    -> 204
 *
 * Privacy: a plan holds the result, the extracted skills and the inputs that are not the resume
 * (interest scores, job zones, work values, location). There is no field for resume text or the file.
 */
import type { CareerAlsoConsider, CareerMatch, InterestMatch, WorkValueRatings } from './careers';
import type { RiasecProfile } from './occupations';

export const CAREER_PLAN_KINDS = ['resume', 'text', 'interests'] as const;
export type CareerPlanKind = (typeof CAREER_PLAN_KINDS)[number];

export const CAREER_PLAN_LIMITS = {
  nameMax: 100,
  plansPerUser: 50,
  matchesMax: 20,
  alsoConsiderMax: 30,
  skillsMax: 200,
  skillMax: 100,
  /** The serialized matches + alsoConsider, in bytes: a full top 10 with reasons is about 30 kB. */
  resultMaxBytes: 80_000,
} as const;

/** The inputs of the result other than the resume or the text itself. */
export interface CareerPlanInputs {
  /** Resume/text: the place postings were looked up near. */
  location?: string;
  radiusKm?: number;
  /** Interests: the six area scores (0-40). */
  scores?: RiasecProfile;
  jobZones?: number[];
  education?: number;
  workValues?: WorkValueRatings;
}

export interface CreateCareerPlanRequest {
  kind: CareerPlanKind;
  name: string;
  /** CareerMatch[] for resume/text, InterestMatch[] for interests. */
  matches: CareerMatch[] | InterestMatch[];
  alsoConsider?: CareerAlsoConsider[];
  /** The skills the matcher read from the resume or text (resume/text only). */
  skills?: string[];
  inputs?: CareerPlanInputs;
}

export interface CareerPlanSummary {
  id: string;
  kind: CareerPlanKind;
  name: string;
  /** The best few occupation titles, for the account page's list. */
  topTitles: string[];
  matchCount: number;
  createdAt: string;
}

export interface CareerPlan extends CareerPlanSummary {
  matches: CareerMatch[] | InterestMatch[];
  alsoConsider: CareerAlsoConsider[];
  skills: string[];
  inputs: CareerPlanInputs;
}
