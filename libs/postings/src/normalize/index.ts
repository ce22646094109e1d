export { cleanString, decodeEntities, decodeLiteralEscapes, normalizeText, type NormalizedText } from './normalize-text';
export { normalizeDate, type NormalizeDateOptions } from './normalize-date';
export {
  normalizeKey,
  normalizeLocation,
  preloadGazetteer,
  type LocationFallback,
  type NormalizeLocationOptions,
  type NormalizedLocation,
} from './normalize-location';
export {
  ANNUAL_MULTIPLIER,
  findPayInText,
  inferPayPeriod,
  normalizeSalary,
  parsePayPeriod,
  type SalaryInput,
} from './normalize-salary';
export { normalizeWorkMode, type WorkModeInput } from './normalize-work-mode';
export { normalizeExperience, type ExperienceInput } from './normalize-experience';
export { normalizeEmploymentType, type EmploymentTypeInput } from './normalize-employment-type';
export {
  MAX_SKILLS,
  createSkillMatcher,
  extractSkills,
  loadTechnologySkills,
  parseTechnologySkillsCsv,
  type ExtractSkillsInput,
  type SkillMatcher,
  type TechnologySkillRow,
} from './normalize-skills';
export { computeFingerprint, normalizeCompanyKey, normalizeTitleKey } from './fingerprint';
export {
  MAX_DESCRIPTION_LENGTH,
  MAX_TITLE_LENGTH,
  SOURCE_LOCATION_DEFAULTS,
  createPostingNormalizer,
  postingId,
  type PostingNormalization,
  type PostingNormalizerContext,
  type SourceLocationDefaults,
} from './normalize-posting';
