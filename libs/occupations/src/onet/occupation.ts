// The occupation profile types are part of the API contract (the Angular app renders them), so
// they live in libs/contracts; the loader keeps importing them from here.
export { RIASEC_KEYS, WORK_VALUE_KEYS } from '@jobportal/contracts';
export type {
  SocGroup,
  SocClassification,
  OccupationTask,
  TechnologySkill,
  RatedElement,
  RiasecProfile,
  Interests,
  WorkValues,
  JobZone,
  TypicalEducation,
  WageFigures,
  OccupationWages,
  OccupationProjections,
  RelatedOccupation,
  OccupationCore,
  Occupation,
} from '@jobportal/contracts';
