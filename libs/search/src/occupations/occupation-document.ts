import type { Occupation, RiasecProfile, SocGroup, WageFigures } from '@jobportal/contracts';

/**
 * An `occupations` index document (elastic/indices/occupations.json): the fields the keyword search
 * and future filters read, in snake_case, plus the whole O*NET profile as it is (`profile`, not
 * indexed) for the occupation page, so the page never has to rebuild it from the search fields.
 */
export interface OccupationDocument {
  onet_code: string;
  soc_code: string;
  soc_title: string;
  major: SocGroup;
  minor: SocGroup;
  broad: SocGroup;
  title: string;
  description: string;
  alternate_titles: string[];
  short_titles: string[];
  reported_titles: string[];
  tasks: string[];
  technology_skills: Array<{ name: string; commodity_title: string; hot: boolean; in_demand: boolean }>;
  hot_technologies: string[];
  /** The ten most important skills and knowledge areas, by name. */
  skills: string[];
  knowledge: string[];
  interests: (RiasecProfile & { code: string }) | null;
  work_values: {
    achievement: number;
    working_conditions: number;
    recognition: number;
    relationships: number;
    support: number;
    independence: number;
  } | null;
  job_zone: number | null;
  education: { category: number; description: string; percent: number } | null;
  wages: {
    period: string;
    soc_code: string;
    level: 'detailed' | 'broad';
    employment: number | null;
    annual: WageFigures;
    hourly: WageFigures;
  } | null;
  projections: {
    nem_code: string;
    employment_2024: number | null;
    employment_2034: number | null;
    change_numeric: number | null;
    change_percent: number | null;
    openings_annual: number | null;
    typical_education: string | null;
  } | null;
  /** O*NET-SOC codes of the related occupations, most related first. */
  related_occupations: string[];
  profile: Occupation;
}

/** How many skills and knowledge areas (by importance) are searchable; the profile keeps them all. */
export const TOP_RATED_ELEMENTS = 10;

export function toOccupationDocument(o: Occupation): OccupationDocument {
  return {
    onet_code: o.onetCode,
    soc_code: o.soc.code,
    soc_title: o.soc.title,
    major: o.soc.major,
    minor: o.soc.minor,
    broad: o.soc.broad,
    title: o.title,
    description: o.description,
    alternate_titles: o.alternateTitles,
    short_titles: o.shortTitles,
    reported_titles: o.reportedTitles,
    tasks: o.tasks.map((t) => t.text),
    technology_skills: o.technologySkills.map((t) => ({ name: t.name, commodity_title: t.commodityTitle, hot: t.hot, in_demand: t.inDemand })),
    hot_technologies: o.technologySkills.filter((t) => t.hot).map((t) => t.name),
    skills: o.skills.slice(0, TOP_RATED_ELEMENTS).map((s) => s.name),
    knowledge: o.knowledge.slice(0, TOP_RATED_ELEMENTS).map((k) => k.name),
    interests: o.interests ? { ...o.interests.scores, code: o.interests.code } : null,
    work_values: o.workValues
      ? {
          achievement: o.workValues.achievement,
          working_conditions: o.workValues.workingConditions,
          recognition: o.workValues.recognition,
          relationships: o.workValues.relationships,
          support: o.workValues.support,
          independence: o.workValues.independence,
        }
      : null,
    job_zone: o.jobZone?.zone ?? null,
    education: o.education ? { category: o.education.category, description: o.education.description, percent: o.education.percent } : null,
    wages: o.wages
      ? { period: o.wages.period, soc_code: o.wages.socCode, level: o.wages.level, employment: o.wages.employment, annual: o.wages.annual, hourly: o.wages.hourly }
      : null,
    projections: o.projections
      ? {
          nem_code: o.projections.nemCode,
          employment_2024: o.projections.employment2024,
          employment_2034: o.projections.employment2034,
          change_numeric: o.projections.changeNumeric,
          change_percent: o.projections.changePercent,
          openings_annual: o.projections.openingsAnnual,
          typical_education: o.projections.typicalEducation,
        }
      : null,
    related_occupations: o.relatedOccupations.map((r) => r.onetCode),
    profile: o,
  };
}
