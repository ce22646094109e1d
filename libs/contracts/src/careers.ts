/**
 * The careers API contract (issue 9): from a resume, free text or an interest profile to fitting
 * occupations and live postings. Shared by the backend, the Angular /careers page and career plans.
 *
 * Routes:
 *   POST /api/careers/from-text          body CareersFromTextRequest            -> CareersResponse
 *   POST /api/careers/from-resume        multipart/form-data: `file` (PDF, DOCX or plain text,
 *                                         at most 5 MB), optional `location`, `radiusKm`
 *                                                                               -> CareersResponse
 *   GET  /api/careers/interest-profiler                                          -> InterestProfilerItems
 *   POST /api/careers/from-interests     body FromInterestsRequest              -> FromInterestsResponse
 *
 * Errors use the one envelope { statusCode, code, message, errors? }:
 *   from-text / from-resume: 400 `validation_failed` (text empty or under 20 characters, bad
 *   radiusKm), 400 `unknown_location` (location the suggester does not know), 413 `file_too_large`,
 *   415 `unsupported_file_type`, 422 `no_text_found` (image-only or encrypted PDF: paste the text
 *   instead), 422 `unreadable_file` (corrupt PDF or DOCX), 429 `rate_limited`.
 *   from-interests: 400 `validation_failed` with errors naming `answers[i]`, `scores.social`,
 *   `jobZones[i]`, ...; 422 `flat_profile` (all areas equal: no shape to match).
 */
import type { RiasecProfile, WorkValues } from './occupations';

// ---------------------------------------------------------------------------------------------
// Resume and free text -> occupations
// ---------------------------------------------------------------------------------------------

export const CAREER_TEXT_MIN_CHARS = 20;
export const CAREER_TEXT_MAX_CHARS = 100_000;
export const CAREER_RESUME_MAX_BYTES = 5 * 1024 * 1024;
export const CAREER_RADIUS_DEFAULT_KM = 50;
export const CAREER_RADIUS_MAX_KM = 500;
export const CAREER_MAX_MATCHES = 10;

/** `POST /api/careers/from-text` body. */
export interface CareersFromTextRequest {
  /** The resume or the person's own description of their experience (20 to 100,000 characters). */
  text: string;
  /** A place the location suggester knows ("Austin, TX"); postings near it are listed per occupation. */
  location?: string;
  /** Radius around `location`, km (1-500, default 50). */
  radiusKm?: number;
}

/** The multipart fields of `POST /api/careers/from-resume` besides `file`. */
export interface CareersFromResumeFields {
  location?: string;
  /** Sent as a form field, so a numeric string. */
  radiusKm?: string;
}

export const CAREER_FITS = ['best', 'great', 'good'] as const;
/** best: match >= 80; great: match >= 60; good: the rest of the top 10 (see docs/careers.md). */
export type CareerFit = (typeof CAREER_FITS)[number];

/**
 * One piece of evidence: the resume's words and the occupation's that matched.
 * `occupationHighlight` is HTML with <mark> around the matched words, everything else escaped.
 */
export interface CareerEvidence {
  resume: string;
  occupation: string;
  occupationHighlight?: string | null;
}

export interface CareerReasons {
  /** Resume titles against the occupation's title, alternate or reported titles. */
  titles: CareerEvidence[];
  /** Resume skills/technologies against the occupation's O*NET technology skills. */
  skills: CareerEvidence[];
  /** Resume text against the occupation's tasks (and work activities / knowledge). */
  tasks: CareerEvidence[];
}

/** How the match score was made (each part 0-1, weights in docs/careers.md). */
export interface CareerScoreParts {
  /** The classifier's probability for the SOC code, from the resume's titles. */
  classifier: number;
  /** Weighted keyword retrieval over the occupations index, normalized to the best hit. */
  retrieval: number;
  /** Share of the occupation's technology skills found in the resume (IDF-weighted). */
  skills: number;
}

export interface CareerPosting {
  id: string;
  title: string;
  company: string | null;
  /** "City, RG" or the posting's location text. */
  location: string | null;
  postedAt: string | null;
  /** Km from the requested location (present when a location was given). */
  distanceKm?: number;
}

export interface CareerLivePostings {
  /** Open postings coded to the occupation's SOC code (near the location when one was given). */
  count: number;
  /** Up to 3 postings, nearest (or newest, without a location) first. */
  nearby: CareerPosting[];
  /** The job search that lists them all, e.g. "/jobs?occupation=29-1141&location=Austin%2C%20TX&radius=50km". */
  searchUrl: string;
}

export interface CareerMatch {
  /** SOC 2018 detailed code, 6 digits ("29-1141"). */
  code: string;
  /** O*NET-SOC code of the best-matching occupation under it ("29-1141.00"). */
  onetCode: string;
  title: string;
  /** 0-100, our own score (docs/careers.md). */
  match: number;
  fit: CareerFit;
  reasons: CareerReasons;
  parts: CareerScoreParts;
  jobZone: number | null;
  /** OEWS annual median, US dollars. */
  medianWage: number | null;
  /** BLS 2024-34 projected employment change, percent. */
  projectedGrowth: number | null;
  livePostings: CareerLivePostings;
}

/** An O*NET related occupation of the matches that is not itself a match. */
export interface CareerAlsoConsider {
  code: string;
  onetCode: string;
  title: string;
  /** The O*NET code of the match it is related to. */
  relatedTo: string;
}

/** A job title found in the resume. */
export interface ExtractedTitle {
  /** As written ("Sr. Registered Nurse II, Mercy Hospital"). */
  raw: string;
  /** Normalized: seniority words, codes and company names removed ("registered nurse"). */
  normalized: string;
  /** Weight given (recency x repetition x source), highest first. */
  weight: number;
  source: 'heading' | 'first_line' | 'experience' | 'text';
}

/** What the matcher read from the text (what a signed-in user may save with the result). */
export interface CareersExtracted {
  titles: ExtractedTitle[];
  /** Skills and technologies named in the text, O*NET technology names where they match. */
  skills: string[];
  /** Characters of text read (from the file or the body). */
  textLength: number;
}

export interface CareersLocation {
  label: string;
  lat: number | null;
  lon: number | null;
  radiusKm: number;
}

/** Response of from-text and from-resume. */
export interface CareersResponse {
  /** Up to 10, best first. */
  matches: CareerMatch[];
  alsoConsider: CareerAlsoConsider[];
  extracted: CareersExtracted;
  /** The location as resolved (null when none was given). */
  location: CareersLocation | null;
  tookMs: number;
}

// ---------------------------------------------------------------------------------------------
// Interest profiler, work values, education
// ---------------------------------------------------------------------------------------------

export const INTEREST_PROFILER_ITEM_COUNT = 60;
export const RIASEC_AREAS = ['realistic', 'investigative', 'artistic', 'social', 'enterprising', 'conventional'] as const;
export type RiasecArea = (typeof RIASEC_AREAS)[number];

export interface InterestProfilerItem {
  /** 1-60, the order to present them in. */
  item: number;
  area: RiasecArea;
  /** O*NET element id of the area ("1.B.1.a"). */
  elementId: string;
  /** The activity ("Build kitchen cabinets"). */
  text: string;
}

export interface InterestScaleStep {
  /** 1 (strongly dislike) to 5 (strongly like); scored value - 1 (0-4). */
  value: number;
  label: string;
}

/** `GET /api/careers/interest-profiler`. */
export interface InterestProfilerItems {
  items: InterestProfilerItem[];
  scale: InterestScaleStep[];
  /** "Present the items in `item` order, one answer each on the scale." */
  instructions: string;
  /** The O*NET attribution to show with the questionnaire. */
  attribution: string;
  /** The six work values a person may rate (1-5 importance), for the values step. */
  workValues: Array<{ key: keyof WorkValues; name: string; description: string }>;
  /** Education levels (O*NET RL categories 1-12) a person may pick, with the job zones each maps to. */
  education: Array<{ category: number; label: string; jobZones: number[] }>;
  jobZones: Array<{ zone: number; name: string }>;
}

/** Work values the person rates: each 1 (not important) to 5 (very important); all optional. */
export type WorkValueRatings = Partial<Record<keyof WorkValues, number>>;

/**
 * `POST /api/careers/from-interests` body: either `answers` (60 integers 1-5, in item order) or
 * `scores` (each area 0-40, as the Short Form sums them). `jobZones` wins over `education` when both
 * are given; with neither, all zones.
 */
export interface FromInterestsRequest {
  answers?: number[];
  scores?: RiasecProfile;
  /** Job zones to search in (1-5). */
  jobZones?: number[];
  /** The education the person has or wants: an O*NET RL category (1-12), mapped to job zones. */
  education?: number;
  workValues?: WorkValueRatings;
  /** How many occupations to return (1-20, default 10). */
  limit?: number;
}

export interface InterestScoreParts {
  /** Pearson correlation of the six RIASEC scores with the occupation's (-1..1). */
  interestCorrelation: number;
  /** Work-value similarity (0-1); null when no work values were given. */
  workValueSimilarity: number | null;
}

export interface InterestMatch {
  onetCode: string;
  /** SOC 2018 detailed code. */
  code: string;
  title: string;
  /** 0-100 percent match (docs/careers.md). */
  match: number;
  parts: InterestScoreParts;
  jobZone: number | null;
  medianWage: number | null;
  projectedGrowth: number | null;
  /** The occupation's RIASEC high-point code ("SEC"). */
  interestCode: string;
  /** For the radar chart: the person's scores rescaled to O*NET's 1-7 (1 + 6 * score / 40). */
  userProfile: RiasecProfile;
  /** The occupation's O*NET interest profile (1-7). */
  occupationProfile: RiasecProfile;
  /** Present when work values were given: the person's (rescaled to 1-7) and the occupation's. */
  userWorkValues?: WorkValues;
  occupationWorkValues?: WorkValues;
}

export interface FromInterestsResponse {
  /** The person's area scores (0-40), as summed from the answers or as given. */
  scores: RiasecProfile;
  /** The person's high-point code ("SAE"). */
  interestCode: string;
  /** The job zones searched. */
  jobZones: number[];
  matches: InterestMatch[];
}
