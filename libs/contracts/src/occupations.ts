/** A SOC 2018 group (major "15-0000", minor "15-1200", broad "15-1250") or detailed occupation. */
export interface SocGroup {
  code: string;
  title: string;
}

/** Where an O*NET-SOC occupation sits in SOC 2018. */
export interface SocClassification {
  /** Detailed SOC 2018 code, e.g. "15-1252". */
  code: string;
  title: string;
  /** The SOC 2018 definition of the detailed occupation (shared by its O*NET children). */
  definition: string | null;
  /** Major group, e.g. { code: "15-0000", title: "Computer and Mathematical Occupations" }. */
  major: SocGroup;
  /** The two digits of the major group ("15"), as postings store it. */
  majorPrefix: string;
  minor: SocGroup;
  broad: SocGroup;
}

export interface OccupationTask {
  id: string;
  text: string;
  /** "Core" or "Supplemental"; null where O*NET does not rate it. */
  type: 'Core' | 'Supplemental' | null;
}

export interface TechnologySkill {
  /** The product or technology ("Microsoft Excel"). */
  name: string;
  /** UNSPSC commodity it belongs to ("Spreadsheet software"). */
  commodityCode: string;
  commodityTitle: string;
  /** O*NET's "Hot Technology" flag: frequently named in employers' postings. */
  hot: boolean;
  /** O*NET's "In Demand" flag for this occupation. */
  inDemand: boolean;
}

/** A skill or knowledge area with its O*NET importance (1-5) and level (0-7) ratings. */
export interface RatedElement {
  id: string;
  name: string;
  importance: number | null;
  level: number | null;
}

/** O*NET occupational interest scores (1-7), Holland's RIASEC model. */
export interface RiasecProfile {
  realistic: number;
  investigative: number;
  artistic: number;
  social: number;
  enterprising: number;
  conventional: number;
}
export const RIASEC_KEYS = ['realistic', 'investigative', 'artistic', 'social', 'enterprising', 'conventional'] as const;

export interface Interests {
  scores: RiasecProfile;
  /** High-point letters in order, e.g. "IC" (Investigative, Conventional). */
  code: string;
}

/** O*NET work values "extent" scores (1-7). */
export interface WorkValues {
  achievement: number;
  workingConditions: number;
  recognition: number;
  relationships: number;
  support: number;
  independence: number;
}
export const WORK_VALUE_KEYS = ['achievement', 'workingConditions', 'recognition', 'relationships', 'support', 'independence'] as const;

export interface JobZone {
  /** 1 (little or no preparation) to 5 (extensive preparation). */
  zone: number;
  name: string;
  education: string;
  experience: string;
  training: string;
}

/** The required education level most respondents named (O*NET "RL" scale, categories 1-12). */
export interface TypicalEducation {
  category: number;
  description: string;
  /** Percent of respondents in that category. */
  percent: number;
  /** Percent per category (1-12), for a distribution chart. */
  distribution: Array<{ category: number; description: string; percent: number }>;
}

/** OEWS national estimates; annual and hourly in US dollars. */
export interface WageFigures {
  mean: number | null;
  p10: number | null;
  p25: number | null;
  median: number | null;
  p75: number | null;
  p90: number | null;
}
export interface OccupationWages {
  /** Reference period, e.g. "May 2024". */
  period: string;
  /** The OEWS code the figures are for; the broad group when OEWS does not publish the detailed one. */
  socCode: string;
  socTitle: string;
  level: 'detailed' | 'broad';
  employment: number | null;
  annual: WageFigures;
  hourly: WageFigures;
  /** OEWS publishes only annual figures (teachers, pilots). */
  annualOnly: boolean;
  /** OEWS publishes only hourly figures (actors, musicians). */
  hourlyOnly: boolean;
  /**
   * Fields OEWS top-codes ("#": at least $115.00 an hour or $239,200 a year); their value here is
   * that threshold, a lower bound.
   */
  topCoded: string[];
}

/** BLS Employment Projections 2024-34 for the National Employment Matrix line that covers the occupation. */
export interface OccupationProjections {
  period: '2024-34';
  /** NEM code (a SOC code or a BLS aggregate such as 31-1120). */
  nemCode: string;
  nemTitle: string;
  /** Thousands of jobs. */
  employment2024: number | null;
  employment2034: number | null;
  changeNumeric: number | null;
  changePercent: number | null;
  /** Average annual openings, thousands. */
  openingsAnnual: number | null;
  medianAnnualWage: number | null;
  typicalEducation: string | null;
  workExperience: string | null;
  onTheJobTraining: string | null;
}

export interface RelatedOccupation {
  onetCode: string;
  title: string;
  /** "Primary-Short", "Primary-Long" or "Supplemental". */
  tier: string;
  /** O*NET's rank (1 = most related). */
  rank: number;
}

/** The core of an occupation: what the classifier and the search index need. */
export interface OccupationCore {
  /** O*NET-SOC 2019 code, e.g. "15-1252.00". */
  onetCode: string;
  title: string;
  description: string;
  soc: SocClassification;
  alternateTitles: string[];
  /** Abbreviated forms O*NET gives for some alternate titles ("CEO"). */
  shortTitles: string[];
  reportedTitles: string[];
  tasks: OccupationTask[];
}

/** A full O*NET occupation profile. Sections O*NET does not rate for the occupation are empty or null. */
export interface Occupation extends OccupationCore {
  technologySkills: TechnologySkill[];
  /** Sorted by importance, most important first. */
  skills: RatedElement[];
  knowledge: RatedElement[];
  interests: Interests | null;
  workValues: WorkValues | null;
  jobZone: JobZone | null;
  education: TypicalEducation | null;
  wages: OccupationWages | null;
  projections: OccupationProjections | null;
  relatedOccupations: RelatedOccupation[];
}

// ---------------------------------------------------------------------------------------------
// API: /api/occupations, /api/occupations/:code, /api/classify
// ---------------------------------------------------------------------------------------------

/** One hit of `GET /api/occupations?q=` (O*NET-style keyword search). */
export interface OccupationSearchHit {
  onetCode: string;
  /** SOC 2018 detailed code, e.g. "15-1252". */
  socCode: string;
  title: string;
  /** First sentence or two of the O*NET description. */
  description: string;
  major: SocGroup;
  jobZone: number | null;
  /** OEWS annual median, US dollars (null where OEWS does not publish it). */
  medianAnnualWage: number | null;
  /** BLS 2024-34 projected change, percent. */
  projectedGrowthPercent: number | null;
  /** Why it matched: the best matching field ("title", "alternate_title", "reported_title", "task", ...). */
  matchedOn: string | null;
  /** Highlighted alternate title or task that matched (HTML, <mark> around matches, all else escaped). */
  matchedText: string | null;
}

export interface OccupationSearchResponse {
  hits: OccupationSearchHit[];
  total: number;
}

/** A month of postings for an occupation ("2024-03"). */
export interface MonthlyCount {
  month: string;
  count: number;
}

export interface NamedCount {
  name: string;
  count: number;
}

/** Live labor-market data for an occupation, from the postings index (SOC 2018 detailed code). */
export interface OccupationLiveData {
  postingCount: number;
  /** Postings per month by posted date, oldest first. */
  monthlyTrend: MonthlyCount[];
  topCompanies: NamedCount[];
  /** "City, RG" (or region alone). */
  topPlaces: NamedCount[];
  /** Annualized pay seen in postings that state it (midpoint of the range); null when none do. */
  postedPay: { count: number; p25: number | null; median: number | null; p75: number | null } | null;
  /** The most recent postings coded to the occupation (at most 10). */
  postings: Array<{ id: string; title: string; company: string | null; location: string | null; postedAt: string | null }>;
}

/** `GET /api/occupations/:code` (an O*NET-SOC code "29-1141.00" or a SOC code "29-1141"). */
export interface OccupationDetailResponse {
  occupation: Occupation;
  /** Other O*NET-SOC occupations under the same SOC 2018 code (e.g. 29-1141.01 Acute Care Nurses). */
  siblings: Array<{ onetCode: string; title: string }>;
  live: OccupationLiveData;
}

/** `POST /api/classify` body: at most 1,000 items. */
export interface ClassifyRequest {
  items: Array<{ title: string; description?: string }>;
}

export interface ClassifiedCode {
  /** SOC 2018 detailed code, e.g. "15-1252". */
  code: string;
  title: string;
  probability: number;
}

export interface ClassifyResult {
  /** Top 5 SOC 2018 codes, most probable first; empty for empty input. */
  codes: ClassifiedCode[];
  /** The best O*NET-SOC occupation (for linking to its page); null for empty input. */
  onetCode: string | null;
  confidence: number;
  needsReview: boolean;
  reason: 'empty_input' | 'unknown_words' | 'below_threshold' | null;
}

export interface ClassifyResponse {
  results: ClassifyResult[];
  modelVersion: string;
}

/** The SOC code a posting was coded to, as search hits and job detail carry it. */
export interface JobOccupation {
  code: string;
  onetCode: string;
  title: string;
  major: string;
  majorTitle: string;
  confidence: number;
  needsReview: boolean;
}
